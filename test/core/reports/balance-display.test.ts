import { expect } from "chai";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import { balanceDisplay } from "../../../packages/core/src/reports/index.js";

describe("reports: balance display state (§2)", () => {
  it("shows Amount Due > 0 as owed and zero credit as neutral", () => {
    expect(balanceDisplay({ amountDue: "12.50", accountCredit: "0.00", currency: "USD" })).to.deep.equal({
      due: "owed",
      credit: "neutral",
    });
  });

  it("shows Account Credit > 0 as available and zero due as neutral", () => {
    expect(balanceDisplay({ amountDue: "0.00", accountCredit: "0.01", currency: "USD" })).to.deep.equal({
      due: "neutral",
      credit: "available",
    });
  });

  it("shows both figures in their own state at once: they are never netted", () => {
    expect(balanceDisplay({ amountDue: "10.00", accountCredit: "10.00", currency: "USD" })).to.deep.equal({
      due: "owed",
      credit: "available",
    });
  });

  it("shows zero figures as neutral, in zero-decimal and three-decimal currencies too", () => {
    const neutral = { due: "neutral", credit: "neutral" };
    expect(balanceDisplay({ amountDue: "0.00", accountCredit: "0.00", currency: "USD" })).to.deep.equal(neutral);
    expect(balanceDisplay({ amountDue: "0", accountCredit: "0", currency: "JPY" })).to.deep.equal(neutral);
    expect(balanceDisplay({ amountDue: "0.000", accountCredit: "0.000", currency: "KWD" })).to.deep.equal(neutral);
    expect(balanceDisplay({ amountDue: "1200", accountCredit: "0.001", currency: "KWD" })).to.deep.equal({
      due: "owed",
      credit: "available",
    });
  });

  it("rejects negative figures, non-amounts, too many decimals and unknown currencies with typed errors", () => {
    const cases: [Parameters<typeof balanceDisplay>[0], string][] = [
      [{ amountDue: "-1.00", accountCredit: "0.00", currency: "USD" }, "negative-amount"],
      [{ amountDue: "0.00", accountCredit: "abc", currency: "USD" }, "invalid-amount"],
      [{ amountDue: "1.5", accountCredit: "0", currency: "JPY" }, "too-many-decimals"],
      [{ amountDue: "1.00", accountCredit: "0.00", currency: "XYZ" }, "unknown-currency"],
    ];
    for (const [figures, code] of cases) {
      expect(() => balanceDisplay(figures), code)
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e) && e.code === code);
    }
  });
});

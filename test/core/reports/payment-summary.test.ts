import { expect } from "chai";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import { fromAmountString, sum, toAmountString } from "../../../packages/core/src/money.js";
import { PAYMENT_TYPE_ORDER, paymentSummary, transactionLines } from "../../../packages/core/src/reports/index.js";
import { sampleJournal } from "./fixture.js";

describe("reports: payment summary (§7)", () => {
  const entries = sampleJournal().entries();
  const totals = (s: ReturnType<typeof paymentSummary>) => Object.fromEntries(s.categories.map((c) => [c.paymentType, [c.count, c.total]]));

  it("totals every payment type over the whole ledger, with Account Credit as its own category", () => {
    const summary = paymentSummary(entries, { currency: "USD" });
    expect(totals(summary)).to.deep.equal({
      card: [1, "50.00"],
      ach: [1, "30.00"],
      cash: [0, "0.00"],
      check: [1, "50.00"],
      other: [0, "0.00"],
      "account-credit": [3, "90.00"],
    });
    expect(summary).to.include({ count: 6, total: "220.00", currency: "USD" });
  });

  it("lists all six categories, zero ones included, in the fixed order card, ach, cash, check, other, account-credit", () => {
    const summary = paymentSummary(entries, { currency: "USD", from: "2030-01-01" });
    expect(summary.categories.map((c) => c.paymentType)).to.deep.equal(["card", "ach", "cash", "check", "other", "account-credit"]);
    expect(summary.categories.map((c) => c.paymentType)).to.deep.equal([...PAYMENT_TYPE_ORDER]);
    expect(summary.categories.every((c) => c.count === 0 && c.total === "0.00")).to.equal(true);
    expect(summary).to.include({ count: 0, total: "0.00" });
    expect(summary.categories.at(-1)?.label).to.equal("Account Credit");
  });

  it("counts only payments dated inside the period, edges included", () => {
    const summary = paymentSummary(entries, { currency: "USD", from: "2026-02-03", to: "2026-02-14" });
    expect(totals(summary)).to.deep.include({ "account-credit": [2, "50.00"], check: [1, "50.00"], card: [0, "0.00"], ach: [0, "0.00"] });
    expect(summary).to.include({ from: "2026-02-03", to: "2026-02-14", count: 3, total: "100.00" });
  });

  it("makes the Account Credit category equal the sum of the Payment (AC) lines in the period", () => {
    for (const period of [{}, { from: "2026-01-20", to: "2026-02-03" }, { from: "2026-02-04" }, { to: "2026-01-19" }]) {
      const lines = transactionLines(entries, { ...period, transactionTypes: ["Payment (AC)"] });
      const expected = toAmountString(
        sum(
          lines.map((l) => fromAmountString(l.amount, "USD")),
          "USD",
        ),
      );
      const category = paymentSummary(entries, { currency: "USD", ...period }).categories.find((c) => c.paymentType === "account-credit");
      expect(category, JSON.stringify(period)).to.deep.include({ total: expected, count: lines.length });
    }
  });

  it("rejects bad periods, unknown currencies and amounts not exact in the currency", () => {
    const code = (fn: () => unknown, c: string) =>
      expect(fn)
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e, c as never));
    code(() => paymentSummary(entries, { currency: "USD", from: "2026-03-01", to: "2026-02-01" }), "invalid-input");
    code(() => paymentSummary(entries, { currency: "USD", from: "01/02/2026" }), "invalid-date");
    code(() => paymentSummary(entries, { currency: "QQQ" }), "unknown-currency");
    code(() => paymentSummary(entries, { currency: "JPY" }), "too-many-decimals");
    code(() => paymentSummary(entries, undefined as never), "invalid-input");
  });
});

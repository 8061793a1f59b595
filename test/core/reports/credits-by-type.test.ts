import { expect } from "chai";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { creditsByType } from "../../../packages/core/src/reports/index.js";
import { build, sampleJournal } from "./fixture.js";

describe("reports: credits by credit type (§7)", () => {
  const entries = sampleJournal().entries();

  it("totals issued credit per credit type, every grant type counted, and nets out a void on the grant's credit type", () => {
    const report = creditsByType(entries, { currency: "USD" });
    expect(report.rows).to.deep.equal([
      { creditType: "Goodwill", issued: "15.00", voided: "0.00", net: "15.00", count: 1, voidCount: 0 },
      { creditType: "Preload", issued: "80.00", voided: "20.00", net: "60.00", count: 1, voidCount: 1 },
      { creditType: "Refund", issued: "25.00", voided: "0.00", net: "25.00", count: 1, voidCount: 0 },
      { creditType: "Weather closure", issued: "30.00", voided: "0.00", net: "30.00", count: 1, voidCount: 0 },
    ]);
    expect(report.totals).to.deep.equal({ issued: "150.00", voided: "20.00", net: "130.00", count: 4, voidCount: 1 });
  });

  it("attributes a void in the period to its grant's credit type even when the grant was issued earlier (net may go negative)", () => {
    const report = creditsByType(entries, { currency: "USD", from: "2026-02-15", to: "2026-03-31" });
    expect(report.rows).to.deep.equal([{ creditType: "Preload", issued: "0.00", voided: "20.00", net: "-20.00", count: 0, voidCount: 1 }]);
    expect(report).to.include({ from: "2026-02-15", to: "2026-03-31" });
  });

  it("counts only grants dated in the period, edges included", () => {
    const report = creditsByType(entries, { currency: "USD", from: "2026-01-12", to: "2026-02-10" });
    expect(report.rows.map((r) => [r.creditType, r.issued])).to.deep.equal([
      ["Goodwill", "15.00"],
      ["Preload", "80.00"],
      ["Refund", "25.00"],
    ]);
  });

  it("leaves out payments, fees and voids of fees", () => {
    const feeVoid: LedgerEntry = {
      id: "vf#0",
      key: "vf",
      type: "Void",
      accountId: "acct-d",
      date: "2026-03-05",
      amount: "5.00",
      description: "Waive",
      target: { kind: "fee", feeId: "D1" },
    };
    const report = creditsByType([...entries, feeVoid], { currency: "USD" });
    expect(report.totals).to.deep.equal({ issued: "150.00", voided: "20.00", net: "130.00", count: 4, voidCount: 1 });
  });

  it("rejects a void whose grant is not among the entries, and bad input, with typed errors", () => {
    const code = (fn: () => unknown, c: string) =>
      expect(fn)
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e, c as never));
    code(() => creditsByType([build.voidGrant("a", "2026-01-01", "ghost", "1.00")], { currency: "USD" }), "unknown-grant");
    code(() => creditsByType(entries, { currency: "USD", from: "2026-02-31" }), "invalid-date");
    code(() => creditsByType(entries, { currency: "KWD", to: "2026-01-01", from: "2026-01-02" }), "invalid-input");
    code(() => creditsByType([{ ...(entries[1] as LedgerEntry), amount: "1.234" }], { currency: "USD" }), "too-many-decimals");
  });
});

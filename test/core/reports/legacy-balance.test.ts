import { expect } from "chai";
import fc from "fast-check";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import { createJournal } from "../../../packages/core/src/ledger/journal.js";
import { fromAmountString, isNegative, isZero, subtract, toAmountString } from "../../../packages/core/src/money.js";
import { convertLegacyBalance, legacyOpeningEntries, OPENING_BALANCE } from "../../../packages/core/src/reports/index.js";

describe("reports: legacy balance conversion (§2)", () => {
  it("turns a positive signed balance into Amount Due and no credit", () => {
    expect(convertLegacyBalance("12.5", "USD")).to.deep.equal({ amountDue: "12.50", accountCredit: "0.00" });
  });

  it("turns a negative signed balance into Account Credit of its absolute value", () => {
    expect(convertLegacyBalance("-7.25", "USD")).to.deep.equal({ amountDue: "0.00", accountCredit: "7.25" });
  });

  it("turns zero (and minus zero) into both figures zero", () => {
    expect(convertLegacyBalance("0", "USD")).to.deep.equal({ amountDue: "0.00", accountCredit: "0.00" });
    expect(convertLegacyBalance("-0.00", "USD")).to.deep.equal({ amountDue: "0.00", accountCredit: "0.00" });
  });

  it("formats both figures with the currency's own digits (JPY 0, KWD 3)", () => {
    expect(convertLegacyBalance("1200", "JPY")).to.deep.equal({ amountDue: "1200", accountCredit: "0" });
    expect(convertLegacyBalance("-500", "JPY")).to.deep.equal({ amountDue: "0", accountCredit: "500" });
    expect(convertLegacyBalance("0", "JPY")).to.deep.equal({ amountDue: "0", accountCredit: "0" });
    expect(convertLegacyBalance("1.25", "KWD")).to.deep.equal({ amountDue: "1.250", accountCredit: "0.000" });
    expect(convertLegacyBalance("-0.005", "KWD")).to.deep.equal({ amountDue: "0.000", accountCredit: "0.005" });
    expect(convertLegacyBalance("0", "KWD")).to.deep.equal({ amountDue: "0.000", accountCredit: "0.000" });
  });

  it("rejects what is not an exact amount in the currency, with typed errors", () => {
    for (const [input, currency, code] of [
      ["", "USD", "amount-required"],
      ["1e3", "USD", "exponent-not-allowed"],
      ["-1.5", "JPY", "too-many-decimals"],
      ["NaN", "USD", "not-finite"],
      ["10%", "USD", "percent-not-supported"],
      ["5", "ZZZ", "unknown-currency"],
    ] as const) {
      expect(() => convertLegacyBalance(input, currency))
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e, code));
    }
  });

  it("keeps the signed balance: Amount Due − Account Credit equals it, and neither is negative (property)", () => {
    const signed = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 999 }))
      .map(([neg, whole, frac]) => `${neg ? "-" : ""}${whole}.${String(frac).padStart(3, "0")}`);
    fc.assert(
      fc.property(signed, (text) => {
        const { amountDue, accountCredit } = convertLegacyBalance(text, "KWD");
        const due = fromAmountString(amountDue, "KWD");
        const credit = fromAmountString(accountCredit, "KWD");
        expect(isNegative(due) || isNegative(credit)).to.equal(false);
        expect(isZero(due) || isZero(credit)).to.equal(true);
        expect(toAmountString(subtract(due, credit))).to.equal(toAmountString(fromAmountString(text, "KWD")));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("reports: legacy opening entries (§2)", () => {
  const journal = () => {
    const j = createJournal({ currency: "USD", settings: { autoApply: false } });
    j.openAccount({ id: "acct-1", name: "Legacy", kind: "family" });
    return j;
  };

  it("opens a positive balance as an 'Opening balance' fee that the ledger accepts as Amount Due", () => {
    const j = journal();
    const entries = legacyOpeningEntries("acct-1", "42.10", "USD", { key: "import/acct-1", date: "2026-01-01" });
    expect(entries).to.have.length(1);
    expect(entries[0]).to.deep.include({
      type: "Fee",
      category: OPENING_BALANCE,
      amount: "42.10",
      key: "import/acct-1",
      dueDate: "2026-01-01",
    });
    j.commit("import/acct-1", entries);
    expect(j.snapshot("acct-1")).to.deep.include({ amountDue: "42.10", accountCredit: "0.00" });
  });

  it("opens a negative balance as an Account Credit grant of type 'Opening balance' from a legacy balance", () => {
    const j = journal();
    const entries = legacyOpeningEntries("acct-1", "-8.00", "USD", { key: "import/acct-1", date: "2026-01-01" });
    expect(entries).to.have.length(1);
    expect(entries[0]).to.deep.include({
      type: "Account Credit",
      creditType: OPENING_BALANCE,
      amount: "8.00",
      source: { kind: "legacy-balance" },
    });
    j.commit("import/acct-1", entries);
    expect(j.snapshot("acct-1")).to.deep.include({ amountDue: "0.00", accountCredit: "8.00" });
  });

  it("posts nothing for a zero balance", () => {
    expect(legacyOpeningEntries("acct-1", "0.00", "USD", { key: "k", date: "2026-01-01" })).to.deep.equal([]);
  });

  it("rejects a bad date, an empty key or account id with typed errors", () => {
    expect(() => legacyOpeningEntries("acct-1", "1", "USD", { key: "k", date: "2026-02-30" }))
      .to.throw()
      .that.satisfies((e: unknown) => isCreditKitError(e, "invalid-date"));
    expect(() => legacyOpeningEntries("acct-1", "1", "USD", { key: "", date: "2026-02-01" }))
      .to.throw()
      .that.satisfies((e: unknown) => isCreditKitError(e, "invalid-input"));
    expect(() => legacyOpeningEntries("", "1", "USD", { key: "k", date: "2026-02-01" }))
      .to.throw()
      .that.satisfies((e: unknown) => isCreditKitError(e, "invalid-input"));
  });
});

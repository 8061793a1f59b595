import { expect } from "chai";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { ACCOUNT_CREDIT_PAYMENT_TYPE } from "../../../packages/core/src/ledger/entries.js";
import { createJournal } from "../../../packages/core/src/ledger/journal.js";
import { grantUsage, type TransactionFilter, transactionLines } from "../../../packages/core/src/reports/index.js";
import { build, post, sampleJournal } from "./fixture.js";

const throwsCode = (fn: () => unknown, code: string) =>
  expect(fn, code)
    .to.throw()
    .that.satisfies((e: unknown) => isCreditKitError(e, code as never));

describe("reports: transaction lines (§7)", () => {
  const entries = sampleJournal().entries();

  it("gives one line per entry, in date order, with no filter", () => {
    const lines = transactionLines(entries);
    expect(lines).to.have.length(entries.length);
    expect(new Set(lines.map((l) => l.entryId))).to.deep.equal(new Set(entries.map((e) => e.id)));
    const dates = lines.map((l) => l.date);
    expect(dates).to.deep.equal([...dates].sort());
  });

  it("keeps same-date entries in ledger order", () => {
    const sameDay = transactionLines(entries, { from: "2026-03-01", to: "2026-03-01" });
    expect(sameDay.map((l) => l.type)).to.deep.equal(["Fee", "Payment"]);
  });

  it("sorts back-dated entries by date, not by posting order", () => {
    const j = createJournal({ currency: "USD", settings: { autoApply: false } });
    j.openAccount({ id: "a", name: "A", kind: "member" });
    post(j, build.fee("a", "2026-05-01", "late", "1.00"), build.fee("a", "2026-04-01", "early", "1.00"));
    expect(transactionLines(j.entries()).map((l) => l.feeId)).to.deep.equal(["early", "late"]);
  });

  it("includes both edges of a date range and nothing outside it", () => {
    const lines = transactionLines(entries, { from: "2026-01-10", to: "2026-01-20" });
    expect(lines.map((l) => l.date)).to.deep.equal(["2026-01-10", "2026-01-12", "2026-01-15", "2026-01-20"]);
    expect(transactionLines(entries, { from: "2026-03-02" }).map((l) => l.feeId)).to.deep.equal(["F1"]);
    expect(transactionLines(entries, { to: "2026-01-05" }).map((l) => l.feeId)).to.deep.equal(["A1"]);
  });

  it("returns exactly the Payment (AC) lines for payment type 'account-credit'", () => {
    const lines = transactionLines(entries, { paymentTypes: [ACCOUNT_CREDIT_PAYMENT_TYPE] });
    const expected = entries.filter((e) => e.type === "Payment (AC)").map((e) => e.id);
    expect(expected).to.have.length(3);
    expect(lines.map((l) => l.entryId)).to.deep.equal(expected);
    for (const line of lines) expect(line).to.include({ type: "Payment (AC)", paymentType: "account-credit" });
  });

  it("gives a Payment line its method as payment type and its allocations", () => {
    const [card] = transactionLines(entries, { paymentTypes: ["card"] });
    expect(card).to.deep.include({
      type: "Payment",
      paymentType: "card",
      amount: "50.00",
      allocations: [{ feeId: "A1", amount: "50.00" }],
    });
    expect(transactionLines(entries, { paymentTypes: ["cash", "other"] })).to.deep.equal([]);
  });

  it("links each Payment (AC) line to the grants it used, with amounts", () => {
    const lines = transactionLines(entries, { transactionTypes: ["Payment (AC)"] });
    expect(lines.map((l) => ({ feeId: l.feeId, amount: l.amount, grants: l.grants }))).to.deep.equal([
      {
        feeId: "A1",
        amount: "40.00",
        grants: [
          { grantId: "G1", amount: "30.00" },
          { grantId: "G4", amount: "10.00" },
        ],
      },
      { feeId: "B1", amount: "40.00", grants: [{ grantId: "G2", amount: "40.00" }] },
      { feeId: "C1", amount: "10.00", grants: [{ grantId: "G3", amount: "10.00" }] },
    ]);
  });

  it("filters by transaction type 'Refund - Account Credit', with the grant and its credit type", () => {
    const lines = transactionLines(entries, { transactionTypes: ["Refund - Account Credit"] });
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ type: "Refund - Account Credit", grantId: "G3", creditType: "Refund", amount: "25.00" });
    expect(lines[0]).to.not.have.property("paymentType");
  });

  it("filters by transaction type 'Preloaded Credit'", () => {
    const lines = transactionLines(entries, { transactionTypes: ["Preloaded Credit"] });
    expect(lines.map((l) => [l.type, l.grantId, l.amount])).to.deep.equal([["Preloaded Credit", "G2", "80.00"]]);
  });

  it("ORs the values inside one filter", () => {
    const lines = transactionLines(entries, { transactionTypes: ["Preloaded Credit", "Refund - Account Credit"] });
    expect(lines.map((l) => l.grantId)).to.deep.equal(["G2", "G3"]);
  });

  it("ANDs different filters: account, date range, payment type and transaction type together", () => {
    const filter: TransactionFilter = {
      from: "2026-02-01",
      to: "2026-02-28",
      accountIds: ["acct-b", "acct-c"],
      paymentTypes: ["account-credit", "check"],
    };
    expect(transactionLines(entries, filter).map((l) => [l.accountId, l.type, l.paymentType])).to.deep.equal([
      ["acct-b", "Payment (AC)", "account-credit"],
      ["acct-c", "Payment (AC)", "account-credit"],
      ["acct-c", "Payment", "check"],
    ]);
    expect(transactionLines(entries, { ...filter, transactionTypes: ["Payment"] }).map((l) => l.paymentType)).to.deep.equal(["check"]);
    expect(transactionLines(entries, { ...filter, accountIds: ["acct-b"], to: "2026-02-02" })).to.deep.equal([]);
  });

  it("never matches fees, grants or voids when a payment type filter is set", () => {
    const lines = transactionLines(entries, { paymentTypes: ["card", "ach", "cash", "check", "other", "account-credit"] });
    expect(lines.every((l) => l.type === "Payment" || l.type === "Payment (AC)")).to.equal(true);
    expect(lines).to.have.length(6);
  });

  it("treats an empty list as no restriction", () => {
    expect(transactionLines(entries, { accountIds: [], paymentTypes: [], transactionTypes: [] })).to.have.length(entries.length);
  });

  it("shows a void of a grant with the grant id and the grant's credit type", () => {
    const [line] = transactionLines(entries, { transactionTypes: ["Void"] });
    expect(line).to.deep.include({ type: "Void", grantId: "G2", creditType: "Preload", amount: "20.00" });
  });

  it("rejects unknown payment and transaction types, bad dates and a period that ends before it starts", () => {
    throwsCode(() => transactionLines(entries, { paymentTypes: ["bitcoin" as "card"] }), "invalid-input");
    throwsCode(() => transactionLines(entries, { transactionTypes: ["Refund" as "Fee"] }), "invalid-input");
    throwsCode(() => transactionLines(entries, { from: "2026-13-01" }), "invalid-date");
    throwsCode(() => transactionLines(entries, { to: "yesterday" }), "invalid-date");
    throwsCode(() => transactionLines(entries, { from: "2026-02-02", to: "2026-02-01" }), "invalid-input");
  });

  it("rejects malformed entries with typed errors instead of crashing", () => {
    const [first] = entries as [LedgerEntry];
    throwsCode(() => transactionLines("nope" as unknown as LedgerEntry[]), "invalid-input");
    throwsCode(() => transactionLines([null as unknown as LedgerEntry]), "invalid-input");
    throwsCode(() => transactionLines([{ ...first, type: "Gift" } as unknown as LedgerEntry]), "invalid-input");
    throwsCode(() => transactionLines([{ ...first, date: "2026-02-30" }]), "invalid-date");
    const payment = entries.find((e) => e.type === "Payment") as LedgerEntry;
    throwsCode(() => transactionLines([{ ...payment, method: "barter" } as unknown as LedgerEntry]), "invalid-input");
    const ac = entries.find((e) => e.type === "Payment (AC)") as LedgerEntry;
    throwsCode(() => transactionLines([{ ...ac, grants: undefined } as unknown as LedgerEntry]), "invalid-input");
  });
});

describe("reports: grant usage (§2, §7)", () => {
  const entries = sampleJournal().entries();

  it("lists the Payment (AC) lines that used a grant, with the amount drawn from it", () => {
    const usage = grantUsage(entries, "G4");
    expect(usage).to.have.length(1);
    expect(usage[0]).to.deep.include({ type: "Payment (AC)", feeId: "A1", amount: "40.00", usedFromGrant: "10.00" });
  });

  it("finds every use of a grant drawn from more than once", () => {
    const j = createJournal({ currency: "USD", settings: { autoApply: false } });
    j.openAccount({ id: "a", name: "A", kind: "member" });
    post(
      j,
      build.grant("a", "2026-01-01", "G", "10.00", "Account Credit", "Goodwill"),
      build.fee("a", "2026-01-02", "F1", "3.00"),
      build.fee("a", "2026-01-02", "F2", "4.00"),
      build.creditPayment("a", "2026-01-03", "F1", "3.00", [{ grantId: "G", amount: "3.00" }]),
      build.creditPayment("a", "2026-01-04", "F2", "4.00", [{ grantId: "G", amount: "4.00" }]),
    );
    expect(grantUsage(j.entries(), "G").map((l) => [l.feeId, l.usedFromGrant])).to.deep.equal([
      ["F1", "3.00"],
      ["F2", "4.00"],
    ]);
  });

  it("returns nothing for a grant that was never used", () => {
    const j = createJournal({ currency: "USD", settings: { autoApply: false } });
    j.openAccount({ id: "a", name: "A", kind: "member" });
    post(j, build.grant("a", "2026-01-01", "G", "10.00", "Account Credit", "Goodwill"));
    expect(grantUsage(j.entries(), "G")).to.deep.equal([]);
  });

  it("rejects a grant id the entries do not know", () => {
    throwsCode(() => grantUsage(entries, "G-missing"), "unknown-grant");
    throwsCode(() => grantUsage(entries, ""), "invalid-input");
  });
});

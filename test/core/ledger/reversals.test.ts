/**
 * Reversing a recorded payment (§2: entries are never edited or deleted, only
 * reversed by a new entry): a `Void` whose target is the payment's entry.
 */
import { expect } from "chai";
import { deriveAccount } from "../../../packages/core/src/ledger/account-state.js";
import type { LedgerEntry, PaymentEntry } from "../../../packages/core/src/ledger/entries.js";
import { type Journal, restoreJournal } from "../../../packages/core/src/ledger/journal.js";
import { paymentReversal } from "../../../packages/core/src/ledger/reversal.js";
import { paymentSummary } from "../../../packages/core/src/reports/payment-summary.js";
import { transactionLines } from "../../../packages/core/src/reports/transaction-lines.js";
import { creditPaymentEntry, errorOf, grantCredit, grantEntry, journalWith, openFamily, postFee, voidEntry } from "../fixtures.js";

function cardPayment(key: string, accountId: string, amount: string, allocations: [string, string][]): PaymentEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Payment",
    accountId,
    date: "2026-11-20",
    amount,
    description: "Card at the desk",
    method: "card",
    allocations: allocations.map(([feeId, part]) => ({ feeId, amount: part })),
  };
}

const reversal = (key: string, accountId: string, entryId: string, amount: string): LedgerEntry =>
  voidEntry(key, accountId, { kind: "payment", entryId }, amount);

/** fam-1 owes swim 20.00 and gym 10.00, and has a 5.00 grant; paid 25.00 by card (swim 20, gym 5). */
function paidByCard(): { journal: Journal; fam: string } {
  const journal = journalWith();
  const fam = openFamily(journal);
  postFee(journal, fam, "swim", "20.00");
  postFee(journal, fam, "gym", "10.00");
  grantCredit(journal, fam, "g1", "5.00");
  journal.commit("pay", [
    cardPayment("pay", fam, "25.00", [
      ["swim", "20.00"],
      ["gym", "5.00"],
    ]),
  ]);
  return { journal, fam };
}

describe("ledger: reversing a recorded payment (§2)", () => {
  it("a reversed card payment is owed again, fee by fee, and is reversed once only", () => {
    const { journal, fam } = paidByCard();
    expect(journal.snapshot(fam).amountDue).to.equal("5.00");
    expect(journal.commit("undo", [reversal("undo", fam, "pay#0", "25.00")]).status).to.equal("committed");
    const after = journal.snapshot(fam);
    expect(after.amountDue).to.equal("30.00");
    expect(after.fees.map((f) => [f.feeId, f.paid, f.remainder])).to.deep.equal([
      ["swim", "0.00", "20.00"],
      ["gym", "0.00", "10.00"],
    ]);
    expect(after.accountCredit).to.equal("5.00");
    const before = JSON.stringify(journal.toData());
    expect(errorOf(() => journal.commit("undo-2", [reversal("undo-2", fam, "pay#0", "25.00")])).code).to.equal("payment-already-reversed");
    expect(JSON.stringify(journal.toData())).to.equal(before);
  });

  it("a reversed Payment (AC) gives its credit back to the grants it used", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "20.00");
    grantCredit(journal, fam, "g1", "5.00");
    journal.commit("ac", [creditPaymentEntry("ac", fam, "swim", [["g1", "5.00"]], { id: "ac#0" })]);
    expect([journal.snapshot(fam).amountDue, journal.snapshot(fam).accountCredit]).to.deep.equal(["15.00", "0.00"]);
    journal.commit("undo", [reversal("undo", fam, "ac#0", "5.00")]);
    const after = journal.snapshot(fam);
    expect([after.amountDue, after.accountCredit]).to.deep.equal(["20.00", "5.00"]);
    expect(after.grants[0]?.used).to.equal("0.00");
  });

  it("refuses an unknown payment, another account's, a part of one, and a payment that put money on credit; nothing changes", () => {
    const { journal, fam } = paidByCard();
    const other = openFamily(journal, "fam-2", "Other family");
    postFee(journal, other, "swim", "8.00");
    journal.commit("over", [
      cardPayment("over", other, "10.00", [["swim", "8.00"]]),
      { ...grantEntry("over", other, "over-credit", "2.00"), source: { kind: "overpayment", paymentId: "over#0" } },
    ]);
    const before = JSON.stringify(journal.toData());
    const cases: [LedgerEntry, string][] = [
      [reversal("x1", fam, "nope#0", "25.00"), "unknown-payment"],
      [reversal("x2", other, "pay#0", "25.00"), "unknown-payment"],
      [reversal("x3", fam, "pay#0", "20.00"), "invalid-input"],
      [reversal("x4", other, "over#0", "10.00"), "invalid-input"],
      [reversal("x5", fam, "fee-swim-1#0", "20.00"), "unknown-payment"],
    ];
    for (const [entry, code] of cases) expect(errorOf(() => journal.commit(entry.key, [entry])).code, entry.key).to.equal(code);
    // Twice in one commit is refused too.
    const twice = [reversal("x6", fam, "pay#0", "25.00"), { ...reversal("x6", fam, "pay#0", "25.00"), id: "x6#1" }];
    expect(errorOf(() => journal.commit("x6", twice)).code).to.equal("payment-already-reversed");
    expect(JSON.stringify(journal.toData())).to.equal(before);
  });

  it("refuses to reopen a fee held by a settlement in flight", () => {
    const { journal, fam } = paidByCard();
    journal.reserve({ key: "batch/inv", accountId: fam, feeIds: ["gym"], credit: "0" });
    expect(errorOf(() => journal.commit("undo", [reversal("undo", fam, "pay#0", "25.00")])).code).to.equal("fee-reserved");
  });

  it("stays reversed when the journal is restored from its data", () => {
    const { journal, fam } = paidByCard();
    journal.commit("undo", [reversal("undo", fam, "pay#0", "25.00")]);
    const copy = restoreJournal(journal.toData());
    expect(copy.snapshot(fam).amountDue).to.equal("30.00");
    expect(errorOf(() => copy.commit("again", [reversal("again", fam, "pay#0", "25.00")])).code).to.equal("payment-already-reversed");
  });

  it("the transactions report names the payment reversed, and the payment summary takes it out of its category", () => {
    const { journal, fam } = paidByCard();
    journal.commit("undo", [reversal("undo", fam, "pay#0", "25.00")]);
    const lines = transactionLines(journal.entries(), { paymentTypes: ["card"] });
    expect(lines.map((l) => [l.type, l.amount, l.reverses ?? null])).to.deep.equal([
      ["Payment", "25.00", null],
      ["Void", "25.00", "pay#0"],
    ]);
    const summary = paymentSummary(journal.entries(), { currency: "USD" });
    expect(summary.categories.find((c) => c.paymentType === "card")).to.deep.include({ count: 2, total: "0.00" });
    expect(summary.total).to.equal("0.00");
  });
});

describe("ledger: paymentReversal builds the Void that reverses a payment", () => {
  it("names the payment, takes its whole amount and the key's entry id, and reverses it once committed", () => {
    const { journal, fam } = paidByCard();
    const payment = journal.entriesOf(fam).find((e) => e.id === "pay#0") as PaymentEntry;
    const entry = paymentReversal(payment, { key: "reverse/pay#0", date: "2026-11-21" });
    expect(entry).to.deep.equal({
      id: "reverse/pay#0#0",
      key: "reverse/pay#0",
      type: "Void",
      accountId: fam,
      date: "2026-11-21",
      amount: "25.00",
      description: "Reversal of Card at the desk",
      target: { kind: "payment", entryId: "pay#0" },
    });
    expect(paymentReversal(payment, { key: "k", date: "2026-11-21", description: "Chargeback" }).description).to.equal("Chargeback");
    expect(journal.commit(entry.key, [entry]).status).to.equal("committed");
    expect(journal.snapshot(fam).amountDue).to.equal("30.00");
    expect(journal.commit(entry.key, [entry]).status).to.equal("duplicate");
  });

  it("reverses a Payment (AC): the credit it used is available again", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "20.00");
    grantCredit(journal, fam, "g1", "5.00");
    const [ac] = journal.commit("ac", [creditPaymentEntry("ac", fam, "swim", [["g1", "5.00"]], { id: "ac#0" })]).entries;
    const entry = paymentReversal(ac as Parameters<typeof paymentReversal>[0], { key: "undo", date: "2026-11-21" });
    expect(entry.amount).to.equal("5.00");
    journal.commit("undo", [entry]);
    expect([journal.snapshot(fam).amountDue, journal.snapshot(fam).accountCredit]).to.deep.equal(["20.00", "5.00"]);
  });
});

describe("ledger: reversals beside voids and folds", () => {
  it("credit given back to a grant a void closed stays cancelled: a reversed run's credit never becomes spendable again", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "20.00");
    grantCredit(journal, fam, "g1", "30.00");
    journal.commit("ac", [creditPaymentEntry("ac", fam, "swim", [["g1", "10.00"]], { id: "ac#0" })]);
    // The grant's unused 20.00 is voided (as reversing its run does): the grant is closed.
    journal.commit("cancel", [voidEntry("cancel", fam, { kind: "grant", grantId: "g1" }, "20.00")]);
    journal.commit("undo", [reversal("undo", fam, "ac#0", "10.00")]);
    const after = journal.snapshot(fam);
    expect(after.amountDue).to.equal("20.00");
    expect(after.accountCredit).to.equal("0.00");
    expect(after.grants[0]).to.deep.include({ used: "0.00", voided: "30.00", remainder: "0.00" });
  });

  it("a grant partly voided and still open takes the credit back as spendable", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "20.00");
    grantCredit(journal, fam, "g1", "30.00");
    journal.commit("cut", [voidEntry("cut", fam, { kind: "grant", grantId: "g1" }, "5.00")]);
    journal.commit("ac", [creditPaymentEntry("ac", fam, "swim", [["g1", "20.00"]], { id: "ac#0" })]);
    journal.commit("undo", [reversal("undo", fam, "ac#0", "20.00")]);
    expect(journal.snapshot(fam).grants[0]).to.deep.include({ used: "0.00", voided: "5.00", remainder: "25.00" });
  });

  it("deriveAccount folds a ledger with reversals to the journal's own balances", () => {
    const { journal, fam } = paidByCard();
    journal.commit("undo", [reversal("undo", fam, "pay#0", "25.00")]);
    const folded = deriveAccount(journal.snapshot(fam).account, journal.entries(), "USD");
    expect(folded).to.deep.equal(journal.snapshot(fam));
  });
});

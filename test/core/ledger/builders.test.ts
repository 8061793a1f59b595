/**
 * The entry builders (#16 "For developers calling the core"): a fee, a credit
 * grant, preloaded credit and a refund to credit built from the key once,
 * committed to a journal as any hand-written entry would be, with the
 * balances a person reads; bad input refused with a typed error.
 */
import { CreditKitError, createJournal, newCreditGrant, newFee, newPreloadedCredit, newRefundToCredit } from "@creditkit/core";
import { expect } from "chai";

function journal() {
  const j = createJournal({ currency: "USD", settings: { autoApply: false } });
  j.openAccount({ id: "fam-1", name: "Rivera family", kind: "family" });
  return j;
}

describe("entry builders", () => {
  it("a fee built from its key: id, fee id and due date derived; it commits and is owed", () => {
    const fee = newFee({
      key: "fee-42",
      accountId: "fam-1",
      amount: "20.00",
      date: "2026-11-01",
      category: "Tuition",
      description: "November tuition",
    });
    expect(fee).to.deep.equal({
      id: "fee-42#0",
      key: "fee-42",
      accountId: "fam-1",
      amount: "20.00",
      date: "2026-11-01",
      description: "November tuition",
      type: "Fee",
      feeId: "fee-42",
      category: "Tuition",
      dueDate: "2026-11-01",
    });
    const j = journal();
    expect(j.commit(fee.key, [fee]).status).to.equal("committed");
    expect(j.snapshot("fam-1").amountDue).to.equal("20.00");
    expect(j.commit(fee.key, [fee]).status, "the same fee again is a duplicate").to.equal("duplicate");
  });

  it("credit, preloaded credit and a refund to credit: each its type and source, all in Account Credit", () => {
    const j = journal();
    const given = newCreditGrant({
      key: "g1",
      accountId: "fam-1",
      amount: "10.00",
      date: "2026-11-02",
      creditType: "goodwill",
      description: "Sorry",
    });
    const preload = newPreloadedCredit({
      key: "p1",
      accountId: "fam-1",
      amount: "50.00",
      date: "2026-11-03",
      creditType: "preload",
      description: "Ahead",
    });
    const refund = newRefundToCredit({
      key: "r1",
      accountId: "fam-1",
      amount: "7.50",
      date: "2026-11-04",
      creditType: "refund",
      description: "Class cancelled",
      paymentId: "pay-9#0",
      location: "downtown",
    });
    expect([given.type, preload.type, refund.type]).to.deep.equal(["Account Credit", "Preloaded Credit", "Refund - Account Credit"]);
    expect([given.source, preload.source, refund.source]).to.deep.equal([
      { kind: "manual" },
      { kind: "preload" },
      { kind: "refund", paymentId: "pay-9#0" },
    ]);
    expect(refund.grantId).to.equal("r1");
    expect(refund.location).to.equal("downtown");
    for (const entry of [given, preload, refund]) expect(j.commit(entry.key, [entry]).status).to.equal("committed");
    expect(j.snapshot("fam-1").accountCredit).to.equal("67.50");
  });

  it("given ids are kept; optional fields are left out, not undefined", () => {
    const fee = newFee({
      key: "k",
      feeId: "f-1",
      accountId: "fam-1",
      amount: "1.00",
      date: "2026-11-01",
      dueDate: "2026-11-30",
      category: "c",
      description: "d",
    });
    expect(fee.feeId).to.equal("f-1");
    expect(fee.dueDate).to.equal("2026-11-30");
    expect("memberId" in fee).to.equal(false);
    expect(
      "location" in newCreditGrant({ key: "k", accountId: "a", amount: "1.00", date: "2026-11-01", creditType: "t", description: "d" }),
    ).to.equal(false);
  });

  it("bad input is a typed error; a bad amount is refused at the commit and nothing is written", () => {
    const bad = [
      () => newFee(undefined as never),
      () => newFee({ key: "", accountId: "fam-1", amount: "1.00", date: "2026-11-01", category: "c", description: "d" }),
      () => newCreditGrant({ key: "k", accountId: 7 as never, amount: "1.00", date: "2026-11-01", creditType: "t", description: "d" }),
    ];
    for (const build of bad) expect(build).to.throw(CreditKitError).with.property("code", "invalid-input");
    const j = journal();
    const fee = newFee({ key: "f", accountId: "fam-1", amount: "12.5", date: "2026-11-01", category: "c", description: "d" });
    expect(() => j.commit(fee.key, [fee])).to.throw(CreditKitError);
    expect(j.snapshot("fam-1").amountDue).to.equal("0.00");
  });
});

import { expect } from "chai";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { createJournal } from "../../../packages/core/src/ledger/journal.js";
import { creditPaymentEntry, errorOf, grantCredit, journalWith, openFamily, payFromCredit, postFee, voidPart } from "../fixtures.js";

describe("ledger: balances derived from entries (§2)", () => {
  it("derives Amount Due as the sum of fee remainders and Account Credit as the sum of grant remainders, never netted (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "40.00");
    postFee(journal, fam, "gym", "25.50");
    grantCredit(journal, fam, "g1", "10.00");
    grantCredit(journal, fam, "g2", "0.05");
    const snap = journal.snapshot(fam);
    expect(snap.amountDue).to.equal("65.50");
    expect(snap.accountCredit).to.equal("10.05");
    expect(snap.availableCredit).to.equal("10.05");
    expect(snap.reservedCredit).to.equal("0.00");
    expect(snap.currency).to.equal("USD");
  });

  it("lowers a fee's remainder by what was paid and voided, and Amount Due with it (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "40.00");
    grantCredit(journal, fam, "g1", "15.00");
    payFromCredit(journal, fam, "swim", [["g1", "12.50"]]);
    voidPart(journal, fam, { kind: "fee", feeId: "swim" }, "7.50");
    const [fee] = journal.snapshot(fam).fees;
    expect(fee).to.include({ feeId: "swim", amount: "40.00", paid: "12.50", voided: "7.50", remainder: "20.00", order: 0 });
    const [grant] = journal.snapshot(fam).grants;
    expect(grant).to.include({ grantId: "g1", amount: "15.00", used: "12.50", voided: "0.00", remainder: "2.50", reserved: "0.00" });
    expect(journal.snapshot(fam).amountDue).to.equal("20.00");
    expect(journal.snapshot(fam).accountCredit).to.equal("2.50");
  });

  it("counts a card Payment's allocations against the fees it names (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "a", "30.00");
    postFee(journal, fam, "b", "20.00");
    const payment: LedgerEntry = {
      id: "pay-1#0",
      key: "pay-1",
      type: "Payment",
      accountId: fam,
      date: "2026-11-20",
      amount: "35.00",
      description: "Card",
      method: "card",
      allocations: [
        { feeId: "a", amount: "30.00" },
        { feeId: "b", amount: "5.00" },
      ],
    };
    journal.commit("pay-1", [payment]);
    const snap = journal.snapshot(fam);
    expect(snap.fees.map((f) => [f.feeId, f.paid, f.remainder])).to.deep.equal([
      ["a", "30.00", "0.00"],
      ["b", "5.00", "15.00"],
    ]);
    expect(snap.amountDue).to.equal("15.00");
  });

  it("shows both figures as 0.00 on an empty or settled account, in the currency's own digits (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    expect(journal.snapshot(fam)).to.include({ amountDue: "0.00", accountCredit: "0.00", availableCredit: "0.00", reservedCredit: "0.00" });
    postFee(journal, fam, "swim", "10.00");
    grantCredit(journal, fam, "g1", "10.00");
    payFromCredit(journal, fam, "swim", [["g1", "10.00"]]);
    expect(journal.snapshot(fam)).to.include({ amountDue: "0.00", accountCredit: "0.00" });

    const yen = createJournal({ currency: "JPY", settings: { autoApply: false } });
    openFamily(yen);
    expect(yen.snapshot("fam-1")).to.include({ amountDue: "0", accountCredit: "0" });
    const dinar = createJournal({ currency: "KWD", settings: { autoApply: false } });
    openFamily(dinar);
    postFee(dinar, "fam-1", "swim", "1.250");
    expect(dinar.snapshot("fam-1")).to.include({ amountDue: "1.250", accountCredit: "0.000" });
  });

  it("keeps Amount Due and Account Credit both positive at once when credit is not applied (§2)", () => {
    const journal = journalWith({ autoApply: false });
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "20.00");
    grantCredit(journal, fam, "g1", "5.00");
    expect(journal.snapshot(fam)).to.include({ amountDue: "20.00", accountCredit: "5.00" });
  });

  it("keeps each account's figures to itself (§2)", () => {
    const journal = journalWith();
    openFamily(journal, "a", "Ames");
    openFamily(journal, "b", "Baker");
    postFee(journal, "a", "swim", "20.00");
    grantCredit(journal, "b", "g1", "5.00");
    expect(journal.snapshot("a")).to.include({ amountDue: "20.00", accountCredit: "0.00" });
    expect(journal.snapshot("b")).to.include({ amountDue: "0.00", accountCredit: "5.00" });
    // b's grant cannot pay a's fee.
    const error = errorOf(() => journal.commit("x", [creditPaymentEntry("x", "a", "swim", [["g1", "5.00"]])]));
    expect(error.code).to.equal("unknown-grant");
  });

  it("lists grants oldest first, by date and then by id, whatever order they were posted in (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g-late", "1.00", { date: "2026-10-05" });
    grantCredit(journal, fam, "g-b", "1.00", { date: "2026-09-01" });
    grantCredit(journal, fam, "g-a", "1.00", { date: "2026-09-01" });
    expect(journal.snapshot(fam).grants.map((g) => g.grantId)).to.deep.equal(["g-a", "g-b", "g-late"]);
  });

  it("lists fees in posting order (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "z", "1.00", { dueDate: "2026-12-01" });
    postFee(journal, fam, "a", "1.00", { dueDate: "2026-11-01" });
    expect(journal.snapshot(fam).fees.map((f) => [f.feeId, f.order])).to.deep.equal([
      ["z", 0],
      ["a", 1],
    ]);
  });

  it("links a Payment (AC) to the grants it consumed and takes exactly that from each (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "12.00");
    grantCredit(journal, fam, "g1", "5.00", { date: "2026-09-01" });
    grantCredit(journal, fam, "g2", "10.00", { date: "2026-09-02" });
    const result = payFromCredit(journal, fam, "swim", [
      ["g1", "5.00"],
      ["g2", "7.00"],
    ]);
    const [entry] = result.entries;
    expect(entry).to.deep.include({ type: "Payment (AC)", feeId: "swim", amount: "12.00" });
    expect(entry?.type === "Payment (AC)" ? entry.grants : []).to.deep.equal([
      { grantId: "g1", amount: "5.00" },
      { grantId: "g2", amount: "7.00" },
    ]);
    expect(journal.snapshot(fam).grants.map((g) => [g.grantId, g.used, g.remainder])).to.deep.equal([
      ["g1", "5.00", "0.00"],
      ["g2", "7.00", "3.00"],
    ]);
  });

  it("refuses a Payment (AC) whose amount differs from the credit it uses (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    postFee(journal, fam, "swim", "12.00");
    grantCredit(journal, fam, "g1", "20.00");
    const error = errorOf(() => journal.commit("k", [creditPaymentEntry("k", fam, "swim", [["g1", "5.00"]], { amount: "6.00" })]));
    expect(error.code).to.equal("invalid-input");
    expect(journal.snapshot(fam)).to.include({ amountDue: "12.00", accountCredit: "20.00" });
  });

  it("consumes credit oldest first when credit is drawn for a reservation (by date, then id) (§2)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g-new", "10.00", { date: "2026-10-10" });
    grantCredit(journal, fam, "g-old-b", "3.00", { date: "2026-09-01" });
    grantCredit(journal, fam, "g-old-a", "2.00", { date: "2026-09-01" });
    const reservation = journal.reserve({ key: "r", accountId: fam, feeIds: [], credit: "6.00" });
    expect(reservation.grants).to.deep.equal([
      { grantId: "g-old-a", amount: "2.00" },
      { grantId: "g-old-b", amount: "3.00" },
      { grantId: "g-new", amount: "1.00" },
    ]);
    expect(reservation.credit).to.equal("6.00");
  });
});

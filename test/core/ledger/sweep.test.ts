import { expect } from "chai";
import type { AccountSnapshot } from "../../../packages/core/src/ledger/account-state.js";
import type { CreditPaymentEntry, LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { createJournal } from "../../../packages/core/src/ledger/journal.js";
import { planSweep } from "../../../packages/core/src/ledger/sweep.js";
import { sweepKey } from "../../../packages/core/src/ledger/validate-entry.js";
import { DEFAULT_SETTINGS } from "../../../packages/core/src/settings.js";
import { grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

const applications = (entries: readonly LedgerEntry[]) =>
  entries
    .filter((e): e is CreditPaymentEntry => e.type === "Payment (AC)")
    .map((e) => [e.feeId, e.amount, e.grants.map((g) => [g.grantId, g.amount])]);

describe("ledger: the auto-apply sweep (§4)", () => {
  it("is on by default (§4)", () => {
    expect(DEFAULT_SETTINGS.autoApply).to.equal(true);
    const journal = createJournal({ currency: "USD" });
    expect(journal.settings().autoApply).to.equal(true);
    openFamily(journal);
    grantCredit(journal, "fam-1", "g1", "5.00");
    postFee(journal, "fam-1", "swim", "20.00");
    expect(journal.snapshot("fam-1")).to.include({ amountDue: "15.00", accountCredit: "0.00" });
  });

  it("applies existing credit when a fee is posted, as one Payment (AC) per fee linked to its grants (§4)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g1", "5.00", { date: "2026-09-01" });
    grantCredit(journal, fam, "g2", "10.00", { date: "2026-09-02" });
    const key = "post-swim";
    const result = journal.commit(key, [
      {
        id: `${key}#0`,
        key,
        type: "Fee",
        accountId: fam,
        feeId: "swim",
        amount: "12.00",
        date: "2026-11-03",
        dueDate: "2026-11-15",
        category: "Tuition",
        description: "Swim",
      },
    ]);
    expect(result.swept).to.have.length(1);
    const [applied] = result.swept;
    expect(applied).to.deep.include({
      type: "Payment (AC)",
      key: sweepKey(key, fam),
      accountId: fam,
      feeId: "swim",
      amount: "12.00",
      date: "2026-11-03",
      grants: [
        { grantId: "g1", amount: "5.00" },
        { grantId: "g2", amount: "7.00" },
      ],
    });
    expect(journal.entries().at(-1)).to.deep.equal(applied);
    expect(journal.committed(sweepKey(key, fam))).to.deep.equal([applied]);
    expect(journal.snapshot(fam)).to.include({ amountDue: "0.00", accountCredit: "3.00" });
  });

  it("applies new credit when a credit is posted, oldest due date first (§4)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    postFee(journal, fam, "late", "10.00", { dueDate: "2026-12-01" });
    postFee(journal, fam, "early", "10.00", { dueDate: "2026-11-01" });
    postFee(journal, fam, "middle", "10.00", { dueDate: "2026-11-15" });
    grantCredit(journal, fam, "g1", "25.00");
    const fees = Object.fromEntries(journal.snapshot(fam).fees.map((f) => [f.feeId, f.remainder]));
    expect(fees).to.deep.equal({ late: "5.00", early: "0.00", middle: "0.00" });
    expect(applications(journal.entries())).to.deep.equal([
      ["early", "10.00", [["g1", "10.00"]]],
      ["middle", "10.00", [["g1", "10.00"]]],
      ["late", "5.00", [["g1", "5.00"]]],
    ]);
  });

  it("breaks a tie of due dates by posting order, not by id (§4)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    postFee(journal, fam, "zeta", "10.00");
    postFee(journal, fam, "alpha", "10.00");
    grantCredit(journal, fam, "g1", "15.00");
    expect(applications(journal.entries()).map(([feeId, amount]) => [feeId, amount])).to.deep.equal([
      ["zeta", "10.00"],
      ["alpha", "5.00"],
    ]);
  });

  it("breaks a tie of due date and posting order by fee id (§4)", () => {
    const fee = (feeId: string) => ({
      feeId,
      category: "Tuition",
      description: feeId,
      date: "2026-11-01",
      dueDate: "2026-11-15",
      amount: "10.00",
      paid: "0.00",
      voided: "0.00",
      remainder: "10.00",
      order: 0,
    });
    const snapshot: AccountSnapshot = {
      account: { id: "fam-1", name: "Rivera", kind: "family" },
      currency: "USD",
      fees: [fee("b"), fee("a")],
      grants: [
        {
          grantId: "g1",
          type: "Account Credit",
          creditType: "Goodwill",
          description: "g1",
          date: "2026-10-01",
          source: { kind: "manual" },
          amount: "15.00",
          used: "0.00",
          voided: "0.00",
          remainder: "15.00",
          reserved: "0.00",
        },
      ],
      amountDue: "20.00",
      accountCredit: "15.00",
      reservedCredit: "0.00",
      availableCredit: "15.00",
    };
    expect(applications(planSweep(snapshot, { key: "k", date: "2026-11-20" }))).to.deep.equal([
      ["a", "10.00", [["g1", "10.00"]]],
      ["b", "5.00", [["g1", "5.00"]]],
    ]);
  });

  it("pays a fee partially when the credit runs short, leaving the rest owed (§4)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g1", "7.25");
    postFee(journal, fam, "swim", "20.00");
    const [fee] = journal.snapshot(fam).fees;
    expect(fee).to.include({ paid: "7.25", remainder: "12.75" });
    expect(journal.snapshot(fam)).to.include({ amountDue: "12.75", accountCredit: "0.00" });
  });

  it("uses credit oldest first (by date, then id) across grants (§2, §4)", () => {
    const journal = journalWith();
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g-new", "10.00", { date: "2026-10-10" });
    grantCredit(journal, fam, "g-b", "3.00", { date: "2026-09-01" });
    grantCredit(journal, fam, "g-a", "2.00", { date: "2026-09-01" });
    journal.updateSettings({ autoApply: true });
    postFee(journal, fam, "swim", "6.00");
    expect(applications(journal.entries())).to.deep.equal([
      [
        "swim",
        "6.00",
        [
          ["g-a", "2.00"],
          ["g-b", "3.00"],
          ["g-new", "1.00"],
        ],
      ],
    ]);
  });

  it("does nothing when auto-apply is off, and resumes on the next post once it is on (§4)", () => {
    const journal = journalWith({ autoApply: false });
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g1", "10.00");
    postFee(journal, fam, "swim", "4.00");
    expect(journal.entries().filter((e) => e.type === "Payment (AC)")).to.deep.equal([]);
    expect(journal.snapshot(fam)).to.include({ amountDue: "4.00", accountCredit: "10.00" });
    journal.updateSettings({ autoApply: true });
    postFee(journal, fam, "gym", "3.00");
    expect(applications(journal.entries()).map(([feeId, amount]) => [feeId, amount])).to.deep.equal([
      ["swim", "4.00"],
      ["gym", "3.00"],
    ]);
    expect(journal.snapshot(fam)).to.include({ amountDue: "0.00", accountCredit: "3.00" });
  });

  it("skips fees reserved by a settlement in flight (§4, §5)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    postFee(journal, fam, "held", "10.00", { dueDate: "2026-11-01" });
    postFee(journal, fam, "free", "10.00", { dueDate: "2026-12-01" });
    journal.reserve({ key: "settle", accountId: fam, feeIds: ["held"], credit: "0" });
    grantCredit(journal, fam, "g1", "15.00");
    const fees = Object.fromEntries(journal.snapshot(fam).fees.map((f) => [f.feeId, f.remainder]));
    expect(fees).to.deep.equal({ held: "10.00", free: "0.00" });
    expect(journal.snapshot(fam).accountCredit).to.equal("5.00");
    journal.release("settle");
    grantCredit(journal, fam, "g2", "1.00");
    expect(journal.snapshot(fam).fees[0]).to.include({ feeId: "held", remainder: "4.00" });
  });

  it("leaves credit reserved by a settlement in flight alone (§4, §5)", () => {
    const journal = journalWith({ autoApply: true });
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g1", "15.00");
    journal.reserve({ key: "settle", accountId: fam, feeIds: [], credit: "10.00" });
    postFee(journal, fam, "swim", "20.00");
    expect(journal.snapshot(fam)).to.include({
      amountDue: "15.00",
      accountCredit: "10.00",
      reservedCredit: "10.00",
      availableCredit: "0.00",
    });
  });

  it("sweeps exactly in a three-decimal currency (§1, §4)", () => {
    const journal = createJournal({ currency: "KWD" });
    const fam = openFamily(journal);
    grantCredit(journal, fam, "g1", "0.125");
    grantCredit(journal, fam, "g2", "0.005");
    postFee(journal, fam, "swim", "1.250");
    expect(journal.snapshot(fam)).to.include({ amountDue: "1.120", accountCredit: "0.000" });
  });
});

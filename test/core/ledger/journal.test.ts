import { expect } from "chai";
import type { CreditKitErrorCode } from "../../../packages/core/src/errors.js";
import type { LedgerEntry, PaymentEntry } from "../../../packages/core/src/ledger/entries.js";
import { type Journal, restoreJournal } from "../../../packages/core/src/ledger/journal.js";
import {
  creditPaymentEntry,
  errorOf,
  feeEntry,
  grantCredit,
  grantEntry,
  journalWith,
  openFamily,
  payFromCredit,
  postFee,
  voidEntry,
  voidPart,
} from "../fixtures.js";

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Everything a reader of the journal can see, as plain data. */
const state = (journal: Journal) => ({
  data: copy(journal.toData()),
  snapshots: journal.accounts().map((a) => copy(journal.snapshot(a.id))),
});

/** An account with fee "swim" 40.00 (due 11-15) and grant "g1" 10.00, auto-apply off. */
function basic(): { journal: Journal; fam: string } {
  const journal = journalWith();
  const fam = openFamily(journal);
  postFee(journal, fam, "swim", "40.00");
  grantCredit(journal, fam, "g1", "10.00");
  return { journal, fam };
}

const cardPayment = (key: string, accountId: string, feeId: string, amount: string): PaymentEntry => ({
  id: `${key}#card`,
  key,
  type: "Payment",
  accountId,
  date: "2026-11-20",
  amount,
  description: "Card",
  method: "card",
  allocations: [{ feeId, amount }],
});

describe("ledger: the journal (§2)", () => {
  describe("entries are immutable", () => {
    it("never changes a written entry: an earlier key's entries are unchanged after later commits, voids and sweeps (§2)", () => {
      const { journal, fam } = basic();
      const first = copy(journal.entries());
      payFromCredit(journal, fam, "swim", [["g1", "4.00"]]);
      voidPart(journal, fam, { kind: "grant", grantId: "g1" }, "1.00");
      journal.updateSettings({ autoApply: true });
      postFee(journal, fam, "gym", "3.00");
      expect(copy(journal.entries().slice(0, first.length))).to.deep.equal(first);
      for (const entry of first) expect(copy(journal.committed(entry.key))).to.deep.equal([entry]);
      expect(journal.entries().map((e) => e.type)).to.deep.equal(["Fee", "Account Credit", "Payment (AC)", "Void", "Fee", "Payment (AC)"]);
    });

    it("reverses with a new Void entry instead of editing the original (§2)", () => {
      const { journal, fam } = basic();
      const before = journal.entries().length;
      voidPart(journal, fam, { kind: "grant", grantId: "g1" }, "10.00");
      expect(journal.entries()).to.have.length(before + 1);
      const grant = journal.entries().find((e) => e.type === "Account Credit");
      expect(grant?.amount).to.equal("10.00");
      expect(journal.snapshot(fam).grants[0]).to.include({ amount: "10.00", voided: "10.00", remainder: "0.00" });
    });

    it("keeps its own copy: changing the objects a caller committed does not change the ledger (§2)", () => {
      const { journal, fam } = basic();
      const batch: LedgerEntry[] = [feeEntry("k", fam, "gym", "5.00")];
      journal.commit("k", batch);
      (batch[0] as { amount: string }).amount = "500.00";
      batch.push(feeEntry("k", fam, "extra", "1.00"));
      expect(journal.committed("k")).to.have.length(1);
      expect(journal.committed("k")?.[0]?.amount).to.equal("5.00");
      expect(journal.entriesOf(fam).find((e) => e.key === "k")?.amount).to.equal("5.00");
      expect(journal.snapshot(fam).amountDue).to.equal("45.00");
    });

    it("hands out written entries that cannot be modified (§2)", () => {
      const { journal } = basic();
      const [entry] = journal.entries();
      expect(Object.isFrozen(entry)).to.equal(true);
      expect(() => {
        (entry as { amount: string }).amount = "0.01";
      }).to.throw(TypeError);
      expect(journal.entries()[0]?.amount).to.equal("40.00");
    });
  });

  describe("a commit is atomic", () => {
    const cases: readonly { rule: string; code: CreditKitErrorCode; bad: (key: string, fam: string) => LedgerEntry }[] = [
      { rule: "an overpaid fee", code: "fee-overpaid", bad: (k, fam) => cardPayment(k, fam, "swim", "40.01") },
      { rule: "an overused grant", code: "credit-overused", bad: (k, fam) => creditPaymentEntry(k, fam, "swim", [["g1", "10.01"]]) },
      { rule: "an unknown fee", code: "unknown-fee", bad: (k, fam) => creditPaymentEntry(k, fam, "nope", [["g1", "1.00"]]) },
      { rule: "an unknown grant", code: "unknown-grant", bad: (k, fam) => creditPaymentEntry(k, fam, "swim", [["nope", "1.00"]]) },
      { rule: "a duplicate entry id", code: "duplicate-id", bad: (k, fam) => feeEntry(k, fam, "other", "1.00", { id: `${k}#new` }) },
      { rule: "an id already written", code: "duplicate-id", bad: (k, fam) => feeEntry(k, fam, "other", "1.00", { id: "seed#0" }) },
      { rule: "a fee id already posted", code: "duplicate-id", bad: (k, fam) => feeEntry(k, fam, "swim", "1.00") },
      { rule: "a grant id already posted", code: "duplicate-id", bad: (k, fam) => grantEntry(k, fam, "g1", "1.00") },
      { rule: "an impossible date", code: "invalid-date", bad: (k, fam) => feeEntry(k, fam, "other", "1.00", { date: "2026-02-30" }) },
      { rule: "a malformed due date", code: "invalid-date", bad: (k, fam) => feeEntry(k, fam, "other", "1.00", { dueDate: "15/11/2026" }) },
      { rule: "another key", code: "invalid-input", bad: (_, fam) => feeEntry("other-key", fam, "other", "1.00") },
      { rule: "an unknown account", code: "unknown-account", bad: (k) => feeEntry(k, "ghost", "other", "1.00") },
      { rule: "a zero amount", code: "zero-amount", bad: (k, fam) => feeEntry(k, fam, "other", "0.00") },
      { rule: "a negative amount", code: "negative-amount", bad: (k, fam) => grantEntry(k, fam, "g9", "-5.00") },
      { rule: "too many decimals", code: "too-many-decimals", bad: (k, fam) => feeEntry(k, fam, "other", "1.005") },
      { rule: "an over-voided fee", code: "fee-overpaid", bad: (k, fam) => voidEntry(k, fam, { kind: "fee", feeId: "swim" }, "41.00") },
      {
        rule: "an over-voided grant",
        code: "credit-overused",
        bad: (k, fam) => voidEntry(k, fam, { kind: "grant", grantId: "g1" }, "11.00"),
      },
    ];

    for (const { rule, code, bad } of cases) {
      it(`writes nothing and throws ${code} when one entry of a batch has ${rule} (§2)`, () => {
        const journal = journalWith();
        const fam = openFamily(journal);
        openFamily(journal, "fam-2", "Other family");
        journal.commit("seed", [feeEntry("seed", fam, "swim", "40.00", { id: "seed#0" }), grantEntry("seed", fam, "g1", "10.00")]);
        const before = state(journal);
        const key = "batch";
        const batch = [
          feeEntry(key, "fam-2", "sibling", "9.00", { id: `${key}#new` }),
          grantEntry(key, fam, "g2", "3.00"),
          creditPaymentEntry(key, fam, "swim", [["g1", "2.00"]], { id: `${key}#ok-ac` }),
          bad(key, fam),
        ];
        const error = errorOf(() => journal.commit(key, batch));
        expect(error.code).to.equal(code);
        expect(state(journal)).to.deep.equal(before);
        expect(journal.committed(key)).to.equal(undefined);
        // The key was not used up: the good part alone commits under it.
        expect(journal.commit(key, batch.slice(0, 3)).status).to.equal("committed");
        expect(journal.snapshot("fam-2").amountDue).to.equal("9.00");
      });
    }
  });

  describe("idempotency by key", () => {
    it("writes nothing twice: the same key with the same entries again is a duplicate (§2)", () => {
      const { journal, fam } = basic();
      const batch = [creditPaymentEntry("k", fam, "swim", [["g1", "4.00"]])];
      const first = journal.commit("k", batch);
      const count = journal.entries().length;
      const again = journal.commit("k", copy(batch));
      expect(first.status).to.equal("committed");
      expect(again.status).to.equal("duplicate");
      expect(again.entries).to.deep.equal(first.entries);
      expect(journal.entries()).to.have.length(count);
      expect(journal.snapshot(fam)).to.include({ amountDue: "36.00", accountCredit: "6.00" });
    });

    it("treats the same entries with their fields written in another order as the same entries (§2)", () => {
      const { journal, fam } = basic();
      const entry = creditPaymentEntry("k", fam, "swim", [["g1", "4.00"]]);
      journal.commit("k", [entry]);
      const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as LedgerEntry;
      expect(journal.commit("k", [reordered]).status).to.equal("duplicate");
    });

    it("throws idempotency-conflict for the same key with other entries, and writes nothing (§2)", () => {
      const { journal, fam } = basic();
      journal.commit("k", [creditPaymentEntry("k", fam, "swim", [["g1", "4.00"]])]);
      const before = state(journal);
      const error = errorOf(() => journal.commit("k", [creditPaymentEntry("k", fam, "swim", [["g1", "5.00"]])]));
      expect(error.code).to.equal("idempotency-conflict");
      expect(error.details.key).to.equal("k");
      expect(state(journal)).to.deep.equal(before);
    });

    it("does not sweep again when a duplicate is committed (§2, §4)", () => {
      const journal = journalWith({ autoApply: true });
      const fam = openFamily(journal);
      grantCredit(journal, fam, "g1", "10.00");
      const batch = [feeEntry("k", fam, "swim", "4.00")];
      expect(journal.commit("k", batch).swept).to.have.length(1);
      const count = journal.entries().length;
      expect(journal.commit("k", batch).swept).to.deep.equal([]);
      expect(journal.entries()).to.have.length(count);
    });
  });

  describe("reservations for settlements in flight", () => {
    it("holds reserved credit away from others: availableCredit drops, accountCredit does not (§2, §5)", () => {
      const { journal, fam } = basic();
      const reservation = journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "6.00" });
      expect(reservation).to.deep.include({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "6.00" });
      const snap = journal.snapshot(fam);
      expect(snap).to.include({ accountCredit: "10.00", reservedCredit: "6.00", availableCredit: "4.00", amountDue: "40.00" });
      expect(snap.grants[0]?.reserved).to.equal("6.00");
      expect(snap.fees[0]?.reservedBy).to.equal("settle");
    });

    it("holds only what is available when more is asked (§5)", () => {
      const { journal, fam } = basic();
      expect(journal.reserve({ key: "r1", accountId: fam, feeIds: [], credit: "7.00" }).credit).to.equal("7.00");
      expect(journal.reserve({ key: "r2", accountId: fam, feeIds: [], credit: "7.00" }).credit).to.equal("3.00");
      expect(journal.snapshot(fam)).to.include({ accountCredit: "10.00", reservedCredit: "10.00", availableCredit: "0.00" });
    });

    it("refuses another key the reserved part of a grant but lets it use the free part (§2, §5)", () => {
      const { journal, fam } = basic();
      postFee(journal, fam, "gym", "20.00");
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "6.00" });
      const error = errorOf(() => journal.commit("other", [creditPaymentEntry("other", fam, "gym", [["g1", "4.01"]])]));
      expect(error.code).to.equal("credit-overused");
      expect(errorOf(() => journal.commit("v", [voidEntry("v", fam, { kind: "grant", grantId: "g1" }, "4.01")])).code).to.equal(
        "credit-overused",
      );
      journal.commit("other", [creditPaymentEntry("other", fam, "gym", [["g1", "4.00"]])]);
      expect(journal.snapshot(fam)).to.include({ accountCredit: "6.00", reservedCredit: "6.00", availableCredit: "0.00" });
    });

    it("refuses to let another key pay, void or reserve a reserved fee: fee-reserved (§2, §5)", () => {
      const { journal, fam } = basic();
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "0" });
      const before = state(journal);
      for (const [key, entry] of [
        ["ac", creditPaymentEntry("ac", fam, "swim", [["g1", "1.00"]])],
        ["card", cardPayment("card", fam, "swim", "1.00")],
        ["void", voidEntry("void", fam, { kind: "fee", feeId: "swim" }, "1.00")],
      ] as const) {
        const error = errorOf(() => journal.commit(key, [entry]));
        expect(error.code, key).to.equal("fee-reserved");
        expect(error.details.reservedBy).to.equal("settle");
      }
      expect(errorOf(() => journal.reserve({ key: "second", accountId: fam, feeIds: ["swim"], credit: "0" })).code).to.equal(
        "fee-reserved",
      );
      expect(state(journal)).to.deep.equal(before);
    });

    it("lets the reservation's own key use its credit and pay its fee, and releases it on commit (§5)", () => {
      const { journal, fam } = basic();
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "10.00" });
      journal.commit("settle", [creditPaymentEntry("settle", fam, "swim", [["g1", "10.00"]]), cardPayment("settle", fam, "swim", "30.00")]);
      expect(journal.reservation("settle")).to.equal(undefined);
      expect(journal.reservations()).to.deep.equal([]);
      const snap = journal.snapshot(fam);
      expect(snap).to.include({ amountDue: "0.00", accountCredit: "0.00", reservedCredit: "0.00", availableCredit: "0.00" });
      expect(snap.fees[0]?.reservedBy).to.equal(undefined);
    });

    it("releases the reservation when its key commits, even with no entries for that account (§5)", () => {
      const { journal, fam } = basic();
      const other = openFamily(journal, "fam-2", "Other");
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "5.00" });
      expect(journal.snapshot(fam).availableCredit).to.equal("5.00");
      journal.commit("settle", [feeEntry("settle", other, "gym", "1.00")]);
      const snap = journal.snapshot(fam);
      expect(snap).to.include({ reservedCredit: "0.00", availableCredit: "10.00" });
      expect(snap.fees[0]?.reservedBy).to.equal(undefined);
    });

    it("frees fee and credit on release, and keeps them held when the owner's commit fails (§5)", () => {
      const { journal, fam } = basic();
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "5.00" });
      expect(errorOf(() => journal.commit("settle", [cardPayment("settle", fam, "swim", "99.00")])).code).to.equal("fee-overpaid");
      expect(journal.reservation("settle")?.credit).to.equal("5.00");
      journal.release("settle");
      expect(journal.snapshot(fam)).to.include({ reservedCredit: "0.00", availableCredit: "10.00" });
      journal.commit("other", [cardPayment("other", fam, "swim", "1.00")]);
      expect(journal.snapshot(fam).amountDue).to.equal("39.00");
    });

    it("never hands an existing reservation out as if new, and refuses a committed key (§5)", () => {
      const { journal, fam } = basic();
      openFamily(journal, "fam-2", "Other");
      journal.reserve({ key: "settle", accountId: fam, feeIds: ["swim"], credit: "5.00", owner: "first" });
      for (const [accountId, owner] of [
        [fam, "second"],
        [fam, "first"],
        ["fam-2", undefined],
      ] as const) {
        const again = { key: "settle", accountId, feeIds: [], credit: "9.00", ...(owner ? { owner } : {}) };
        expect(errorOf(() => journal.reserve(again)).code).to.equal("settlement-in-progress");
      }
      expect(journal.snapshot(fam).reservedCredit).to.equal("5.00");
      journal.commit("done", [feeEntry("done", fam, "gym", "1.00")]);
      expect(errorOf(() => journal.reserve({ key: "done", accountId: fam, feeIds: [], credit: "0" })).code).to.equal(
        "idempotency-conflict",
      );
      expect(errorOf(() => journal.reserve({ key: "r3", accountId: fam, feeIds: ["nope"], credit: "0" })).code).to.equal("unknown-fee");
      expect(errorOf(() => journal.reserve({ key: "r4", accountId: fam, feeIds: [], credit: "-1" })).code).to.equal("negative-amount");
    });
  });

  describe("voids", () => {
    it("voids a grant's unused part, never more than is unused (§2)", () => {
      const { journal, fam } = basic();
      postFee(journal, fam, "gym", "20.00");
      payFromCredit(journal, fam, "gym", [["g1", "6.00"]]);
      expect(errorOf(() => voidPart(journal, fam, { kind: "grant", grantId: "g1" }, "4.01")).code).to.equal("credit-overused");
      voidPart(journal, fam, { kind: "grant", grantId: "g1" }, "4.00");
      expect(journal.snapshot(fam).grants[0]).to.include({ amount: "10.00", used: "6.00", voided: "4.00", remainder: "0.00" });
      expect(journal.snapshot(fam).accountCredit).to.equal("0.00");
    });

    it("voids a fee's unpaid part, never more than is unpaid (§2)", () => {
      const { journal, fam } = basic();
      payFromCredit(journal, fam, "swim", [["g1", "10.00"]]);
      expect(errorOf(() => voidPart(journal, fam, { kind: "fee", feeId: "swim" }, "30.01")).code).to.equal("fee-overpaid");
      voidPart(journal, fam, { kind: "fee", feeId: "swim" }, "30.00");
      expect(journal.snapshot(fam).fees[0]).to.include({ amount: "40.00", paid: "10.00", voided: "30.00", remainder: "0.00" });
      expect(journal.snapshot(fam).amountDue).to.equal("0.00");
      expect(errorOf(() => voidPart(journal, fam, { kind: "grant", grantId: "nope" }, "1.00")).code).to.equal("unknown-grant");
      expect(errorOf(() => voidPart(journal, fam, { kind: "fee", feeId: "nope" }, "1.00")).code).to.equal("unknown-fee");
    });
  });

  describe("restore", () => {
    it("restores equal snapshots for every account from toData(), reservations, voids and sweeps included (§2)", () => {
      const journal = journalWith({ autoApply: true });
      openFamily(journal, "a", "Ames");
      openFamily(journal, "b", "Baker");
      grantCredit(journal, "a", "g0", "5.00", { date: "2026-09-01" });
      grantCredit(journal, "a", "g1", "5.00", { date: "2026-09-02" });
      journal.updateSettings({ autoApply: false });
      postFee(journal, "a", "f1", "10.00");
      postFee(journal, "b", "f2", "3.00");
      journal.reserve({ key: "r1", accountId: "a", feeIds: [], credit: "5.00" });
      journal.reserve({ key: "r2", accountId: "a", feeIds: ["f1"], credit: "5.00" });
      journal.release("r1");
      voidPart(journal, "b", { kind: "fee", feeId: "f2" }, "1.00");
      journal.updateSettings({ autoApply: true });
      grantCredit(journal, "b", "g2", "4.00");
      const restored = restoreJournal(copy(journal.toData()));
      for (const account of journal.accounts()) expect(restored.snapshot(account.id)).to.deep.equal(journal.snapshot(account.id));
      expect(restored.toData()).to.deep.equal(journal.toData());
      expect(restored.settings()).to.deep.equal(journal.settings());
      // The restored reservation holds the very grant it held before (g1), not the oldest free one.
      expect(restored.reservation("r2")?.grants).to.deep.equal([{ grantId: "g1", amount: "5.00" }]);
      // Keys stay idempotent after a restore.
      for (const entry of journal.entries()) {
        expect(restored.commit(entry.key, journal.committed(entry.key) ?? []).status).to.equal("duplicate");
      }
    });
  });

  it("tells listeners which accounts a commit touched (§2)", () => {
    const { journal, fam } = basic();
    const changes: unknown[] = [];
    const stop = journal.subscribe((change) => changes.push(change));
    payFromCredit(journal, fam, "swim", [["g1", "1.00"]]);
    stop();
    payFromCredit(journal, fam, "swim", [["g1", "1.00"]]);
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ accountIds: [fam] });
  });
});

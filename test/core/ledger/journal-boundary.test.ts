/**
 * Issue #13, items 7–10: the journal's boundary. Only the public surface is
 * used, so each test runs (and fails) on a main without these rules too.
 */
import { expect } from "chai";
import fc from "fast-check";
import { planCheckout } from "../../../packages/core/src/checkout/plan.js";
import { CreditKitError } from "../../../packages/core/src/errors.js";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { createJournal, type Journal, type JournalData, restoreJournal } from "../../../packages/core/src/ledger/journal.js";
import { paymentSummary } from "../../../packages/core/src/reports/payment-summary.js";
import { transactionLines } from "../../../packages/core/src/reports/transaction-lines.js";
import { DEFAULT_SETTINGS } from "../../../packages/core/src/settings.js";
import { errorOf, feeEntry, grantEntry, journalWith, openFamily, postFee } from "../fixtures.js";

const json = (journal: Journal) => JSON.stringify(journal.toData());

/** A fresh journal with auto-apply on and two families. */
function sweeping(): Journal {
  const journal = createJournal({ currency: "USD" });
  openFamily(journal, "fam-1");
  openFamily(journal, "fam-2", "Okafor family");
  return journal;
}

describe("ledger: the journal's boundary (#13)", () => {
  describe("item 7", () => {
    it("sweep keys cannot collide with caller keys: a key spelled like a sweep's never breaks the ledger, which always restores (#13.7)", () => {
      const journal = sweeping();
      // Squat on the key the old sweep derived for "post" on fam-1, before "post" is committed.
      journal.commit("post/sweep/fam-1", [grantEntry("post/sweep/fam-1", "fam-1", "g1", "5.00", { id: "post/sweep/fam-1#0" })]);
      const result = journal.commit("post", [feeEntry("post", "fam-1", "swim", "20.00", { id: "post#0" })]);
      expect(result.swept).to.have.length(1);
      const ids = journal.entries().map((e) => e.id);
      expect(new Set(ids).size, "entry ids are unique").to.equal(ids.length);
      expect(journal.committed("post/sweep/fam-1")).to.have.length(1);
      const restored = restoreJournal(journal.toData());
      expect(json(restored)).to.equal(json(journal));
    });

    it("sweep keys cannot collide with caller keys: a caller cannot write into the derived key space (#13.7)", () => {
      const journal = sweeping();
      journal.commit("k", [grantEntry("k", "fam-1", "g1", "5.00", { id: "k#0" })]);
      const before = json(journal);
      const derived = `later${"§"}sweep${"§"}fam-1`;
      // A key in the derived space before its own key committed, and an id in it.
      expect(errorOf(() => journal.commit(derived, [feeEntry(derived, "fam-1", "a", "1.00", { id: `${derived}#0` })])).code).to.equal(
        "reserved-key",
      );
      expect(errorOf(() => journal.commit("x", [feeEntry("x", "fam-1", "b", "1.00", { id: `${derived}#0` })])).code).to.equal(
        "reserved-key",
      );
      expect(json(journal)).to.equal(before);
      // "later" then sweeps fam-1 under its derived key without trouble.
      const result = journal.commit("later", [feeEntry("later", "fam-1", "swim", "2.00", { id: "later#0" })]);
      expect(result.swept.map((e) => e.key)).to.deep.equal([derived]);
      expect(json(restoreJournal(journal.toData()))).to.equal(json(journal));
    });

    it("sweep keys cannot collide with caller keys: any ledger the journal accepted restores, equal (property, hostile keys) (#13.7)", () => {
      const accounts = ["a", "b", "a/sweep/b", "sweep"];
      const keyOf = fc.oneof(
        fc.constantFrom("k", "k/sweep/a", "k/sweep/b", "k§sweep§a", "k/sweep/a/sweep/b", "a", "k/sweep", "§", "k§sweep§"),
        fc
          .tuple(fc.constantFrom("k", "a", "k/sweep", ""), fc.constantFrom("/sweep/", "§sweep§", "#", "/"), fc.constantFrom(...accounts))
          .map(([k, mid, acct]) => `${k}${mid}${acct}`),
      );
      const op = fc.record({
        key: keyOf,
        kind: fc.constantFrom("fee", "grant", "auto"),
        acct: fc.constantFrom(...accounts),
        item: fc.constantFrom("x", "y", "z"),
        cents: fc.integer({ min: 1, max: 3000 }),
        idForm: fc.constantFrom("own", "other", "derived"),
      });
      let accepted = 0;
      fc.assert(
        fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
          const journal = createJournal({ currency: "USD" });
          for (const id of accounts) journal.openAccount({ id, name: id, kind: "family" });
          ops.forEach((o, i) => {
            if (o.kind === "auto") {
              journal.updateSettings({ autoApply: !journal.settings().autoApply });
              return;
            }
            const amount = `${Math.floor(o.cents / 100)}.${String(o.cents % 100).padStart(2, "0")}`;
            const id = o.idForm === "own" ? `${o.key}#0` : o.idForm === "other" ? `e${i}` : `${o.key}§sweep§${o.acct}#0`;
            const entry =
              o.kind === "fee"
                ? feeEntry(o.key, o.acct, `${o.item}${i}`, amount, { id })
                : grantEntry(o.key, o.acct, `${o.item}${i}`, amount, { id });
            try {
              journal.commit(o.key, [entry]);
              accepted += 1;
            } catch (error) {
              if (!(error instanceof CreditKitError)) throw error;
            }
          });
          const data = journal.toData();
          expect(JSON.stringify(restoreJournal(data).toData())).to.equal(JSON.stringify(data));
        }),
        { numRuns: 1000 },
      );
      expect(accepted, "commits the journal accepted").to.be.greaterThan(1000);
    });
  });

  describe("item 8", () => {
    /** An account with fee "swim" 40.00 and grant "g1" 10.00, auto-apply off. */
    function basic(): Journal {
      const journal = journalWith();
      openFamily(journal);
      postFee(journal, "fam-1", "swim", "40.00");
      return journal;
    }
    const payment = (over: Record<string, unknown>): LedgerEntry =>
      ({
        id: "p#0",
        key: "p",
        type: "Payment",
        accountId: "fam-1",
        date: "2026-11-20",
        amount: "10.00",
        description: "Pay",
        method: "card",
        allocations: [{ feeId: "swim", amount: "10.00" }],
        ...over,
      }) as unknown as LedgerEntry;
    const without = <T extends object>(entry: T, field: keyof T): LedgerEntry => {
      const copy = { ...entry };
      delete copy[field];
      return copy as unknown as LedgerEntry;
    };

    it("every entry is validated at the commit boundary, field by field; nothing is written and every report still reads (#13.8)", () => {
      const journal = basic();
      const before = json(journal);
      const cases: [string, LedgerEntry, string][] = [
        ["a Payment by bitcoin", payment({ method: "bitcoin" }), "invalid-input"],
        [
          "a Void of a bogus target",
          { ...feeEntry("p", "fam-1", "x", "1.00", { id: "p#0" }), type: "Void", target: { kind: "bogus", feeId: "swim" } } as never,
          "invalid-input",
        ],
        ["a grant without creditType", without(grantEntry("p", "fam-1", "g9", "1.00", { id: "p#0" }), "creditType"), "invalid-input"],
        ["a fee without feeId", without(feeEntry("p", "fam-1", "f9", "1.00", { id: "p#0" }), "feeId"), "invalid-input"],
        ["a Payment that allocates part of itself", payment({ allocations: [{ feeId: "swim", amount: "4.00" }] }), "payment-not-allocated"],
        ["an amount that is not canonical", payment({ amount: "10", allocations: [{ feeId: "swim", amount: "10" }] }), "invalid-amount"],
        ["an amount as a number", payment({ amount: 10 }), "invalid-amount"],
        ["a date that does not exist", payment({ date: "2026-02-30" }), "invalid-date"],
        ["an unknown transaction type", payment({ type: "Refund" }), "invalid-input"],
        [
          "a grant from an unknown source",
          { ...grantEntry("p", "fam-1", "g9", "1.00", { id: "p#0" }), source: { kind: "magic" } } as never,
          "invalid-input",
        ],
        ["a description that is not text", payment({ description: 7 }), "invalid-input"],
      ];
      for (const [what, entry, code] of cases) {
        expect(errorOf(() => journal.commit("p", [entry])).code, what).to.equal(code);
        expect(json(journal), what).to.equal(before);
      }
      const entries = journal.entries();
      expect(() => transactionLines(entries, { currency: "USD" } as never)).to.not.throw();
      expect(() => paymentSummary(entries, { currency: "USD" } as never)).to.not.throw();
    });

    it("every entry is validated at the commit boundary: restoreJournal refuses data holding such an entry, with a typed error (#13.8)", () => {
      const journal = basic();
      const data = journal.toData();
      for (const bad of [payment({ method: "bitcoin" }), without(feeEntry("p", "fam-1", "f9", "1.00", { id: "p#0" }), "feeId")]) {
        const hostile: JournalData = { ...data, entries: [...data.entries, bad] };
        expect(errorOf(() => restoreJournal(hostile)).code).to.equal("invalid-input");
      }
      // A duplicated entry is an error, not silently dropped.
      const first = data.entries[0] as LedgerEntry;
      const twice: JournalData = { ...data, entries: [...data.entries, grantEntry("g", "fam-1", "g1", "1.00"), first] };
      expect(errorOf(() => restoreJournal(twice)).code).to.equal("duplicate-id");
    });
  });

  describe("item 9", () => {
    it("refuses an empty commit, a non-boolean applyCredit and null or non-array arguments with typed errors, writing nothing (#13.9)", () => {
      const journal = journalWith();
      openFamily(journal);
      postFee(journal, "fam-1", "swim", "40.00");
      journal.commit("g", [grantEntry("g", "fam-1", "g1", "10.00")]);
      journal.reserve({ key: "settle", accountId: "fam-1", feeIds: ["swim"], credit: "5.00" });
      const before = json(journal);
      const snap = journal.snapshot("fam-1");
      const request = { key: "pay", channel: "admin", date: "2026-11-20", feeIds: ["swim"] };
      const calls: [string, () => unknown, string][] = [
        ["an empty commit under a reservation's key", () => journal.commit("settle", []), "empty-commit"],
        ["commit(k, null)", () => journal.commit("k", null as never), "invalid-input"],
        ["commit(k, [null])", () => journal.commit("k", [null] as never), "invalid-input"],
        ["commit(k, 'text')", () => journal.commit("k", "entries" as never), "invalid-input"],
        ["openAccount(null)", () => journal.openAccount(null as never), "invalid-input"],
        ["updateSettings(null)", () => journal.updateSettings(null as never), "invalid-input"],
        ["updateSettings autoApply 'yes'", () => journal.updateSettings({ autoApply: "yes" } as never), "invalid-input"],
        ["subscribe(null)", () => journal.subscribe(null as never), "invalid-input"],
        ["feesOwed(fam, null)", () => journal.feesOwed("fam-1", null as never, "k"), "invalid-input"],
        ["restoreJournal(null)", () => restoreJournal(null as never), "invalid-input"],
        ["restoreJournal settings null", () => restoreJournal({ ...journal.toData(), settings: null as never }), "invalid-input"],
        ["restoreJournal entries null", () => restoreJournal({ ...journal.toData(), entries: null as never }), "invalid-input"],
        ["createJournal(null)", () => createJournal(null as never), "invalid-input"],
        [
          "planCheckout applyCredit 'yes'",
          () => planCheckout(snap, { ...request, applyCredit: "yes" } as never, DEFAULT_SETTINGS),
          "invalid-input",
        ],
        ["planCheckout feeIds null", () => planCheckout(snap, { ...request, feeIds: null } as never, DEFAULT_SETTINGS), "invalid-input"],
        ["planCheckout tenders null", () => planCheckout(snap, { ...request, tenders: null } as never, DEFAULT_SETTINGS), "invalid-input"],
        [
          "planCheckout tenders [null]",
          () => planCheckout(snap, { ...request, tenders: [null] } as never, DEFAULT_SETTINGS),
          "invalid-input",
        ],
        ["planCheckout null request", () => planCheckout(snap, null as never, DEFAULT_SETTINGS), "invalid-input"],
        ["planCheckout null snapshot", () => planCheckout(null as never, request as never, DEFAULT_SETTINGS), "invalid-input"],
        ["planCheckout null settings", () => planCheckout(snap, request as never, null as never), "invalid-input"],
      ];
      for (const [what, call, code] of calls) {
        expect(errorOf(call).code, what).to.equal(code);
        expect(json(journal), what).to.equal(before);
      }
      expect(journal.reservation("settle"), "the reservation is still held").to.not.equal(undefined);
      expect(journal.committed("settle")).to.equal(undefined);
    });
  });

  describe("item 10", () => {
    /** Runs `mutate`, which may throw (frozen data) or do nothing that counts (a copy). */
    const attempt = (mutate: () => void) => {
      try {
        mutate();
      } catch {
        // Frozen: refused.
      }
    };

    it("reads are not shared mutable state: changing what a read returned changes nothing another reader sees (#13.10)", () => {
      const journal = journalWith();
      openFamily(journal);
      postFee(journal, "fam-1", "swim", "40.00");
      journal.commit("g", [grantEntry("g", "fam-1", "g1", "10.00")]);
      const before = json(journal);
      const snapBefore = JSON.stringify(journal.snapshot("fam-1"));
      const settingsBefore = JSON.stringify(journal.settings());
      const mutations: [string, () => void][] = [
        ["a snapshot's fee", () => Object.assign(journal.snapshot("fam-1").fees[0] as object, { remainder: "0.00" })],
        ["a snapshot's figures", () => Object.assign(journal.snapshot("fam-1"), { amountDue: "0.00", accountCredit: "99.00" })],
        ["a snapshot's list", () => (journal.snapshot("fam-1").fees as unknown[]).pop()],
        ["a snapshot's account", () => Object.assign(journal.snapshot("fam-1").account, { name: "Changed" })],
        ["entries()", () => (journal.entries() as LedgerEntry[]).push(feeEntry("z", "fam-1", "z", "1.00"))],
        ["entries() item", () => Object.assign(journal.entries()[0] as object, { amount: "1.00" })],
        ["entriesOf()", () => (journal.entriesOf("fam-1") as LedgerEntry[]).pop()],
        ["committed()", () => (journal.committed("g") as LedgerEntry[]).pop()],
        ["accounts()", () => Object.assign(journal.accounts()[0] as object, { name: "Changed" })],
        ["settings()", () => Object.assign(journal.settings(), { autoApply: true })],
        ["toData() settings", () => Object.assign(journal.toData().settings, { overpaymentToCredit: true })],
        ["toData() entries", () => (journal.toData().entries as LedgerEntry[]).pop()],
        ["toData() account", () => Object.assign(journal.toData().accounts[0] as object, { id: "other" })],
      ];
      for (const [what, mutate] of mutations) {
        attempt(mutate);
        expect(json(journal), what).to.equal(before);
        expect(JSON.stringify(journal.snapshot("fam-1")), what).to.equal(snapBefore);
        expect(JSON.stringify(journal.settings()), what).to.equal(settingsBefore);
      }
      expect(journal.settings().autoApply).to.equal(false);
    });
  });
});

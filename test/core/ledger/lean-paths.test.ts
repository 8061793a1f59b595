/**
 * The journal's lean paths answer exactly what the general ones do: reading
 * what fees owe from the balances, keeping entry ids unique without a set of
 * every id, and copying entries field by field for the usual shapes.
 */
import { expect } from "chai";
import type { Reservation } from "../../../packages/core/src/ledger/account-state.js";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { createJournal, type Journal } from "../../../packages/core/src/ledger/journal.js";
import { invoiceDue } from "../../../packages/core/src/settlement/plan.js";
import { creditPaymentEntry, errorOf, feeEntry, grantEntry, journalWith, openFamily } from "../fixtures.js";

/** What `feesOwed` and the snapshot-based `invoiceDue` say, as comparable data (or the error code). */
function bothReads(journal: Journal, accountId: string, feeIds: string[], key: string): [unknown, unknown] {
  const plain = (read: () => { fees: readonly { feeId: string; description: string; remainderText: string }[]; totalText: string }) => {
    try {
      const due = read();
      return { fees: due.fees.map((f) => [f.feeId, f.description, f.remainderText]), total: due.totalText };
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };
  return [plain(() => journal.feesOwed(accountId, feeIds, key)), plain(() => invoiceDue(journal.snapshot(accountId), feeIds, key))];
}

describe("journal.feesOwed reads what a snapshot would", () => {
  const journal = journalWith();
  const fam = openFamily(journal);
  journal.commit("seed", [
    feeEntry("seed", fam, "late", "30.00", { dueDate: "2026-12-01" }),
    feeEntry("seed", fam, "early", "12.50", { dueDate: "2026-11-01" }),
    feeEntry("seed", fam, "same-day-b", "7.00", { dueDate: "2026-11-10" }),
    feeEntry("seed", fam, "same-day-a", "8.00", { dueDate: "2026-11-10" }),
    feeEntry("seed", fam, "paid", "5.00"),
    grantEntry("seed", fam, "g1", "10.00"),
  ]);
  journal.commit("pay", [
    {
      id: "pay#0",
      key: "pay",
      type: "Payment (AC)",
      accountId: fam,
      date: "2026-11-02",
      amount: "5.00",
      description: "x",
      feeId: "paid",
      grants: [{ grantId: "g1", amount: "5.00" }],
    },
    {
      id: "pay#1",
      key: "pay",
      type: "Payment (AC)",
      accountId: fam,
      date: "2026-11-02",
      amount: "2.50",
      description: "x",
      feeId: "early",
      grants: [{ grantId: "g1", amount: "2.50" }],
    },
  ]);
  journal.reserve({ key: "held/1", accountId: fam, feeIds: ["late"], credit: "1.00" });

  const cases: [string, string[], string][] = [
    ["one fee", ["early"], "k"],
    ["several fees, waterfall order", ["late", "same-day-a", "early", "same-day-b"], "held/1"],
    ["a paid fee among others", ["paid", "same-day-b"], "k"],
    ["only paid fees", ["paid"], "k"],
    ["an unknown fee", ["early", "nope"], "k"],
    ["a fee held by another key", ["same-day-a", "late"], "k"],
    ["a fee held by the reading key", ["late"], "held/1"],
  ];
  for (const [what, feeIds, key] of cases) {
    it(`agrees with the snapshot: ${what}`, () => {
      const [fast, slow] = bothReads(journal, fam, feeIds, key);
      expect(fast).to.deep.equal(slow);
    });
  }

  it("feeBalances lists each fee's category and remainder as the snapshot does, in posting order", () => {
    const fromSnapshot = journal.snapshot(fam).fees.map((f) => ({ feeId: f.feeId, category: f.category, remainder: f.remainder }));
    expect(journal.feeBalances(fam)).to.deep.equal(fromSnapshot);
    expect(fromSnapshot.map((f) => f.feeId)).to.deep.equal(["late", "early", "same-day-b", "same-day-a", "paid"]);
  });

  it("throws unknown-account like snapshot", () => {
    expect(errorOf(() => journal.feesOwed("ghost", ["x"], "k")).code).to.equal("unknown-account");
  });
});

describe("entry ids stay unique across keys", () => {
  const fee = (key: string, feeId: string, id: string): LedgerEntry => feeEntry(key, "fam-1", feeId, "1.00", { id });
  const fresh = () => {
    const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
    openFamily(journal);
    return journal;
  };

  it('refuses an id of the form "key#n" that another key wrote first', () => {
    const journal = fresh();
    journal.commit("x", [fee("x", "f1", "y#0")]);
    expect(errorOf(() => journal.commit("y", [fee("y", "f2", "y#0")])).code).to.equal("duplicate-id");
  });

  it("refuses another key's 'key#n' id written under a new key", () => {
    const journal = fresh();
    journal.commit("y", [fee("y", "f1", "y#0")]);
    expect(errorOf(() => journal.commit("x", [fee("x", "f2", "y#0")])).code).to.equal("duplicate-id");
  });

  it("tells keys that contain '#' apart", () => {
    const journal = fresh();
    journal.commit("a#1", [fee("a#1", "f1", "a#1#0")]);
    expect(errorOf(() => journal.commit("a", [fee("a", "f2", "a#1#0")])).code).to.equal("duplicate-id");
    expect(journal.commit("a", [fee("a", "f3", "a#0")]).status).to.equal("committed");
  });

  it("refuses a repeated id inside one large commit", () => {
    const journal = fresh();
    const batch = Array.from({ length: 12 }, (_, i) => fee("big", `f${i}`, `big#${i}`));
    batch.push(fee("big", "f-last", "big#3"));
    expect(errorOf(() => journal.commit("big", batch)).code).to.equal("duplicate-id");
    expect(journal.commit("big", batch.slice(0, 12)).status).to.equal("committed");
  });
});

describe("written entries are frozen copies with the caller's fields in the caller's order", () => {
  it("keeps unusual field orders, and refuses extra fields (§2: every entry is checked field by field)", () => {
    const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
    openFamily(journal);
    const unusual = {
      amount: "3.00",
      id: "k#0",
      key: "k",
      type: "Fee",
      accountId: "fam-1",
      feeId: "f",
      date: "2026-11-01",
      dueDate: "2026-11-01",
      category: "Tuition",
      description: "Fee",
    } as unknown as LedgerEntry;
    const usual = feeEntry("k", "fam-1", "g", "4.00", { id: "k#1" });
    const [a, b] = journal.commit("k", [unusual, usual]).entries;
    expect(Object.keys(a as object)).to.deep.equal(Object.keys(unusual));
    expect(Object.keys(b as object)).to.deep.equal(Object.keys(usual));
    expect(a).to.deep.equal(unusual);
    expect(a).to.not.equal(unusual);
    const extra = { ...feeEntry("x", "fam-1", "h", "1.00", { id: "x#0" }), note: { text: "extra" } } as unknown as LedgerEntry;
    expect(errorOf(() => journal.commit("x", [extra])).code).to.equal("invalid-input");
    expect(journal.committed("x")).to.equal(undefined);
  });

  it("refuses an object where text was expected, and writes nothing", () => {
    const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
    openFamily(journal);
    const description = { text: "mutable" };
    const entry = { ...feeEntry("k", "fam-1", "f", "1.00", { id: "k#0" }), description } as unknown as LedgerEntry;
    expect(errorOf(() => journal.commit("k", [entry])).code).to.equal("invalid-input");
    expect(journal.entries()).to.have.length(0);
  });

  it("freezes allocation and grant lists and their items", () => {
    const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
    openFamily(journal);
    journal.commit("s", [feeEntry("s", "fam-1", "f", "9.00", { id: "s#0" }), grantEntry("s", "fam-1", "g", "4.00", { id: "s#1" })]);
    const [ac, card] = journal.commit("p", [
      {
        id: "p#0",
        key: "p",
        type: "Payment (AC)",
        accountId: "fam-1",
        date: "2026-11-02",
        amount: "4.00",
        description: "c",
        feeId: "f",
        grants: [{ grantId: "g", amount: "4.00" }],
      },
      {
        id: "p#1",
        key: "p",
        type: "Payment",
        accountId: "fam-1",
        date: "2026-11-02",
        amount: "5.00",
        description: "d",
        method: "card",
        allocations: [{ feeId: "f", amount: "5.00" }],
        reference: "ch_1",
      },
    ]).entries;
    for (const list of [(ac as unknown as { grants: object[] }).grants, (card as unknown as { allocations: object[] }).allocations]) {
      expect(Object.isFrozen(list)).to.equal(true);
      expect(Object.isFrozen(list[0])).to.equal(true);
    }
    expect(journal.snapshot("fam-1")).to.include({ amountDue: "0.00", accountCredit: "0.00" });
  });
});

describe("reservations in flight read the same few or many", () => {
  /** 40 families, each with two fees and a 10.00 grant; `count` reservations of one fee and 3.00 of credit each. */
  function heldLedger(count: number): Journal {
    const journal = journalWith();
    for (let a = 0; a < 40; a++) {
      const fam = openFamily(journal, `fam-${a}`, `Family ${a}`);
      journal.commit(`seed-${a}`, [
        feeEntry(`seed-${a}`, fam, "f0", "20.00"),
        feeEntry(`seed-${a}`, fam, "f1", "20.00"),
        grantEntry(`seed-${a}`, fam, "g", "10.00"),
      ]);
    }
    for (let n = 0; n < count; n++)
      journal.reserve({ key: `r${n}`, accountId: `fam-${n % 40}`, feeIds: [`f${Math.floor(n / 40)}`], credit: "3.00" });
    return journal;
  }

  /** What a reader sees of account `fam-a`: credit held and free, and who holds each fee. */
  function seen(journal: Journal, a: number) {
    const snap = journal.snapshot(`fam-${a}`);
    return {
      reserved: snap.reservedCredit,
      available: snap.availableCredit,
      holders: snap.fees.map((f) => f.reservedBy ?? null),
      refused: errorOf(() => journal.reserve({ key: "other", accountId: `fam-${a}`, feeIds: ["f0"], credit: "0" })).code,
    };
  }

  it("answers alike with 80 reservations held (past the point where they are indexed) as the same ones would alone", () => {
    const many = heldLedger(80);
    expect(many.reservations().map((r) => r.key)).to.deep.equal(Array.from({ length: 80 }, (_, n) => `r${n}`));
    expect(many.reservation("r45")?.accountId).to.equal("fam-5");
    expect(seen(many, 7)).to.deep.equal({ reserved: "6.00", available: "4.00", holders: ["r7", "r47"], refused: "fee-reserved" });
    // Releasing all but the first 40 leaves the same answers as a ledger that only ever held those 40.
    for (let n = 79; n >= 40; n--) many.release(`r${n}`);
    const few = heldLedger(40);
    for (const a of [0, 7, 39]) expect(seen(many, a)).to.deep.equal(seen(few, a));
    expect(many.reservations()).to.deep.equal(few.reservations());
  });

  it("commits under a held key and releases the rest, many held or few", () => {
    for (const count of [10, 80]) {
      const journal = heldLedger(count);
      const r = journal.reservation("r3") as Reservation;
      journal.commit("r3", [creditPaymentEntry("r3", "fam-3", "f0", [["g", "3.00"]])]);
      expect(journal.reservation("r3"), `${count} held`).to.equal(undefined);
      expect(journal.snapshot("fam-3").fees[0]?.remainder).to.equal("17.00");
      for (let n = 0; n < count; n++) journal.release(`r${n}`);
      expect(journal.reservations(), `${count} held`).to.deep.equal([]);
      expect(journal.snapshot("fam-3").availableCredit).to.equal("7.00");
      expect(r.credit).to.equal("3.00");
    }
  });
});

import { expect } from "chai";
import fc from "fast-check";
import { CreditKitError } from "../../../packages/core/src/errors.js";
import { type AccountSnapshot, byGrantAge } from "../../../packages/core/src/ledger/account-state.js";
import type { GrantType, LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import { type CommitResult, type Journal, type JournalData, restoreJournal } from "../../../packages/core/src/ledger/journal.js";
import { DERIVED_MARK, sweepKey } from "../../../packages/core/src/ledger/validate-entry.js";
import {
  add,
  compare,
  fromAmountString,
  isNegative,
  isPositive,
  isZero,
  type Money,
  min,
  subtract,
  sum,
  toAmountString,
  zero,
} from "../../../packages/core/src/money.js";
import { creditPaymentEntry, feeEntry, grantEntry, journalWith, voidEntry } from "../fixtures.js";
import { fromMinor } from "../money/arbitraries.js";

const RUNS = { numRuns: 1000 };
const C = "USD";
const ACCOUNTS = ["a", "b"] as const;
const FEES = ["f0", "f1", "f2", "f3"] as const;
const GRANTS = ["g0", "g1", "g2", "g3"] as const;
const GRANT_TYPES: readonly GrantType[] = ["Account Credit", "Refund - Account Credit", "Preloaded Credit"];

const m = (amount: string): Money => fromAmountString(amount, C);
const cents = (max: number, minimum = 1) => fc.integer({ min: minimum, max }).map((n) => fromMinor(BigInt(n), 2));
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-10-${String(d).padStart(2, "0")}`);
const acct = fc.oneof({ weight: 3, arbitrary: fc.constant("a") }, { weight: 1, arbitrary: fc.constant("b") });
const fee = fc.constantFrom(...FEES);
const grant = fc.constantFrom(...GRANTS);
const slot = fc.integer({ min: 0, max: 1 });

type Op =
  | { kind: "fee"; acct: string; fee: string; amount: string; due: string }
  | { kind: "grant"; acct: string; grant: string; amount: string; date: string; type: GrantType }
  | { kind: "voidGrant"; acct: string; grant: string; amount: string }
  | { kind: "voidFee"; acct: string; fee: string; amount: string }
  | { kind: "payCredit"; acct: string; fee: string; uses: { grant: string; amount: string }[] }
  | { kind: "payCard"; acct: string; fee: string; amount: string }
  /** Reverses the account's `pick`-th payment (modulo how many it has); `amount` replaces the payment's own when given. */
  | { kind: "reversePayment"; acct: string; pick: number; amount: string | null }
  /** `fees` picks among the account's posted fees by position; "f9" names a fee that was never posted. */
  | { kind: "reserve"; slot: number; acct: string; fees: number[]; unknownFee: boolean; credit: string }
  | { kind: "release"; slot: number }
  | { kind: "settle"; slot: number }
  | { kind: "autoApply"; on: boolean };

/** Posting a fee or a grant; `minimum` 0 lets a zero amount through to be refused. */
const postFee = (minimum: number) => fc.record({ kind: fc.constant("fee" as const), acct, fee, amount: cents(5000, minimum), due: day });
const postGrant = (minimum: number) =>
  fc.record({
    kind: fc.constant("grant" as const),
    acct,
    grant,
    amount: cents(5000, minimum),
    date: day,
    type: fc.constantFrom(...GRANT_TYPES),
  });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: postFee(0) },
  { weight: 4, arbitrary: postGrant(0) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("voidGrant" as const), acct, grant, amount: cents(3000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("voidFee" as const), acct, fee, amount: cents(3000) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("payCredit" as const),
      acct,
      fee,
      uses: fc.array(fc.record({ grant, amount: cents(2000) }), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("payCard" as const), acct, fee, amount: cents(3000) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("reversePayment" as const),
      acct,
      pick: fc.nat(5),
      amount: fc.option(cents(3000), { freq: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reserve" as const),
      slot,
      acct,
      fees: fc.array(fc.nat({ max: 3 }), { maxLength: 2 }),
      unknownFee: fc.nat({ max: 9 }).map((n) => n === 0),
      credit: cents(4000, 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release" as const), slot }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("settle" as const), slot }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("autoApply" as const), on: fc.boolean() }) },
);
/** Fees and grants posted first, so that later operations mostly find what they name; then anything. */
const scenario = fc.record({
  autoApply: fc.boolean(),
  ops: fc
    .tuple(fc.array(fc.oneof(postFee(1), postGrant(1)), { minLength: 4, maxLength: 10 }), fc.array(op, { minLength: 5, maxLength: 40 }))
    .map(([prelude, body]): Op[] => [...prelude, ...body]),
});

/** One step of a scenario, as the checks see it. */
interface Step {
  readonly op: Op;
  readonly key: string;
  /** What a reader saw just before the step. */
  readonly before: string;
  /** `account/fee` held by reservations other than the step's own key, just before it. */
  readonly heldByOthers: ReadonlySet<string>;
  readonly autoApply: boolean;
  /** How many entries the journal held just before the step. */
  readonly written: number;
  readonly result?: CommitResult;
  readonly error?: unknown;
}

const visible = (journal: Journal) => JSON.stringify({ data: journal.toData(), snapshots: ACCOUNTS.map((a) => journal.snapshot(a)) });

/** The entries a reservation's owner writes to spend its held credit on its held fees, oldest grant first. */
function settlementEntries(journal: Journal, key: string): LedgerEntry[] {
  const reservation = journal.reservation(key);
  if (!reservation) return [];
  const snap = journal.snapshot(reservation.accountId);
  const pool = reservation.grants.map((g) => ({ grantId: g.grantId, free: m(g.amount) }));
  const entries: LedgerEntry[] = [];
  for (const feeId of reservation.feeIds) {
    const state = snap.fees.find((f) => f.feeId === feeId);
    let due = state ? m(state.remainder) : zero(C);
    const uses: [string, string][] = [];
    for (const source of pool) {
      const take = min(due, source.free);
      if (!isPositive(take)) continue;
      uses.push([source.grantId, toAmountString(take)]);
      source.free = subtract(source.free, take);
      due = subtract(due, take);
    }
    if (uses.length > 0) entries.push(creditPaymentEntry(key, reservation.accountId, feeId, uses, { id: `${key}#${feeId}` }));
  }
  return entries;
}

/** Runs a scenario against a fresh journal, calling `check` after every step. */
function run(input: { autoApply: boolean; ops: readonly Op[] }, check: (journal: Journal, step: Step) => void): Journal {
  const journal = journalWith({ autoApply: input.autoApply });
  for (const a of ACCOUNTS) journal.openAccount({ id: a, name: `Family ${a}`, kind: "family" });
  const slots: (string | undefined)[] = [undefined, undefined];
  input.ops.forEach((o, i) => {
    const key = o.kind === "settle" ? (slots[o.slot] ?? `idle-${i}`) : `op-${i}`;
    const before = visible(journal);
    const heldByOthers = new Set(
      journal
        .reservations()
        .filter((r) => r.key !== key)
        .flatMap((r) => r.feeIds.map((f) => `${r.accountId}/${f}`)),
    );
    const autoApply = journal.settings().autoApply;
    const written = journal.entries().length;
    let result: CommitResult | undefined;
    let error: unknown;
    try {
      switch (o.kind) {
        case "fee":
          result = journal.commit(key, [feeEntry(key, o.acct, o.fee, o.amount, { dueDate: o.due })]);
          break;
        case "grant":
          result = journal.commit(key, [grantEntry(key, o.acct, o.grant, o.amount, { date: o.date, type: o.type })]);
          break;
        case "voidGrant":
          result = journal.commit(key, [voidEntry(key, o.acct, { kind: "grant", grantId: o.grant }, o.amount)]);
          break;
        case "voidFee":
          result = journal.commit(key, [voidEntry(key, o.acct, { kind: "fee", feeId: o.fee }, o.amount)]);
          break;
        case "payCredit":
          result = journal.commit(key, [
            creditPaymentEntry(
              key,
              o.acct,
              o.fee,
              o.uses.map((u) => [u.grant, u.amount] as const),
            ),
          ]);
          break;
        case "reversePayment": {
          const payments = journal.entriesOf(o.acct).filter((e) => e.type === "Payment" || e.type === "Payment (AC)");
          const target = payments[o.pick % Math.max(1, payments.length)];
          const entryId = target?.id ?? "no-such-payment";
          result = journal.commit(key, [voidEntry(key, o.acct, { kind: "payment", entryId }, o.amount ?? target?.amount ?? "1.00")]);
          break;
        }
        case "payCard":
          result = journal.commit(key, [
            {
              id: `${key}#card`,
              key,
              type: "Payment",
              accountId: o.acct,
              date: "2026-11-20",
              amount: o.amount,
              description: "Card",
              method: "card",
              allocations: [{ feeId: o.fee, amount: o.amount }],
            },
          ]);
          break;
        case "reserve":
          if (slots[o.slot] === undefined) {
            const posted = journal.snapshot(o.acct).fees.map((f) => f.feeId);
            const feeIds = [...new Set(o.fees.flatMap((i) => (posted.length > 0 ? [posted[i % posted.length] as string] : [])))];
            journal.reserve({ key, accountId: o.acct, feeIds: o.unknownFee ? [...feeIds, "f9"] : feeIds, credit: o.credit });
            slots[o.slot] = key;
          }
          break;
        case "release":
          if (slots[o.slot] !== undefined) journal.release(slots[o.slot] as string);
          slots[o.slot] = undefined;
          break;
        case "settle":
          if (slots[o.slot] !== undefined) {
            const entries = settlementEntries(journal, key);
            // Nothing to spend: the owner releases (an empty commit is refused).
            if (entries.length === 0) journal.release(key);
            else result = journal.commit(key, entries);
            slots[o.slot] = undefined;
          }
          break;
        case "autoApply":
          journal.updateSettings({ autoApply: o.on });
          break;
      }
    } catch (caught) {
      error = caught;
    }
    check(journal, {
      op: o,
      key,
      before,
      heldByOthers,
      autoApply,
      written,
      ...(result ? { result } : {}),
      ...(error !== undefined ? { error } : {}),
    });
  });
  return journal;
}

interface Totals {
  readonly fees: Map<string, { amount: Money; paid: Money; voided: Money }>;
  readonly grants: Map<string, { amount: Money; used: Money; voided: Money; closed?: boolean }>;
}

/**
 * Running sums per account over the journal's entries, kept independently of the
 * journal's own tallies. Call `of(journal, accountId)` after each step: it reads only the new entries.
 */
function entryTotals() {
  const books = new Map<string, Totals>(ACCOUNTS.map((a) => [a, { fees: new Map(), grants: new Map() }]));
  let seen = 0;
  const payments = new Map<string, LedgerEntry>();
  const read = (e: LedgerEntry) => {
    const { fees, grants } = books.get(e.accountId) ?? expect.fail(`entry for unknown account ${e.accountId}`);
    if (e.type === "Payment" || e.type === "Payment (AC)") payments.set(e.id, e);
    const feeOf = (id: string) => fees.get(id) ?? expect.fail(`entry references unknown fee ${id}`);
    const grantOf = (id: string) => grants.get(id) ?? expect.fail(`entry references unknown grant ${id}`);
    const z = zero(C);
    if (e.type === "Fee") fees.set(e.feeId, { amount: m(e.amount), paid: z, voided: z });
    else if (e.type === "Payment") for (const a of e.allocations) feeOf(a.feeId).paid = add(feeOf(a.feeId).paid, m(a.amount));
    else if (e.type === "Payment (AC)") {
      feeOf(e.feeId).paid = add(feeOf(e.feeId).paid, m(e.amount));
      for (const g of e.grants) grantOf(g.grantId).used = add(grantOf(g.grantId).used, m(g.amount));
    } else if (e.type === "Void") {
      const target = e.target;
      if (target.kind === "fee") feeOf(target.feeId).voided = add(feeOf(target.feeId).voided, m(e.amount));
      else if (target.kind === "grant") {
        const g = grantOf(target.grantId);
        g.voided = add(g.voided, m(e.amount));
        // A void that takes all that is left closes the grant: credit given back to it later is voided too.
        if (isZero(subtract(subtract(g.amount, g.used), g.voided))) g.closed = true;
      } else {
        // A payment reversed: what it paid is owed again, the credit it used is free again.
        const p = payments.get(target.entryId) ?? expect.fail(`reversal of unknown payment ${target.entryId}`);
        if (p.type === "Payment") for (const a of p.allocations) feeOf(a.feeId).paid = subtract(feeOf(a.feeId).paid, m(a.amount));
        else if (p.type === "Payment (AC)") {
          feeOf(p.feeId).paid = subtract(feeOf(p.feeId).paid, m(p.amount));
          for (const g of p.grants) {
            const grant = grantOf(g.grantId);
            grant.used = subtract(grant.used, m(g.amount));
            if (grant.closed) grant.voided = add(grant.voided, m(g.amount));
          }
        }
      }
    } else grants.set(e.grantId, { amount: m(e.amount), used: z, voided: z });
  };
  return {
    of(journal: Journal, accountId: string): Totals {
      const all = journal.entries();
      for (; seen < all.length; seen++) read(all[seen] as LedgerEntry);
      return books.get(accountId) ?? expect.fail(`unknown account ${accountId}`);
    },
  };
}

/** A step that threw must have thrown a CreditKitError and changed nothing anyone can see. */
function failedCleanly(journal: Journal, step: Step): void {
  if (step.error === undefined) return;
  expect(step.error, String(step.error)).to.be.instanceOf(CreditKitError);
  expect(visible(journal)).to.equal(step.before);
}

describe("ledger: properties over random operation sequences (§2, §4)", function () {
  // A thousand random sequences per rule: give a busy machine room.
  this.timeout(120_000);

  it("never makes Amount Due or Account Credit negative and never overpays a fee or overuses a grant (§2)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const totals = entryTotals();
        run(input, (journal, step) => {
          failedCleanly(journal, step);
          // Collected, then asserted once per step: chai in the inner loops would dominate the run time.
          const problems: string[] = [];
          const holds = (ok: boolean, rule: string) => {
            if (!ok) problems.push(rule);
          };
          for (const a of ACCOUNTS) {
            const snap = journal.snapshot(a);
            for (const figure of ["amountDue", "accountCredit", "availableCredit", "reservedCredit"] as const) {
              holds(!isNegative(m(snap[figure])), `${a}: ${figure} = ${snap[figure]} < 0`);
            }
            const { fees, grants } = totals.of(journal, a);
            for (const [id, f] of fees) {
              holds(compare(add(f.paid, f.voided), f.amount) <= 0, `${a}: fee ${id} overpaid`);
              const state = snap.fees.find((x) => x.feeId === id);
              const remainder = toAmountString(subtract(subtract(f.amount, f.paid), f.voided));
              holds(
                state?.paid === toAmountString(f.paid) && state.voided === toAmountString(f.voided) && state.remainder === remainder,
                `${a}: fee ${id} is ${JSON.stringify(state)}, entries say paid ${toAmountString(f.paid)}, voided ${toAmountString(f.voided)}`,
              );
            }
            for (const [id, g] of grants) {
              holds(compare(add(g.used, g.voided), g.amount) <= 0, `${a}: grant ${id} overused`);
              const state = snap.grants.find((x) => x.grantId === id);
              holds(
                state?.used === toAmountString(g.used) && state.voided === toAmountString(g.voided),
                `${a}: grant ${id} is ${JSON.stringify(state)}, entries say used ${toAmountString(g.used)}, voided ${toAmountString(g.voided)}`,
              );
              holds(
                state !== undefined && compare(m(state.reserved), m(state.remainder)) <= 0,
                `${a}: grant ${id} reserves more than it has`,
              );
            }
          }
          expect(problems).to.deep.equal([]);
        });
      }),
      RUNS,
    );
  });

  it("conserves credit and charges: grants − used − voided = Account Credit; fees − paid − voided = Amount Due (§2)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const totals = entryTotals();
        run(input, (journal) => {
          for (const a of ACCOUNTS) {
            const snap = journal.snapshot(a);
            const { fees, grants } = totals.of(journal, a);
            const credit = sum(
              [...grants.values()].map((g) => subtract(subtract(g.amount, g.used), g.voided)),
              C,
            );
            const due = sum(
              [...fees.values()].map((f) => subtract(subtract(f.amount, f.paid), f.voided)),
              C,
            );
            expect(snap.accountCredit).to.equal(toAmountString(credit));
            expect(snap.amountDue).to.equal(toAmountString(due));
            expect(snap.availableCredit).to.equal(toAmountString(subtract(m(snap.accountCredit), m(snap.reservedCredit))));
          }
        });
      }),
      RUNS,
    );
  });

  it("never lets the sweep touch a fee held by a reservation, and never lets another key pay or void it (§4, §5)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        run(input, (journal, step) => {
          const swept = journal
            .entries()
            .slice(step.written)
            .filter((e) => e.key.includes(DERIVED_MARK));
          expect(swept).to.deep.equal(step.result?.swept ?? []);
          for (const entry of swept) {
            expect(entry.type).to.equal("Payment (AC)");
            expect(entry.key).to.equal(sweepKey(step.key, entry.accountId));
            if (entry.type === "Payment (AC)") {
              expect(step.heldByOthers.has(`${entry.accountId}/${entry.feeId}`), `sweep paid reserved fee ${entry.feeId}`).to.equal(false);
            }
          }
          const o = step.op;
          if ((o.kind === "payCredit" || o.kind === "payCard" || o.kind === "voidFee") && step.heldByOthers.has(`${o.acct}/${o.fee}`)) {
            expect(step.error, "paying or voiding a reserved fee").to.be.instanceOf(CreditKitError);
            expect((step.error as CreditKitError).code).to.equal("fee-reserved");
          }
        });
      }),
      RUNS,
    );
  });

  it("sweeps after every posted fee or credit while on, oldest grant first, and never while off (§4)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        run(input, (journal, step) => {
          if (step.result?.status !== "committed") return;
          if (!step.autoApply) {
            expect(step.result.swept).to.deep.equal([]);
            return;
          }
          const posted = step.op.kind === "fee" || step.op.kind === "grant";
          if (!posted) return;
          const accountId = step.op.acct;
          const snap: AccountSnapshot = journal.snapshot(accountId);
          const unpaidFree = snap.fees.filter((f) => isPositive(m(f.remainder)) && f.reservedBy === undefined);
          if (unpaidFree.length > 0) expect(snap.availableCredit, `credit left while ${unpaidFree[0]?.feeId} is unpaid`).to.equal("0.00");
          // Oldest first: a grant the sweep drew from has no older grant with free credit left.
          const drawn = new Set(step.result.swept.flatMap((e) => (e.type === "Payment (AC)" ? e.grants.map((g) => g.grantId) : [])));
          for (const g of snap.grants) {
            if (!drawn.has(g.grantId)) continue;
            for (const older of snap.grants.filter((o) => byGrantAge(o, g) < 0)) {
              expect(toAmountString(subtract(m(older.remainder), m(older.reserved))), `${older.grantId} older than ${g.grantId}`).to.equal(
                "0.00",
              );
            }
          }
        });
      }),
      RUNS,
    );
  });

  it("lets a reservation's owner spend all it holds on its held fees, and releases it (§5)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        run(input, (journal, step) => {
          if (step.op.kind !== "settle" || !step.key.startsWith("op-")) return;
          expect(step.error, String(step.error)).to.equal(undefined);
          expect(journal.reservation(step.key)).to.equal(undefined);
          // Spent = min(credit held, what the held fees still owed), all taken from the held grants.
          const before = JSON.parse(step.before) as { data: JournalData; snapshots: AccountSnapshot[] };
          const held = before.data.reservations.find((r) => r.key === step.key) ?? expect.fail("no reservation before settling");
          const snap = before.snapshots.find((x) => x.account.id === held.accountId) ?? expect.fail("no snapshot");
          const owed = sum(
            snap.fees.filter((f) => held.feeIds.includes(f.feeId)).map((f) => m(f.remainder)),
            C,
          );
          const written = step.result?.entries ?? [];
          const spent = sum(
            written.map((e) => m(e.amount)),
            C,
          );
          expect(toAmountString(spent)).to.equal(toAmountString(min(m(held.credit), owed)));
          const heldGrants = new Set(held.grants.map((g) => g.grantId));
          for (const e of written) {
            if (e.type === "Payment (AC)") for (const g of e.grants) expect(heldGrants.has(g.grantId)).to.equal(true);
          }
        });
      }),
      RUNS,
    );
  });

  it("restores from toData() to equal snapshots, and every key stays idempotent after a restore (§2)", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const journal = run(input, () => {});
        const restored = restoreJournal(JSON.parse(JSON.stringify(journal.toData())));
        for (const a of ACCOUNTS) expect(restored.snapshot(a)).to.deep.equal(journal.snapshot(a));
        expect(restored.toData()).to.deep.equal(journal.toData());
        const count = restored.entries().length;
        for (const key of new Set(journal.entries().map((e) => e.key))) {
          const entries = journal.committed(key) ?? expect.fail(`no record of ${key}`);
          expect(restored.commit(key, entries).status).to.equal("duplicate");
          expect(journal.commit(key, entries).status).to.equal("duplicate");
        }
        expect(restored.entries()).to.have.length(count);
      }),
      RUNS,
    );
  });
});

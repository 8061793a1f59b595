/**
 * The ledger's idempotency (§2) when a key is reused, as a property: over a
 * random history (fees, credits, several entries under one key, auto-apply on
 * or off), committing a used key again with the same entries (copied, their
 * fields in another order) is a `duplicate` that writes nothing; with
 * different entries it is an `idempotency-conflict` that writes nothing. In
 * both cases the ledger is unchanged (`toData()` before = after), no listener
 * hears of a change, and the key still answers its first entries.
 */
import { expect } from "chai";
import fc from "fast-check";
import { CreditKitError, createJournal, type LedgerEntry } from "../../../packages/core/src/index.js";
import { add, fromAmountString, toAmountString } from "../../../packages/core/src/money.js";
import { feeEntry, grantEntry } from "../fixtures.js";

const ACCOUNTS = ["a", "b"] as const;
const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, "0")}`);

/** One caller commit: up to three fees and credits under one key. */
const commitArb = fc.array(
  fc.record({ kind: fc.constantFrom("fee" as const, "grant" as const), account: fc.constantFrom(...ACCOUNTS), amount: cents(5000) }),
  { minLength: 1, maxLength: 3 },
);

/** How a reuse differs from the first commit under the key (`same`: it does not). */
const changeArb = fc.constantFrom("same", "amount", "description", "date", "account", "id", "extra", "drop", "reorder");
type Change = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

/** The same entries, copied, with every object's fields in reverse order. */
function reordered(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const flip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(flip);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, flip(v)]),
    );
  };
  return entries.map((e) => flip(e) as LedgerEntry);
}

/** Entries under `key` that differ from `entries` as `change` says (undefined when that change is impossible here). */
function changed(key: string, entries: readonly LedgerEntry[], change: Change, at: number): LedgerEntry[] | undefined {
  const copy = reordered(entries);
  const i = at % copy.length;
  const entry = copy[i] as LedgerEntry;
  switch (change) {
    case "same":
      return copy;
    case "amount":
      copy[i] = { ...entry, amount: toAmountString(add(fromAmountString(entry.amount, "USD"), fromAmountString("0.01", "USD"))) };
      return copy;
    case "description":
      copy[i] = { ...entry, description: `${entry.description} (again)` };
      return copy;
    case "date":
      copy[i] = { ...entry, date: entry.date === "2026-11-02" ? "2026-11-03" : "2026-11-02" };
      return copy;
    case "account":
      copy[i] = { ...entry, accountId: entry.accountId === "a" ? "b" : "a" };
      return copy;
    case "id":
      copy[i] = { ...entry, id: `${key}#other` };
      return copy;
    case "extra":
      return [...copy, feeEntry(key, "a", `${key}-extra`, "1.00", { id: `${key}#extra` })];
    case "drop":
      return copy.length > 1 ? copy.filter((_, n) => n !== i) : undefined;
    case "reorder":
      return copy.length > 1 && JSON.stringify(copy[0]) !== JSON.stringify(copy[1])
        ? [...copy.slice(1), copy[0] as LedgerEntry]
        : undefined;
  }
}

describe("ledger: idempotency when a key is reused (fast-check)", () => {
  it("a used key with the same entries is a duplicate and with different entries an idempotency-conflict; either way the ledger is unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(commitArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.record({ pick: fc.nat(), change: changeArb, at: fc.nat() }), { minLength: 1, maxLength: 6 }),
        (commits, autoApply, reuses) => {
          const journal = createJournal({ currency: "USD", settings: { autoApply } });
          for (const id of ACCOUNTS) journal.openAccount({ id, name: `Family ${id}`, kind: "family" });
          const keys = commits.map((entries, n) => {
            const key = `k${n}`;
            journal.commit(
              key,
              entries.map((e, j) =>
                e.kind === "fee"
                  ? feeEntry(key, e.account, `${key}-f${j}`, e.amount, { id: `${key}#${j}` })
                  : grantEntry(key, e.account, `${key}-g${j}`, e.amount, { id: `${key}#${j}` }),
              ),
            );
            return key;
          });
          let heard = 0;
          journal.subscribe(() => heard++);
          for (const reuse of reuses) {
            const key = keys[reuse.pick % keys.length] as string;
            const first = journal.committed(key) as readonly LedgerEntry[];
            const again = changed(key, first, reuse.change, reuse.at);
            if (again === undefined) continue;
            const before = JSON.stringify(journal.toData());
            const firstCopy = JSON.stringify(first);
            let outcome: unknown;
            try {
              outcome = journal.commit(key, again);
            } catch (error) {
              outcome = error;
            }
            if (reuse.change === "same") {
              expect(outcome).to.include({ status: "duplicate" });
              expect((outcome as { entries: unknown }).entries).to.deep.equal(first);
              expect((outcome as { swept: unknown }).swept).to.deep.equal([]);
            } else {
              expect(outcome, reuse.change).to.be.instanceOf(CreditKitError);
              expect(outcome).to.include({ code: "idempotency-conflict" });
              expect((outcome as CreditKitError).details.key).to.equal(key);
            }
            expect(JSON.stringify(journal.toData()), `toData() after a ${reuse.change} reuse`).to.equal(before);
            expect(JSON.stringify(journal.committed(key))).to.equal(firstCopy);
          }
          expect(heard, "no listener hears of a change").to.equal(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/**
 * Properties of processing a mass-credit run (§6 "Process", issue #13's
 * Proof): under random interruptions (a ledger that throws at a random read
 * or write, before or after writing; an abort at a random point) and with one
 * or two processors of the same run at once over one ledger (two tabs), then
 * resumed by one or two processors: every selected row is credited exactly
 * once, and every record equals the ledger (the credits it lists are the
 * run's grants on the ledger, its counts are what its ledger answered).
 */
import { expect } from "chai";
import fc from "fast-check";
import {
  CreditKitError,
  createJournal,
  type GrantEntry,
  isGrantEntry,
  type Journal,
  type KeyedEntries,
  type LedgerEntry,
  type MassCreditPreview,
  planRun,
  previewMassCredit,
  processRun,
  type RunLedger,
  type RunPlan,
  type RunRecord,
} from "../../../packages/core/src/index.js";
import { fromAmountString, sum, toAmountString } from "../../../packages/core/src/money.js";
import { dataSet, family, request, student } from "./fixtures.js";

const RUN_ID = "prop";
const FAMILIES = Array.from({ length: 6 }, (_, i) => family(`F${i + 1}`, `Family ${i + 1}`));
const DATA = dataSet({
  families: FAMILIES,
  students: FAMILIES.flatMap((f, i) => (i % 3 === 2 ? [] : [student(`S${i}a`, f.id, `A ${i}`), student(`S${i}b`, f.id, `B ${i}`)])),
});
const PREVIEWS = new Map<string, MassCreditPreview>();
function preview(mode: "family" | "student", amount: string): MassCreditPreview {
  const key = `${mode}/${amount}`;
  let found = PREVIEWS.get(key);
  if (found === undefined) {
    found = previewMassCredit(request({ mode, amount }), DATA);
    PREVIEWS.set(key, found);
  }
  return found;
}

type Fault =
  | { readonly kind: "none" }
  | { readonly kind: "abort"; readonly at: number }
  | { readonly kind: "throw"; readonly at: number; readonly on: "read" | "write"; readonly afterWrite: boolean; readonly storage: boolean };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: "none" }),
  fc.record({ kind: fc.constant("abort" as const), at: fc.nat(14) }),
  fc.record({
    kind: fc.constant("throw" as const),
    at: fc.integer({ min: 1, max: 14 }),
    on: fc.constantFrom("read" as const, "write" as const),
    afterWrite: fc.boolean(),
    storage: fc.boolean(),
  }),
);

/** How one processor (one tab) talks to the ledger. */
const tabArb = fc.record({
  chunkSize: fc.integer({ min: 1, max: 5 }),
  chunked: fc.boolean(),
  asynchronous: fc.boolean(),
  /** Microtask turns each ledger call waits (asynchronous only), so two tabs interleave differently. */
  delays: fc.array(fc.nat(3), { minLength: 1, maxLength: 6 }),
});
type TabShape = typeof tabArb extends fc.Arbitrary<infer T> ? T : never;

/** One processor's view of the shared journal, with its fault, and what it was told. */
interface Tab {
  ledger: RunLedger;
  readonly signal: AbortSignal;
  readonly chunkSize: number;
  readonly fault: Fault;
  /** Items its ledger answered `committed` (what its record must count as issued). */
  answered: number;
  /** Items written by a call whose answer was lost (it threw after writing). */
  lost: number;
  aborted: boolean;
  threw: boolean;
}

function openTab(journal: Journal, shape: TabShape, fault: Fault): Tab {
  const controller = new AbortController();
  let calls = 0;
  const tab: Tab = {
    ledger: undefined as unknown as RunLedger,
    signal: controller.signal,
    chunkSize: shape.chunkSize,
    fault,
    answered: 0,
    lost: 0,
    aborted: false,
    threw: false,
  };
  const boom = () => {
    tab.threw = true;
    return fault.kind === "throw" && fault.storage ? new CreditKitError("storage-quota") : new Error("the disk is gone");
  };
  /** Counts the call; true when the fault strikes it. */
  const strikes = (op: "read" | "write") => {
    calls++;
    if (fault.kind === "abort" && calls === fault.at) {
      tab.aborted = true;
      controller.abort();
    }
    return fault.kind === "throw" && fault.on === op && calls === fault.at;
  };
  const write = (items: readonly KeyedEntries[], atomicCheck: boolean) => {
    const hit = strikes("write");
    if (hit && fault.kind === "throw" && !fault.afterWrite) throw boom();
    if (atomicCheck) {
      // All or nothing: an unknown account refuses the whole chunk (a row error) before anything is written.
      const bad = items.find((i) => i.entries.some((e) => !journal.hasAccount(e.accountId)));
      if (bad) journal.snapshot(bad.entries[0]?.accountId ?? "");
    }
    const results = items.map((i) => journal.commit(i.key, i.entries));
    const fresh = results.filter((r) => r.status === "committed").length;
    if (hit) {
      tab.lost += fresh;
      throw boom();
    }
    tab.answered += fresh;
    return results;
  };
  const read = (key: string) => {
    if (strikes("read")) throw boom();
    return journal.committed(key);
  };
  let turn = 0;
  const later = async <T>(run: () => T): Promise<T> => {
    const wait = shape.delays[turn++ % shape.delays.length] ?? 0;
    for (let i = 0; i < wait; i++) await Promise.resolve();
    return run();
  };
  const call = <T>(run: () => T): T | Promise<T> => (shape.asynchronous ? later(run) : run());
  tab.ledger = {
    currency: "USD",
    committed: (key: string) => call(() => read(key)),
    commit: (key: string, entries: readonly LedgerEntry[]) =>
      call(() => write([{ key, entries }], false)[0] as { status: "committed" | "duplicate" }),
    ...(shape.chunked ? { commitChunk: (items: readonly KeyedEntries[]) => call(() => write(items, true)) } : {}),
  };
  return tab;
}

const fast = () => Promise.resolve();

/** The run's grants on the ledger, by row key. */
function grantsOfRun(journal: Journal): Map<string, GrantEntry[]> {
  const found = new Map<string, GrantEntry[]>();
  for (const entry of journal.entries()) {
    if (!isGrantEntry(entry) || entry.source.kind !== "mass-credit" || entry.source.runId !== RUN_ID) continue;
    found.set(entry.source.rowKey, [...(found.get(entry.source.rowKey) ?? []), entry]);
  }
  return found;
}

const total = (amounts: readonly string[]) =>
  toAmountString(
    sum(
      amounts.map((a) => fromAmountString(a, "USD")),
      "USD",
    ),
  );

/** What every record must satisfy, whatever stopped it: it equals the ledger and its tab's answers. */
function checkRecord(record: RunRecord, tab: Tab, plan: RunPlan, journal: Journal, creditable: readonly string[]): void {
  const order = plan.posts.map((p) => p.rowKey);
  expect(record.count).to.equal(record.credits.length);
  expect(record.total).to.equal(total(record.credits.map((c) => c.amount)));
  expect(record.issued + record.skipped + record.errors.length + record.remaining).to.equal(plan.posts.length);
  expect(record.selected).to.equal(plan.posts.length);
  // Issued = what this tab's ledger answered as newly committed; the other listed credits were found (skipped).
  expect(record.issued, "issued = items the ledger answered committed").to.equal(tab.answered);
  expect(record.skipped).to.equal(record.credits.length - record.issued);
  // Every credit listed is on the ledger under its key, as listed; in review order, each row once.
  let last = -1;
  for (const credit of record.credits) {
    const at = order.indexOf(credit.rowKey);
    expect(at).to.be.greaterThan(last);
    last = at;
    const entries = journal.committed(`${RUN_ID}/${credit.rowKey}`) as readonly LedgerEntry[];
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ id: credit.entryId, grantId: credit.grantId, amount: credit.amount, accountId: credit.familyId });
  }
  if (record.status === "failed") expect(tab.threw).to.equal(true);
  if (tab.threw) {
    expect(record.status).to.equal("failed");
    expect(record.failure?.code).to.equal(tab.fault.kind === "throw" && tab.fault.storage ? "storage-quota" : "error");
  }
  if (record.status === "interrupted") expect(tab.aborted).to.equal(true);
  if (record.status === "done") {
    // A finished record lists every creditable row, and an error for every other selected row.
    expect(record.remaining).to.equal(0);
    expect(record.credits.map((c) => c.rowKey)).to.deep.equal(creditable);
    expect(record.errors.map((e) => e.rowKey).sort()).to.deep.equal(order.filter((k) => !creditable.includes(k)).sort());
  }
}

describe("mass credit: properties of processing a run under interruptions and two tabs (fast-check)", () => {
  it("each selected row is credited exactly once and every record equals the ledger, after faults, aborts, two tabs at once and a resume", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          mode: fc.constantFrom<"family" | "student">("family", "student"),
          amount: fc.constantFrom("0.01", "10.00", "19.99"),
          deselect: fc.func(fc.boolean()),
          closed: fc.subarray(["F1", "F2", "F3", "F4", "F5", "F6"], { maxLength: 2 }),
          squat: fc.option(fc.constantFrom("F1", "F3", "F5"), { nil: undefined }),
          autoApply: fc.boolean(),
          first: fc.array(fc.tuple(tabArb, faultArb), { minLength: 1, maxLength: 2 }),
          resume: fc.array(tabArb, { minLength: 1, maxLength: 2 }),
        }),
        async (s) => {
          const journal = createJournal({ currency: "USD", settings: { autoApply: s.autoApply } });
          for (const f of FAMILIES) if (!s.closed.includes(f.id)) journal.openAccount({ id: f.id, name: f.name, kind: "family" });
          const base = preview(s.mode, s.amount);
          const plan = planRun(base, { runId: RUN_ID, deselected: base.rows.filter((r) => s.deselect(r.rowKey)).map((r) => r.rowKey) });
          // A fee on two families, for the sweep to use the credits on (auto-apply on).
          for (const id of ["F2", "F4"].filter((f) => journal.hasAccount(f))) {
            const key = `fee-${id}`;
            journal.commit(key, [
              {
                ...{ id: `${key}#0`, key, type: "Fee", accountId: id, feeId: `tuition-${id}`, amount: "5.00" },
                ...{ date: "2026-11-01", dueDate: "2026-11-15", category: "Tuition", description: "Tuition" },
              },
            ]);
          }
          // Something else already written under one row's key: that row is a conflict, never credited.
          const squatted = s.squat !== undefined && !s.closed.includes(s.squat) ? s.squat : undefined;
          const squatRow = plan.posts.find((p) => p.familyId === squatted)?.rowKey;
          if (squatRow !== undefined) {
            const key = `${RUN_ID}/${squatRow}`;
            journal.commit(key, [
              {
                ...{ id: `${key}#0`, key, type: "Fee", accountId: squatted as string, feeId: "squat", amount: "1.00" },
                ...{ date: "2026-11-01", dueDate: "2026-11-15", category: "Tuition", description: "Squatter" },
              },
            ]);
          }
          const creditable = plan.posts.filter((p) => !s.closed.includes(p.familyId) && p.rowKey !== squatRow).map((p) => p.rowKey);

          const runAll = async (tabs: Tab[]) =>
            Promise.all(tabs.map((t) => processRun(t.ledger, plan, { chunkSize: t.chunkSize, signal: t.signal, yieldControl: fast })));
          const firstTabs = s.first.map(([shape, fault]) => openTab(journal, shape, fault));
          const firstRecords = await runAll(firstTabs);
          const resumeTabs = s.resume.map((shape) => openTab(journal, shape, { kind: "none" }));
          const resumed = await runAll(resumeTabs);
          const lastTab = openTab(journal, { chunkSize: 3, chunked: true, asynchronous: false, delays: [0] }, { kind: "none" });
          const [last] = await runAll([lastTab]);

          // Exactly once: one grant per creditable row, none for any other row.
          const onLedger = grantsOfRun(journal);
          expect([...onLedger.keys()].sort()).to.deep.equal([...creditable].sort());
          for (const grants of onLedger.values()) expect(grants).to.have.length(1);
          // Every write is accounted for: answered to exactly one tab (its issued) or lost with a fault.
          const tabs = [...firstTabs, ...resumeTabs, lastTab];
          expect(tabs.reduce((n, t) => n + t.answered + t.lost, 0)).to.equal(onLedger.size);

          const pairs: [RunRecord, Tab][] = [
            ...firstRecords.map((r, i) => [r, firstTabs[i] as Tab] as [RunRecord, Tab]),
            ...resumed.map((r, i) => [r, resumeTabs[i] as Tab] as [RunRecord, Tab]),
            [last as RunRecord, lastTab],
          ];
          for (const [record, tab] of pairs) checkRecord(record, tab, plan, journal, creditable);
          // The resumes finish, and their records are the ledger: every grant, the ledger's total.
          const ledgerTotal = total([...onLedger.values()].map((g) => (g[0] as GrantEntry).amount));
          for (const record of [...resumed, last as RunRecord]) {
            expect(record.status).to.equal("done");
            expect(record.total).to.equal(ledgerTotal);
          }
          expect(last).to.include({ issued: 0, skipped: creditable.length });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

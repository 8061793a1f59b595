/**
 * The browser half of `npm run bench:store` (bundled and served by
 * store.bench.mjs): posts 100,000 mass credits through the memory data
 * source and through the IndexedDB one, watching the main thread, then reads
 * an account with 1,000 entries. Reports with console.log; never asserts.
 */
import type { FeeEntry, GrantEntry, KeyedEntries, MassCreditPreview, RunPlan } from "@creditkit/core";
import { planRun } from "@creditkit/core";
import {
  createMemoryDataSource,
  deleteIndexedDbDataSource,
  openIndexedDbDataSource,
  type StoreDataSource,
} from "../packages/store/src/index.js";
import { watchMainThread } from "./main-thread-watch.js";

const CREDITS = Number(new URLSearchParams(location.search).get("credits") ?? 100_000);
const log = (line: string) => console.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** One credit per account A1…An, as a run plan (the preview a wizard would have made). */
function plan(n: number): RunPlan {
  const rows = Array.from({ length: n }, (_, i) => ({
    rowKey: `f:A${i + 1}`,
    familyId: `A${i + 1}`,
    familyName: `Family ${i + 1}`,
    amount: "5.00",
  }));
  const preview = {
    request: {
      description: "Pool closed",
      creditType: "weather",
      date: "2026-12-01",
      amount: "5.00",
      currency: "USD",
      mode: "family",
      location: "downtown",
    },
    rows,
    count: n,
    total: `${n * 5}.00`,
    summary: ["Once per family"],
  } as unknown as MassCreditPreview;
  return planRun(preview, { runId: "bench" });
}

/** Opens A1…An and gives every third account a fee the sweep will pay from the new credit. */
async function prepare(source: StoreDataSource, n: number): Promise<void> {
  await source.openAccounts(Array.from({ length: n }, (_, i) => ({ id: `A${i + 1}`, name: `Family ${i + 1}`, kind: "family" as const })));
  const fees: KeyedEntries[] = [];
  for (let i = 1; i <= n; i += 3) {
    const key = `fee/A${i}`;
    const fee: FeeEntry = {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: `A${i}`,
      feeId: `x${i}`,
      amount: "3.00",
      date: "2026-11-01",
      dueDate: "2026-11-15",
      category: "tuition",
      description: "Tuition",
    };
    fees.push({ key, entries: [fee] });
  }
  for (let at = 0; at < fees.length; at += 5000) await source.commitChunk(fees.slice(at, at + 5000));
}

async function post(label: string, source: StoreDataSource): Promise<number> {
  await prepare(source, CREDITS);
  const thePlan = plan(CREDITS);
  let reported = 0;
  const result = await watchMainThread(() =>
    source.processRun(thePlan, {
      onProgress: (p) => {
        if (p.done >= reported + CREDITS / 5 || p.done === p.total) {
          reported = p.done;
          log(`  ${label}: ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")}`);
        }
      },
    }),
  );
  const record = result.value;
  log(
    `${label}: posted ${record.issued.toLocaleString("en-US")} credits (${record.status}) in ${(result.ms / 1000).toFixed(2)} s; ` +
      `longest main-thread task ${result.longestTask > 0 ? `${result.longestTask.toFixed(0)} ms (${result.longTasks} over 50 ms)` : "none over 50 ms"}; ` +
      `longest gap between timer ticks ${result.longestGap.toFixed(0)} ms`,
  );
  return result.ms / 1000;
}

/** Median time to read one account (balances, fees, grants) and its 1,000 entries, with its cached snapshot invalidated before each read. */
async function readBench(source: StoreDataSource): Promise<void> {
  await source.openAccounts([{ id: "R", name: "Busy family", kind: "family" }]);
  const items: KeyedEntries[] = [];
  for (let i = 0; i < 1000; i++) {
    const key = `r/${i}`;
    const entry: FeeEntry | GrantEntry =
      i % 2 === 0
        ? {
            id: `${key}#0`,
            key,
            type: "Fee",
            accountId: "R",
            feeId: `rf${i}`,
            amount: "2.00",
            date: "2026-10-01",
            dueDate: "2026-10-15",
            category: "tuition",
            description: "Fee",
          }
        : {
            id: `${key}#0`,
            key,
            type: "Preloaded Credit",
            accountId: "R",
            grantId: `rg${i}`,
            amount: "1.00",
            date: "2026-10-02",
            description: "Credit",
            creditType: "weather",
            source: { kind: "preload" },
          };
    items.push({ key, entries: [entry] });
  }
  await source.updateSettings({ autoApply: false });
  await source.commitChunk(items);
  const times: number[] = [];
  for (let i = 0; i < 41; i++) {
    const key = `touch/${i}`;
    await source.commit(key, [
      {
        id: `${key}#0`,
        key,
        type: "Fee",
        accountId: "R",
        feeId: `t${i}`,
        amount: "0.01",
        date: "2026-10-03",
        dueDate: "2026-10-20",
        category: "tuition",
        description: "Touch",
      },
    ]);
    const start = performance.now();
    const account = await source.getAccount("R");
    const entries = await source.listEntries({ accountIds: ["R"] });
    times.push(performance.now() - start);
    if (account.fees.length === 0 || entries.length < 1000) throw new Error("read nothing");
  }
  log(
    `IndexedDB: reading an account with ${(1000).toLocaleString("en-US")}+ entries (balances + entries, cold snapshot): median ${median(times).toFixed(2)} ms`,
  );
}

async function main(): Promise<void> {
  log(`bench:store — ${CREDITS.toLocaleString("en-US")} credits, ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}`);
  const memory = await post("memory", await createMemoryDataSource({ currency: "USD" }));
  const name = `ck-bench-${Date.now()}`;
  const idb = await openIndexedDbDataSource({ name, currency: "USD" });
  const seconds = await post("IndexedDB", idb);
  log(`IndexedDB / memory: ${(seconds / memory).toFixed(1)}×`);
  await readBench(idb);
  idb.close();
  const start = performance.now();
  const reopened = await openIndexedDbDataSource({ name });
  log(
    `IndexedDB: reopening the database (${(await reopened.listEntries()).length.toLocaleString("en-US")} entries replayed): ${((performance.now() - start) / 1000).toFixed(2)} s`,
  );
  reopened.close();
  await deleteIndexedDbDataSource(name);
}

main().then(
  () => log("DONE"),
  (error: unknown) => log(`FAILED ${error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}`),
);

/**
 * `npm run bench:postgres` — the PostgreSQL ledger (issue 14, Proof) on the
 * server in DATABASE_URL, or on in-memory PGlite when it is unset (it says
 * so). Prints in one run:
 *  - checkout commits/s and p50/p99 latency (recordCheckout of a point-of-
 *    sale plan: a new charge and its card payment) with 1, 8 and 32 clients
 *    on distinct accounts and 8 clients on one hot account;
 *  - the floor: the same entry and commit rows as plain INSERTs, one
 *    transaction each, same clients, no rules; and the ratio to it;
 *  - posting 100,000 mass credits (processRun of a 100k-row plan);
 *  - settling 100,000 invoices (settleBatch) against the stored gateway
 *    with no latency;
 *  - the cold mass-credit preview, when its script exists (bench/postgres-preview.bench.ts).
 * Knobs: BENCH_PG_COMMITS (per checkout row, default 4000; 600 on PGlite),
 * BENCH_PG_CREDITS, BENCH_PG_INVOICES (default 100000),
 * BENCH_PG_SETTLE_CONCURRENCY (default 128), BENCH_PG_ONLY
 * (checkout,credits,settle,preview). It never asserts timing. Credits and
 * settlement also print the CPU they took per operation, this process's and
 * the server's (bench/postgres-cpu.ts), and the load average: on a shared
 * machine the CPU per operation is the steadier figure.
 * Targets: ≥ 2,000 commits/s at 8 clients on distinct accounts, p99 ≤ 20 ms,
 * ≥ 0.5× the floor; 100k credits ≤ 10 s; 100k invoices ≤ 30 s; preview ≤ 3 s.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { type AccountSnapshot, type CheckoutPlan, planCheckout, type RunPlan } from "@creditkit/core";
import { createPostgresDataSource, type Db, openPostgresLedger, type PostgresDataSource } from "../packages/postgres/src/index.js";
import { DEFAULT_RUN_CHUNK } from "../packages/postgres/src/runs.js";
import { familyRunPlan } from "../test/postgres/helpers.js";
import { cpuMeter, cpuText } from "./postgres-cpu.js";

const url = process.env.DATABASE_URL;
const pglite = !url;
const COMMITS = Number(process.env.BENCH_PG_COMMITS ?? (pglite ? 600 : 4000));
const CREDITS = Number(process.env.BENCH_PG_CREDITS ?? 100_000);
const INVOICES = Number(process.env.BENCH_PG_INVOICES ?? 100_000);
// 128 invoices in flight: with the plans stable (docs/decisions/0024) the grouped steps keep both cores busy; 64 left them half idle (2,550 vs 3,490 invoices/s at 30k).
const SETTLE_CONCURRENCY = Number(process.env.BENCH_PG_SETTLE_CONCURRENCY ?? 128);
const ONLY = new Set((process.env.BENCH_PG_ONLY ?? "checkout,credits,settle,preview").split(",").map((s) => s.trim()));
const PREVIEW_SCRIPT = new URL("./postgres-preview.bench.ts", import.meta.url);
const run = `b${Date.now().toString(36)}`;

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(7);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const accountsOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `Family ${i}`, kind: "family" as const }));

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `total` operations over `clients` concurrent loops; op(client, i) is one timed operation. */
async function load(clients: number, total: number, op: (client: number, i: number) => Promise<unknown>): Promise<Figures> {
  const lat: number[] = [];
  const per = Math.ceil(total / clients);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < per; i++) {
        const t = performance.now();
        await op(c, i);
        lat.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { perSecond: lat.length / seconds, p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function openAccounts(source: PostgresDataSource, prefix: string, n: number): Promise<void> {
  for (let at = 0; at < n; at += 5000) {
    await source.openAccounts(accountsOf(prefix, n).slice(at, at + 5000));
  }
}

/** A point-of-sale plan: one new charge of 10.00 paid by card, planned on an account with nothing on it. */
function checkoutPlan(empty: AccountSnapshot, settings: Parameters<typeof planCheckout>[2], key: string): CheckoutPlan {
  return planCheckout(
    empty,
    {
      key,
      channel: "pos",
      date: "2026-11-20",
      feeIds: [],
      newCharges: [{ itemId: key, category: "Shop", description: "Towel", amount: "10.00" }],
      tenders: [{ method: "card", amount: "10.00" }],
    },
    settings,
  );
}

async function checkouts(db: Db, clients: number, hot: boolean): Promise<Figures> {
  const source = await createPostgresDataSource({ db, orgId: `${run}-co-${clients}${hot ? "h" : ""}`, currency: "USD" });
  await openAccounts(source, "a", hot ? 1 : clients);
  const settings = await source.getSettings();
  const empty = await Promise.all(Array.from({ length: hot ? 1 : clients }, (_, c) => source.getAccount(`a${c}`)));
  const figures = await load(clients, COMMITS, async (c, i) => {
    const snap = empty[hot ? 0 : c] as AccountSnapshot;
    const plan = checkoutPlan(snap, settings, `co/${c}/${i}`);
    const result = await source.recordCheckout(plan);
    if (result.status !== "committed") throw new Error(`checkout ${c}/${i}: ${result.status}`);
  });
  await source.close();
  return figures;
}

/** The floor: the rows a checkout writes (two entries, one commit row) as plain INSERTs, one transaction each, no rules. */
async function floor(db: Db, clients: number, hot: boolean): Promise<Figures> {
  const orgId = `${run}-fl-${clients}${hot ? "h" : ""}`;
  const source = await createPostgresDataSource({ db, orgId, currency: "USD" });
  await openAccounts(source, "a", hot ? 1 : clients);
  const settings = await source.getSettings();
  const empty = await Promise.all(Array.from({ length: hot ? 1 : clients }, (_, c) => source.getAccount(`a${c}`)));
  await source.close();
  return load(clients, COMMITS, async (c, i) => {
    const accountId = `a${hot ? 0 : c}`;
    const key = `fl/${c}/${i}`;
    const plan = checkoutPlan(empty[hot ? 0 : c] as AccountSnapshot, settings, key);
    const rows = plan.entries.map((e) => [orgId, e.id, e.key, e.accountId, e.type, e.date, e.amount, JSON.stringify(e)]);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::numeric, $8::jsonb), ($9, $10, $11, $12, $13, $14::date, $15::numeric, $16::jsonb)`,
        rows.flat(),
      );
      await tx.query("INSERT INTO commits (org_id, key, account_ids, entry_count) VALUES ($1, $2, $3::text[], 2)", [
        orgId,
        key,
        [accountId],
      ]);
    });
  });
}

const massPlan = (families: number, runId: string): RunPlan => familyRunPlan(accountsOf("m", families), runId);

const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

const seconds = (t0: number) => (performance.now() - t0) / 1000;

async function credits(db: Db, source: PostgresDataSource, n: number): Promise<void> {
  await openAccounts(source, "m", n);
  const plan = massPlan(n, `${run}-mass`);
  await quiesce(db);
  const cpu = await cpuMeter(db);
  const t0 = performance.now();
  const record = await source.processRun(plan);
  const s = seconds(t0);
  console.log(
    `mass credits    ${n} posted (processRun, chunks of ${DEFAULT_RUN_CHUNK}): ${s.toFixed(1)} s, ${fmt(n / s)} credits/s  [${record.status}; target 100k ≤ 10 s]`,
  );
  console.log(`  (${cpuText(await cpu(), n)}; load ${loadText()})`);
}

/**
 * Before a timed row: the database writes its dirty pages now (CHECKPOINT), so a row does not pay for the previous
 * row's writes being flushed in the background (a checkpoint started by 100k settled invoices ran through the cold
 * preview after it). Needs a superuser; skipped otherwise.
 */
async function quiesce(db: Db): Promise<void> {
  await db.exec("CHECKPOINT").catch(() => undefined);
}

async function settle(db: Db, source: PostgresDataSource, n: number): Promise<void> {
  let t0 = performance.now();
  for (let at = 0; at < n; at += 1000) {
    const items = Array.from({ length: Math.min(1000, n - at) }, (_, i) => {
      const accountId = `m${at + i}`;
      const key = `fee/${accountId}`;
      return {
        key,
        entries: [
          {
            id: `${key}#0`,
            key,
            type: "Fee" as const,
            accountId,
            feeId: "d",
            amount: "20.00",
            date: "2026-11-01",
            dueDate: "2026-11-15",
            category: "Tuition",
            description: "Dues",
          },
        ],
      };
    });
    await source.commitChunk(items);
  }
  console.log(`  (setup: ${n} fees posted by commitChunk of 1000 in ${seconds(t0).toFixed(1)} s)`);
  const concurrency = SETTLE_CONCURRENCY;
  await quiesce(db);
  const cpu = await cpuMeter(db);
  t0 = performance.now();
  const result = await source.settleBatch({
    batchId: `${run}-dues`,
    applyCredit: true,
    date: "2026-12-01",
    invoices: Array.from({ length: n }, (_, i) => ({ invoiceId: `i${i}`, accountId: `m${i}`, feeIds: ["d"] })),
    concurrency,
  });
  const s = seconds(t0);
  const counts = Object.entries(result.summary.counts)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  console.log(
    `settlement      ${n} invoices (settleBatch, 0 ms gateway, concurrency ${concurrency}): ${s.toFixed(1)} s, ${fmt(n / s)} invoices/s  [${counts}; target 100k ≤ 30 s]`,
  );
  console.log(`  (${cpuText(await cpu(), n)}; load ${loadText()})`);
}

async function main(): Promise<void> {
  console.log(
    url
      ? `bench:postgres on the PostgreSQL server in DATABASE_URL (${new URL(url).host})`
      : "bench:postgres on in-memory PGlite (DATABASE_URL is unset: no server; PGlite runs one transaction at a time)",
  );
  const db = await openPostgresLedger(url ? { url, max: 40 } : { memory: true });
  try {
    if (ONLY.has("checkout")) {
      console.log(`checkout commits (recordCheckout: new charge + card payment), ${COMMITS} per row`);
      console.log("  clients  accounts       commits/s   p50 ms   p99 ms |  floor/s  floor p50  floor p99 | ratio");
      for (const [clients, hot] of [
        [1, false],
        [8, false],
        [32, false],
        [8, true],
      ] as const) {
        const f = await floor(db, clients, hot);
        const c = await checkouts(db, clients, hot);
        console.log(
          `  ${String(clients).padStart(7)}  ${(hot ? "one hot" : "distinct").padEnd(9)} ${fmt(c.perSecond)}     ${fmt(c.p50, 2)}  ${fmt(c.p99, 2)} | ${fmt(f.perSecond)}  ${fmt(f.p50, 2)}    ${fmt(f.p99, 2)} | ${(c.perSecond / f.perSecond).toFixed(2)}×`,
        );
      }
    }
    if (ONLY.has("credits") || ONLY.has("settle")) {
      const source = await createPostgresDataSource({ db, orgId: `${run}-mass`, currency: "USD", settings: { autoApply: false } });
      if (ONLY.has("credits")) await credits(db, source, Math.max(CREDITS, ONLY.has("settle") ? INVOICES : 0));
      else {
        await openAccounts(source, "m", INVOICES);
      }
      if (ONLY.has("settle")) await settle(db, source, INVOICES);
      await source.close();
    }
  } finally {
    await db.close();
  }
  if (ONLY.has("preview")) {
    if (existsSync(PREVIEW_SCRIPT)) {
      const done = spawnSync(process.execPath, ["--import=tsx", "--conditions=source", PREVIEW_SCRIPT.pathname], { stdio: "inherit" });
      if (done.status !== 0) console.log(`cold preview: its script failed (${done.status})`);
    } else
      console.log("cold preview    not measured here: bench/postgres-preview.bench.ts does not exist yet (the hook runs it when it does)");
  }
}

await main();

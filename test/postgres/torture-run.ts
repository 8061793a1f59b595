/**
 * The concurrency torture test (issue #14, Proof), on a PostgreSQL server:
 * one organisation with `accounts` shared accounts, `workers` Node processes
 * (test/postgres/torture-worker.ts) doing `ops` random operations each, two
 * of them processing one shared mass-credit run, one killed with SIGKILL in
 * the middle of a settlement and started again (it goes on with new
 * operations); then, once the dead process's leases ran out, an honest pass
 * (every batch settled again through the honest bank, the run resumed) and
 * the checker (test/postgres/torture-checker.ts). Returns the figures.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BatchInvoice, type KeyedEntries, planRun, previewMassCredit, type RunPlan, settleBatch } from "@creditkit/core";
import { createChanges } from "../../packages/postgres/src/changes.js";
import { createPostgresDataSource, type Db, openPostgresLedger, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { settlementLedger } from "../../packages/postgres/src/reservations.js";
import { fee, grant } from "./helpers.js";
import { money, random, TORTURE_TABLES, tableBank } from "./torture-bank.js";
import { checkTorture, type TortureCheck } from "./torture-checker.js";
import type { WorkerConfig, WorkerMessage } from "./torture-worker.js";

export interface TortureOptions {
  readonly url: string;
  readonly workers: number;
  readonly ops: number;
  readonly accounts?: number;
  readonly seed?: number;
  /** The workers' settlement lease (ms): the dead process's reservations wait this long for the honest pass. */
  readonly leaseMs?: number;
  /** The workers' wait for each gateway answer (ms). */
  readonly timeoutMs?: number;
}

export interface TortureFigures {
  readonly orgId: string;
  readonly seed: number;
  readonly workers: number;
  readonly ops: number;
  /** Operations each process ended, by worker name (a killed one's first life and its second). */
  readonly opsByProcess: Readonly<Record<string, number>>;
  /** kind → outcome (result status or error code) → count. */
  readonly outcomes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly gatewayCalls: Readonly<Record<string, number>>;
  /** kind → [operations timed, total ms]. */
  readonly timing: Readonly<Record<string, readonly [number, number]>>;
  readonly kills: number;
  /** Reservations the killed process owned when it died. */
  readonly heldAtKill: number;
  /** Reservations the killed process still owned when the others finished. */
  readonly keptByKilled: number;
  /** Reservations left (owned or disowned) when the workers finished. */
  readonly heldAfterWorkers: number;
  readonly honest: Readonly<Record<string, number>>;
  readonly honestBatches: number;
  readonly runResumed: string;
  readonly unexpected: readonly string[];
  readonly workersMs: number;
  readonly wallMs: number;
  readonly check: TortureCheck;
}

const WORKER = fileURLToPath(new URL("./torture-worker.ts", import.meta.url));
const DATE = "2026-11-20";

/** One mass-credit run of 5.00 per family over every account. */
function runPlan(families: readonly string[], runId: string): RunPlan {
  const none: readonly { id: string; name: string }[] = [];
  const request = {
    description: "Pool closed",
    creditType: "weather",
    date: DATE,
    amount: "5.00",
    currency: "USD",
    mode: "family",
    location: "down",
    onlyOutstanding: false,
  };
  const lists = { creditTypes: [{ id: "weather", name: "Weather" }], chargeCategories: none, locations: [{ id: "down", name: "Down" }] };
  const dataSet = {
    currency: "USD",
    lists: { ...lists, offerings: [], autopayMethods: none },
    families: families.map((id) => ({ id, name: `Family ${id}`, status: "active", keywords: [], autopayMethods: [], location: "down" })),
    students: [],
    enrollments: [],
    fees: [],
  };
  return planRun(previewMassCredit(request as never, dataSet as never), { runId });
}

/** A fresh organisation: `n` accounts with two fees each, every other one with some credit (auto-apply sweeps it). */
async function seed(ds: PostgresDataSource, n: number, rng: () => number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `acc-${String(i).padStart(3, "0")}`);
  await ds.openAccounts(ids.map((id) => ({ id, name: `Family ${id}`, kind: "family" as const })));
  const items: KeyedEntries[] = ids.flatMap((id, i) => {
    const fees = [0, 1].map((f) => ({
      ...fee(id, `seed-${id}-${f}`, money(1000 + Math.floor(rng() * 9000)), `seed/${id}`),
      id: `seed/${id}#${f}`,
    }));
    const credit =
      i % 2 === 0
        ? [{ key: `seed-credit/${id}`, entries: [grant(id, `seed-${id}`, money(500 + Math.floor(rng() * 3000)), `seed-credit/${id}`)] }]
        : [];
    return [{ key: `seed/${id}`, entries: fees }, ...credit];
  });
  for (let i = 0; i < items.length; i += 100) await ds.commitChunk(items.slice(i, i + 100));
  return ids;
}

const bump = (table: Record<string, Record<string, number>>, kind: string, outcome: string) => {
  const row = table[kind] ?? {};
  row[outcome] = (row[outcome] ?? 0) + 1;
  table[kind] = row;
};

/** Outcomes every kind may meet on a busy shared ledger; anything else is unexpected. */
const EXPECTED: Readonly<Record<string, RegExp>> = {
  // empty-commit: a plan that pays nothing (no tender, no credit) is refused, not written.
  checkout: /^(committed|empty-commit|fee-overpaid|credit-overused|fee-reserved|fee-already-paid|unknown-fee)$/,
  fees: /^committed$/,
  credit: /^committed$/,
  // reserved-key: the port's default key reverse/<entry id> of a sweep's payment carries its § (see the report).
  reverse: /^(committed|duplicate|no-payment|payment-already-reversed|fee-reserved|invalid-input|reserved-key)$/,
  replay: /^(duplicate|idempotency-conflict|nothing-to-replay)$/,
  settle: /^(done|no-open-fee)$/,
  "settle-invoice":
    /^(again:)?(paid-by-credit|paid-by-charge-and-credit|paid-by-charge|nothing-due|already-settled|declined:charge-declined|failed:(charge-failed|fee-reserved)|unresolved:(charge-unknown|charge-unrecorded|settlement-in-progress))$/,
  run: /^done \(issued \d+\)$/,
};

export async function runTorture(options: TortureOptions): Promise<TortureFigures> {
  const started = Date.now();
  const seedValue = options.seed ?? 0x14c0ffee;
  const rng = random(seedValue);
  const leaseMs = options.leaseMs ?? 2000;
  const accounts = options.accounts ?? 200;
  const db: Db = await openPostgresLedger({ url: options.url, max: 8 });
  const dir = mkdtempSync(join(tmpdir(), "creditkit-torture-"));
  try {
    await db.exec(TORTURE_TABLES);
    const orgId = `torture-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const ds = await createPostgresDataSource({
      db,
      orgId,
      currency: "USD",
      settings: { autoApply: true, overpaymentToCredit: true },
      leaseMs,
    });
    const ids = await seed(ds, accounts, rng);
    const plan = runPlan(ids, "torture-run");
    const planFile = join(dir, "run-plan.json");
    writeFileSync(planFile, JSON.stringify(plan));

    const outcomes: Record<string, Record<string, number>> = {};
    const gatewayCalls: Record<string, number> = {};
    const timing: Record<string, [number, number]> = {};
    const opsByProcess: Record<string, number> = {};
    const unexpected: string[] = [];
    let kills = 0;
    let killedPid = 0;
    let heldAtKill = 0;
    const workersStarted = Date.now();

    const start = (w: number, life: number, ops: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const name = `w${w}g${life}`;
        const runs = w === 1 || w === 2;
        const config: WorkerConfig = {
          url: options.url,
          orgId,
          name,
          ops,
          seed: seedValue + w * 1000 + life,
          accounts,
          leaseMs,
          // The victim's first life waits longer for an answer, so it dies holding what it reserved.
          timeoutMs: w === 0 && life === 0 ? 400 : (options.timeoutMs ?? 40),
          ...(runs && life === 0 ? { runPlanFile: planFile, runAt: Math.floor(ops / 4) } : {}),
        };
        const child: ChildProcess = fork(WORKER, [JSON.stringify(config)], {
          execArgv: ["--conditions=source", "--import=tsx"],
          stdio: ["ignore", "inherit", "pipe", "ipc"],
        });
        let stderr = "";
        child.stderr?.on("data", (chunk) => {
          stderr += String(chunk);
        });
        let done = 0;
        let killing = false;
        const victim = w === 0 && life === 0;
        const kill = () => {
          if (killing) return;
          killing = true;
          setTimeout(() => child.kill("SIGKILL"), Math.floor(rng() * 10));
        };
        child.on("message", (message: WorkerMessage) => {
          if (message.type === "gateway") gatewayCalls[message.kind] = (gatewayCalls[message.kind] ?? 0) + 1;
          // Killed while a settlement waits for the gateway: its reservation stays with its owner until the lease runs out.
          // (on a call that keeps it waiting, so the kill lands while the reservation is held).
          if (message.type === "gateway" && victim && done >= ops * 0.4 && /never|late/.test(message.kind)) kill();
          if (message.type === "op") {
            if (message.ms !== undefined) {
              const [n, ms] = timing[message.kind] ?? [0, 0];
              timing[message.kind] = [n + 1, ms + message.ms];
            }
            bump(outcomes, message.kind, message.outcome);
            if (!EXPECTED[message.kind]?.test(message.outcome))
              unexpected.push(`${name} ${message.kind}: ${message.outcome} ${message.detail ?? ""}`);
            if (message.kind !== "settle-invoice" && message.kind !== "run") done += 1;
            if (victim && done >= ops * 0.6) kill();
          }
        });
        child.on("exit", (code, signal) => {
          opsByProcess[name] = done;
          if (signal === "SIGKILL" && killing) {
            kills += 1;
            killedPid = child.pid ?? 0;
            bump(outcomes, "killed", "in flight");
            db.query<{ n: string }>("SELECT count(*)::text AS n FROM reservations WHERE org_id = $1 AND owner LIKE $2", [
              orgId,
              `${killedPid}.%`,
            ])
              .then(([row]) => {
                heldAtKill = Number(row?.n);
                return start(w, life + 1, ops - done - 1);
              })
              .then(resolve, reject);
          } else if (code === 0 && done === ops) resolve();
          else reject(new Error(`${name} ended with ${code ?? signal} after ${done}/${ops} operations:\n${stderr.slice(-3000)}`));
        });
      });
    await Promise.all(Array.from({ length: options.workers }, (_, w) => start(w, 0, options.ops)));
    const workersMs = Date.now() - workersStarted;

    const [held] = await db.query<{ all: string; dead: string }>(
      "SELECT count(*)::text AS all, count(*) FILTER (WHERE owner LIKE $2)::text AS dead FROM reservations WHERE org_id = $1",
      [orgId, `${killedPid}.%`],
    );
    // The dead process's leases run out; then no settlement is running.
    for (let i = 0; i < 200; i++) {
      const [live] = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM reservations WHERE org_id = $1 AND owner_until > clock_timestamp()",
        [orgId],
      );
      if (Number(live?.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The honest pass: every batch again through the honest bank, four at a time; the run resumed.
    const honest: Record<string, number> = {};
    const ports = {
      ledger: settlementLedger({ db, orgId, currency: ds.currency, changes: createChanges(db, orgId) }, 60_000),
      gateway: tableBank(db, orgId),
    };
    const batches = await db.query<{ batch_id: string; request: unknown }>(
      "SELECT batch_id, request FROM torture_batches WHERE org_id = $1 ORDER BY at",
      [orgId],
    );
    let next = 0;
    const lane = async () => {
      for (let b = next++; b < batches.length; b = next++) {
        const row = batches[b] as (typeof batches)[number];
        const invoices = (typeof row.request === "string" ? JSON.parse(row.request) : row.request) as BatchInvoice[];
        const result = await settleBatch(ports, { batchId: row.batch_id, invoices, applyCredit: true, date: DATE, timeoutMs: 10_000 });
        for (const r of result.results) {
          const outcome = `${r.outcome}${r.code ? `:${r.code}` : ""}`;
          honest[outcome] = (honest[outcome] ?? 0) + 1;
        }
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    const resumed = await ds.resumeRun(plan.runId);

    const check = await checkTorture(db, ds, orgId, plan);
    await ds.close();
    return {
      orgId,
      seed: seedValue,
      workers: options.workers,
      ops: options.ops,
      opsByProcess,
      outcomes,
      gatewayCalls,
      timing,
      kills,
      heldAtKill,
      keptByKilled: Number(held?.dead),
      heldAfterWorkers: Number(held?.all),
      honest,
      honestBatches: batches.length,
      runResumed: `${resumed.status} (issued ${resumed.issued}, count ${resumed.count})`,
      unexpected,
      workersMs,
      wallMs: Date.now() - started,
      check,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}

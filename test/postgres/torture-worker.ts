/**
 * One process of the concurrency torture test (test/postgres/torture-run.ts
 * forks eight): `ops` random operations on the organisation's shared
 * accounts through the PostgreSQL data source — checkouts with split
 * tenders, cash change and partial payments (planCheckout + recordCheckout),
 * fee posts and credit posts (auto-apply sweeps), reversals of random
 * earlier payments, replays of its own keys, small settlement batches
 * through a hostile gateway in front of the shared table bank, and (two of
 * the workers) processing the one shared mass-credit run. Each operation's
 * outcome goes to the parent as it ends (`op`), and each gateway call as it
 * starts (`gateway`), so the parent can kill it mid-settlement.
 */
import { readFileSync } from "node:fs";
import {
  type AccountSnapshot,
  type BatchInvoice,
  type CheckoutPlan,
  type CheckoutRequest,
  type FeeEntry,
  type GrantEntry,
  isCreditKitError,
  type OrgSettings,
  planCheckout,
  type RunPlan,
  settleBatch,
  type Tender,
} from "@creditkit/core";
import { createChanges } from "../../packages/postgres/src/changes.js";
import { createPostgresDataSource, type Db, openPostgresLedger, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { settlementLedger } from "../../packages/postgres/src/reservations.js";
import { cents, hostileGateway, money, random, tableBank } from "./torture-bank.js";

export interface WorkerConfig {
  readonly url: string;
  readonly orgId: string;
  /** e.g. `w3g1`: worker 3, second life; every key it writes starts with it. */
  readonly name: string;
  readonly ops: number;
  readonly seed: number;
  readonly accounts: number;
  /** The shared run's plan (a JSON file), when this worker processes it. */
  readonly runPlanFile?: string;
  /** Before which operation it processes the run. */
  readonly runAt?: number;
  readonly leaseMs: number;
  /** The settlement's wait for each gateway answer. */
  readonly timeoutMs: number;
}

export type WorkerMessage =
  | { readonly type: "op"; readonly kind: string; readonly outcome: string; readonly ms?: number; readonly detail?: string }
  | { readonly type: "gateway"; readonly kind: string }
  | { readonly type: "done" };

const config = JSON.parse(process.argv[2] as string) as WorkerConfig;
const rng = random(config.seed);
const send = (message: WorkerMessage) => process.send?.(message);
const DATE = "2026-11-20";
const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const between = (low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
/** A third of the picks land on ten hot accounts, so operations collide. */
const account = () => `acc-${String(rng() < 0.33 ? between(0, 9) : between(0, config.accounts - 1)).padStart(3, "0")}`;
const openFees = (snap: AccountSnapshot) => snap.fees.filter((f) => f.reservedBy === undefined && cents(f.remainder) > 0);
function sample<T>(list: readonly T[], n: number): T[] {
  const rest = [...list];
  const out: T[] = [];
  while (out.length < n && rest.length > 0) out.push(...rest.splice(Math.floor(rng() * rest.length), 1));
  return out;
}

let serial = 0;
const nextKey = (kind: string) => `${config.name}-${kind}-${++serial}`;

/** What was written, for replays: the same key and entries again is a duplicate, other entries a conflict. */
const history: ({ kind: "plan"; plan: CheckoutPlan } | { kind: "grant"; key: string; grant: GrantEntry })[] = [];
const remember = (item: (typeof history)[number]) => {
  history.push(item);
  if (history.length > 40) history.shift();
};

function feeEntry(key: string, i: number, accountId: string): FeeEntry {
  return {
    id: `${key}#${i}`,
    key,
    type: "Fee",
    accountId,
    feeId: `${key}.${i}`,
    amount: money(between(500, 9000)),
    date: DATE,
    dueDate: "2026-12-01",
    category: "Tuition",
    description: `Fee ${key}.${i}`,
  };
}

function grantEntry(key: string, accountId: string, amount: string): GrantEntry {
  const entry = { key, type: "Account Credit", accountId, grantId: key, amount, date: DATE, description: "Goodwill" };
  return { ...entry, id: `${key}#0`, creditType: "Goodwill", source: { kind: "manual" } } as GrantEntry;
}

/** Splits `total` cents into 1–3 tenders of random methods; `cashOver` cents more in cash (change), `creditOver` more by card (to credit). */
function tenders(total: number, cashOver: number, creditOver: number): Tender[] {
  const parts = total <= 2 ? 1 : between(1, 3);
  const out: Tender[] = [];
  let left = total;
  for (let i = 0; i < parts; i++) {
    const amount = i === parts - 1 ? left : between(1, left - (parts - i - 1));
    left -= amount;
    if (amount > 0) {
      const method = pick(["cash", "check", "card", "ach"] as const);
      out.push({ method, amount: money(amount), ...(method === "card" ? { reference: `terminal-${config.name}-${serial}` } : {}) });
    }
  }
  if (cashOver > 0) out.push({ method: "cash", amount: money(cashOver) });
  if (creditOver > 0) out.push({ method: "card", amount: money(creditOver), reference: `terminal-${config.name}-${serial}-over` });
  return out;
}

async function checkout(ds: PostgresDataSource, settings: OrgSettings): Promise<string> {
  const snap = await ds.getAccount(account());
  const fees = sample(openFees(snap), between(0, 3)).map((f) => f.feeId);
  const pos = fees.length === 0 || rng() < 0.25;
  const request: CheckoutRequest = {
    key: nextKey("checkout"),
    channel: pos ? "pos" : "admin",
    date: DATE,
    feeIds: fees,
    applyCredit: rng() < 0.6,
    ...(pos
      ? {
          chargeToAccount: true,
          newCharges: [{ itemId: "goggles", category: "Shop", description: "Goggles", amount: money(between(200, 3000)) }],
        }
      : {}),
  };
  const due = cents(planCheckout(snap, request, settings).remainingDue);
  const mode = rng();
  const paid =
    due === 0
      ? []
      : mode < 0.35
        ? tenders(due, 0, 0)
        : mode < 0.6
          ? tenders(Math.max(1, Math.floor(due * (0.3 + rng() * 0.6))), 0, 0)
          : mode < 0.8
            ? tenders(due, between(1, 2000), 0)
            : mode < 0.9
              ? tenders(due, 0, between(1, 1500))
              : [];
  const plan = planCheckout(snap, { ...request, tenders: paid }, settings);
  if (rng() < 0.05) await new Promise((resolve) => setTimeout(resolve, between(1, 15))); // a slow cashier: the plan may go stale
  const result = await ds.recordCheckout(plan);
  if (result.status === "committed") remember({ kind: "plan", plan });
  return result.status;
}

async function postFees(ds: PostgresDataSource): Promise<string> {
  const key = nextKey("fees");
  const accountId = account();
  const entries = Array.from({ length: between(1, 3) }, (_, i) => feeEntry(key, i, accountId));
  return (await ds.commit(key, entries)).status;
}

async function postCredit(ds: PostgresDataSource): Promise<string> {
  const key = nextKey("credit");
  const grant = grantEntry(key, account(), money(between(100, 6000)));
  const result = await ds.postCredits(key, [grant]);
  remember({ kind: "grant", key, grant });
  return result.status;
}

async function reverse(ds: PostgresDataSource): Promise<string> {
  const accountId = account();
  const payments = (await ds.listEntries({ accountIds: [accountId] })).filter((e) => e.type === "Payment" || e.type === "Payment (AC)");
  if (payments.length === 0) return "no-payment";
  const payment = pick(payments);
  // The default key (reverse/<entry>) from two processes is one operation: a duplicate; another key is a second reversal: refused.
  const key = rng() < 0.3 ? undefined : nextKey("reverse");
  return (await ds.reversePayment({ accountId, entryId: payment.id, date: DATE, ...(key ? { key } : {}) })).status;
}

async function replay(ds: PostgresDataSource): Promise<string> {
  if (history.length === 0) return "nothing-to-replay";
  const item = pick(history);
  if (item.kind === "plan") return (await ds.recordCheckout(item.plan)).status;
  // Another amount under the same key is a different operation: refused.
  const grant = rng() < 0.3 ? { ...item.grant, amount: money(cents(item.grant.amount) + 1) } : item.grant;
  return (await ds.postCredits(item.key, [grant])).status;
}

/** The settlement side: the hostile gateway and the ledger port over the database. */
function settlementPorts(ds: PostgresDataSource, db: Db) {
  const bank = tableBank(db, config.orgId);
  const gateway = hostileGateway(bank, rng, config.timeoutMs, (kind) => send({ type: "gateway", kind }));
  const scope = { db, orgId: config.orgId, currency: ds.currency, changes: createChanges(db, config.orgId) };
  return { ledger: settlementLedger(scope, config.leaseMs), gateway };
}

async function settle(ds: PostgresDataSource, ports: ReturnType<typeof settlementPorts>, db: Db): Promise<string[]> {
  let batchId: string;
  let invoices: BatchInvoice[];
  const earlier =
    rng() < 0.2
      ? await db.query<{ batch_id: string; request: unknown }>(
          "SELECT batch_id, request FROM torture_batches WHERE org_id = $1 ORDER BY random() LIMIT 1",
          [config.orgId],
        )
      : [];
  if (earlier[0]) {
    batchId = earlier[0].batch_id;
    invoices = (typeof earlier[0].request === "string" ? JSON.parse(earlier[0].request) : earlier[0].request) as BatchInvoice[];
  } else {
    batchId = nextKey("batch");
    invoices = [];
    const taken = new Set<string>();
    for (let i = 0; i < between(1, 4); i++) {
      const accountId = account();
      const fees = sample(openFees(await ds.getAccount(accountId)), between(1, 2)).filter((f) => !taken.has(f.feeId));
      if (fees.length === 0) continue;
      for (const f of fees) taken.add(f.feeId);
      invoices.push({ invoiceId: `i${i}`, accountId, feeIds: fees.map((f) => f.feeId) });
    }
    if (invoices.length === 0) return [];
    await db.query("INSERT INTO torture_batches (org_id, batch_id, worker, request) VALUES ($1, $2, $3, $4::jsonb)", [
      config.orgId,
      batchId,
      config.name,
      JSON.stringify(invoices),
    ]);
  }
  const result = await settleBatch(ports, {
    batchId,
    invoices,
    applyCredit: rng() < 0.7,
    date: DATE,
    concurrency: 4,
    timeoutMs: config.timeoutMs,
  });
  return result.results.map((r) => `${earlier[0] ? "again:" : ""}${r.outcome}${r.code ? `:${r.code}` : ""}`);
}

const OPS: readonly [string, number][] = [
  ["checkout", 0.3],
  ["fees", 0.15],
  ["credit", 0.14],
  ["reverse", 0.12],
  ["replay", 0.05],
  ["settle", 0.24],
];

function kindOf(x: number): string {
  let acc = 0;
  for (const [kind, weight] of OPS) {
    acc += weight;
    if (x < acc) return kind;
  }
  return "settle";
}

async function main(): Promise<void> {
  const db = await openPostgresLedger({ url: config.url, max: 6 });
  const ds = await createPostgresDataSource({ db, orgId: config.orgId, leaseMs: config.leaseMs, runChunkSize: 25 });
  const settings = await ds.getSettings();
  const ports = settlementPorts(ds, db);
  for (let n = 0; n < config.ops; n++) {
    if (config.runPlanFile !== undefined && n === (config.runAt ?? 0)) {
      const plan = JSON.parse(readFileSync(config.runPlanFile, "utf8")) as RunPlan;
      const record = await ds.processRun(plan);
      send({ type: "op", kind: "run", outcome: `${record.status} (issued ${record.issued})` });
    }
    const kind = kindOf(rng());
    const t = performance.now();
    const ms = () => Math.round(performance.now() - t);
    try {
      if (kind === "settle") {
        const results = await settle(ds, ports, db);
        for (const outcome of results) send({ type: "op", kind: "settle-invoice", outcome });
        send({ type: "op", kind, outcome: results.length > 0 ? "done" : "no-open-fee", ms: ms() });
        continue;
      }
      const outcome =
        kind === "checkout"
          ? await checkout(ds, settings)
          : kind === "fees"
            ? await postFees(ds)
            : kind === "credit"
              ? await postCredit(ds)
              : kind === "reverse"
                ? await reverse(ds)
                : await replay(ds);
      send({ type: "op", kind, outcome, ms: ms() });
    } catch (error) {
      const detail = `${JSON.stringify((error as { details?: unknown }).details)} ${String((error as Error).stack)
        .split("\n")
        .slice(0, 8)
        .join(" | ")}`;
      send({ type: "op", kind, outcome: isCreditKitError(error) ? error.code : `unexpected: ${String(error)}`, ms: ms(), detail });
    }
  }
  await ds.close();
  await db.close();
  await new Promise<void>((resolve) =>
    process.send ? process.send({ type: "done" } satisfies WorkerMessage, () => resolve()) : resolve(),
  );
  process.disconnect?.();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

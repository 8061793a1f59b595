/**
 * `npm run bench:server` — issue #15's load proof: the server listening on
 * loopback (`serve()`), on the PostgreSQL server in DATABASE_URL (else on
 * PGlite in memory, and it says so), 50 members paying portal checkouts on
 * their own accounts at once through autocannon (bench/server-load-client.ts,
 * in a worker thread), for 30 s. Prints requests/s, p50/p99 latency and the
 * errors (every answer must be 200 `committed`), then runs the torture
 * checker's invariants on the organisation (test/postgres/torture-checker.ts)
 * and counts the checkouts written against the 200s.
 * Knobs: `--seconds N` or BENCH_SERVER_SECONDS (default 30), `--rate N` or
 * BENCH_SERVER_RATE (requests/s offered in all; default none: each member
 * pays again as soon as answered, which measures the most the server does),
 * BENCH_SERVER_MEMBERS (connections, one member each; default 50),
 * BENCH_SERVER_POOL (the server's `pg` pool; default 16).
 * Target (real server, this 2-core machine): ≥ 500 checkouts/s, p99 ≤ 100 ms.
 * Exits non-zero when an answer was not 200 or an invariant breaks; timing
 * is reported, never asserted.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { AccountRecord, LedgerEntry, OrgSettings, RunPlan } from "@creditkit/core";
import { createPostgresDataSource, openPostgresLedger } from "../packages/postgres/src/index.js";
import { createServer } from "../packages/server/src/index.js";
import { serve } from "../packages/server/src/serve.js";
import { fee, grant } from "../test/postgres/helpers.js";
import { TORTURE_TABLES } from "../test/postgres/torture-bank.js";
import { checkTorture } from "../test/postgres/torture-checker.js";
import { cpuMeter, cpuText } from "./postgres-cpu.js";
import type { LoadInput, LoadMember, LoadOutput } from "./server-load-client.js";

/** CPU time of this process's main thread (the server's), from Linux's /proc; undefined elsewhere. */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const url = process.env.DATABASE_URL;
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const SECONDS = Number(arg("--seconds") ?? process.env.BENCH_SERVER_SECONDS ?? 30);
/** Requests per second offered in all (autocannon's overallRate); unset: each connection sends as soon as answered. */
const RATE = Number(arg("--rate") ?? process.env.BENCH_SERVER_RATE ?? 0);
const MEMBERS = Number(process.env.BENCH_SERVER_MEMBERS ?? 50);
const POOL = Number(process.env.BENCH_SERVER_POOL ?? 16);
const SECRET = "the load test's development secret, 32+ bytes";
const tag = `load-${Date.now().toString(36)}`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

const offered = RATE > 0 ? `, ${RATE} requests/s offered` : ", each member paying again as soon as answered";
console.log(
  url
    ? `bench:server on the PostgreSQL server (DATABASE_URL), pool ${POOL}; ${MEMBERS} members for ${SECONDS} s${offered}; load average ${load()}`
    : `bench:server: DATABASE_URL is not set, so on PGlite in memory (one transaction at a time; the target is for the real server); ${MEMBERS} members for ${SECONDS} s${offered}; load average ${load()}`,
);

const db = url ? await openPostgresLedger({ url, max: POOL }) : await openPostgresLedger({ memory: true });
const settings: OrgSettings = { autoApply: false, overpaymentToCredit: false, portalPartialPayments: true };
const direct = await createPostgresDataSource({ db, orgId: tag, currency: "USD", settings });

// Each member's account: one large fee (paid 1.00 at a time: partial payments are on) and 25.00 of credit the first checkout uses.
const records: AccountRecord[] = Array.from({ length: MEMBERS }, (_, i) => ({ id: `m-${i + 1}`, name: `Family ${i + 1}`, kind: "family" }));
await direct.openAccounts(records);
const seeds = new Map<string, { key: string; entries: LedgerEntry[] }[]>();
for (const { id } of records) {
  const fees = { key: `seed/${id}/fees`, entries: [fee(id, "f1", "100000.00", `seed/${id}/fees`)] };
  const credit = { key: `seed/${id}/credit`, entries: [grant(id, "g1", "25.00", `seed/${id}/credit`)] };
  await direct.commit(fees.key, fees.entries);
  await direct.postCredits(credit.key, credit.entries as never);
  seeds.set(id, [fees, credit]);
}

const app = createServer({ ledger: db, devSecret: SECRET, onUnexpected: (error) => console.error("unexpected:", error) });
// Requests the server is still answering: when the load stops, autocannon drops its connections, but a handler
// already in the ledger runs to its COMMIT; the checker reads only once none is left.
let inFlight = 0;
const counted: typeof app.fetch = async (...args) => {
  inFlight += 1;
  try {
    return await app.fetch(...args);
  } finally {
    inFlight -= 1;
  }
};
const serving = await serve({ app: Object.assign(Object.create(app) as typeof app, { fetch: counted }), port: 0 });

async function signIn(accountId: string): Promise<string> {
  const response = await fetch(`${serving.url}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ orgId: tag, role: "member", accountIds: [accountId] }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
const members: LoadMember[] = [];
for (const record of records) members.push({ token: await signIn(record.id), record, seed: seeds.get(record.id) ?? [] });

const input: LoadInput = {
  url: serving.url,
  currency: "USD",
  settings,
  date: "2026-11-20",
  tag,
  seconds: SECONDS,
  members,
  pay: "1.00",
  ...(RATE > 0 ? { rate: RATE } : {}),
};
const before = load();
const elu = performance.eventLoopUtilization();
const cpu0 = mainThreadCpuMs();
const spent = await cpuMeter(db);
const out = await new Promise<LoadOutput>((resolve, reject) => {
  // A worker does not inherit tsx's loader: it registers it, then imports the client.
  const client = new URL("./server-load-client.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(client)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: input });
  worker.once("message", (m: { output?: LoadOutput; error?: string }) => (m.output ? resolve(m.output) : reject(new Error(m.error))));
  worker.once("error", reject);
});
const busy = performance.eventLoopUtilization(elu);
const cpu1 = mainThreadCpuMs();
const cpu = await spent();
const after = load();
while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
await serving.close();

const refused = Object.entries(out.refusals)
  .map(([k, n]) => `${k} × ${n}`)
  .join(", ");
console.log(
  [
    `checkouts: ${out.requests} requests in ${out.seconds.toFixed(1)} s = ${out.perSecond.toFixed(0)}/s`,
    `  latency p50 ${out.p50} ms, p90 ${out.p90} ms, p99 ${out.p99} ms, max ${out.max} ms`,
    `  200 committed ${out.committed}, 200 other ${out.otherAnswers}, non-2xx ${out.non2xx}${refused ? ` (${refused})` : ""}, connection errors ${out.errors}, timeouts ${out.timeouts}`,
    `  server thread: busy ${(busy.utilization * 100).toFixed(0)}% of the time; CPU ${cpu0 === undefined || cpu1 === undefined ? "n/a" : `${((cpu1 - cpu0) / Math.max(1, out.requests)).toFixed(2)} ms`} per checkout (the database's own not counted)`,
    `  ${cpuText(cpu, out.requests)} (node: the server and the load generator's thread; server: PostgreSQL's processes, when on this machine)`,
    `  load average before ${before}, after ${after}`,
  ].join("\n"),
);

// The ledger afterwards: the torture checker's counts, and the checkouts written against the 200s.
await db.exec(TORTURE_TABLES);
const none: RunPlan = {
  runId: `${tag}/none`,
  request: {} as RunPlan["request"],
  filters: [],
  posts: [],
  count: 0,
  total: "0.00",
};
const c = await checkTorture(db, direct, tag, none);
const [written] = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM commits WHERE org_id = $1 AND key LIKE $2", [
  tag,
  `${tag}/%`,
]);
const checkouts = Number(written?.n);
console.log(
  [
    `invariants: ${c.accounts} accounts, ${c.entries} entries under ${c.keys} keys`,
    `  fold mismatches ${c.foldMismatches}, listing mismatches ${c.listMismatches}, keys mismatched (a key applied twice or in part) ${c.keysMismatched}`,
    `  negatives ${c.negatives}, fees overpaid ${c.feesOverpaid}, grants overused ${c.grantsOverused}, reservations left ${c.reservationsLeft}`,
    ...Object.entries(c.identities).map(
      ([name, [a, b]]) => `  ${a === b ? "ok" : "NOT CONSERVED"} ${name}: ${(a / 100).toFixed(2)} = ${(b / 100).toFixed(2)}`,
    ),
    `  checkouts written ${checkouts}, answered 200 committed ${out.committed} (at most ${MEMBERS} more may be written: in flight when the load stopped)`,
  ].join("\n"),
);

const broken =
  c.foldMismatches + c.listMismatches + c.keysMismatched + c.negatives + c.feesOverpaid + c.grantsOverused + c.reservationsLeft > 0 ||
  !c.conserved ||
  checkouts < out.committed ||
  checkouts > out.committed + MEMBERS;
const failed = out.non2xx + out.errors + out.timeouts + out.otherAnswers > 0;
const met = out.perSecond >= 500 && out.p99 <= 100;
console.log(
  `target ≥ 500 checkouts/s with p99 ≤ 100 ms${url ? "" : " (real server only)"}: ${met ? "met" : "missed"} (${out.perSecond.toFixed(0)}/s, p99 ${out.p99} ms); errors ${failed ? "SOME" : "none"}; invariants ${broken ? "BROKEN" : "hold"}`,
);
await direct.close();
await db.close();
if (failed || broken) process.exitCode = 1;

/**
 * Shared by the server tests: the engines to run on (PGlite always, the real
 * PostgreSQL server as well when DATABASE_URL is set), one ledger and one
 * server per file and engine, a fresh organisation per test (with accounts,
 * fees and credit), dev tokens, and `call`, which sends a request through
 * `app.request()` (nothing listens).
 */
import type { CheckoutPlan, CheckoutRequest } from "@creditkit/core";
import { planCheckout } from "@creditkit/core";
import { type Db, openPostgresLedger, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { type CreditKitServer, createServer, type ServerOptions, type Session } from "../../packages/server/src/index.js";
import { type Engine, fee, freshLedger, grant } from "../postgres/helpers.js";

export const SECRET = "a development secret of at least 32 bytes";

export interface World {
  readonly db: Db;
  readonly server: CreditKitServer;
  /** Unexpected failures the server reported (a test expects none). */
  readonly unexpected: unknown[];
}

const url = process.env.DATABASE_URL;
let told = false;

/** PGlite, and the PostgreSQL server when DATABASE_URL is set (else one line says that run was skipped). */
export function serverEngines(): Engine[] {
  const list: Engine[] = [{ name: "PGlite", open: () => openPostgresLedger({ memory: true }) }];
  if (url) list.push({ name: "PostgreSQL server", open: () => openPostgresLedger({ url, max: 12 }) });
  else if (!told) {
    told = true;
    console.log("  (DATABASE_URL is not set: the server tests ran on PGlite only; the real-server run was skipped)");
  }
  return list;
}

/** Declares `suite` once per engine (its title says which). */
export function perServerEngine(suite: (engine: Engine) => void): void {
  for (const engine of serverEngines()) suite(engine);
}

/** Opens the file's ledger (on `engine`) and server; call `closeWorld` after. */
export async function openWorld(engine: Engine, options: Partial<ServerOptions> = {}): Promise<World> {
  const db = await engine.open();
  const unexpected: unknown[] = [];
  const server = createServer({ ledger: db, devSecret: SECRET, onUnexpected: (error) => unexpected.push(error), ...options });
  return { db, server, unexpected };
}

export async function closeWorld(world: World | undefined): Promise<void> {
  await world?.server.close();
  await world?.db.close();
}

export interface Org {
  readonly orgId: string;
  /** The organisation's data source, for seeding and for reading behind the server's back. */
  readonly source: PostgresDataSource;
  readonly admin: string;
  /** A member of acc-1 (Family 1). */
  readonly member: string;
}

/**
 * A fresh USD organisation: accounts acc-1 … acc-3, each with fees f1
 * (100.00) and f2 (40.00) and a 25.00 credit; auto-apply off so fees stay
 * owed. Tokens for an admin and for the member of acc-1.
 */
export async function freshOrg(world: World): Promise<Org> {
  const source = await freshLedger(world.db, { accounts: 3, settings: { autoApply: false } });
  for (const id of ["acc-1", "acc-2", "acc-3"]) {
    await source.commit(`seed/${id}/fees`, [
      fee(id, "f1", "100.00", `seed/${id}/fees`),
      { ...fee(id, "f2", "40.00"), id: `seed/${id}/fees#1`, key: `seed/${id}/fees` },
    ]);
    await source.postCredits(`seed/${id}/credit`, [grant(id, "g1", "25.00", `seed/${id}/credit`)]);
  }
  const admin = await token(world, { orgId: source.orgId, role: "admin", accountIds: [] });
  const member = await token(world, { orgId: source.orgId, role: "member", accountIds: ["acc-1"] });
  return { orgId: source.orgId, source, admin, member };
}

/** A dev token for `session`, through the sign-in route. */
export async function token(world: World, session: Session): Promise<string> {
  const answer = await call(world, "POST", "/api/dev/sign-in", { body: session });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
  return (answer.body as { token: string }).token;
}

export interface CallOptions {
  readonly token?: string;
  /** JSON-encoded unless `raw` is given. */
  readonly body?: unknown;
  /** Sent as is. */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON came back
  readonly body: any;
  readonly headers: Headers;
}

export async function call(world: World, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await world.server.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

/** A portal plan of `feeIds` on `accountId`, made as the browser makes it (from the API's own answers). */
export async function portalPlan(world: World, org: Org, accountId: string, request: Partial<CheckoutRequest> = {}): Promise<CheckoutPlan> {
  const snapshot = await call(world, "GET", `/api/accounts/${accountId}`, { token: org.admin });
  const settings = await call(world, "GET", "/api/settings", { token: org.admin });
  return planCheckout(
    snapshot.body,
    {
      key: `portal/${accountId}/${Math.random().toString(36).slice(2)}`,
      channel: "portal",
      date: "2026-11-20",
      feeIds: ["f1"],
      applyCredit: true,
      tenders: [{ method: "card", amount: "75.00" }],
      ...request,
    },
    settings.body,
  );
}

/** Everything the organisation's ledger holds, to compare before and after. */
export async function ledgerState(org: Org): Promise<string> {
  const [entries, snapshots, settings, runs, dataSet, reservations, charges] = await Promise.all([
    org.source.listEntries(),
    org.source.getAccounts(),
    org.source.getSettings(),
    org.source.listRuns(),
    org.source.getDataSet(),
    org.source.reservations(),
    org.source.gateway.charges(),
  ]);
  return JSON.stringify({ entries, snapshots, settings, runs, dataSet, reservations, charges });
}

/** Reads the job's round (as `queued` answered it) until it ends, or `until` holds; fails after 30 s. */
export async function waitForJob(
  world: World,
  token: string,
  queued: Answer,
  until = (job: Answer) => job.body.status === "done" || job.body.status === "failed",
): Promise<Answer> {
  const path = `/api/jobs/${queued.body.kind}/${queued.body.id}?round=${queued.body.round}`;
  for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const now = await call(world, "GET", path, { token });
    if (now.status !== 200) throw new Error(`GET ${path}: ${now.status} ${JSON.stringify(now.body)}`);
    if (until(now)) return now;
  }
  throw new Error(`The job ${path} did not get there in 30 s.`);
}

/** The job `queued` answered, once its round has ended (its body: status, result or error). */
export async function jobEnd(world: World, token: string, queued: Answer) {
  return (await waitForJob(world, token, queued)).body;
}

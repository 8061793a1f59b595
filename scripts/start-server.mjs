// The creditkit API for the demo: the shared ledger on embedded PGlite in a data folder (or the
// PostgreSQL server of DATABASE_URL), the demo organisation seeded on first run with the same data
// the IndexedDB demo seeds, and the server with its development sign-in.
//
//   node --import=tsx --conditions=source scripts/start-server.mjs
//
// `npm start` runs it as a child process (scripts/start.mjs), so the API can be restarted without
// the demo site. It prints `creditkit API: <url>` once it answers.
//
// Environment: DATABASE_URL (a PostgreSQL server instead of PGlite), CREDITKIT_DATA_DIR (default
// .creditkit-data), CREDITKIT_API_PORT (default 8787; 0 picks a free one; a busy default picks one
// too), CREDITKIT_ORG (default riverside-aquatics), CREDITKIT_FAMILIES (default 600). For tests:
// CREDITKIT_GATEWAY_LATENCY_MS (the simulated gateway's delay per charge, default 0) and
// CREDITKIT_JOB_LEASE_MS (how long a killed server's job stays its own before a restart takes it).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { join, resolve } from "node:path";
import { createPostgresDataSource, openPostgresLedger } from "@creditkit/postgres";
import { createServer, serve } from "@creditkit/server";
import { seedDemoData } from "@creditkit/store";

export const DEMO_ORG = "riverside-aquatics";
export const DEMO_CURRENCY = "USD";
export const DEMO_FAMILIES = 600;
const SEED = 2026;
const DEFAULT_PORT = 8787;

/** Today as YYYY-MM-DD (local time), the date first-run data is centred on. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Refuses a second server on the same PGlite folder (one process may open it); a stale lock is taken over. */
function lockDataDir(dir) {
  const file = join(dir, "server.pid");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8"));
    let alive = false;
    try {
      alive = Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`The data folder ${dir} is in use by another creditkit server (pid ${pid}). Stop it first.`);
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The development sign-in's secret, kept in the data folder so a restart keeps the tabs' tokens valid. */
function devSecret(dir) {
  const file = join(dir, "dev-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

function portIsFree(port) {
  return new Promise((done) => {
    const probe = createNetServer();
    probe.once("error", () => done(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => done(true)));
  });
}

/**
 * The demo organisation's data source over the ledger; on first run it is created and seeded with
 * `seedDemoData` from @creditkit/store (the IndexedDB demo's generator and seeding: 600 families,
 * their fees, some preloaded credit, the cards on file, and the mass-credit data set).
 */
async function seedDemo(db, { orgId, families, log }) {
  const source = await createPostgresDataSource({
    db,
    orgId,
    currency: DEMO_CURRENCY,
    settings: { autoApply: false },
    gateway: { cardsByDefault: false },
  });
  try {
    const started = Date.now();
    // seedDemoData needs openAccounts, commitChunk, putDataSet, listAccounts and the gateway's addCards;
    // the PostgreSQL gateway adds one card at a time.
    const target = {
      listAccounts: () => source.listAccounts(),
      openAccounts: (accounts) => source.openAccounts(accounts),
      commitChunk: (items) => source.commitChunk(items),
      putDataSet: (dataSet) => source.putDataSet(dataSet),
      gateway: {
        addCards: async (ids) => {
          for (const id of ids) await source.gateway.addCard(id);
        },
      },
    };
    let announced = false;
    const result = await seedDemoData(target, {
      seed: SEED,
      families,
      date: today(),
      batchSize: 200,
      onProgress: ({ done, total }) => {
        if (!announced) log(`Seeding the demo ledger (first run): ${families} families…`);
        announced = true;
        log(`  ${done} of ${total} families stored (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
    });
    if (result.seeded) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(
        `Seeded in ${seconds} s: ${result.accounts} families, ${result.fees} fees, ${result.credits} preloaded credits, ${result.cards} cards.`,
      );
    }
    return result;
  } finally {
    await source.close();
  }
}

/**
 * Opens the ledger, seeds it when new, and serves the API. Returns its URL and `close()`.
 * Options default to the environment (see the top of this file).
 */
export async function startDemoServer(options = {}) {
  const env = process.env;
  const log = options.log ?? ((line) => console.log(line));
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL ?? undefined;
  const dataDir = resolve(options.dataDir ?? env.CREDITKIT_DATA_DIR ?? ".creditkit-data");
  const orgId = options.orgId ?? env.CREDITKIT_ORG ?? DEMO_ORG;
  const families = Number(options.families ?? env.CREDITKIT_FAMILIES ?? DEMO_FAMILIES);
  const askedPort = options.port ?? (env.CREDITKIT_API_PORT !== undefined ? Number(env.CREDITKIT_API_PORT) : undefined);
  mkdirSync(dataDir, { recursive: true });
  const unlock = databaseUrl ? () => undefined : lockDataDir(dataDir);

  const opened = Date.now();
  const pglite = join(dataDir, "pglite");
  if (!databaseUrl && !existsSync(pglite)) log(`Creating the ledger's database in ${pglite} (first run; takes a few seconds)…`);
  let db;
  try {
    db = databaseUrl ? await openPostgresLedger({ url: databaseUrl }) : await openPostgresLedger({ dataDir: pglite });
  } catch (error) {
    unlock();
    throw error;
  }
  const where = databaseUrl ? `PostgreSQL at ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}` : `PGlite in ${pglite}`;
  log(`Ledger: ${where} (opened in ${((Date.now() - opened) / 1000).toFixed(1)} s), organisation ${orgId}`);
  const seeded = await seedDemo(db, { orgId, families, log });

  const latencyMs = Number(env.CREDITKIT_GATEWAY_LATENCY_MS ?? 0);
  const leaseMs = env.CREDITKIT_JOB_LEASE_MS !== undefined ? Number(env.CREDITKIT_JOB_LEASE_MS) : undefined;
  const app = createServer({
    ledger: db,
    devSecret: devSecret(dataDir),
    dataSourceOptions: { gateway: { cardsByDefault: false, ...(latencyMs > 0 ? { latencyMs } : {}) } },
    ...(leaseMs !== undefined ? { jobs: { worker: { leaseMs } } } : {}),
  });
  const port = askedPort ?? ((await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : 0);
  const serving = await serve({ app, port });
  let closing;
  return {
    url: serving.url,
    orgId,
    seeded,
    close: () => {
      closing ??= serving
        .close()
        .then(() => db.close())
        .finally(unlock);
      return closing;
    },
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  try {
    const server = await startDemoServer();
    console.log(`creditkit API: ${server.url}/api  (OpenAPI document: ${server.url}/api/openapi.json)`);
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    console.error(`creditkit API: could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (!process.env.DATABASE_URL) console.error("(A data folder from another version? `npm start -- --reset` seeds a fresh one.)");
    process.exit(1);
  }
}

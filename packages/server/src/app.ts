/**
 * `createServer`: the Hono app of the creditkit API. Every `/api` route but
 * the document and the dev sign-in needs a session (the host's
 * `authenticate`, or the dev tokens); the organisation's data source comes
 * from the session, never from the request. Bodies are limited, schemas
 * check every request, and errors leave as `{ code, message }`.
 */
import { createPostgresJobStore, type Db, expireBatchLeases, type JobStore, type PostgresDataSourceOptions } from "@creditkit/postgres";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { type Authenticate, devAuthenticate, devKey, requireSession } from "./auth.js";
import { type DataSourceFor, dataSources } from "./data-sources.js";
import type { ServerApp, ServerEnv } from "./env.js";
import { errorHeaders, errorResponse, refuse } from "./errors.js";
import { createMemoryJobStore } from "./jobs/memory-store.js";
import { type JobWorker, type JobWorkerOptions, startJobWorker } from "./jobs/worker.js";
import { documentRoute } from "./openapi.js";
import { createPreviews } from "./previews/previews.js";
import { accountRoutes } from "./routes/accounts.js";
import { type ChangeStreamOptions, changeRoutes } from "./routes/changes.js";
import { devRoutes } from "./routes/dev.js";
import { gatewayRoutes } from "./routes/gateway.js";
import { jobRoutes } from "./routes/jobs.js";
import { listRoutes } from "./routes/lists.js";
import { moneyRoutes } from "./routes/money.js";
import { previewRoutes } from "./routes/previews.js";
import { runRoutes } from "./routes/runs.js";
import { settingsRoutes } from "./routes/settings.js";

export interface ServerOptions {
  /** The migrated PostgreSQL ledger (`openPostgresLedger`): one data source per organisation is opened on it. */
  readonly ledger?: Db;
  /** Or the host's own data source per organisation. */
  readonly dataSourceFor?: DataSourceFor;
  /** Options of the data sources opened on `ledger` (the gateway's behaviour, leases, chunk size …). */
  readonly dataSourceOptions?: Omit<PostgresDataSourceOptions, "db" | "orgId">;
  /** The host's sign-in check. Without it, `devSecret` must be given and the dev tokens sign in. */
  readonly authenticate?: Authenticate;
  /** Enables `POST /api/dev/sign-in` and its tokens (at least 32 bytes). Never in production. */
  readonly devSecret?: string;
  /** How long a dev token lives. Default 3600 s. */
  readonly devTokenTtlSeconds?: number;
  /** The largest body of most requests. Default 1 MiB. */
  readonly bodyLimitBytes?: number;
  /** The largest body of a mass-credit run or a data set. Default 64 MiB. */
  readonly bulkBodyLimitBytes?: number;
  /** The live-changes stream's heartbeat and lifetime (`GET /api/changes`). */
  readonly changes?: ChangeStreamOptions;
  /**
   * Server jobs (runs and batches): kept in the ledger's `jobs` table (in
   * memory for a server on `dataSourceFor` only). This process works on them
   * unless `worker: false` (another process does); the worker's lease,
   * polling and concurrency can be set.
   */
  readonly jobs?: {
    readonly store?: JobStore;
    readonly worker?: false | Pick<JobWorkerOptions, "leaseMs" | "progressMs" | "pollMs" | "concurrency">;
  };
  /** Told of every unexpected failure (answered 500 `internal`); default `console.error`. */
  readonly onUnexpected?: (error: unknown, request: Request) => void;
}

/**
 * The Hono app, and `close()`: stops the job worker (the jobs in hand go back
 * to the queue) and closes the data sources it opened (the ledger's `Db` stays
 * open: its owner closes it).
 */
export type CreditKitServer = ServerApp & { close(): Promise<void>; readonly worker?: JobWorker };

const BULK = new Set(["POST /api/runs", "PUT /api/data-set"]);
/** A run planned from a preview carries the deselected rows: up to 200,000 keys. */
const BULK_PATTERN = /^\/api\/previews\/[^/]+\/run$/;

export function createServer(options: ServerOptions): CreditKitServer {
  const key = options.devSecret !== undefined ? devKey(options.devSecret) : undefined;
  const authenticate = options.authenticate ?? (key ? devAuthenticate(key) : undefined);
  if (!authenticate) throw new TypeError("createServer needs `authenticate` (or, in development, `devSecret`).");
  const sources = dataSources(options, options.dataSourceOptions);
  const onUnexpected = options.onUnexpected ?? ((error: unknown) => console.error("creditkit server:", error));
  const { ledger } = options;
  const jobs = options.jobs?.store ?? (ledger ? createPostgresJobStore(ledger) : createMemoryJobStore());
  const worker =
    options.jobs?.worker === false
      ? undefined
      : startJobWorker({
          ...options.jobs?.worker,
          store: jobs,
          sources: sources.get,
          onUnexpected: (error) => onUnexpected(error, new Request("http://jobs.invalid/")),
          ...(ledger ? { onTakeover: (job) => expireBatchLeases(ledger, job.orgId, job.id) } : {}),
        });

  const app: ServerApp = new OpenAPIHono<ServerEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join(".") || "body";
        refuse("invalid-input", { field, reason: "schema", issue: issue?.message ?? "invalid" });
      }
    },
  });

  app.onError((error, c) => {
    const { status, body, unexpected } = errorResponse(error);
    if (unexpected) onUnexpected(error, c.req.raw);
    return c.json(body, status as 400, errorHeaders(status));
  });
  app.notFound((c) => c.json({ code: "not-found", message: "There is no such route." }, 404));

  const tooLarge = () => refuse("too-large");
  const smallBytes = options.bodyLimitBytes ?? 1024 * 1024;
  const bulkBytes = options.bulkBodyLimitBytes ?? 64 * 1024 * 1024;
  const small = bodyLimit({ maxSize: smallBytes, onError: tooLarge });
  const bulk = bodyLimit({ maxSize: bulkBytes, onError: tooLarge });
  app.use("/api/*", (c, next) => {
    const isBulk = BULK.has(`${c.req.method} ${c.req.path}`) || (c.req.method === "POST" && BULK_PATTERN.test(c.req.path));
    // A declared length is checked from the header alone (Node's HTTP server delivers no more than it declares):
    // Hono's bodyLimit would touch the body and make the Node adapter build a whole request for every call.
    // Bodies without a length (chunked) are counted by bodyLimit as they arrive.
    const declared = c.req.header("content-length");
    if (declared !== undefined && /^\d+$/.test(declared) && c.req.header("transfer-encoding") === undefined) {
      if (Number(declared) > (isBulk ? bulkBytes : smallBytes)) tooLarge();
      return next();
    }
    return isBulk ? bulk(c, next) : small(c, next);
  });

  documentRoute(app);
  if (key) devRoutes(app, key, options.devTokenTtlSeconds ?? 3600);

  app.use("/api/*", async (c, next) => {
    if (c.req.path === "/api/openapi.json" || (key && c.req.path === "/api/dev/sign-in")) return next();
    const session = await requireSession(authenticate, c.req.raw);
    c.set("session", session);
    c.set("source", await sources.get(session.orgId));
    return next();
  });

  settingsRoutes(app);
  accountRoutes(app);
  moneyRoutes(app);
  runRoutes(app, jobs);
  jobRoutes(app, jobs);
  listRoutes(app);
  gatewayRoutes(app, ledger, options.dataSourceOptions?.gateway?.cardsByDefault !== false);
  const previews = createPreviews();
  previewRoutes(app, previews, jobs);
  changeRoutes(app, options.changes);

  return Object.assign(app, {
    worker,
    async close() {
      await worker?.stop();
      await previews.close();
      await jobs.close();
      await sources.close();
    },
  });
}

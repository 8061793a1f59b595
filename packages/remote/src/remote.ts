/**
 * `createRemoteDataSource`: the data-source port over the creditkit API (the
 * routes of `/api/openapi.json`). Plain JSON in the core's shapes both ways;
 * writes carry their idempotency key and are retried under it (http.ts);
 * changes arrive by server-sent events (events.ts). Card charges never run
 * here: `gateway.charge` refuses, and `settleBatch` asks the server, whose
 * gateway charges.
 */
import {
  type AccountRecord,
  type AccountSnapshot,
  assertInput,
  type BatchResult,
  type CheckoutPlan,
  type CommitResult,
  type CreditKitDataSource,
  CreditKitError,
  type DataSourceChange,
  type DataSourceRunOptions,
  type EntryQuery,
  type FamilyExplanation,
  type GrantEntry,
  type JobsPort,
  type LedgerEntry,
  type MassCreditDataSet,
  type OrganisationLists,
  type OrgSettings,
  type PaymentGateway,
  type PaymentReversalRequest,
  type PreviewContext,
  type PreviewRow,
  type PreviewsPort,
  type RunPlan,
  type RunRecord,
  type RunReversal,
  type RunSummary,
  reversalKey,
  type ServerPreview,
  type SettleBatchRequest,
} from "@creditkit/core";
import { type ChangeFeed, type ChangeFeedOptions, createChangeFeed } from "./events.js";
import { createHttp, errorOf, type Http, type HttpOptions } from "./http.js";
import { followJob, jobPath, type RemoteJob } from "./jobs.js";

export interface RemoteDataSourceOptions extends HttpOptions, Omit<ChangeFeedOptions, "open" | "deliver"> {
  /** How long a data set may take to send in one request. Default 10 min. */
  readonly longTimeoutMs?: number;
  /** How often a run's or batch's job is read while it is followed. Default 300 ms. */
  readonly jobIntervalMs?: number;
}

/** Who is signed in (`GET /api/session`). */
export interface RemoteSession {
  readonly orgId: string;
  readonly role: "admin" | "member";
  readonly accountIds: readonly string[];
  readonly currency: string;
}

export interface RemoteDataSource extends CreditKitDataSource {
  readonly session: RemoteSession;
  readonly gateway: RemoteGateway;
  /** One saved run, or undefined. */
  getRun(runId: string): Promise<RunSummary | undefined>;
  /** Replaces the mass-credit data set (admins). */
  putDataSet(dataSet: MassCreditDataSet): Promise<void>;
  /** Voids what a processed run issued and is still unused, once (admins). */
  reverseRun(runId: string, options: { readonly date: string }): Promise<RunReversal>;
  /** Previews are worked out on the server: the page gets summaries and rows in pages, never the data set. */
  readonly previews: PreviewsPort;
  /** Runs and batches are server jobs: they go on when this page closes, and `jobs` shows and follows them. */
  readonly jobs: JobsPort & {
    /** One job's latest round (with its result once done), or undefined. */
    get(kind: "run" | "batch", id: string): Promise<RemoteJob | undefined>;
  };
  /** Resolves once the change stream is open (it opens with the first `subscribe`). */
  listening(): Promise<void>;
  /** Stops the change stream; listeners hear nothing more. */
  close(): void;
}

/** Keys this data source wrote lately, so the stream's echo of its own write is not heard twice. */
const REMEMBERED_KEYS = 1000;

/** The server's gateway as the page sees it: `loadCards` (admins), then `hasCard`. */
export interface RemoteGateway extends PaymentGateway {
  /** Whether the server's gateway holds a card for the account, as of the last `loadCards()` (true before one). */
  hasCard(accountId: string): boolean;
  /** Reads which accounts hold a card (admins; `GET /api/gateway/cards`); a server that cannot say leaves every answer true. */
  loadCards(): Promise<void>;
}

function remoteGateway(http: Http): RemoteGateway {
  let cards: { readonly byDefault: boolean; readonly withCard: ReadonlySet<string>; readonly withoutCard: ReadonlySet<string> } | undefined;
  return {
    charge: () => Promise.reject(new CreditKitError("forbidden", { operation: "charge", reason: "server-charges" })),
    hasCard(accountId) {
      if (!cards || cards.withCard.has(accountId)) return true;
      return cards.withoutCard.has(accountId) ? false : cards.byDefault;
    },
    async loadCards() {
      const answer = await http<{ byDefault: boolean; withCard: string[]; withoutCard: string[] } | undefined>(
        "GET",
        "/api/gateway/cards",
        {
          missingIsUndefined: true,
        },
      );
      cards = answer && { byDefault: answer.byDefault, withCard: new Set(answer.withCard), withoutCard: new Set(answer.withoutCard) };
    },
  };
}

function path(template: string, id: unknown, field: string): string {
  assertInput(typeof id === "string" && id !== "", field);
  return template.replace("{}", encodeURIComponent(id));
}

function checkRunOptions(options: DataSourceRunOptions | undefined): void {
  if (options === undefined) return;
  assertInput(typeof options === "object" && options !== null, "options");
  const { chunkSize } = options;
  assertInput(chunkSize === undefined || (Number.isSafeInteger(chunkSize) && chunkSize > 0), "chunkSize");
}

/** The accounts a commit result touched, in order. */
function accountsOf(result: CommitResult): string[] {
  return [...new Set([...result.entries, ...result.swept].map((e) => e.accountId))];
}

export async function createRemoteDataSource(options: RemoteDataSourceOptions): Promise<RemoteDataSource> {
  assertInput(typeof options === "object" && options !== null && typeof options.url === "string", "url");
  assertInput(typeof options.getToken === "function", "getToken");
  const http = createHttp(options);
  const long = options.longTimeoutMs ?? 600_000;
  const interval = options.jobIntervalMs ?? 300;
  /** What a run's follower reports: the job's counts (issued, skipped and failed are in the record at the end). */
  const runFollow = (runOptions: DataSourceRunOptions | undefined) => ({
    intervalMs: interval,
    ...(runOptions?.onProgress
      ? {
          onProgress: ({ done, total }: { done: number; total: number }) =>
            runOptions.onProgress?.({ done, total, issued: 0, skipped: 0, failed: 0 }),
        }
      : {}),
    ...(runOptions?.signal ? { signal: runOptions.signal } : {}),
  });
  const session = await http<RemoteSession>("GET", "/api/session");
  const gateway = remoteGateway(http);

  const listeners = new Set<(change: DataSourceChange) => void>();
  const emit = (change: DataSourceChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's mistake is its own.
      }
    }
  };
  // Own writes: in flight (the stream's echo waits for the answer) and done (the echo is dropped).
  const inFlight = new Map<string, DataSourceChange | undefined>();
  const done = new Set<string>();
  const remember = (key: string) => {
    done.add(key);
    if (done.size > REMEMBERED_KEYS) done.delete(done.values().next().value as string);
  };
  const feed: ChangeFeed = createChangeFeed({
    ...options,
    open: async (signal) => {
      const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
      const response = await doFetch(`${options.url.replace(/\/+$/, "")}/api/changes`, {
        headers: { accept: "text/event-stream", authorization: `Bearer ${await options.getToken()}` },
        signal,
      });
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => undefined);
        throw errorOf(response.status, body);
      }
      return response.body;
    },
    deliver: (change) => {
      if (inFlight.has(change.key)) inFlight.set(change.key, change);
      else if (!done.has(change.key)) emit(change);
    },
  });

  /** A write under `key`: this data source's listeners hear it once, as not remote. */
  async function write(key: string, send: () => Promise<CommitResult>): Promise<CommitResult> {
    const mine = typeof key === "string" && !inFlight.has(key);
    if (mine) inFlight.set(key, undefined);
    try {
      const result = await send();
      if (mine) {
        const echo = inFlight.get(key);
        if (result.status === "committed") emit({ key, accountIds: accountsOf(result) });
        else if (echo) emit({ key, accountIds: echo.accountIds });
      }
      return result;
    } catch (error) {
      // Refused or lost: whatever the stream heard under this key did happen.
      const echo = mine ? inFlight.get(key) : undefined;
      if (echo) emit(echo);
      throw error;
    } finally {
      if (mine) {
        inFlight.delete(key);
        remember(key);
      }
    }
  }

  return {
    currency: session.currency,
    session,
    gateway,
    getSettings: () => http<OrgSettings>("GET", "/api/settings"),
    updateSettings: (patch) => http<OrgSettings>("PATCH", "/api/settings", { body: patch }),
    listAccounts: () => http<AccountRecord[]>("GET", "/api/accounts"),
    getAccount: async (accountId) => http<AccountSnapshot>("GET", path("/api/accounts/{}", accountId, "accountId")),
    getAccounts: (accountIds) =>
      http<AccountSnapshot[]>("POST", "/api/accounts/snapshots", { body: accountIds === undefined ? {} : { accountIds } }),
    listEntries: (query?: EntryQuery) => http<LedgerEntry[]>("POST", "/api/entries/search", { body: query === undefined ? {} : query }),
    recordCheckout: (plan: CheckoutPlan) =>
      write(plan?.key, () =>
        http<CommitResult>("POST", "/api/checkouts", { body: plan, ...(typeof plan?.key === "string" ? { key: plan.key } : {}) }),
      ),
    postCredits: (key: string, grants: readonly GrantEntry[]) =>
      write(key, () => http<CommitResult>("POST", "/api/credits", { body: { key, grants }, ...(typeof key === "string" ? { key } : {}) })),
    reversePayment: async (request: PaymentReversalRequest) => {
      assertInput(typeof request === "object" && request !== null, "request");
      const key = request.key ?? (typeof request.entryId === "string" ? reversalKey(request.entryId) : undefined);
      const body = key === undefined ? request : { ...request, key };
      return write(key as string, () =>
        http<CommitResult>("POST", "/api/payment-reversals", { body, ...(typeof key === "string" ? { key } : {}) }),
      );
    },
    getDataSet: async () => (await http<{ dataSet: MassCreditDataSet | null }>("GET", "/api/data-set")).dataSet ?? undefined,
    getLists: async () => (await http<{ lists: OrganisationLists | null }>("GET", "/api/lists")).lists ?? undefined,
    putDataSet: (dataSet) => http<void>("PUT", "/api/data-set", { body: dataSet, timeoutMs: long }),
    async processRun(plan: RunPlan, runOptions?: DataSourceRunOptions) {
      checkRunOptions(runOptions);
      const key = typeof plan?.runId === "string" ? { key: plan.runId } : {};
      const job = await http<RemoteJob<RunRecord>>("POST", "/api/runs", { body: plan, timeoutMs: long, ...key });
      return followJob(http, job, runFollow(runOptions));
    },
    async resumeRun(runId: string, runOptions?: DataSourceRunOptions) {
      checkRunOptions(runOptions);
      const job = await http<RemoteJob<RunRecord>>("POST", path("/api/runs/{}/resume", runId, "runId"), { key: `resume/${runId}` });
      return followJob(http, job, runFollow(runOptions));
    },
    listRuns: () => http<RunSummary[]>("GET", "/api/runs"),
    reverseRun: (runId, reverseOptions) =>
      http<RunReversal>("POST", path("/api/runs/{}/reversal", runId, "runId"), {
        body: reverseOptions,
        timeoutMs: long,
        ...(typeof runId === "string" ? { key: `reverse-run/${runId}` } : {}),
      }),
    getRun: async (runId) => http<RunSummary | undefined>("GET", path("/api/runs/{}", runId, "runId"), { missingIsUndefined: true }),
    async settleBatch(request: SettleBatchRequest) {
      assertInput(typeof request === "object" && request !== null, "request");
      const { onProgress, signal, ...body } = request;
      assertInput(onProgress === undefined || typeof onProgress === "function", "onProgress");
      const job = await http<RemoteJob<BatchResult>>("POST", "/api/batches", {
        body,
        ...(typeof body.batchId === "string" ? { key: body.batchId } : {}),
      });
      return followJob(http, job, {
        intervalMs: interval,
        ...(onProgress ? { onProgress: (p: { done: number; total: number }) => onProgress(p) } : {}),
        ...(signal ? { signal } : {}),
      });
    },
    previews: {
      context: async () =>
        (await http<{ context: PreviewContext | null }>("GET", "/api/previews/context", { timeoutMs: long })).context ?? undefined,
      start: (request, previewOptions = {}) =>
        http<ServerPreview>("POST", `/api/previews?limit=${previewOptions.limit ?? 100}`, { body: request, timeoutMs: long }),
      async rows(previewId, offset, limit) {
        assertInput(Number.isSafeInteger(offset) && offset >= 0, "offset");
        assertInput(Number.isSafeInteger(limit) && limit > 0 && limit <= 1000, "limit");
        const page = await http<{ rows: PreviewRow[] }>(
          "GET",
          `${path("/api/previews/{}/rows", previewId, "previewId")}?offset=${offset}&limit=${limit}`,
        );
        return page.rows;
      },
      explain: (previewId, familyId) =>
        http<FamilyExplanation>("POST", path("/api/previews/{}/explain", previewId, "previewId"), { body: { familyId } }),
      async run(previewId, { runId, deselected, ...runOptions }) {
        checkRunOptions(runOptions);
        const body = { runId, ...(deselected ? { deselected: [...deselected] } : {}) };
        const job = await http<RemoteJob<RunRecord>>("POST", path("/api/previews/{}/run", previewId, "previewId"), {
          body,
          ...(typeof runId === "string" ? { key: runId } : {}),
        });
        return followJob(http, job, runFollow(runOptions));
      },
    },
    jobs: {
      list: () => http<RemoteJob[]>("GET", "/api/jobs"),
      get: (kind, id) => http<RemoteJob | undefined>("GET", jobPath(kind, id), { missingIsUndefined: true }),
      async follow<R>(kind: "run" | "batch", id: string, follow: Parameters<JobsPort["follow"]>[2] = {}) {
        assertInput(kind === "run" || kind === "batch", "kind");
        const job = await http<RemoteJob<R>>("GET", path(`/api/jobs/${kind}/{}`, id, "id"));
        return followJob(http, job, { intervalMs: interval, ...follow });
      },
    },
    subscribe(listener) {
      assertInput(typeof listener === "function", "listener");
      listeners.add(listener);
      feed.start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) feed.stop();
      };
    },
    listening: () => feed.listening(),
    close() {
      listeners.clear();
      feed.stop();
    },
  };
}

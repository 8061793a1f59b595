/**
 * Mass-credit runs in the database (§6): the plan (head and posts) is saved
 * before the first credit, then the core's `processRun` posts its credits in
 * chunks, each under `runId/rowKey`. Every chunk is one money transaction
 * under its accounts' locks, and a key committed already is a duplicate, so
 * two processes processing one run credit each row once. A run whose
 * process died stays `processing` and resumes with `resumeRun`.
 */
import {
  assertInput,
  CreditKitError,
  type CreditPost,
  checkRunPlan,
  type DataSourceRunOptions,
  type LedgerEntry,
  processRun,
  type ReversalLedger,
  type RunLedger,
  type RunPlan,
  type RunRecord,
  type RunReversal,
  type RunReversalMark,
  type RunSummary,
  reversalMark,
  reverseRun,
} from "@creditkit/core";
import type { Queryable } from "./db.js";
import { json } from "./ledger-rows.js";
import { commit, commitChunk, type LedgerScope } from "./money-ops.js";
import { inOrg } from "./org-tx.js";
import { readCommitted, readCommittedKeys, readSnapshot } from "./reads.js";
import { commitChunkOnAccounts } from "./runs-chunk.js";

/** Posts written per statement when a plan is saved. */
const SAVE_SLICE = 5000;
/** Keys asked ahead per read of which are committed. */
const COMMITTED_WINDOW = 5000;
/**
 * Rows per chunk (one transaction each). Default. On a server each chunk is
 * two round trips and a WAL flush whatever its size, so fewer, larger chunks
 * go faster (docs/decisions/0015, "Runs"); a chunk holds its accounts' locks
 * for a few hundred milliseconds at most.
 */
export const DEFAULT_RUN_CHUNK = 2000;

const HEAD = `run_id AS "runId", status, selected, total::text AS total, description, request, filters, count, record, reversal,
  to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "savedAt"`;

interface HeadRow {
  readonly runId: string;
  readonly status: RunSummary["status"];
  readonly selected: number;
  readonly total: string;
  readonly description: string;
  readonly request: unknown;
  readonly filters: unknown;
  readonly count: number;
  readonly record: unknown;
  readonly reversal: unknown;
  readonly savedAt: string;
}

function summaryOf(row: HeadRow): RunSummary {
  const record = row.record === null || row.record === undefined ? undefined : json<RunRecord>(row.record);
  return {
    runId: row.runId,
    status: row.status,
    selected: Number(row.selected),
    total: row.total,
    description: row.description,
    savedAt: row.savedAt,
    ...(record !== undefined ? { record } : {}),
    ...(row.reversal === null || row.reversal === undefined ? {} : { reversal: json<RunReversalMark>(row.reversal) }),
  };
}

/**
 * The run ledger: `committed` answers from one query per window of the
 * plan's keys, the next window read in the background while this one's
 * chunks commit (a key another process commits after its window was read is
 * still found committed when its chunk commits: a duplicate); chunks commit
 * in one transaction each (runs-chunk.ts).
 */
function runLedger(scope: LedgerScope, plan: RunPlan, chunkSize: number): RunLedger {
  const index = new Map<string, number>();
  for (const [i, p] of plan.posts.entries()) index.set(p.key, i);
  const span = Math.max(chunkSize, COMMITTED_WINDOW);
  const windows = new Map<number, Promise<Map<string, LedgerEntry[]>>>();
  const read = (w: number) => {
    let found = windows.get(w);
    if (!found) {
      found = readCommittedKeys(
        scope,
        plan.posts.slice(w * span, (w + 1) * span).map((p) => p.key),
      );
      found.catch(() => undefined);
      windows.set(w, found);
    }
    return found;
  };
  return {
    currency: scope.currency,
    async committed(key) {
      const at = index.get(key);
      if (at === undefined) return readCommitted(scope, key);
      const w = Math.floor(at / span);
      for (const k of windows.keys()) if (k < w) windows.delete(k);
      const known = await read(w);
      if ((w + 1) * span < plan.posts.length) read(w + 1);
      return known.get(key);
    },
    commit: (key, entries) => commit(scope, key, entries),
    commitChunk: (items) => commitChunkOnAccounts(scope, items),
  };
}

/** Saves the plan unless a run with its id is saved already (the same id is the same run); marks it processing. */
async function savePlan(scope: LedgerScope, plan: RunPlan): Promise<void> {
  await inOrg(scope, async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO runs (org_id, run_id, status, selected, total, description, request, filters, count)
       VALUES ($1, $2, 'processing', $3::int, $4::numeric, $5, $6::jsonb, $7::jsonb, $8::int)
       ON CONFLICT (org_id, run_id) DO NOTHING RETURNING run_id`,
      [
        scope.orgId,
        plan.runId,
        String(plan.posts.length),
        plan.total,
        plan.request.description,
        JSON.stringify(plan.request),
        JSON.stringify(plan.filters),
        String(plan.count),
      ],
    );
    if (inserted.length === 0) return;
    // Sent one after the other without waiting (one round trip on a server); the first failure is thrown.
    const slices: Promise<unknown>[] = [];
    for (let at = 0; at < plan.posts.length; at += SAVE_SLICE) {
      const slice = tx.query(
        `INSERT INTO run_posts (org_id, run_id, position, row_key, post)
         SELECT $1, $2, $3::int + n::int - 1, p->>'rowKey', p FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(p, n)`,
        [scope.orgId, plan.runId, String(at), JSON.stringify(plan.posts.slice(at, at + SAVE_SLICE))],
      );
      slice.catch(() => undefined);
      slices.push(slice);
    }
    await Promise.all(slices);
  });
}

async function setRun(scope: LedgerScope, runId: string, status: string, record?: RunRecord): Promise<void> {
  await inOrg(scope, async (tx) => {
    await tx.query(
      `UPDATE runs SET status = $3, record = coalesce($4::jsonb, record), updated_at = now() WHERE org_id = $1 AND run_id = $2`,
      [scope.orgId, runId, status, record === undefined ? null : JSON.stringify(record)],
    );
    await scope.changes.notify(tx, [{ key: runId, accountIds: [] }]);
  });
  scope.changes.emit({ key: runId, accountIds: [] });
}

async function processSaved(scope: LedgerScope, plan: RunPlan, options: DataSourceRunOptions, chunkSize: number): Promise<RunRecord> {
  await setRun(scope, plan.runId, "processing");
  const size = options.chunkSize ?? chunkSize;
  const record = await processRun(runLedger(scope, plan, size), plan, {
    chunkSize: size,
    now: () => new Date().toISOString(),
    yieldControl: () => new Promise((resolve) => setImmediate(resolve)),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  await setRun(scope, plan.runId, record.status, record);
  return record;
}

/** Refuses bad options before anything is saved (a refused call must not leave a run listed as `processing`). */
function checkOptions(options: DataSourceRunOptions): void {
  assertInput(options !== null && typeof options === "object", "options");
  const { chunkSize, onProgress, signal } = options;
  assertInput(chunkSize === undefined || (Number.isSafeInteger(chunkSize) && chunkSize > 0), "chunkSize");
  assertInput(onProgress === undefined || typeof onProgress === "function", "onProgress");
  assertInput(signal === undefined || (signal !== null && typeof signal === "object"), "signal");
}

/** Saves the plan (a bad one is refused before anything is saved), then processes it. */
export async function processStoredRun(
  scope: LedgerScope,
  plan: RunPlan,
  options: DataSourceRunOptions = {},
  chunkSize = DEFAULT_RUN_CHUNK,
): Promise<RunRecord> {
  checkOptions(options);
  await checkRunPlan(plan, { currency: scope.currency });
  await savePlan(scope, plan);
  return processSaved(scope, plan, options, chunkSize);
}

async function loadPlan(tx: Queryable, orgId: string, runId: string): Promise<RunPlan | undefined> {
  const [head] = await tx.query<HeadRow>(`SELECT ${HEAD} FROM runs WHERE org_id = $1 AND run_id = $2`, [orgId, runId]);
  if (!head) return undefined;
  const posts = (await tx.query("SELECT post FROM run_posts WHERE org_id = $1 AND run_id = $2 ORDER BY position", [orgId, runId])).map(
    (r) => json<CreditPost>(r.post),
  );
  return {
    runId,
    request: json<RunPlan["request"]>(head.request),
    filters: json<string[]>(head.filters),
    posts,
    count: Number(head.count),
    total: head.total,
  };
}

/** Processes a saved run again: only what is missing is posted. Rejects with `unknown-id`. */
export async function resumeStoredRun(
  scope: LedgerScope,
  runId: string,
  options: DataSourceRunOptions = {},
  chunkSize = DEFAULT_RUN_CHUNK,
): Promise<RunRecord> {
  assertInput(typeof runId === "string" && runId !== "", "runId");
  checkOptions(options);
  const plan = await inOrg(scope, (tx) => loadPlan(tx, scope.orgId, runId), { readOnly: true });
  if (!plan) throw new CreditKitError("unknown-id", { runId, reason: "no-saved-run" });
  return processSaved(scope, plan, options, chunkSize);
}

export async function listStoredRuns(scope: LedgerScope): Promise<RunSummary[]> {
  return inOrg(
    scope,
    async (tx) =>
      (await tx.query<HeadRow>(`SELECT ${HEAD} FROM runs WHERE org_id = $1 ORDER BY saved_at DESC, run_id DESC`, [scope.orgId])).map(
        summaryOf,
      ),
    { readOnly: true },
  );
}

export async function getStoredRun(scope: LedgerScope, runId: string): Promise<RunSummary | undefined> {
  return inOrg(
    scope,
    async (tx) => {
      const [head] = await tx.query<HeadRow>(`SELECT ${HEAD} FROM runs WHERE org_id = $1 AND run_id = $2`, [scope.orgId, runId]);
      return head && summaryOf(head);
    },
    { readOnly: true },
  );
}

/** Voids a processed run's unused credit with the core's `reverseRun`; rejects with `unknown-id` for a run with no record. */
export async function reverseStoredRun(scope: LedgerScope, runId: string, options: { readonly date: string }): Promise<RunReversal> {
  const run = await getStoredRun(scope, runId);
  if (!run?.record) throw new CreditKitError("unknown-id", { runId, reason: "no-processed-run" });
  const ledger: ReversalLedger = {
    currency: scope.currency,
    committed: (key) => readCommitted(scope, key),
    commit: (key, entries) => commit(scope, key, entries),
    commitChunk: (items) => commitChunk(scope, items),
    snapshot: (accountId) => readSnapshot(scope, accountId),
  };
  const reversal = await reverseRun(ledger, run.record, { date: options.date });
  const mark = reversalMark(reversal, new Date().toISOString(), scope.currency);
  await inOrg(scope, async (tx) => {
    await tx.query(`UPDATE runs SET reversal = $3::jsonb, updated_at = now() WHERE org_id = $1 AND run_id = $2`, [
      scope.orgId,
      runId,
      JSON.stringify(mark),
    ]);
    await scope.changes.notify(tx, [{ key: runId, accountIds: [] }]);
  });
  scope.changes.emit({ key: runId, accountIds: [] });
  return reversal;
}

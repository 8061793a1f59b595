/**
 * Mass-credit runs in the store: the plan is saved before the first credit is
 * posted, so a run cut off by a closed page is listed as `processing` on the
 * next load and resumes where the ledger says it stopped. Processing holds a
 * lock shared by every tab, and every credit is committed under
 * `runId/rowKey`, so two tabs never credit a row twice.
 */
import {
  assertInput,
  CreditKitError,
  type CreditPost,
  checkRunPlan,
  type DataSourceRunOptions,
  type IssuedCredit,
  processRun,
  type RunLedger,
  type RunPlan,
  type RunRecord,
  type RunReversal,
  type RunSummary,
  reversalMark,
} from "@creditkit/core";
import type { SavedRun, StoreBackend } from "./backend.js";
import type { Engine } from "./engine.js";
import { yieldEvery } from "./pacing.js";

/** Posts per saved part of a plan: small enough that saving one never holds the page long. */
const PART_SIZE = 2000;
/** A run's chunks go on in one task for this long (ms), then the page gets a turn. */
const RUN_TASK_BUDGET_MS = 5;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface RunContext {
  readonly engine: Engine;
  readonly backend: StoreBackend;
  readonly ledger: RunLedger;
  readonly chunkSize: number;
}

/** A long list in parts of PART_SIZE. */
export function split<T>(list: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < list.length; at += PART_SIZE) parts.push(list.slice(at, at + PART_SIZE));
  return parts;
}

/** A saved run's head with its record's credits joined back from their parts. */
export async function withCredits(backend: StoreBackend, run: SavedRun | undefined): Promise<SavedRun | undefined> {
  if (!run?.record || run.creditParts === undefined) return run;
  const credits = (await backend.getRunParts(run.runId, "credits", run.creditParts)) as IssuedCredit[];
  return { ...run, record: { ...run.record, credits } };
}

/** A saved run's summary, as the port lists it. */
export function summaryOf(run: SavedRun): RunSummary {
  return {
    runId: run.runId,
    status: run.status,
    selected: run.selected,
    total: run.total,
    description: run.description,
    savedAt: run.savedAt,
    ...(run.record !== undefined ? { record: run.record } : {}),
    ...(run.reversal !== undefined ? { reversal: run.reversal } : {}),
  };
}

/** Keeps on a saved run what its reversal did (`reversalMark`), so a reload lists it as reversed. */
export async function markRunReversed(backend: StoreBackend, reversal: RunReversal, currency: string): Promise<void> {
  await backend.withLock(`run/${reversal.runId}`, async () => {
    const run = await backend.getRun(reversal.runId);
    if (!run) return;
    await backend.putRun({ ...run, reversal: reversalMark(reversal, new Date().toISOString(), currency) });
  });
  backend.signal({ kind: "runs" });
}

/** Saves `plan` unless a run with its id is saved already (the same id is the same run). */
async function savePlan(ctx: RunContext, plan: RunPlan): Promise<SavedRun> {
  const existing = await ctx.backend.getRun(plan.runId);
  if (existing) return existing;
  const parts = split(plan.posts);
  const run: SavedRun = {
    runId: plan.runId,
    status: "processing",
    selected: plan.posts.length,
    total: plan.total,
    description: plan.request.description,
    savedAt: new Date().toISOString(),
    filters: plan.filters,
    request: plan.request,
    count: plan.count,
    parts: parts.length,
  };
  // Parts first, head last: a listed run always has its posts.
  await ctx.backend.putRunParts(run.runId, "posts", parts);
  await ctx.backend.putRun(run);
  return run;
}

/** Processes a plan under the run's lock and saves its record. */
async function processSaved(ctx: RunContext, run: SavedRun, plan: RunPlan, options: DataSourceRunOptions): Promise<RunRecord> {
  return ctx.backend.withLock(`run/${run.runId}`, async () => {
    // Another tab may have posted some of these rows while this one waited for the lock.
    await ctx.engine.sync();
    await ctx.backend.putRun({ ...run, status: "processing" });
    ctx.backend.signal({ kind: "runs" });
    const record = await processRun(ctx.ledger, plan, {
      chunkSize: options.chunkSize ?? ctx.chunkSize,
      now: () => new Date().toISOString(),
      yieldControl: yieldEvery(RUN_TASK_BUDGET_MS),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
    await nextTask();
    const creditParts = split(record.credits);
    await ctx.backend.putRunParts(run.runId, "credits", creditParts);
    await ctx.backend.putRun({ ...run, status: record.status, record: { ...record, credits: [] }, creditParts: creditParts.length });
    ctx.backend.signal({ kind: "runs" });
    ctx.engine.emit({ key: run.runId, accountIds: [] });
    return record;
  });
}

/** Refuses bad options before anything is saved (a refused call must not leave a run listed as `processing`). */
function checkOptions(options: DataSourceRunOptions): void {
  assertInput(options !== null && typeof options === "object", "options");
  const { chunkSize } = options;
  assertInput(chunkSize === undefined || (Number.isSafeInteger(chunkSize) && chunkSize > 0), "chunkSize");
}

/** Saves the plan, then processes it (see the module comment). */
export async function processStoredRun(ctx: RunContext, plan: RunPlan, options: DataSourceRunOptions = {}): Promise<RunRecord> {
  // A bad plan is refused before it is saved: a saved one would be listed as `processing` for ever.
  checkOptions(options);
  await checkRunPlan(plan, {
    ...(ctx.ledger.currency !== undefined ? { currency: ctx.ledger.currency } : {}),
    yieldControl: yieldEvery(RUN_TASK_BUDGET_MS),
  });
  const run = await savePlan(ctx, plan);
  return processSaved(ctx, run, plan, options);
}

/** Processes a saved run again; only what is missing is posted. Rejects with `unknown-id`. */
export async function resumeStoredRun(ctx: RunContext, runId: string, options: DataSourceRunOptions = {}): Promise<RunRecord> {
  checkOptions(options);
  const run = await ctx.backend.getRun(runId);
  if (!run) throw new CreditKitError("unknown-id", { runId, reason: "no-saved-run" });
  const posts = (await ctx.backend.getRunParts(runId, "posts", run.parts)) as CreditPost[];
  const plan: RunPlan = { runId, request: run.request, filters: run.filters, posts, count: run.count, total: run.total };
  return processSaved(ctx, run, plan, options);
}

/** Saved runs, newest first. */
export async function listStoredRuns(backend: StoreBackend): Promise<RunSummary[]> {
  const runs = await Promise.all((await backend.listRuns()).map((run) => withCredits(backend, run) as Promise<SavedRun>));
  return runs.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0)).map(summaryOf);
}

/**
 * What the wizard does with a reviewed preview: plan the run in slices (one
 * short task each), post it through the data source in chunks with progress,
 * resume a run left unfinished, reverse a finished one, and save its record
 * as CSV. Every rule is the core's (`planRun`, `selectRows`, `runToCsv`, `spentCreditsToCsv`) or
 * the data source's (`processRun`, `resumeRun`, `reverseRun`).
 */
import {
  type CreditKitDataSource,
  type CsvRunReversal,
  fromAmountString,
  type MassCreditPreview,
  multiplyAmount,
  planRun,
  type RunPlan,
  type RunProgress,
  type RunRecord,
  type RunReversal,
  runToCsv,
  spentCreditsToCsv,
  toAmountString,
} from "@creditkit/core";
import { safeFileName, saveCsv } from "../shared/csv-download.js";
import { msg } from "../shared/localize.js";
import { messageOf, todayIso } from "../shared/money-text.js";
import { RowSelection } from "./selection.js";
import type { WizardSession } from "./session.js";

/** Rows planned between looks at the clock. */
const PLAN_SLICE = 100;
/** Planning gives the page a turn once it has worked this long (ms): a task stays well under 50 ms, room left for a GC pause. */
const PLAN_BUDGET_MS = 5;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A data source that can also reverse a run (the embedded store can; the port does not require it). */
export interface ReversibleDataSource extends CreditKitDataSource {
  reverseRun(runId: string, options: { readonly date: string }): Promise<RunReversal>;
}

export function canReverse(source: CreditKitDataSource): source is ReversibleDataSource {
  return typeof (source as Partial<ReversibleDataSource>).reverseRun === "function";
}

/** A new run id: the date and a random part, no "/". */
export function newRunId(date: string): string {
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? Math.random().toString(36).slice(2, 10);
  return `mass-credit-${date}-${random}`;
}

/**
 * `planRun` over the selected rows, a slice at a time, giving the page a turn
 * whenever a task has worked PLAN_BUDGET_MS, so planning 100,000 rows never
 * holds the page. It starts in a task of its own (not in the click's, which
 * also renders the processing step).
 */
export async function planInSlices(
  preview: MassCreditPreview,
  runId: string,
  selection: RowSelection,
  lists: Parameters<typeof planRun>[1]["lists"],
): Promise<RunPlan> {
  await nextTask();
  const head = planRun({ ...preview, rows: [], count: 0 }, { runId, ...(lists ? { lists } : {}) });
  const posts: RunPlan["posts"][number][] = [];
  const { rows } = preview;
  const everyRow = selection.everyRow;
  let since = performance.now();
  for (let at = 0; at < rows.length; at += PLAN_SLICE) {
    const part = rows.slice(at, at + PLAN_SLICE);
    const slice = everyRow ? part : part.filter((row) => selection.has(row.rowKey));
    for (const post of planRun({ ...preview, rows: slice, count: slice.length }, { runId }).posts) posts.push(post);
    if (at + PLAN_SLICE < rows.length && performance.now() - since >= PLAN_BUDGET_MS) {
      await nextTask();
      since = performance.now();
    }
  }
  // The count and exact total of what is posted, by the core's rule (count × amount).
  const { amount, currency } = preview.request;
  const total = toAmountString(multiplyAmount(fromAmountString(amount, currency), posts.length));
  return { ...head, posts, count: posts.length, total };
}

/**
 * Progress into the session, shown at most once per animation frame: a run
 * reports after every chunk, often several times a frame, and a render per
 * report was a sixth of the main thread's time while processing (trace of
 * `npm run bench:wizard`). The last report is always shown by `finish`.
 */
function progressInto(session: WizardSession) {
  let frame: number | undefined;
  return (progress: RunProgress) => {
    session.run = { ...session.run, status: "processing", done: progress.done, total: progress.total };
    if (typeof requestAnimationFrame !== "function") return session.changed();
    if (frame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      if (session.run.status === "processing") session.changed();
    });
  };
}

function finish(session: WizardSession, record: RunRecord): void {
  const complete = record.status === "done";
  session.run = {
    status: complete ? "done" : "stopped",
    runId: record.runId,
    done: record.selected - record.remaining,
    total: record.selected,
    record,
    ...(complete ? {} : { error: record.failure?.message ?? msg("The run was interrupted before every credit was posted.") }),
  };
  session.step = complete ? "done" : "processing";
}

/** Posts the selected rows of the session's preview as a new run. */
export async function processSelection(session: WizardSession): Promise<RunRecord | undefined> {
  const preview = session.previewTask.preview;
  if (!preview || session.run.status === "planning" || session.run.status === "processing") return undefined;
  const runId = newRunId(preview.request.date);
  const count = session.selection.count;
  session.run = { status: "planning", runId, done: 0, total: count };
  session.step = "processing";
  session.changed();
  try {
    const { server } = session.previewTask;
    const previews = session.source.previews;
    if (server && previews) {
      // Planned on the server from the reviewed rows less those deselected (after Select none: every row's key is needed).
      const { selection } = session;
      const rows = selection.startsFromAll ? [] : await server.loadAll();
      const deselected = [...selection.deselectedOf(rows)];
      session.run = { ...session.run, status: "processing" };
      session.changed();
      const record = await previews.run(server.previewId, { runId, deselected, onProgress: progressInto(session) });
      finish(session, record);
      return record;
    }
    const plan = await planInSlices(preview, runId, session.selection, session.dataSet?.lists);
    session.run = { ...session.run, status: "processing" };
    session.changed();
    const record = await session.source.processRun(plan, { onProgress: progressInto(session) });
    finish(session, record);
    return record;
  } catch (error) {
    session.run = wordedAt({ ...session.run, status: "stopped" }, "error", error);
    return undefined;
  } finally {
    session.changed();
  }
}

/** Processes a saved run again: only what is missing is posted. `selected` is its count of rows, when known. */
export async function resumeRun(session: WizardSession, runId: string, selected?: number): Promise<RunRecord | undefined> {
  const summary = session.unfinished.find((run) => run.runId === runId);
  session.unfinished = session.unfinished.filter((run) => run.runId !== runId);
  session.run = { status: "processing", runId, done: 0, total: selected ?? summary?.selected ?? session.run.total };
  session.step = "processing";
  session.changed();
  try {
    const record = await session.source.resumeRun(runId, { onProgress: progressInto(session) });
    finish(session, record);
    return record;
  } catch (error) {
    session.run = wordedAt({ ...session.run, status: "stopped" }, "error", error);
    return undefined;
  } finally {
    session.changed();
  }
}

/** Voids the unused credit of a processed run (kept in `session.reversals`); the report says what had been spent. */
export async function reverseSavedRun(session: WizardSession, runId: string): Promise<RunReversal> {
  const { source } = session;
  if (!canReverse(source)) throw new Error(msg("This data source cannot reverse a run."));
  const reversal = await source.reverseRun(runId, { date: todayIso() });
  session.reversals.set(runId, reversal);
  return reversal;
}

/** Voids the unused credit of the finished run; the report says what had been spent. */
export async function reverseFinishedRun(session: WizardSession): Promise<RunReversal | undefined> {
  const { run } = session;
  if (!run.record || !canReverse(session.source) || run.reversing || run.reversal) return undefined;
  session.run = { ...run, reversing: true };
  session.changed();
  try {
    const reversal = await reverseSavedRun(session, run.record.runId);
    session.run = { ...session.run, reversing: false, reversal };
    return reversal;
  } catch (error) {
    session.run = wordedAt({ ...session.run, reversing: false }, "reverseError", error);
    return undefined;
  } finally {
    session.changed();
  }
}

/** The file name and text of a run's CSV; a reversed run's says so (its reversal's report, or the mark its summary keeps). */
export function runCsv(record: RunRecord, reversal?: CsvRunReversal): { readonly filename: string; readonly text: string } {
  return { filename: `${safeFileName(record.runId)}.csv`, text: runToCsv(record, reversal ? { reversal } : {}) };
}

/**
 * Saves the run's record as a CSV file download from `host`, after the
 * cancelable `ck-csv-export` every report fires. Returns the file name when
 * the download started (undefined when the host took the CSV itself).
 */
export function saveRunCsv(host: HTMLElement, record: RunRecord, reversal?: CsvRunReversal): string | undefined {
  const { filename, text } = runCsv(record, reversal);
  return saveCsv(host, filename, text) ? filename : undefined;
}

/** Saves the credits a reversal found spent, one line each ("Save spent credits as CSV"); the file name when the download started. */
export function saveSpentCsv(host: HTMLElement, reversal: RunReversal, currency: string): string | undefined {
  const filename = `${safeFileName(reversal.runId)}-spent-credits.csv`;
  return saveCsv(host, filename, spentCreditsToCsv(reversal, currency)) ? filename : undefined;
}

/** Starts over after a run: the same answers, a new preview needed. */
export function startOver(session: WizardSession): void {
  session.run = { status: "idle", done: 0, total: 0 };
  session.previewTask = { status: "idle" };
  session.selection = new RowSelection();
  session.step = "questions";
  session.changed();
}

/** `state` with `key` the error in words, worded each time it is read (a render after a language switch re-words it). */
function wordedAt<T extends object>(state: T, key: "error" | "reverseError", error: unknown): T {
  return Object.defineProperty(state, key, { enumerable: true, configurable: true, get: () => messageOf(error) });
}

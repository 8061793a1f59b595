/**
 * Runs a batch through the data source in short parts, so the page stays
 * responsive: each part is one `settleBatch` call under the same batch id
 * (keys are `batchId/invoiceId`, so splitting changes nothing about
 * idempotency), sized to take a few milliseconds, with the main thread given
 * back between parts. Progress is reported after each invoice. A data source
 * whose batches are server jobs (`source.jobs`) gets the whole batch in one
 * call: the server paces it, and the job goes on if the page closes.
 */
import {
  type AbortSignalLike,
  add,
  type BatchInvoice,
  type BatchResult,
  type BatchSummary,
  type CreditKitDataSource,
  fromAmountString,
  type JobSummary,
  type JobsPort,
  SETTLEMENT_OUTCOMES,
  type SettlementOutcome,
  type SettlementResult,
  toAmountString,
  zero,
} from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { yieldToMain } from "../shared/yield.js";
import { invoicesText, listText, outcomeParts } from "./words.js";

export interface ChunkedRun {
  readonly batchId: string;
  readonly invoices: readonly BatchInvoice[];
  readonly applyCredit: boolean;
  readonly date: string;
  readonly concurrency: number;
  readonly timeoutMs?: number;
  readonly signal: AbortSignalLike;
  readonly onProgress: (done: number, total: number) => void;
}

/** How long one part may take before the main thread is given back, and the bounds of a part. */
const PART_MS = 6;
const FIRST_PART = 32;
const LARGEST_PART = 500;

/** The parts' summaries added up (each part's is the core's `summarizeSettlement`; the amounts are added with the core's money). */
function addSummaries(parts: readonly BatchSummary[], currency: string): BatchSummary {
  const counts = Object.fromEntries(SETTLEMENT_OUTCOMES.map((o) => [o, 0])) as Record<SettlementOutcome, number>;
  let charged = zero(currency);
  let creditUsed = charged;
  let total = 0;
  for (const part of parts) {
    total += part.total;
    for (const o of SETTLEMENT_OUTCOMES) counts[o] += part.counts[o];
    charged = add(charged, fromAmountString(part.charged, currency));
    creditUsed = add(creditUsed, fromAmountString(part.creditUsed, currency));
  }
  return { total, counts, charged: toAmountString(charged), creditUsed: toAmountString(creditUsed) };
}

export async function runInParts(source: CreditKitDataSource, run: ChunkedRun): Promise<BatchResult> {
  const { invoices, signal } = run;
  const total = invoices.length;
  // The core refuses an invoice id twice in one batch; split only when every id is unique, so it still can.
  const unique = new Set(invoices.map((i) => i.invoiceId)).size === total;
  const results: SettlementResult[] = [];
  const summaries: BatchSummary[] = [];
  let size = unique && !source.jobs ? FIRST_PART : Math.max(total, 1);
  let aborted = false;
  for (let at = 0; at < total || (total === 0 && at === 0); ) {
    const stopped = aborted || signal.aborted;
    // Once stopped, the rest goes in one call that starts none of it (each comes back `skipped`).
    const part = invoices.slice(at, stopped ? total : at + size);
    const started = performance.now();
    const offset = at;
    const answer = await source.settleBatch({
      batchId: run.batchId,
      invoices: part,
      applyCredit: run.applyCredit,
      date: run.date,
      concurrency: run.concurrency,
      signal: stopped ? { aborted: true } : signal,
      onProgress: (p) => run.onProgress(offset + p.done, total),
      ...(run.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
    });
    for (const r of answer.results) results.push(r);
    summaries.push(answer.summary);
    aborted ||= answer.aborted;
    at += part.length;
    if (total === 0) break;
    if (!stopped) {
      const spent = performance.now() - started;
      size = Math.max(8, Math.min(LARGEST_PART, Math.round((size * PART_MS) / Math.max(spent, 0.5))));
      await yieldToMain();
    }
  }
  return { batchId: run.batchId, results, summary: addSummaries(summaries, source.currency), aborted };
}

/** The batch job still queued or running (started elsewhere), or undefined; reading the jobs is a courtesy, so a failure is none. */
export async function batchGoingOn(jobs: JobsPort): Promise<JobSummary | undefined> {
  try {
    return (await jobs.list()).find((j) => j.kind === "batch" && (j.status === "queued" || j.status === "running"));
  } catch {
    return undefined;
  }
}

/** What the batch did, in one sentence for the announcement. */
export function doneText(result: BatchResult): string {
  const invoices = invoicesText(result.summary.total);
  const parts = listText(outcomeParts(result));
  return result.aborted ? msg(str`Cancelled: ${invoices}, ${parts}.`) : msg(str`Done: ${invoices}, ${parts}.`);
}

/**
 * Runs a batch through the data source in short parts, so the page stays
 * responsive: each part is one `settleBatch` call under the same batch id
 * (keys are `batchId/invoiceId`, so splitting changes nothing about
 * idempotency), sized to take a few milliseconds, with the main thread given
 * back between parts. Progress is reported after each invoice.
 */
import {
  type AbortSignalLike,
  type BatchInvoice,
  type BatchResult,
  type CreditKitDataSource,
  type SettlementResult,
  summarizeSettlement,
} from "@creditkit/core";
import { yieldToMain } from "../shared/yield.js";

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

/** How long one part may take before the main thread is given back. */
const PART_MS = 8;
const FIRST_PART = 32;

export async function runInParts(source: CreditKitDataSource, run: ChunkedRun): Promise<BatchResult> {
  const { invoices, signal } = run;
  const total = invoices.length;
  // The core refuses an invoice id twice in one batch; split only when every id is unique, so it still can.
  const unique = new Set(invoices.map((i) => i.invoiceId)).size === total;
  const results: SettlementResult[] = [];
  let size = unique ? FIRST_PART : Math.max(total, 1);
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
    aborted ||= answer.aborted;
    at += part.length;
    if (total === 0) break;
    if (!stopped) {
      const spent = performance.now() - started;
      size = Math.max(8, Math.min(2000, Math.round((size * PART_MS) / Math.max(spent, 0.5))));
      await yieldToMain();
    }
  }
  return { batchId: run.batchId, results, summary: summarizeSettlement(results, source.currency), aborted };
}

/**
 * Settling a batch of invoices (§5): a small pool of workers over the list,
 * progress after each invoice, one failure never stopping the others.
 */
import { assertInput, type CreditKitErrorCode, isCreditKitError, messageFor } from "../errors.js";
import type { LedgerEntry } from "../ledger/entries.js";
import { add, fromAmountString, toAmountString, zero } from "../money.js";
import { settleChecked } from "./settle-invoice.js";
import {
  type BatchInvoice,
  type BatchResult,
  type BatchSummary,
  SETTLEMENT_OUTCOMES,
  type SettleBatchRequest,
  type SettlementOutcome,
  type SettlementPorts,
  type SettlementResult,
} from "./types.js";
import { checkBatchFields, checkInvoiceFields, checkPorts, settlementKey } from "./validate.js";

const NO_ENTRIES: readonly LedgerEntry[] = Object.freeze([]);

/** A result for an invoice that never reached the ledger (bad row, thrown error, cancelled batch). */
function stopped(
  batchId: string,
  invoice: BatchInvoice,
  outcome: "failed" | "skipped",
  code: CreditKitErrorCode,
  message: string,
  zeroText: string,
): SettlementResult {
  const invoiceId = String(invoice?.invoiceId ?? "");
  return {
    invoiceId,
    accountId: String(invoice?.accountId ?? ""),
    key: settlementKey(batchId, invoiceId),
    outcome,
    due: zeroText,
    creditUsed: zeroText,
    charged: zeroText,
    message,
    code,
    entries: NO_ENTRIES,
  };
}

/**
 * Sums a batch's results: how many ended each way, what was charged and how
 * much credit was used. `invalid-input` unless `results` is a list of results
 * with a known outcome; an amount's code for a bad amount.
 */
export function summarizeSettlement(results: readonly SettlementResult[], currency: string): BatchSummary {
  assertInput(Array.isArray(results) && results.every((r) => SETTLEMENT_OUTCOMES.includes(r?.outcome)), "results");
  return summarize(results, currency);
}

/** `summarizeSettlement` of the results `settleBatch` made itself. */
function summarize(results: readonly SettlementResult[], currency: string): BatchSummary {
  const counts = Object.fromEntries(SETTLEMENT_OUTCOMES.map((o) => [o, 0])) as Record<SettlementOutcome, number>;
  let charged = zero(currency);
  let creditUsed = zero(currency);
  for (const r of results) {
    counts[r.outcome] += 1;
    if (r.outcome === "paid-by-charge" || r.outcome === "paid-by-charge-and-credit")
      charged = add(charged, fromAmountString(r.charged, currency));
    if (r.outcome === "paid-by-credit" || r.outcome === "paid-by-charge-and-credit") {
      creditUsed = add(creditUsed, fromAmountString(r.creditUsed, currency));
    }
  }
  return { total: results.length, counts, charged: toAmountString(charged), creditUsed: toAmountString(creditUsed) };
}

/**
 * Settles every invoice of a batch with `settleInvoice`'s rules, at most
 * `concurrency` at a time. An invoice that fails (bad row, repeated invoice
 * id, thrown error) gets a `failed` result with the message and the others go
 * on. Results come back in input order with a summary. Running the same
 * batch again is safe: paid invoices are `already-settled`, unresolved ones
 * are reconciled with the same idempotency key, declined ones are tried again.
 *
 * Throws a `CreditKitError` only for bad batch-level input, before anything changes.
 */
export async function settleBatch(ports: SettlementPorts, request: SettleBatchRequest): Promise<BatchResult> {
  checkPorts(ports);
  assertInput(request && typeof request === "object", "request");
  checkBatchFields(request);
  const { batchId, invoices, applyCredit, date, timeoutMs, onProgress, signal } = request;
  const concurrency = request.concurrency ?? 8;
  assertInput(Array.isArray(invoices), "invoices");
  assertInput(Number.isInteger(concurrency) && concurrency >= 1, "concurrency", { reason: "concurrency", min: 1 });
  assertInput(onProgress === undefined || typeof onProgress === "function", "onProgress");
  assertInput(signal === undefined || (signal !== null && typeof signal === "object"), "signal");

  const total = invoices.length;
  const zeroText = toAmountString(zero(ports.ledger.currency));
  const results = new Array<SettlementResult>(total);
  const seen = new Set<string>();
  let next = 0;
  let done = 0;
  let aborted = false;

  /** One invoice's result: at once when the ledger answers synchronously and no charge is needed. */
  const settleOne = (invoice: BatchInvoice): SettlementResult | Promise<SettlementResult> => {
    try {
      checkInvoiceFields(invoice);
      // One hash of the id, not two: the set grows unless the id was there.
      const before = seen.size;
      if (seen.add(invoice.invoiceId).size === before) {
        return stopped(batchId, invoice, "failed", "duplicate-invoice", messageFor("duplicate-invoice"), zeroText);
      }
      const settled = settleChecked(ports, {
        batchId,
        invoiceId: invoice.invoiceId,
        accountId: invoice.accountId,
        feeIds: invoice.feeIds,
        applyCredit,
        date,
        description: invoice.description,
        timeoutMs,
      });
      return settled;
    } catch (error) {
      return failed(invoice, error);
    }
  };

  /** The result of an invoice that threw (or rejected): `failed`, with the message. */
  const failed = (invoice: BatchInvoice, error: unknown): SettlementResult =>
    stopped(
      batchId,
      invoice,
      "failed",
      isCreditKitError(error) ? error.code : "settlement-error",
      error instanceof Error ? error.message : String(error),
      zeroText,
    );

  const worker = async (): Promise<void> => {
    while (next < total) {
      if (signal?.aborted) {
        aborted = true;
        return;
      }
      const index = next++;
      const invoice = invoices[index] as BatchInvoice;
      const settled = settleOne(invoice);
      let result: SettlementResult;
      if (settled instanceof Promise) {
        try {
          result = await settled;
        } catch (error) {
          result = failed(invoice, error);
        }
      } else result = settled;
      results[index] = result;
      done += 1;
      if (onProgress) {
        try {
          onProgress({ done, total, lastResult: result });
        } catch {
          // A progress listener's mistake must not stop the batch.
        }
      }
    }
  };

  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(concurrency, total); i++) workers.push(worker());
  await Promise.all(workers);

  for (let i = 0; i < total; i++) {
    if (results[i] === undefined) {
      results[i] = stopped(batchId, invoices[i] as BatchInvoice, "skipped", "batch-cancelled", messageFor("batch-cancelled"), zeroText);
    }
  }
  return { batchId, results, summary: summarize(results, ports.ledger.currency), aborted };
}

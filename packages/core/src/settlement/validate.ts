/** Input checks for settlement's public functions: bad input throws before anything changes. */
import { assertIsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { DERIVED_MARK } from "../ledger/validate-entry.js";
import type { SettleInvoiceRequest, SettlementPorts } from "./types.js";

/** The default wait for one gateway answer. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest wait the platform's timers can express. */
const MAX_TIMEOUT_MS = 2_147_483_647;

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** The settlement key of an invoice: the reservation's, the commit's and the gateway's idempotency key. */
export function settlementKey(batchId: string, invoiceId: string): string {
  return `${batchId}/${invoiceId}`;
}

export function checkPorts(ports: SettlementPorts): void {
  const ledger = ports?.ledger;
  assertInput(ledger && typeof ledger === "object", "ports.ledger");
  for (const method of ["committed", "commit", "snapshot", "reserve", "claim", "disown", "release", "reservation"] as const) {
    assertInput(typeof ledger[method] === "function", `ports.ledger.${method}`);
  }
  assertInput(typeof ports.gateway?.charge === "function", "ports.gateway.charge");
}

/** Checks what a batch shares with its invoices: batch id, date, credit switch and time-out. */
export function checkBatchFields(request: {
  readonly batchId: unknown;
  readonly applyCredit: unknown;
  readonly date: unknown;
  readonly timeoutMs?: unknown;
}): void {
  assertInput(isText(request.batchId), "batchId");
  assertInput(!request.batchId.includes("/"), "batchId", { reason: "batch-id" });
  if (request.batchId.includes(DERIVED_MARK)) throw new CreditKitError("reserved-key", { field: "batchId", key: request.batchId });
  assertInput(typeof request.applyCredit === "boolean", "applyCredit");
  assertIsoDate(request.date, "date");
  const t = request.timeoutMs;
  assertInput(t === undefined || (typeof t === "number" && t > 0 && (t <= MAX_TIMEOUT_MS || t === Number.POSITIVE_INFINITY)), "timeoutMs", {
    reason: "time-out",
  });
}

/** Checks one invoice's own fields: ids, fees (at least one, no repeats) and description. */
export function checkInvoiceFields(invoice: {
  readonly invoiceId: unknown;
  readonly accountId: unknown;
  readonly feeIds: unknown;
  readonly description?: unknown;
}): void {
  assertObject(invoice, "invoice");
  assertInput(isText(invoice.invoiceId), "invoiceId");
  // The settlement key could be reserved and charged but never committed.
  if (invoice.invoiceId.includes(DERIVED_MARK)) throw new CreditKitError("reserved-key", { field: "invoiceId", key: invoice.invoiceId });
  assertInput(isText(invoice.accountId), "accountId");
  const feeIds = invoice.feeIds;
  assertInput(Array.isArray(feeIds) && feeIds.length > 0, "feeIds", { reason: "no-fees" });
  if (feeIds.length === 1) {
    assertInput(isText(feeIds[0]), "feeIds");
  } else {
    const seen = new Set<string>();
    for (const feeId of feeIds) {
      assertInput(isText(feeId), "feeIds");
      if (seen.has(feeId)) throw new CreditKitError("duplicate-fee", { feeId });
      seen.add(feeId);
    }
  }
  assertInput(invoice.description === undefined || typeof invoice.description === "string", "description");
}

/** Checks a whole invoice request. */
export function checkInvoiceRequest(request: SettleInvoiceRequest): void {
  assertInput(request && typeof request === "object", "request");
  checkBatchFields(request);
  checkInvoiceFields(request);
}

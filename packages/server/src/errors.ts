/**
 * Typed errors to HTTP: every `CreditKitError` code has its status here (the
 * table is exhaustive, so a new code must choose one), the body is always
 * `{ code, message }` (plus `details` when the error has any), and anything
 * that is not a `CreditKitError` becomes `500 { code: "internal" }` without
 * its message.
 */
import { CreditKitError, type CreditKitErrorCode, type ErrorDetails, isCreditKitError, messageFor } from "@creditkit/core";
import { HTTPException } from "hono/http-exception";

/** The HTTP status of every code. */
export const STATUS_OF: Readonly<Record<CreditKitErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 503>> = {
  // money and input shape: the request is malformed
  "amount-required": 400,
  "invalid-amount": 400,
  "exponent-not-allowed": 400,
  "not-finite": 400,
  "negative-amount": 400,
  "zero-amount": 400,
  "too-many-decimals": 400,
  "amount-too-large": 400,
  "unknown-currency": 400,
  "currency-mismatch": 400,
  "percent-not-supported": 400,
  "invalid-input": 400,
  "invalid-date": 400,
  "empty-commit": 400,
  "reserved-key": 400,
  "payment-not-allocated": 400,
  "duplicate-fee": 400,
  "credit-exceeds-maximum": 400,
  "credit-amount-admin-only": 400,
  "over-tender": 400,
  "partial-payment-not-allowed": 400,
  "charge-to-account-pos-only": 400,
  "new-charges-pos-only": 400,
  "payment-incomplete": 400,
  "nothing-to-pay": 400,
  "description-required": 400,
  "unknown-credit-type": 400,
  "unknown-mode": 400,
  "empty-enrollment-row": 400,
  "duplicate-row": 400,
  "duplicate-invoice": 400,
  // who is asking
  unauthorized: 401,
  forbidden: 403,
  // what is named does not exist (or is not the caller's: members cannot probe ids)
  "unknown-account": 404,
  "unknown-id": 404,
  "unknown-payment": 404,
  "not-found": 404,
  // the state of the ledger says no: well formed, refused by the rules as things stand
  "unknown-fee": 422,
  "unknown-grant": 422,
  "fee-already-paid": 422,
  "fee-overpaid": 422,
  "credit-overused": 422,
  "payment-already-reversed": 422,
  "reservation-stale": 422,
  "charge-declined": 422,
  "charge-failed": 422,
  "charge-unknown": 422,
  "charge-unrecorded": 422,
  "batch-cancelled": 422,
  "settlement-error": 422,
  "storage-refused": 422,
  // another write holds it, or already used it
  "idempotency-conflict": 409,
  "settlement-in-progress": 409,
  "fee-reserved": 409,
  "reservation-conflict": 409,
  "duplicate-account": 409,
  "duplicate-id": 409,
  "too-large": 413,
  internal: 500,
  // the database: try again
  "storage-unavailable": 503,
  "storage-blocked": 503,
  "storage-quota": 503,
  "storage-corrupt": 503,
  "storage-upgraded": 503,
  "storage-conflict": 503,
  "storage-timeout": 503,
  // the client's network (a server never raises it; a proxy in front may answer 502/504 instead)
  "network-unavailable": 503,
};

/** The body of every error answer. */
export interface ErrorBody {
  readonly code: CreditKitErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails;
}

/** A failure as the status and body the client receives; `unexpected` is true for a 500 (log it). */
export function errorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (isCreditKitError(error)) {
    const body: ErrorBody = {
      code: error.code,
      message: error.message,
      ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}),
    };
    return { status: STATUS_OF[error.code] ?? 400, body, unexpected: false };
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals: malformed JSON (400), a body over the limit (413).
    const code: CreditKitErrorCode = error.status === 413 ? "too-large" : "invalid-input";
    return { status: STATUS_OF[code], body: { code, message: error.status === 413 ? messageFor(code) : error.message }, unexpected: false };
  }
  return { status: 500, body: { code: "internal", message: messageFor("internal") }, unexpected: true };
}

/** Shorthand for the server's own refusals. */
export function refuse(code: CreditKitErrorCode, details: ErrorDetails = {}, message?: string): never {
  throw new CreditKitError(code, details, message);
}

/** Headers an error answer carries: a 401 names the scheme, a 503 asks to retry soon. */
export function errorHeaders(status: number): Record<string, string> {
  if (status === 401) return { "WWW-Authenticate": 'Bearer realm="creditkit"' };
  if (status === 503) return { "Retry-After": "1" };
  return {};
}

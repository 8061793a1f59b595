/**
 * One error class for the whole kit, with stable machine-readable codes.
 * Hosts switch on `code`; people read `message`.
 */

/** Every code the kit can raise, with the sentence a person reads. */
const MESSAGES = {
  // money (§1)
  "amount-required": "Enter an amount.",
  "invalid-amount": "That is not an amount: use digits with an optional decimal point, like 12.50.",
  "exponent-not-allowed": "Write the amount out in full digits, not in exponent form.",
  "not-finite": "An amount must be a finite number.",
  "negative-amount": "The amount cannot be negative.",
  "zero-amount": "The amount must be more than zero.",
  "too-many-decimals": "That amount has more decimal places than the currency allows.",
  "amount-too-large": "That amount is too large.",
  "unknown-currency": "That currency code is not known.",
  "currency-mismatch": "Amounts in two different currencies cannot be combined.",
  "percent-not-supported": "Credits are fixed amounts; percentages are not supported.",
  // input shape
  "invalid-input": "The request is not valid.",
  "invalid-date": "Dates must be real calendar dates written as YYYY-MM-DD.",
  // accounts and ledger (§2)
  "unknown-account": "No account has that id.",
  "duplicate-account": "An account with that id already exists.",
  "unknown-fee": "No unpaid fee with that id is on this account.",
  "unknown-grant": "No credit grant with that id is on this account.",
  "duplicate-fee": "The same fee was chosen twice.",
  "duplicate-id": "An entry with that id already exists.",
  "fee-already-paid": "That fee is already paid.",
  "fee-overpaid": "This would pay more than the fee's unpaid remainder.",
  "credit-overused": "This would use more credit than the grant has left.",
  "fee-reserved": "That fee is being collected by a payment in progress.",
  "idempotency-conflict": "This key was already used for a different operation.",
  "unknown-payment": "No payment with that entry id is on this account.",
  "payment-already-reversed": "That payment was already reversed.",
  "empty-commit": "A commit needs at least one entry.",
  "reserved-key": "Keys and entry ids containing § are kept for the entries the kit derives itself (the auto-apply sweep's).",
  "payment-not-allocated": "A payment must go to fees in full, or put the rest on account as credit in the same operation.",
  // checkout (§3)
  "credit-exceeds-maximum": "The credit applied cannot exceed the available credit or the amount due.",
  "credit-amount-admin-only": "Only an administrator can apply a smaller credit amount.",
  "over-tender": "Only cash can be more than the amount due.",
  "partial-payment-not-allowed": "This payment must cover the whole amount due.",
  "charge-to-account-pos-only": "Charge to Account is only available at the point of sale.",
  "new-charges-pos-only": "New charges can only be rung up at the point of sale.",
  "payment-incomplete": "New charges must be paid in full or charged to the account.",
  "nothing-to-pay": "Choose at least one fee to pay.",
  // settlement (§5)
  "reservation-conflict": "A different settlement already holds this reservation.",
  "settlement-in-progress": "Another settlement of this invoice is in progress; it was left to finish.",
  "charge-declined": "The card was declined; the invoice stays unpaid and the credit is free again.",
  "charge-failed": "The payment gateway failed before charging; the invoice stays unpaid and the credit is free again.",
  "charge-unknown": "The payment gateway's answer is unknown: the card may have been charged. Settle again to reconcile.",
  "charge-unrecorded": "The card was charged but the payment could not be recorded. Settle again to record it.",
  "reservation-stale": "The reserved fees no longer owe anything; check the earlier charge by hand.",
  "duplicate-invoice": "This invoice appears twice in the batch.",
  "batch-cancelled": "The batch was cancelled before this invoice.",
  "settlement-error": "Settling this invoice failed unexpectedly.",
  // mass credits (§6)
  "description-required": "Enter a description for the credit.",
  "unknown-credit-type": "Choose a credit type from the organisation's list.",
  "unknown-mode": "Choose how to issue the credit: once per family, once per student or once per enrollment.",
  "empty-enrollment-row": "Each enrollment filter needs at least one field filled in.",
  "unknown-id": "That id is not in the organisation's lists.",
  "duplicate-row": "The same row appears twice in the run: each row is credited once.",
  // storage (used by data sources)
  "storage-unavailable": "The browser's storage is not available.",
  "storage-blocked": "The browser's storage is blocked by another open tab.",
  "storage-quota": "The browser's storage is full.",
  "storage-corrupt": "A stored record cannot be read; the ledger is open read-only. Download a backup.",
  "storage-upgraded": "The stored ledger was upgraded or deleted in another tab; reload this page.",
  "storage-conflict": "The database was too busy with other writes to the same records; nothing was written. Try again.",
  "storage-timeout": "The database did not answer in time; nothing was written. Try again.",
  "storage-refused": "The database refused the write: it breaks one of the database's own rules. Nothing was written.",
  // the server (used by @creditkit/server)
  unauthorized: "Sign in first: the request has no valid sign-in.",
  forbidden: "Your role may not do this.",
  "too-large": "The request is too large.",
  "not-found": "There is no such route.",
  internal: "Something went wrong on the server. Try again: a retry with the same key writes at most once.",
  // the network (used by @creditkit/remote)
  "network-unavailable": "The server cannot be reached: check the connection and try again. Nothing was lost: a retry writes at most once.",
} as const;

export type CreditKitErrorCode = keyof typeof MESSAGES;

/** Facts about the error that a host can show or log (field names, ids, limits). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | undefined>>;

export class CreditKitError extends Error {
  override readonly name = "CreditKitError";
  readonly code: CreditKitErrorCode;
  readonly details: ErrorDetails;

  constructor(code: CreditKitErrorCode, details: ErrorDetails = {}, message?: string) {
    super(message ?? MESSAGES[code]);
    this.code = code;
    this.details = details;
  }
}

/** The person-readable sentence for a code. */
export function messageFor(code: CreditKitErrorCode): string {
  return MESSAGES[code];
}

/** True when `error` is a CreditKitError, optionally with the given code. */
export function isCreditKitError(error: unknown, code?: CreditKitErrorCode): error is CreditKitError {
  return error instanceof CreditKitError && (code === undefined || error.code === code);
}

/** Throws `invalid-input` naming the field when `condition` is false. */
export function assertInput(condition: unknown, field: string, message?: string): asserts condition {
  if (!condition) throw new CreditKitError("invalid-input", { field }, message ?? `${MESSAGES["invalid-input"]} (${field})`);
}

/** Throws `invalid-input` naming the field unless `value` is an object (not `null`; an array is one). */
export function assertObject(value: unknown, field: string): asserts value is object {
  assertInput(typeof value === "object" && value !== null, field);
}

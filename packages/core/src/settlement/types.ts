/**
 * The shapes settlement (§5) takes and returns: the ledger port it needs, one
 * invoice's request and result, and a batch's request, progress and summary.
 * Types only.
 */
import type { IsoDate } from "../dates.js";
import type { CreditKitErrorCode } from "../errors.js";
import type { PaymentGateway } from "../gateway.js";
import type { AccountSnapshot, Reservation } from "../ledger/account-state.js";
import type { LedgerEntry } from "../ledger/entries.js";
import type { FeesOwed } from "../ledger/holds.js";
import type { ReserveRequest } from "../ledger/journal.js";

/** A value now or later: a synchronous journal and an async data source both fit. */
export type Awaitable<T> = T | Promise<T>;

/**
 * The part of a ledger settlement uses (a subset of `Journal`). Every method
 * may answer now or with a promise; settlement waits for a promise and goes
 * straight on with a value.
 */
export interface SettlementLedger {
  /** The ledger's currency (ISO 4217). */
  readonly currency: string;
  /** The entries written under `key`, or undefined when it was never committed. */
  committed(key: string): Awaitable<readonly LedgerEntry[] | undefined>;
  /**
   * Appends `entries` atomically under `key` (idempotent by key) and releases
   * the reservation held under it. Settlement passes its `owner`: while a
   * settlement owns the reservation, a commit under the key by anyone else
   * must be refused (`settlement-in-progress`).
   */
  commit(key: string, entries: readonly LedgerEntry[], owner?: string): Awaitable<{ readonly entries: readonly LedgerEntry[] }>;
  snapshot(accountId: string): Awaitable<AccountSnapshot>;
  /**
   * Optional: what `feeIds` owe, read without building a snapshot (the journal
   * has it). It must answer what `snapshot` would, with the same errors;
   * without it, settlement reads the snapshot.
   */
  feesOwed?(accountId: string, feeIds: readonly string[], key: string): Awaitable<FeesOwed>;
  /**
   * Holds the fees and up to `credit` of credit for `request.owner`. Must
   * refuse a key that holds a reservation already (`settlement-in-progress`).
   */
  reserve(request: ReserveRequest): Awaitable<Reservation>;
  /**
   * Takes over the reservation kept under `key` for `owner` (undefined when
   * none); must throw `settlement-in-progress` while another owner has it.
   */
  claim(key: string, owner: string): Awaitable<Reservation | undefined>;
  /** `owner` leaves the reservation under `key` held, for a later claim (an unknown charge). */
  disown(key: string, owner: string): Awaitable<void>;
  /** Drops the reservation under `key`; must refuse (`settlement-in-progress`) when another owner has it. */
  release(key: string, owner: string): Awaitable<void>;
  reservation(key: string): Awaitable<Reservation | undefined>;
}

/** What settlement talks to: the ledger and the host's payment gateway. */
export interface SettlementPorts {
  readonly ledger: SettlementLedger;
  readonly gateway: PaymentGateway;
}

/** One invoice (or dues payment) to settle. */
export interface SettleInvoiceRequest {
  /** The batch this invoice belongs to. Must not contain "/" (the key would be ambiguous). */
  readonly batchId: string;
  readonly invoiceId: string;
  readonly accountId: string;
  /** The invoice's fees on the account; at least one, no repeats. */
  readonly feeIds: readonly string[];
  /** "Apply account credit when auto-collecting" (§5). */
  readonly applyCredit: boolean;
  /** The date the payments are written with. */
  readonly date: IsoDate;
  /** Shown on the card charge and the card payment; defaults to "Invoice <invoiceId>". */
  readonly description?: string;
  /** How long to wait for each gateway answer before treating it as a time-out. Default 30000. */
  readonly timeoutMs?: number;
}

/**
 * How an invoice ended:
 * - `paid-by-credit`: credit covered it; the gateway was not asked.
 * - `paid-by-charge-and-credit` / `paid-by-charge`: the card paid (the rest of) it.
 * - `declined` / `failed`: the gateway declined, or said it failed without charging (or the row was bad); the
 *   invoice is wholly unpaid, the credit free again.
 * - `unresolved`: the charge may have happened (a time-out, an error, a rejection, an unreadable answer), or
 *   was made and could not be recorded, or another settlement of the invoice is running; unpaid, credit and
 *   fees still reserved until a re-run reconciles it with the same key and amount.
 * - `nothing-due`: the fees owe nothing. `already-settled`: this key was settled before; nothing was done.
 * - `skipped`: the batch was cancelled before this invoice started.
 */
export type SettlementOutcome =
  | "paid-by-credit"
  | "paid-by-charge-and-credit"
  | "paid-by-charge"
  | "declined"
  | "failed"
  | "unresolved"
  | "nothing-due"
  | "already-settled"
  | "skipped";

/** Every outcome, in the order summaries list them. */
export const SETTLEMENT_OUTCOMES: readonly SettlementOutcome[] = [
  "paid-by-credit",
  "paid-by-charge-and-credit",
  "paid-by-charge",
  "declined",
  "failed",
  "unresolved",
  "nothing-due",
  "already-settled",
  "skipped",
];

/** What happened to one invoice. Amounts are canonical strings in the ledger's currency and describe this call only. */
export interface SettlementResult {
  readonly invoiceId: string;
  readonly accountId: string;
  /** `${batchId}/${invoiceId}`: the reservation's, the commit's and the gateway's idempotency key. */
  readonly key: string;
  readonly outcome: SettlementOutcome;
  /** What the fees owed when this call settled them ("0.00" when it did not get that far). */
  readonly due: string;
  /** Credit applied by this call. */
  readonly creditUsed: string;
  /** Amount charged to the card and recorded by this call. */
  readonly charged: string;
  /** The gateway's charge id, when one is known (also for `already-settled` and for a charge that could not be recorded). */
  readonly chargeId?: string;
  /** Why it was declined, failed, left unresolved or skipped, for people. */
  readonly message?: string;
  /**
   * The same, for programs (a stable `CreditKitError` code): `charge-declined`,
   * `charge-failed`, `charge-unknown`, `charge-unrecorded`,
   * `settlement-in-progress`, `reservation-stale`, `duplicate-invoice`,
   * `batch-cancelled`, a bad row's own code, or `settlement-error`.
   */
  readonly code?: CreditKitErrorCode;
  /** The entries written (or, for `already-settled`, found) under the key. */
  readonly entries: readonly LedgerEntry[];
}

/** One invoice of a batch. */
export interface BatchInvoice {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly feeIds: readonly string[];
  readonly description?: string;
}

/** Anything with `aborted`, e.g. an `AbortSignal`. */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** Reported after each invoice of a batch. */
export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  /** The invoice just settled; absent when the batch is settled elsewhere and only its counts travel (a server job). */
  readonly lastResult?: SettlementResult;
}

export interface SettleBatchRequest {
  /** Must not contain "/". Running the same batch id again never charges a paid invoice twice. */
  readonly batchId: string;
  readonly invoices: readonly BatchInvoice[];
  readonly applyCredit: boolean;
  readonly date: IsoDate;
  /** How many invoices are settled at once (a positive integer). Default 8. */
  readonly concurrency?: number;
  /** Per gateway answer; see `SettleInvoiceRequest.timeoutMs`. */
  readonly timeoutMs?: number;
  /** Called after each invoice; an exception thrown by it is ignored. */
  readonly onProgress?: (progress: BatchProgress) => void;
  /** When aborted, no new invoice starts (those in flight finish); the rest are `skipped`. */
  readonly signal?: AbortSignalLike;
}

/** Counts per outcome and the amounts moved by one batch run. */
export interface BatchSummary {
  readonly total: number;
  readonly counts: Readonly<Record<SettlementOutcome, number>>;
  /** Total charged to cards and recorded. */
  readonly charged: string;
  /** Total account credit applied. */
  readonly creditUsed: string;
}

export interface BatchResult {
  readonly batchId: string;
  /** One per invoice, in input order. */
  readonly results: readonly SettlementResult[];
  readonly summary: BatchSummary;
  /** True when the signal stopped the batch early. */
  readonly aborted: boolean;
}

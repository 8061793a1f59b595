/**
 * The ledger's entries (§2). Entries are plain, serialisable data; once
 * written they are never edited or deleted, only reversed by a new entry.
 * Amounts are canonical strings in the ledger's currency.
 */
import type { IsoDate } from "../dates.js";

/** How a `Payment` was made. */
export type PaymentMethod = "card" | "ach" | "cash" | "check" | "other";

/** The payment type reports use for payments made from account credit. */
export const ACCOUNT_CREDIT_PAYMENT_TYPE = "account-credit";
export type PaymentType = PaymentMethod | typeof ACCOUNT_CREDIT_PAYMENT_TYPE;

/** The kinds of entry that add credit to an account. */
export type GrantType = "Account Credit" | "Refund - Account Credit" | "Preloaded Credit";

/** Every transaction type of §2, as reports print them. */
export type TransactionType = "Fee" | "Payment" | "Payment (AC)" | GrantType | "Void";

export const TRANSACTION_TYPES: readonly TransactionType[] = [
  "Fee",
  "Payment",
  "Payment (AC)",
  "Account Credit",
  "Refund - Account Credit",
  "Preloaded Credit",
  "Void",
];

interface EntryBase {
  /** Unique in the ledger; the writing operation derives it from its key. */
  readonly id: string;
  /** The idempotency key of the operation that wrote this entry. */
  readonly key: string;
  readonly accountId: string;
  readonly date: IsoDate;
  /** Positive canonical amount. */
  readonly amount: string;
  readonly description: string;
}

/** A charge: adds to Amount Due. */
export interface FeeEntry extends EntryBase {
  readonly type: "Fee";
  readonly feeId: string;
  readonly category: string;
  readonly dueDate: IsoDate;
  readonly memberId?: string;
}

/** The part of a payment that went to one fee. */
export interface Allocation {
  readonly feeId: string;
  readonly amount: string;
}

/**
 * Money received by a tender. `amount` is what was kept (tendered − change);
 * what the allocations leave over went on account as credit in the same operation.
 */
export interface PaymentEntry extends EntryBase {
  readonly type: "Payment";
  readonly method: PaymentMethod;
  readonly allocations: readonly Allocation[];
  readonly tendered?: string;
  readonly change?: string;
  /** The gateway's charge id, a check number … */
  readonly reference?: string;
}

/** How much of one credit grant a `Payment (AC)` used. */
export interface GrantUse {
  readonly grantId: string;
  readonly amount: string;
}

/** A payment from account credit: one per fee, linked to the grant(s) it consumed. */
export interface CreditPaymentEntry extends EntryBase {
  readonly type: "Payment (AC)";
  readonly feeId: string;
  readonly grants: readonly GrantUse[];
}

/** Where a credit grant came from. */
export type GrantSource =
  | { readonly kind: "mass-credit"; readonly runId: string; readonly rowKey: string }
  | { readonly kind: "refund"; readonly paymentId?: string }
  | { readonly kind: "preload" }
  | { readonly kind: "manual" }
  | { readonly kind: "overpayment"; readonly paymentId: string }
  | { readonly kind: "legacy-balance" };

/** A credit grant: adds to Account Credit. */
export interface GrantEntry extends EntryBase {
  readonly type: GrantType;
  readonly grantId: string;
  readonly creditType: string;
  readonly location?: string;
  readonly source: GrantSource;
}

/**
 * What a void reverses: the unused part of a grant, the unpaid part of a fee,
 * or a whole recorded payment (`Payment` or `Payment (AC)`, by its entry id).
 */
export type VoidTarget =
  | { readonly kind: "grant"; readonly grantId: string }
  | { readonly kind: "fee"; readonly feeId: string }
  | { readonly kind: "payment"; readonly entryId: string };

/**
 * A reversal: takes `amount` off the target's unused (grant) or unpaid (fee)
 * remainder; for a payment, `amount` is the payment's whole amount, and what
 * it paid is owed again (the credit it used is available again).
 */
export interface VoidEntry extends EntryBase {
  readonly type: "Void";
  readonly target: VoidTarget;
}

export type LedgerEntry = FeeEntry | PaymentEntry | CreditPaymentEntry | GrantEntry | VoidEntry;

export function isGrantEntry(entry: LedgerEntry): entry is GrantEntry {
  const type = entry?.type;
  return type === "Account Credit" || type === "Refund - Account Credit" || type === "Preloaded Credit";
}

/** A billing account: a family or a single member. */
export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: "family" | "member";
}

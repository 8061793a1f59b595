/**
 * The entry that reverses a whole recorded payment (§2: nothing is edited or
 * deleted; a `Void` reverses). Pure: the journal checks it when it is
 * committed (`unknown-payment`, `payment-already-reversed`, `fee-reserved`).
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput } from "../errors.js";
import type { CreditPaymentEntry, PaymentEntry, VoidEntry } from "./entries.js";
import { DERIVED_MARK } from "./validate-entry.js";

export interface PaymentReversalOptions {
  /** The idempotency key the reversal is committed under; its entry's id is `${key}#0`. */
  readonly key: string;
  readonly date: IsoDate;
  /** Default `Reversal of ${payment.description}`. */
  readonly description?: string;
}

/**
 * The default key of a payment's reversal: `reverse/${entryId}`, with the
 * kit's reserved mark (`§`, in the ids of the sweep's payments) written as
 * `%C2%A7`, so a swept payment can be reversed under a key a caller may use.
 */
export function reversalKey(entryId: string): string {
  assertInput(typeof entryId === "string" && entryId !== "", "entryId");
  return `reverse/${entryId.replaceAll(DERIVED_MARK, "%C2%A7")}`;
}

/** The `Void` that reverses `payment` whole: what it paid is owed again, the credit it used is available again. */
export function paymentReversal(payment: PaymentEntry | CreditPaymentEntry, options: PaymentReversalOptions): VoidEntry {
  assertInput(payment?.type === "Payment" || payment?.type === "Payment (AC)", "payment");
  assertInput(typeof options?.key === "string" && options.key !== "", "options.key");
  assertIsoDate(options.date, "options.date");
  assertInput(options.description === undefined || typeof options.description === "string", "options.description");
  return {
    id: `${options.key}#0`,
    key: options.key,
    type: "Void",
    accountId: payment.accountId,
    date: options.date,
    amount: payment.amount,
    description: options.description ?? `Reversal of ${payment.description}`,
    target: { kind: "payment", entryId: payment.id },
  };
}

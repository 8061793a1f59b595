/**
 * The payment types reports group payments by (§7): each `Payment` method,
 * and Account Credit for `Payment (AC)` entries.
 */
import { ACCOUNT_CREDIT_PAYMENT_TYPE, type PaymentMethod, type PaymentType } from "../ledger/entries.js";

/** The fixed order of payment types in reports and summaries; Account Credit comes last. */
export const PAYMENT_TYPE_ORDER: readonly PaymentType[] = ["card", "ach", "cash", "check", "other", ACCOUNT_CREDIT_PAYMENT_TYPE];

/** English labels of the payment types, for hosts that do not supply their own. */
export const PAYMENT_TYPE_LABELS: Readonly<Record<PaymentType, string>> = {
  card: "Card",
  ach: "Bank (ACH)",
  cash: "Cash",
  check: "Check",
  other: "Other",
  [ACCOUNT_CREDIT_PAYMENT_TYPE]: "Account Credit",
};

/** True for a payment type reports know. */
export function isPaymentType(value: unknown): value is PaymentType {
  return typeof value === "string" && (PAYMENT_TYPE_ORDER as readonly string[]).includes(value);
}

/** True for a method a `Payment` entry may carry (every payment type but Account Credit). */
export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return isPaymentType(value) && value !== ACCOUNT_CREDIT_PAYMENT_TYPE;
}

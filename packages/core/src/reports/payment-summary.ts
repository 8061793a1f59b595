/**
 * The payment summary (§7): totals per payment type over a period, with its
 * own Account Credit category for payments made from account credit.
 */
import type { IsoDate } from "../dates.js";
import { assertObject } from "../errors.js";
import type { LedgerEntry, PaymentType } from "../ledger/entries.js";
import { add, type CurrencyCode, fromAmountString, type Money, subtract, toAmountString, zero } from "../money.js";

const negate = (m: Money): Money => subtract(zero(m.currency), m);

import { PAYMENT_TYPE_LABELS, PAYMENT_TYPE_ORDER } from "./payment-types.js";
import type { ReportPeriod } from "./period.js";
import { transactionLines } from "./transaction-lines.js";

/** The period and the ledger's currency. */
export interface PaymentSummaryOptions extends ReportPeriod {
  /** The ledger's currency: every amount is read and summed in it. */
  readonly currency: CurrencyCode;
}

/** One payment type's total. */
export interface PaymentSummaryCategory {
  readonly paymentType: PaymentType;
  /** English label ("Card", "Account Credit" …); hosts may show their own. */
  readonly label: string;
  /** How many payment lines fell in this category. */
  readonly count: number;
  /** Their total, canonical. */
  readonly total: string;
}

/** Payment totals over a period. */
export interface PaymentSummary {
  readonly currency: CurrencyCode;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /**
   * Every payment type, always all six, in the fixed order of
   * `PAYMENT_TYPE_ORDER`: card, ach, cash, check, other, account-credit.
   * Categories with no payments are included with count 0 and total zero.
   */
  readonly categories: readonly PaymentSummaryCategory[];
  /** Number of payment lines in the period. */
  readonly count: number;
  /** Grand total of every category. */
  readonly total: string;
}

/**
 * Totals per payment type over `from`..`to` (inclusive): `Payment` entries by
 * their method, `Payment (AC)` entries in the Account Credit category, less
 * the payments reversed in the period (a `Void` of a payment counts against
 * the payment's category). The grand total is the sum of exactly the payment
 * lines `transactionLines` returns for the same period, reversals negative. Throws a CreditKitError for malformed entries,
 * bad dates or amounts not exact in `currency`.
 */
export function paymentSummary(entries: readonly LedgerEntry[], options: PaymentSummaryOptions): PaymentSummary {
  assertObject(options, "options");
  const { currency, from, to } = options;
  const totals = new Map<PaymentType, { count: number; total: Money }>(
    PAYMENT_TYPE_ORDER.map((t) => [t, { count: 0, total: zero(currency) }]),
  );
  let count = 0;
  let grand = zero(currency);
  const period = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  for (const line of transactionLines(entries, period)) {
    if (line.paymentType === undefined) continue;
    const amount = fromAmountString(line.amount, currency);
    // A reversed payment takes its amount back out of its category.
    const signed = line.reverses === undefined ? amount : negate(amount);
    const bucket = totals.get(line.paymentType);
    if (bucket) {
      bucket.count += 1;
      bucket.total = add(bucket.total, signed);
    }
    count += 1;
    grand = add(grand, signed);
  }
  return {
    currency,
    ...period,
    categories: PAYMENT_TYPE_ORDER.map((paymentType) => {
      const bucket = totals.get(paymentType) ?? { count: 0, total: zero(currency) };
      return { paymentType, label: PAYMENT_TYPE_LABELS[paymentType], count: bucket.count, total: toAmountString(bucket.total) };
    }),
    count,
    total: toAmountString(grand),
  };
}

/**
 * The words `<ck-transactions>` shows for the core's names, in the kit's
 * language: transaction types (the ledger's product terms, "Payment (AC)"
 * among them), payment types, and dates (YYYY-MM-DD, read through
 * `Intl.DateTimeFormat` in the element's locale). Called at render time:
 * each call reads the language of the moment. CSV files keep the core's
 * English names (they are data).
 */
import type { PaymentType, TransactionType } from "@creditkit/core";
import { kitLocale, msg } from "../shared/localize.js";

/** A transaction type as a person reads it ("Payment (AC)" keeps its "(AC)" in every language: admins search for it). */
export function transactionTypeLabel(type: TransactionType): string {
  switch (type) {
    case "Fee":
      return msg("Fee", { id: "transactions.fee", desc: "Transaction type: a charge posted to an account (noun)." });
    case "Payment":
      return msg("Payment", { id: "transactions.payment", desc: "Transaction type: a payment by card, bank, cash or check (noun)." });
    case "Payment (AC)":
      return msg("Payment (AC)", {
        id: "transactions.payment-ac",
        desc: 'Transaction type: a payment made from account credit. A product term admins search for: translate "Payment" and keep "(AC)" as it is in every language.',
      });
    case "Account Credit":
      return msg("Account Credit", { id: "transactions.account-credit" });
    case "Refund - Account Credit":
      return msg("Refund - Account Credit", {
        id: "transactions.refund-account-credit",
        desc: "Transaction type: a refund given as account credit instead of money back.",
      });
    case "Preloaded Credit":
      return msg("Preloaded Credit", { id: "transactions.preloaded-credit", desc: "Transaction type: credit a family bought in advance." });
    case "Void":
      return msg("Void", { id: "transactions.void", desc: "Transaction type (noun): an entry that cancels a payment, a credit or a fee." });
    default:
      return type;
  }
}

/** A payment type's label ("Card", "Bank (ACH)" …). */
export function paymentTypeLabel(type: PaymentType): string {
  switch (type) {
    case "card":
      return msg("Card", { id: "transactions.card", desc: "Payment type: paid by card." });
    case "ach":
      return msg("Bank (ACH)", { id: "transactions.bank-ach", desc: "Payment type: a bank transfer (ACH in the US)." });
    case "cash":
      return msg("Cash", { id: "transactions.cash", desc: "Payment type: paid in cash." });
    case "check":
      return msg("Check", { id: "transactions.check", desc: "Payment type: paid by check (a bank cheque)." });
    case "other":
      return msg("Other", { id: "transactions.other", desc: "Payment type: any other way of paying." });
    case "account-credit":
      return msg("Account Credit", { id: "transactions.account-credit" });
    default:
      return type;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A YYYY-MM-DD date as the locale writes it ("Nov 4, 2026", "4 nov 2026"); a string that is not such a date is shown as it is. */
export function showDate(iso: string, locale: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const key = locale ?? "";
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
    }
    formats.set(key, format);
  }
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? iso : format.format(time);
}

/** Whether `n` takes the kit language's "one" form (Arabic's other categories fall back to "other"). */
export function isOne(n: number): boolean {
  return new Intl.PluralRules(kitLocale()).select(n) === "one";
}

/** Money as people read and type it, in the host's locale; amounts stay canonical strings, never floats. */
import { formatMoney, fromAmountString, minorUnit } from "@creditkit/core";

import { isolateCurrency } from "./bidi.js";

export { resolveLocale } from "./resolve-locale.js";

/** "$20.00" for ("20.00", "USD", "en-US"); the amount must be a canonical amount string. */
export function showMoney(amount: string, currency: string, locale: string | undefined): string {
  return isolateCurrency(formatMoney(fromAmountString(amount, currency), locale), currency, locale);
}

const inputFormats = new Map<string, Intl.NumberFormat>();

/** "15.00" (en-US) or "15,00" (de-DE): an amount as it is typed into a field, without symbol or grouping. */
export function amountInputText(amount: string, currency: string, locale: string | undefined): string {
  const id = `${currency}|${locale ?? ""}`;
  let format = inputFormats.get(id);
  if (!format) {
    const digits = minorUnit(currency);
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    inputFormats.set(id, format);
  }
  return format.format(amount as Intl.StringNumericLiteral);
}

/** Today's date on the local calendar, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export { messageOf } from "./error-text.js";

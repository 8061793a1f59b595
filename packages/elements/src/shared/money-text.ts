/** Money as people read and type it, in the host's locale; amounts stay canonical strings, never floats. */
import { CreditKitError, formatMoney, fromAmountString, minorUnit } from "@creditkit/core";
import { errorText } from "./error-text.js";

/** The locale to use: the element's own, else the provider's, else the page's language, else the browser's. */
export function resolveLocale(own: string | undefined, provided: string | undefined): string | undefined {
  const page = typeof document === "undefined" ? "" : document.documentElement.lang;
  const locale = own || provided || page || (typeof navigator === "undefined" ? undefined : navigator.language);
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/** "$20.00" for ("20.00", "USD", "en-US"); the amount must be a canonical amount string. */
export function showMoney(amount: string, currency: string, locale: string | undefined): string {
  return formatMoney(fromAmountString(amount, currency), locale);
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

/**
 * A readable message for anything thrown, in the kit's language: a
 * CreditKitError's sentence (`errorText`); a host's own `Error` keeps its
 * words (the kit cannot translate them); anything else is a generic sentence.
 * Call it at render time, so a language switch re-words it.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error && !(error instanceof CreditKitError) && error.message) return error.message;
  return errorText(error);
}

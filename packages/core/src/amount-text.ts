/**
 * Showing a canonical amount needs no decimal library: `Intl.NumberFormat`
 * formats a decimal string exactly (the string is read as a decimal, never
 * as a float), and the sign of a canonical string is in its text. The
 * balance and the credit toggle show figures through this module alone, so
 * a page that only shows balances does not download decimal.js; arithmetic
 * stays in `money.ts`.
 *
 * Nothing here throws: an amount that is not a plain decimal with at most
 * the currency's fraction digits, or an unknown currency, gives `undefined`,
 * and the caller says so in its own words.
 */

const fractionDigits = new Map<string, number | undefined>();
let knownCurrencies: ReadonlySet<string> | undefined;

/** The currency's fraction digits from the platform's Intl data (USD 2, JPY 0, KWD 3); undefined for a code Intl does not know. */
export function currencyDigits(currency: string): number | undefined {
  if (fractionDigits.has(currency)) return fractionDigits.get(currency);
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  const digits =
    typeof currency === "string" && /^[A-Z]{3}$/.test(currency) && knownCurrencies.has(currency)
      ? (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2)
      : undefined;
  fractionDigits.set(currency, digits);
  return digits;
}

/** A plain decimal as `parseMoney` reads one: optional sign, digits, optional fraction (".5" too), around spaces. */
const PLAIN = /^([+-]?)(\d*)(?:\.(\d+))?$/;

/** Where an amount stands: above, at or below zero. */
export type AmountSignOf = "positive" | "zero" | "negative";

/** The parts of an amount text `parseMoney` would accept in `currency`, or undefined. */
function partsOf(text: unknown, currency: string): { sign: AmountSignOf; plain: string } | undefined {
  const digits = currencyDigits(currency);
  if (digits === undefined || typeof text !== "string") return undefined;
  const trimmed = text.trim();
  const match = PLAIN.exec(trimmed);
  if (!match) return undefined;
  const [, minus, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return undefined;
  // At most the currency's fraction digits, and 12 significant whole digits (the core's MAX_INTEGER_DIGITS).
  if (fraction.length > digits || whole.replace(/^0+/, "").length > 12) return undefined;
  if (/^0*$/.test(whole + fraction)) return { sign: "zero", plain: "0" };
  return { sign: minus === "-" ? "negative" : "positive", plain: trimmed };
}

/**
 * The sign of an amount written as a plain decimal string in `currency`
 * ("20.00" → positive, "0.00" and "-0" → zero, "-5" → negative); undefined
 * when `parseMoney` would refuse the text (letters, exponents, more fraction
 * digits than the currency has, an unknown currency).
 */
export function signOfAmountText(text: unknown, currency: string): AmountSignOf | undefined {
  return partsOf(text, currency)?.sign;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * "$1,234.50" for ("1234.50", "USD", "en-US"), "1.234,50 €" for ("1234.50",
 * "EUR", "de-DE"): exact, with the currency's fraction digits; undefined when
 * the amount or currency is not one `signOfAmountText` accepts, or the locale
 * is not a language tag.
 */
export function showAmountText(text: unknown, currency: string, locale: string | undefined): string | undefined {
  const parts = partsOf(text, currency);
  if (parts === undefined) return undefined;
  const key = `${locale ?? ""}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    const digits = currencyDigits(currency);
    try {
      format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      return undefined;
    }
    formats.set(key, format);
  }
  // Zero has no sign ("-0.00" shows as "$0.00", as formatMoney shows it).
  return format.format(parts.plain as Intl.StringNumericLiteral);
}

/**
 * Money for people: formatting in the host's locale and reading back what a
 * person typed there (group and decimal separators, currency signs, the
 * locale's own digits). Exact decimals throughout; checks are `parseMoney`'s.
 */
import { assertInput, CreditKitError } from "./errors.js";
import { type AmountSign, assertMoney, type CurrencyCode, type Money, minorUnit, parseMoney, toAmountString } from "./money.js";

const formatters = new Map<string, Intl.NumberFormat>();

/** Builds a formatter for a host's locale; a locale that is not a language tag is `invalid-input`, not a RangeError. */
function withLocale<T>(locale: unknown, make: () => T): T {
  assertInput(locale === undefined || typeof locale === "string", "locale");
  try {
    return make();
  } catch (error) {
    assertInput(!(error instanceof RangeError || error instanceof TypeError), "locale");
    throw error;
  }
}

function formatterFor(currency: CurrencyCode, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ""}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorUnit(currency);
    formatter = withLocale(
      locale,
      () => new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }),
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats for people in the host's locale ("$1,234.50", "1.234,50 €").
 * The exact decimal string goes to Intl, never a float.
 */
export function formatMoney(m: Money, locale?: string): string {
  assertMoney(m);
  return formatterFor(m.currency, locale).format(toAmountString(m) as Intl.StringNumericLiteral);
}

/**
 * Parses what a person typed or what `formatMoney` printed in `locale`
 * ("$1,234.50", "1.234,50 €", "1234.5"): currency signs, spaces and the
 * locale's group separators are dropped, its decimal separator read as ".",
 * then the result is checked like `parseMoney`. Digits may be typed
 * full-width ("１２．５０", read as ASCII), in the locale's own digits,
 * or in Arabic-Indic ("١٢٣٫٥٠") or Extended Arabic-Indic ("۱۲۳٫۵۰") digits
 * in any locale. This is the path for people's input only: canonical
 * strings (`parseMoney`, the ledger, the server) stay ASCII-strict.
 */
export function parseLocalizedMoney<C extends CurrencyCode>(
  input: unknown,
  currency: C,
  locale?: string,
  sign: AmountSign = "non-negative",
): Money<C> {
  if (typeof input !== "string") return parseMoney(input, currency, sign);
  const parts = formatterFor(currency, locale).formatToParts("-11111.1" as Intl.StringNumericLiteral);
  const group = parts.find((p) => p.type === "group")?.value ?? ",";
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const symbol = parts.find((p) => p.type === "currency")?.value ?? currency;
  let text = input.split(symbol).join("").split(currency).join("");
  text = text.replace(/[\s\u00a0\u202f\u061c\u200e\u200f]/g, "").replace(/[\u2212\u2012\u2013]/g, "-");
  // Full-width forms, as typed with a Japanese, Chinese or Korean input method ("１，０００．５０"), become ASCII; only
  // those: NFKC would also read "5²" as 52 and "①②" as 12.
  // Arabic-Indic and Extended Arabic-Indic digits are read in every locale, with the Arabic decimal
  // and thousands separators as this locale's own ("١٢٣٫٥٠" is 123.50 in en-US as in ar-EG). Where the locale
  // groups with a space (dropped above), the Arabic separator is checked where it stands, as a group separator is.
  const groupMark = group.trim() === "" ? "\u066c" : group;
  text = fromArabicIndic(toAsciiDigits(fromFullWidth(text), locale), decimal, groupMark);
  if (text.includes(groupMark)) {
    // A group separator only where the locale puts one ("1,234", "12,34,567"), never in
    // a fraction: "12.50" typed in de-DE, or "1,5" in en-US, is refused, not read as 1250 or 15.
    const [whole = "", ...fraction] = decimal === groupMark ? [text] : text.split(decimal);
    const [lead = "", ...groups] = whole.split(groupMark);
    const last = groups[groups.length - 1] ?? "";
    if (
      fraction.some((f) => f.includes(groupMark)) ||
      !/^[+-]?\d{1,3}$/.test(lead) ||
      !groups.every((g) => /^\d{2,3}$/.test(g)) ||
      !/^\d{3}$/.test(last)
    ) {
      throw new CreditKitError("invalid-amount", { input });
    }
    text = text.split(groupMark).join("");
  }
  if (decimal !== ".") {
    if (text.includes(".") && group.trim() !== ".") throw new CreditKitError("invalid-amount", { input });
    text = text.split(decimal).join(".");
  }
  return parseMoney(text, currency, sign);
}

/** U+FF01–FF5E, the full-width forms of ASCII's printable characters (digits, "．", "，", "－"), as ASCII. */
function fromFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** U+0660–0669 Arabic-Indic and U+06F0–06F9 Extended Arabic-Indic (Persian, Urdu) digits. */
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/g;

/**
 * Arabic-Indic digits as ASCII, whatever the locale: a person may type them
 * on an Arabic or Persian keyboard in a page in any language. U+066B (the
 * Arabic decimal separator) becomes the locale's decimal separator and
 * U+066C (the Arabic thousands separator) its group separator, so the checks
 * below read them as they read the locale's own.
 */
function fromArabicIndic(text: string, decimal: string, group: string): string {
  return text.replace(ARABIC_INDIC, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return decimal;
    if (code === 0x066c) return group;
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

const digitMaps = new Map<string, Map<string, string>>();

/** Maps the locale's own digits (Arabic-Indic, Devanagari …) to ASCII. */
function toAsciiDigits(text: string, locale: string | undefined): string {
  const key = locale ?? "";
  let map = digitMaps.get(key);
  if (!map) {
    const plain = withLocale(locale, () => new Intl.NumberFormat(locale, { useGrouping: false }));
    map = new Map(Array.from({ length: 10 }, (_, d) => [plain.format(d), String(d)] as const));
    digitMaps.set(key, map);
  }
  let out = "";
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * Money in a right-to-left language. Arabic writes an amount as the number,
 * then the currency's symbol ("75.00 US$"). In a right-to-left line the
 * browser's bidirectional algorithm splits "US$": the "$" belongs to no
 * script, so it follows the line's direction and lands on the far side
 * ("$US 75.00"). Wrapping the symbol in Unicode isolates (LRI … PDI) keeps it
 * one left-to-right unit, so the line reads "US$ 75.00" from the right, as
 * Arabic writes it. This is text, not markup, so it works in attributes and
 * CSV alike. Left-to-right locales get their text unchanged.
 */

const symbols = new Map<string, string | undefined>();

/** True for a locale written right to left (Arabic, Hebrew, Persian, Urdu …). */
function rightToLeft(locale: string): boolean {
  try {
    const tag = new Intl.Locale(locale) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const info = tag.getTextInfo?.() ?? tag.textInfo;
    if (info?.direction) return info.direction === "rtl";
    return ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"].includes(tag.language);
  } catch {
    return false;
  }
}

/** The currency's symbol in a right-to-left locale when it holds Latin letters ("US$"); undefined otherwise. */
function symbolToIsolate(currency: string, locale: string | undefined): string | undefined {
  const key = `${locale ?? ""}|${currency}`;
  if (symbols.has(key)) return symbols.get(key);
  let symbol: string | undefined;
  try {
    if (locale && rightToLeft(locale)) {
      const part = new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency");
      if (part && /[A-Za-z]/.test(part.value)) symbol = part.value;
    }
  } catch {
    symbol = undefined;
  }
  symbols.set(key, symbol);
  return symbol;
}

/** `text` (an amount formatted in `locale`) with its currency symbol kept as one left-to-right unit where the locale is right to left. */
export function isolateCurrency(text: string, currency: string, locale: string | undefined): string {
  const symbol = symbolToIsolate(currency, locale);
  return symbol === undefined ? text : text.replace(symbol, `\u2066${symbol}\u2069`);
}

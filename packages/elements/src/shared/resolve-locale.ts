/**
 * Which locale an element formats in. A module of its own, importing nothing:
 * the balance and the switch use it without pulling in the money and error
 * helpers next to it.
 */
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

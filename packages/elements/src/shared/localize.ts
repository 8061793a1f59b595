/**
 * The language every creditkit element speaks, through `@lit/localize` in
 * runtime mode: each string a person reads is written `msg("…")` in English
 * (the source locale), and a target locale's translations are one module of
 * templates, loaded when the page first switches to it. Spanish and Arabic
 * ship with the kit; a host adds its own with `registerKitLocale`.
 *
 * The language is one per page (it is `@lit/localize`'s): `<ck-provider
 * locale="es-MX">` switches it, or a host without a provider calls
 * `setKitLocale`. Numbers, money and dates follow each element's own locale.
 */
import { configureLocalization, type LocaleModule } from "@lit/localize";
import { sourceLocale, type targetLocales } from "../locales/locale-codes.js";

export { msg, str } from "@lit/localize";

type LocaleLoader = () => Promise<LocaleModule>;

/** The kit's own translations, each a separate module fetched on first use. */
const BUILT_IN: Record<(typeof targetLocales)[number], LocaleLoader> = {
  es: () => import("../locales/es.js"),
  ar: () => import("../locales/ar.js"),
};

const loaders = new Map<string, LocaleLoader>(Object.entries(BUILT_IN));
let controls: ReturnType<typeof configureLocalization> | undefined;

/**
 * Adds a language (or replaces a built-in one) from a host: `templates` as
 * `lit-localize build` writes them for the kit's messages (its XLIFF files
 * ship in the package), or a function loading that module. Call it before the
 * first switch to another language: `@lit/localize` fixes the list of
 * languages then.
 */
export function registerKitLocale(locale: string, module: LocaleModule | LocaleLoader): void {
  if (controls) throw new Error(`registerKitLocale("${locale}"): register languages first, before a switch.`);
  const tag = canonical(locale);
  if (tag === undefined) throw new Error(`registerKitLocale("${locale}"): not a language tag.`);
  loaders.set(tag, typeof module === "function" ? module : () => Promise.resolve(module));
}

/** The languages the kit can speak now: English and every registered one. */
export function kitLocales(): string[] {
  return [sourceLocale, ...loaders.keys()];
}

/** "pt-br" → "pt-BR"; undefined for text that is not a language tag. */
function canonical(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/**
 * The kit language that serves a BCP 47 locale: the registered tag that
 * matches it best, dropping subtags from the end ("zh-Hant-TW" → "zh-Hant",
 * "es-MX" → "es"; case does not matter), else English.
 */
export function kitLanguageFor(locale: string | undefined): string {
  let tag = locale ? canonical(locale) : undefined;
  while (tag) {
    if (tag === sourceLocale || loaders.has(tag)) return tag;
    tag = tag.includes("-") ? tag.slice(0, tag.lastIndexOf("-")) : undefined;
  }
  return sourceLocale;
}

/** The language the elements speak right now. */
export function kitLocale(): string {
  return controls?.getLocale() ?? sourceLocale;
}

/**
 * Switches every creditkit element on the page to the language serving
 * `locale`; resolves once the translations are loaded and the elements have
 * been asked to re-render. Returns the kit language chosen.
 */
export async function setKitLocale(locale: string | undefined): Promise<string> {
  const language = kitLanguageFor(locale);
  if (!controls) {
    if (language === sourceLocale) return language;
    controls = configureLocalization({
      sourceLocale,
      targetLocales: [...loaders.keys()],
      loadLocale: (code) => (loaders.get(code) as LocaleLoader)(),
    });
  }
  const speaking = controls.getLocale();
  try {
    await controls.setLocale(language);
  } catch (error) {
    // @lit/localize keeps a failed language as the one loading, and would answer every later switch to it with
    // the same failure: switching back to the language spoken clears that, so the next switch loads again.
    await controls.setLocale(speaking).catch(() => undefined);
    throw error;
  }
  // Two switches at once: the later one wins, and both callers learn which language is spoken.
  return controls.getLocale();
}

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
  if (controls) throw new Error(`registerKitLocale("${locale}") came after the kit's first language switch; register languages first.`);
  loaders.set(locale, typeof module === "function" ? module : () => Promise.resolve(module));
}

/** The languages the kit can speak now: English and every registered one. */
export function kitLocales(): string[] {
  return [sourceLocale, ...loaders.keys()];
}

/**
 * The kit language that serves a BCP 47 locale: the exact tag when one is
 * registered, else its language ("es-MX" → "es"), else English.
 */
export function kitLanguageFor(locale: string | undefined): string {
  if (!locale) return sourceLocale;
  if (locale === sourceLocale || loaders.has(locale)) return locale;
  const language = locale.split("-")[0]?.toLowerCase() ?? "";
  return loaders.has(language) ? language : sourceLocale;
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
  await controls.setLocale(language);
  return language;
}

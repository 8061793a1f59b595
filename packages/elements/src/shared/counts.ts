import { kitLocale } from "./localize.js";

/** Whole numbers (counts of invoices, lines, accounts) in the page's language, with one cached formatter (`toLocaleString` builds one per call). */
let format: Intl.NumberFormat | undefined;

export function whole(n: number): string {
  format ??= new Intl.NumberFormat(typeof document === "undefined" ? undefined : document.documentElement.lang || undefined);
  return format.format(n);
}

/** "1 invoice", "1,254 invoices": a whole number and its noun (an English plural: add "s"). */
export function count(n: number, noun: string): string {
  return `${whole(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * True when `n` takes the "one" form in the kit's language: pick between a
 * message's singular and plural sentences with it (a language with more forms,
 * like Arabic, reads the plural sentence for them).
 */
export function isOne(n: number): boolean {
  return new Intl.PluralRules(kitLocale()).select(n) === "one";
}

/** Whole numbers (counts of invoices, lines, accounts) in the page's language, with one cached formatter (`toLocaleString` builds one per call). */
let format: Intl.NumberFormat | undefined;

export function whole(n: number): string {
  format ??= new Intl.NumberFormat(typeof document === "undefined" ? undefined : document.documentElement.lang || undefined);
  return format.format(n);
}

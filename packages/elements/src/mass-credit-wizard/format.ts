/** Counts as people read them ("95,130"), with one cached formatter per locale (making one per call costs far more than the render). */
const formats = new Map<string, Intl.NumberFormat>();

export function formatCount(value: number, locale: string | undefined): string {
  const key = locale ?? "";
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formats.set(key, format);
  }
  return format.format(value);
}

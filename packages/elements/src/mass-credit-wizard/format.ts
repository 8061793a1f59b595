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

/** A YYYY-MM-DD date as people read it, with all four digits of the year ("December 1, 0002"), so a mistyped year shows. */
export function formatIsoDate(iso: string, locale: string | undefined): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return iso;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" })
      .formatToParts(date)
      .map((part) => (part.type === "year" ? part.value.padStart(4, "0") : part.value))
      .join("");
  } catch {
    return iso;
  }
}

/** True when `iso` is more than a year before or after `today` (both YYYY-MM-DD). */
export function moreThanAYearFrom(iso: string, today: string): boolean {
  const year = Number(today.slice(0, 4));
  const rest = today.slice(4);
  const before = `${String(year - 1).padStart(4, "0")}${rest}`;
  const after = `${String(year + 1).padStart(4, "0")}${rest}`;
  return iso < before || iso > after;
}

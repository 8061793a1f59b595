import { WEEKDAYS, type Weekday } from "@creditkit/core";
import { kitLocale } from "../shared/localize.js";

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

/** A YYYY-MM-DD date as people read it, with all four digits of the year ("December 1, 0002"; medium: "Dec 1, 0002"), so a mistyped year shows. */
export function formatIsoDate(iso: string, locale: string | undefined, dateStyle: "long" | "medium" = "long"): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return iso;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: "UTC" })
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

/** True when `n` takes the singular ("one") form in the kit's current language (other categories, as Arabic's, take the general form). */
export function isOne(n: number): boolean {
  return new Intl.PluralRules(kitLocale()).select(n) === "one";
}

/** A weekday's name in the kit's language (Intl: 2024-01-01 was a Monday). */
export function dayName(day: Weekday, locale: string | undefined): string {
  const at = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  try {
    return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(at);
  } catch {
    return new Intl.DateTimeFormat(undefined, { weekday: "long", timeZone: "UTC" }).format(at);
  }
}

/** "A, B, C" in the kit's language (a list of names, no "and" or "or"). */
export function nameList(values: readonly string[]): string {
  return new Intl.ListFormat(kitLocale(), { style: "short", type: "unit" }).format(values);
}

/** "A or B" in the kit's language. */
export function orList(values: readonly string[]): string {
  return new Intl.ListFormat(kitLocale(), { type: "disjunction" }).format(values);
}

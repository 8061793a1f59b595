/**
 * Calendar dates as people read them: a YYYY-MM-DD date through
 * `Intl.DateTimeFormat` in the element's locale ("Nov 15, 2026",
 * "15 nov 2026", "١٥ نوفمبر ٢٠٢٦"), in UTC so the day never shifts with the
 * reader's time zone, the year always in full.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: string | undefined, style: "medium" | "long"): Intl.DateTimeFormat {
  const id = `${locale ?? ""}|${style}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" });
    formats.set(id, format);
  }
  return format;
}

/** "Nov 15, 2026" for ("2026-11-15", "en-US"); text that is not a YYYY-MM-DD date comes back as it is. */
export function showDate(iso: string, locale: string | undefined, style: "medium" | "long" = "medium"): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return iso;
  try {
    return formatFor(locale, style)
      .formatToParts(date)
      .map((part) => (part.type === "year" ? part.value.padStart(4, "0") : part.value))
      .join("");
  } catch {
    return iso;
  }
}

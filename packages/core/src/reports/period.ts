/**
 * The reporting period shared by the reports (§7): optional inclusive
 * `from` and `to` calendar dates.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";

/** An inclusive date range; a missing edge leaves that side open. */
export interface ReportPeriod {
  /** First day included (YYYY-MM-DD). */
  readonly from?: IsoDate;
  /** Last day included (YYYY-MM-DD). */
  readonly to?: IsoDate;
}

/**
 * Checks a period: each edge, when given, is a real YYYY-MM-DD date
 * (`invalid-date`), and `from` is not after `to` (`invalid-input` on `to`).
 * Returns the period without any other fields.
 */
export function checkPeriod(period: ReportPeriod | undefined): ReportPeriod {
  if (period === undefined) return {};
  assertObject(period, "period");
  const { from, to } = period;
  if (from !== undefined) assertIsoDate(from, "from");
  if (to !== undefined) assertIsoDate(to, "to");
  if (from !== undefined && to !== undefined && from > to) {
    throw new CreditKitError("invalid-input", { field: "to", from, to, reason: "period-reversed" });
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * True when `date` falls inside `period`, both edges included. Throws
 * `invalid-date` for a date or an edge that is not YYYY-MM-DD, and
 * `invalid-input` for a period that is not an object or ends before it starts.
 */
export function inPeriod(date: IsoDate, period: ReportPeriod): boolean {
  assertInput(period !== undefined, "period");
  assertIsoDate(date, "date");
  return within(date, checkPeriod(period));
}

/** `inPeriod` for a date and a period already checked (the reports' loops). */
export function within(date: IsoDate, period: ReportPeriod): boolean {
  return (period.from === undefined || date >= period.from) && (period.to === undefined || date <= period.to);
}

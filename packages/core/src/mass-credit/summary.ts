/**
 * The filter summary of a mass-credit run (§6): one line per question
 * answered, in the admin's words, with names instead of ids, in the order the
 * wizard asks them.
 */
import { assertInput, assertObject } from "../errors.js";
import { checkFields } from "../ledger/validate-entry.js";
import { fromAmountString } from "../money.js";
import { formatMoney } from "../money-format.js";
import { isMassCreditIndex, type ListLookup, lookupLists, type MassCreditIndex } from "./data-index.js";
import {
  type IssueMode,
  type MassCreditRequest,
  type ValidEnrollmentRow,
  type ValidMassCreditRequest,
  validateMassCreditRequest,
} from "./filters.js";
import type { MassCreditDataSet, Weekday } from "./model.js";

const MODE_LINES: Readonly<Record<IssueMode, string>> = {
  family: "Issue once per family",
  student: "Issue once per student",
  enrollment: "Issue once per enrollment",
};

const DAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/**
 * Validates the request and describes it line by line, e.g.
 * `"Issue once per student"`, `"Only customers with outstanding charges"`,
 * `"Enrolled in Swim Level 1 and in Tennis Juniors on 2026-12-01"`,
 * `"Family keywords: any of VIP, Founding"`. Optional questions left
 * unanswered are not listed.
 */
export function summarizeFilters(request: MassCreditRequest, dataSet: MassCreditDataSet | MassCreditIndex): readonly string[] {
  const valid = validateMassCreditRequest(request, dataSet);
  return summaryLines(valid, isMassCreditIndex(dataSet) ? dataSet.lists : lookupLists(dataSet));
}

const LISTS = { autopayMethods: "[", chargeCategories: "[", studentKeywords: "[", familyKeywords: "[", enrollmentRows: "[" };
const ROW = { meetingDays: "[", locations: "[", classIds: "[", campIds: "[", programIds: "[", offeringKeywords: "[" };
const LOOKUPS = ["creditTypes", "chargeCategories", "locations", "autopayMethods", "offerings"] as const;

/**
 * The summary of an already-validated request (a preview's `request`) with
 * the lookups of its data set (an index's `lists`). Throws `invalid-input`
 * when either is not of that shape; the amount's codes for a bad amount.
 */
export function describeFilters(request: ValidMassCreditRequest, lists: ListLookup): readonly string[] {
  checkFields(request, LISTS, "request", "", false);
  request.enrollmentRows.forEach((row, i) => {
    checkFields(row, ROW, `request.enrollmentRows[${i}]`, "", false);
  });
  assertObject(lists, "lists");
  for (const name of LOOKUPS) assertInput(lists[name] instanceof Map, `lists.${name}`);
  return summaryLines(request, lists);
}

/** `describeFilters` of a request and lookups the kit made itself. */
export function summaryLines(request: ValidMassCreditRequest, lists: ListLookup): readonly string[] {
  const named = (ids: readonly string[], names: ReadonlyMap<string, string>) => ids.map((id) => names.get(id) ?? id);
  const lines = [
    `Description: ${request.description}`,
    `Credit type: ${lists.creditTypes.get(request.creditType) ?? request.creditType}`,
    `Credit date: ${request.date}`,
    `Amount: ${formatMoney(fromAmountString(request.amount, request.currency), "en")}`,
    MODE_LINES[request.mode],
    request.outstandingOnly ? "Only customers with outstanding charges" : "All customers, with or without outstanding charges",
  ];
  if (request.autopayMethods.length > 0) {
    lines.push(`Autopay method on file: any of ${named(request.autopayMethods, lists.autopayMethods).join(", ")}`);
  }
  if (request.chargeCategories.length > 0) {
    const kind = request.outstandingOnly ? "Outstanding charge" : "Charge";
    lines.push(`${kind} in category: any of ${named(request.chargeCategories, lists.chargeCategories).join(", ")}`);
  }
  if (request.studentKeywords.length > 0) lines.push(`Student keywords: any of ${request.studentKeywords.join(", ")}`);
  if (request.familyKeywords.length > 0) lines.push(`Family keywords: any of ${request.familyKeywords.join(", ")}`);
  if (request.enrollmentRows.length > 0) lines.push(describeEnrollmentRows(request, lists));
  // Not a filter: where the credits are recorded (issue #17 item 15).
  lines.push(`Credits are recorded at: ${lists.locations.get(request.location) ?? request.location}`);
  return lines;
}

/** "Enrolled in Swim Level 1 and in Tennis Juniors on 2026-12-01". */
export function describeEnrollmentRows(request: ValidMassCreditRequest, lists: ListLookup): string {
  const rows = request.enrollmentRows;
  const phrases = rows.map((row) => {
    const phrase = describeRow(row, lists);
    return rows.length > 1 && rowHasChoices(row) ? `(${phrase})` : phrase;
  });
  return `Enrolled in ${phrases.join(request.rowsCombine === "and" ? " and in " : " or in ")} on ${request.date}`;
}

/** One row in words: "Swim Level 1 or Swim Level 2 tagged Beginner at Downtown meeting on Monday". */
export function describeRow(row: ValidEnrollmentRow, lists: ListLookup): string {
  const offerings = [...row.classIds, ...row.campIds, ...row.programIds].map((id) => lists.offerings.get(id)?.name ?? id);
  const parts = [offerings.length > 0 ? offerings.join(" or ") : "any class, camp or program"];
  if (row.offeringKeywords.length > 0) parts.push(`tagged ${row.offeringKeywords.join(" or ")}`);
  if (row.locations.length > 0) parts.push(`at ${row.locations.map((id) => lists.locations.get(id) ?? id).join(" or ")}`);
  if (row.meetingDays.length > 0) parts.push(`meeting on ${row.meetingDays.map((day) => DAY_NAMES[day]).join(" or ")}`);
  return parts.join(" ");
}

function rowHasChoices(row: ValidEnrollmentRow): boolean {
  return (
    row.classIds.length + row.campIds.length + row.programIds.length > 1 ||
    row.offeringKeywords.length > 1 ||
    row.locations.length > 1 ||
    row.meetingDays.length > 1
  );
}

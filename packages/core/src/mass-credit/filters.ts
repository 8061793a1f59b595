/**
 * The questions of a mass-credit run (§6) as one request, and the check that
 * turns what an admin answered into a normalised request the rules trust.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { type CurrencyCode, parseMoney, toAmountString } from "../money.js";
import { checkDataSet, isMassCreditIndex, type ListLookup, lookupLists, type MassCreditIndex } from "./data-index.js";
import { type MassCreditDataSet, type OfferingKind, WEEKDAYS, type Weekday } from "./model.js";

/** How many credits a qualifying family gets: one, one per student, or one per enrollment. */
export type IssueMode = "family" | "student" | "enrollment";

/** Every issue mode, in the order the wizard offers them. */
export const ISSUE_MODES: readonly IssueMode[] = ["family", "student", "enrollment"];

/** How several enrollment rows combine: the student matches every row ("and") or at least one ("or"). */
export type RowsCombine = "and" | "or";

/** The most enrollment rows one request may have. */
export const MAX_ENROLLMENT_ROWS = 30;

/**
 * One enrollment filter (question 10). Every filled field must hold; each
 * field holds when the enrollment has any of its values. Classes, camps and
 * programs together are one question — "is the enrollment in one of these
 * offerings?" — since an enrollment is in exactly one offering.
 */
export interface EnrollmentRow {
  readonly meetingDays?: readonly Weekday[];
  /** Location ids. */
  readonly locations?: readonly string[];
  readonly classIds?: readonly string[];
  readonly campIds?: readonly string[];
  readonly programIds?: readonly string[];
  /** Class, camp or program keywords. */
  readonly offeringKeywords?: readonly string[];
}

/** The answers to the questions of §6, as the wizard collects them. */
export interface MassCreditRequest {
  /** Becomes part of each credit's title. */
  readonly description: string;
  /** Id from the organisation's credit types. */
  readonly creditType: string;
  /** The date the credit is issued for; enrollments must be active on it. */
  readonly date: IsoDate;
  /** A positive fixed amount as text ("10.00"); percentages are refused. */
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly mode: IssueMode;
  /** Only families with an outstanding charge (off: all customers). */
  readonly outstandingOnly?: boolean;
  /** Autopay method ids: the family has any of them on file. */
  readonly autopayMethods?: readonly string[];
  /** Charge category ids: the family has a fee in any of them (outstanding when `outstandingOnly`). */
  readonly chargeCategories?: readonly string[];
  readonly studentKeywords?: readonly string[];
  readonly familyKeywords?: readonly string[];
  readonly enrollmentRows?: readonly EnrollmentRow[];
  /** Defaults to "and", as in the peers. */
  readonly rowsCombine?: RowsCombine;
  /** The run's location id: every credit it issues is associated with it. */
  readonly location: string;
}

/** An enrollment row after validation: every field present, empty when not filled, values distinct. */
export interface ValidEnrollmentRow {
  readonly meetingDays: readonly Weekday[];
  readonly locations: readonly string[];
  readonly classIds: readonly string[];
  readonly campIds: readonly string[];
  readonly programIds: readonly string[];
  readonly offeringKeywords: readonly string[];
}

/** A request after validation: trimmed, defaults filled in, lists distinct, amount canonical. */
export interface ValidMassCreditRequest {
  readonly description: string;
  readonly creditType: string;
  readonly date: IsoDate;
  /** Canonical amount string in `currency`. */
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly mode: IssueMode;
  readonly outstandingOnly: boolean;
  readonly autopayMethods: readonly string[];
  readonly chargeCategories: readonly string[];
  readonly studentKeywords: readonly string[];
  readonly familyKeywords: readonly string[];
  readonly enrollmentRows: readonly ValidEnrollmentRow[];
  readonly rowsCombine: RowsCombine;
  readonly location: string;
}

/**
 * Checks a request against the data set's lists and returns it normalised,
 * or throws a `CreditKitError`: `description-required`, `unknown-credit-type`,
 * `invalid-date`, the money codes of `parseMoney` (`percent-not-supported`,
 * `zero-amount`, `negative-amount` …), `currency-mismatch` (request vs data
 * set), `unknown-mode`, `empty-enrollment-row`, `unknown-id` (a class, camp,
 * program, location, charge category or autopay method not in the lists;
 * `details.field` names the question) and `invalid-input` for a malformed shape
 * (of the request, or of a data set that is not an index).
 */
export function validateMassCreditRequest(
  request: MassCreditRequest,
  dataSet: MassCreditDataSet | MassCreditIndex,
): ValidMassCreditRequest {
  assertObject(request, "request");
  const indexed = isMassCreditIndex(dataSet);
  if (!indexed) checkDataSet(dataSet, false);
  const data = indexed ? dataSet.data : dataSet;
  const lists = indexed ? dataSet.lists : lookupLists(dataSet);

  const description = typeof request.description === "string" ? request.description.trim() : "";
  if (description === "") throw new CreditKitError("description-required");
  if (typeof request.creditType !== "string" || !lists.creditTypes.has(request.creditType)) {
    throw new CreditKitError("unknown-credit-type", { creditType: String(request.creditType) });
  }
  assertIsoDate(request.date, "date");
  const amount = parseMoney(request.amount, request.currency, "positive");
  if (request.currency !== data.currency) {
    throw new CreditKitError("currency-mismatch", { left: request.currency, right: data.currency });
  }
  if (!ISSUE_MODES.includes(request.mode)) throw new CreditKitError("unknown-mode", { mode: String(request.mode) });
  assertInput(request.outstandingOnly === undefined || typeof request.outstandingOnly === "boolean", "outstandingOnly");
  const rowsCombine = request.rowsCombine ?? "and";
  assertInput(rowsCombine === "and" || rowsCombine === "or", "rowsCombine");

  const rows = request.enrollmentRows ?? [];
  assertInput(Array.isArray(rows), "enrollmentRows");
  assertInput(rows.length <= MAX_ENROLLMENT_ROWS, "enrollmentRows", { reason: "too-many-rows", limit: MAX_ENROLLMENT_ROWS });

  return {
    description,
    creditType: request.creditType,
    date: request.date,
    amount: toAmountString(amount),
    currency: request.currency,
    mode: request.mode,
    outstandingOnly: request.outstandingOnly ?? false,
    autopayMethods: knownIds(request.autopayMethods, "autopayMethods", lists.autopayMethods),
    chargeCategories: knownIds(request.chargeCategories, "chargeCategories", lists.chargeCategories),
    studentKeywords: distinctTexts(request.studentKeywords, "studentKeywords"),
    familyKeywords: distinctTexts(request.familyKeywords, "familyKeywords"),
    enrollmentRows: rows.map((row, index) => validateRow(row, index, lists)),
    rowsCombine,
    location: knownIds([request.location], "location", lists.locations)[0] ?? "",
  };
}

function validateRow(row: EnrollmentRow, index: number, lists: ListLookup): ValidEnrollmentRow {
  assertObject(row, `enrollmentRows[${index}]`);
  const field = (name: string) => `enrollmentRows[${index}].${name}`;
  const meetingDays = distinctTexts(row.meetingDays, field("meetingDays")) as Weekday[];
  for (const day of meetingDays) assertInput(WEEKDAYS.includes(day), field("meetingDays"), { reason: "not-a-weekday", value: String(day) });
  const valid: ValidEnrollmentRow = {
    meetingDays: WEEKDAYS.filter((day) => meetingDays.includes(day)),
    locations: knownIds(row.locations, field("locations"), lists.locations),
    classIds: knownOfferings(row.classIds, field("classIds"), "class", lists),
    campIds: knownOfferings(row.campIds, field("campIds"), "camp", lists),
    programIds: knownOfferings(row.programIds, field("programIds"), "program", lists),
    offeringKeywords: distinctTexts(row.offeringKeywords, field("offeringKeywords")),
  };
  if (Object.values(valid).every((values: readonly string[]) => values.length === 0)) {
    throw new CreditKitError("empty-enrollment-row", { row: index });
  }
  return valid;
}

/** The distinct non-empty strings of an optional list, in first-seen order. */
function distinctTexts(values: readonly string[] | undefined, field: string): string[] {
  if (values === undefined) return [];
  assertInput(Array.isArray(values), field);
  for (const value of values) assertInput(typeof value === "string" && value.trim() !== "", field);
  return [...new Set(values.map((value) => value.trim()))];
}

function knownIds(values: readonly string[] | undefined, field: string, known: ReadonlyMap<string, unknown>): string[] {
  const ids = distinctTexts(values, field);
  for (const id of ids) if (!known.has(id)) throw new CreditKitError("unknown-id", { field, id });
  return ids;
}

function knownOfferings(values: readonly string[] | undefined, field: string, kind: OfferingKind, lists: ListLookup): string[] {
  const ids = distinctTexts(values, field);
  for (const id of ids) if (lists.offerings.get(id)?.kind !== kind) throw new CreditKitError("unknown-id", { field, id, kind });
  return ids;
}

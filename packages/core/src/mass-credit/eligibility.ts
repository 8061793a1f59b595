/**
 * Who qualifies for a mass credit (§6 "Who qualifies"): the family-level
 * tests, the student-level tests and the enrollment rows, as predicates over
 * an index. These trust a validated request; `previewMassCredit` and
 * `explainFamily` are the checked entry points, and both decide with these
 * same functions, so an explanation always agrees with the preview.
 */
import { type CodeLists, hasAnyCode, type WantedCodes, wantedCodes } from "./code-lists.js";
import { dateKey, type MassCreditIndex } from "./data-index.js";
import { daysOfMask } from "./enrollment-codes.js";
import type { RowsCombine, ValidEnrollmentRow, ValidMassCreditRequest } from "./filters.js";
import type { Enrollment, EnrollmentOffering, Weekday } from "./model.js";

/** A set of wanted values, or null when the question was not asked. */
type Wanted = ReadonlySet<string> | null;

/** An enrollment row as sets, ready for matching. */
export interface CompiledRow {
  readonly meetingDays: Wanted;
  readonly locations: Wanted;
  readonly classIds: Wanted;
  readonly campIds: Wanted;
  readonly programIds: Wanted;
  /** True when any of classes, camps or programs was filled. */
  readonly hasOffering: boolean;
  readonly offeringKeywords: Wanted;
}

/** A validated request turned into sets once, so the inner loops only do `Set.has`. */
export interface CompiledFilters {
  readonly request: ValidMassCreditRequest;
  /** The credit date as a YYYYMMDD number. */
  readonly date: number;
  readonly autopayMethods: Wanted;
  readonly chargeCategories: Wanted;
  readonly familyKeywords: Wanted;
  readonly studentKeywords: Wanted;
  /** The same four questions coded against the index's code lists (null when not asked), for the hot loops. */
  readonly autopayCodes: WantedCodes | null;
  readonly chargeCategoryCodes: WantedCodes | null;
  readonly familyKeywordCodes: WantedCodes | null;
  readonly studentKeywordCodes: WantedCodes | null;
  readonly rows: readonly CompiledRow[];
  readonly rowsCombine: RowsCombine;
  /** The row mask of a student who matched every row. */
  readonly allRows: number;
  /** True when student keywords or enrollment rows are set. */
  readonly hasStudentTests: boolean;
  /** Per offering code of the index: the rows whose offering and keyword fields it meets (bit r = row r). */
  readonly rowsByOffering: Int32Array;
  /** Per location code of the index: the rows whose location field it meets. */
  readonly rowsByLocation: Int32Array;
  /** Per meeting-day mask (0–127): the rows whose meeting-day field it meets. */
  readonly rowsByDays: Int32Array;
}

function wanted(values: readonly string[]): Wanted {
  return values.length === 0 ? null : new Set(values);
}

function compileRow(row: ValidEnrollmentRow): CompiledRow {
  return {
    meetingDays: wanted(row.meetingDays),
    locations: wanted(row.locations),
    classIds: wanted(row.classIds),
    campIds: wanted(row.campIds),
    programIds: wanted(row.programIds),
    hasOffering: row.classIds.length + row.campIds.length + row.programIds.length > 0,
    offeringKeywords: wanted(row.offeringKeywords),
  };
}

/** For each value, the bits of the rows whose `part` it meets. */
function rowBits<T>(values: readonly T[], rows: readonly CompiledRow[], part: (value: T, row: CompiledRow) => boolean): Int32Array {
  return Int32Array.from(values, (value) => rows.reduce((bits, row, r) => (part(value, row) ? bits | (1 << r) : bits), 0));
}

/**
 * Compiles a validated request into the sets and row tables the predicates
 * use; the tables cache, per offering, location and meeting-day pattern of
 * the index, which rows it meets.
 */
export function compileFilters(request: ValidMassCreditRequest, index: MassCreditIndex): CompiledFilters {
  const rows = request.enrollmentRows.map(compileRow);
  const codes = index.enrollmentCodes;
  const dayMasks = Array.from({ length: 128 }, (_, mask) => daysOfMask(mask));
  const coded = (values: readonly string[], lists: CodeLists) => (values.length === 0 ? null : wantedCodes(lists, values));
  return {
    rowsByOffering: rowBits(codes.offerings, rows, offeringFieldsMatch),
    rowsByLocation: rowBits(codes.locations, rows, locationFieldMatches),
    rowsByDays: rowBits(dayMasks, rows, meetingDayFieldMatches),
    request,
    date: dateKey(request.date),
    autopayMethods: wanted(request.autopayMethods),
    chargeCategories: wanted(request.chargeCategories),
    familyKeywords: wanted(request.familyKeywords),
    studentKeywords: wanted(request.studentKeywords),
    autopayCodes: coded(request.autopayMethods, index.familyAutopayCodes),
    chargeCategoryCodes: coded(request.chargeCategories, index.feeCategoryCodes),
    familyKeywordCodes: coded(request.familyKeywords, index.familyKeywordCodes),
    studentKeywordCodes: coded(request.studentKeywords, index.studentKeywordCodes),
    rows,
    rowsCombine: request.rowsCombine,
    allRows: (1 << rows.length) - 1,
    hasStudentTests: request.studentKeywords.length > 0 || rows.length > 0,
  };
}

/** True when `values` holds any member of `set`; a question not asked (null) always holds. */
export function hasAnyOf(values: readonly string[], set: Wanted): boolean {
  if (set === null) return true;
  for (const value of values) if (set.has(value)) return true;
  return false;
}

/** Question 6: with "only outstanding" on, the family has a fee with a remainder above zero. */
export function passesOutstandingTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return !filters.request.outstandingOnly || index.familyOutstanding[family] === 1;
}

/** Question 7: the family has any chosen autopay method on file. */
export function passesAutopayTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return hasAnyCode(index.familyAutopayCodes, family, filters.autopayCodes);
}

/** Question 8: the family has a fee in any chosen category — an outstanding one when "only outstanding" is on. */
export function passesChargeCategoryTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  const categories = filters.chargeCategoryCodes;
  if (categories === null) return true;
  const outstandingOnly = filters.request.outstandingOnly;
  const end = index.feeStart[family + 1] ?? 0;
  for (let fee = index.feeStart[family] ?? 0; fee < end; fee++) {
    if (outstandingOnly && index.feeOutstanding[fee] !== 1) continue;
    if (hasAnyCode(index.feeCategoryCodes, fee, categories)) return true;
  }
  return false;
}

/** Question 9: the family has any chosen family keyword. */
export function passesFamilyKeywordTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return hasAnyCode(index.familyKeywordCodes, family, filters.familyKeywordCodes);
}

/** True when the family is active and passes every family-level test. */
export function passesFamilyTests(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return (
    index.familyActive[family] === 1 &&
    passesOutstandingTest(family, index, filters) &&
    passesAutopayTest(family, index, filters) &&
    passesChargeCategoryTest(family, index, filters) &&
    passesFamilyKeywordTest(family, index, filters)
  );
}

/** A row's class, camp, program and keyword fields: the offering is one of those chosen and has a chosen keyword. */
export function offeringFieldsMatch(offering: EnrollmentOffering, row: CompiledRow): boolean {
  if (row.hasOffering) {
    const ids = offering.kind === "class" ? row.classIds : offering.kind === "camp" ? row.campIds : row.programIds;
    if (ids === null || !ids.has(offering.id)) return false;
  }
  return hasAnyOf(offering.keywords, row.offeringKeywords);
}

/** A row's location field: the enrollment is at one of the chosen locations. */
export function locationFieldMatches(location: string, row: CompiledRow): boolean {
  return row.locations === null || row.locations.has(location);
}

/** A row's meeting-day field: the enrollment meets on one of the chosen days. */
export function meetingDayFieldMatches(days: readonly Weekday[], row: CompiledRow): boolean {
  return hasAnyOf(days, row.meetingDays);
}

/** True when the enrollment meets every filled field of the row. */
export function matchesRow(enrollment: Enrollment, row: CompiledRow): boolean {
  return (
    meetingDayFieldMatches(enrollment.meetingDays, row) &&
    locationFieldMatches(enrollment.location, row) &&
    offeringFieldsMatch(enrollment.offering, row)
  );
}

/** The rows the enrollment at `position` matches (bit r = row r), from the compiled tables. */
export function rowMaskAt(position: number, index: MassCreditIndex, filters: CompiledFilters): number {
  const codes = index.enrollmentCodes;
  return (
    (filters.rowsByOffering[codes.offeringCodes[position] ?? 0] ?? 0) &
    (filters.rowsByLocation[codes.locationCodes[position] ?? 0] ?? 0) &
    (filters.rowsByDays[codes.dayMasks[position] ?? 0] ?? 0)
  );
}

/** True when the enrollment at `position` runs on the credit date (startDate ≤ date ≤ endDate). */
export function isActiveOnCreditDate(position: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return (index.enrollmentFrom[position] ?? 0) <= filters.date && filters.date <= (index.enrollmentTo[position] ?? 0);
}

/** The rows matched by any of the student's enrollments active on the credit date. */
export function studentRowMask(student: number, index: MassCreditIndex, filters: CompiledFilters): number {
  if (filters.rows.length === 0) return 0;
  const end = index.enrollmentStart[student + 1] ?? 0;
  let mask = 0;
  for (let e = index.enrollmentStart[student] ?? 0; e < end; e++) {
    if (isActiveOnCreditDate(e, index, filters)) mask |= rowMaskAt(e, index, filters);
  }
  return mask;
}

/** True when a student's matched rows satisfy the request: every row ("and"), at least one ("or"), or there are none. */
export function rowsSatisfied(mask: number, filters: CompiledFilters): boolean {
  if (filters.rows.length === 0) return true;
  return filters.rowsCombine === "and" ? mask === filters.allRows : mask !== 0;
}

/** True when the student is active and passes the student keywords and the enrollment rows. */
export function passesStudentTests(student: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  if (index.studentActive[student] !== 1) return false;
  if (!hasAnyCode(index.studentKeywordCodes, student, filters.studentKeywordCodes)) return false;
  return rowsSatisfied(studentRowMask(student, index, filters), filters);
}

/** True when the enrollment at `position` earns a credit in per-enrollment mode: active on the date and matching a row (any, when there are none). */
export function enrollmentQualifies(position: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  if (!isActiveOnCreditDate(position, index, filters)) return false;
  return filters.rows.length === 0 || rowMaskAt(position, index, filters) !== 0;
}

/**
 * Who qualifies for a mass credit (§6 "Who qualifies"): the family-level
 * tests, the student-level tests and the enrollment rows, as predicates over
 * an index. These trust a validated request; `previewMassCredit` and
 * `explainFamily` are the checked entry points, and both decide with these
 * same functions, so an explanation always agrees with the preview.
 */
import { dateKey, type MassCreditIndex } from "./data-index.js";
import type { RowsCombine, ValidEnrollmentRow, ValidMassCreditRequest } from "./filters.js";
import type { Enrollment } from "./model.js";

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
  readonly rows: readonly CompiledRow[];
  readonly rowsCombine: RowsCombine;
  /** The row mask of a student who matched every row. */
  readonly allRows: number;
  /** True when student keywords or enrollment rows are set. */
  readonly hasStudentTests: boolean;
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

/** Compiles a validated request into the sets the predicates use. */
export function compileFilters(request: ValidMassCreditRequest): CompiledFilters {
  const rows = request.enrollmentRows.map(compileRow);
  return {
    request,
    date: dateKey(request.date),
    autopayMethods: wanted(request.autopayMethods),
    chargeCategories: wanted(request.chargeCategories),
    familyKeywords: wanted(request.familyKeywords),
    studentKeywords: wanted(request.studentKeywords),
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
  return hasAnyOf(index.families[family]?.autopayMethods ?? [], filters.autopayMethods);
}

/** Question 8: the family has a fee in any chosen category — an outstanding one when "only outstanding" is on. */
export function passesChargeCategoryTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  const categories = filters.chargeCategories;
  if (categories === null) return true;
  const outstandingOnly = filters.request.outstandingOnly;
  const end = index.feeStart[family + 1] ?? 0;
  for (let fee = index.feeStart[family] ?? 0; fee < end; fee++) {
    if (outstandingOnly && index.feeOutstanding[fee] !== 1) continue;
    if (categories.has(index.fees[fee]?.category ?? "")) return true;
  }
  return false;
}

/** Question 9: the family has any chosen family keyword. */
export function passesFamilyKeywordTest(family: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  return hasAnyOf(index.families[family]?.keywords ?? [], filters.familyKeywords);
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

/** True when the enrollment meets every filled field of the row. */
export function matchesRow(enrollment: Enrollment, row: CompiledRow): boolean {
  if (!hasAnyOf(enrollment.meetingDays, row.meetingDays)) return false;
  if (row.locations !== null && !row.locations.has(enrollment.location)) return false;
  if (row.hasOffering) {
    const offering = enrollment.offering;
    const ids = offering.kind === "class" ? row.classIds : offering.kind === "camp" ? row.campIds : row.programIds;
    if (ids === null || !ids.has(offering.id)) return false;
  }
  return hasAnyOf(enrollment.offering.keywords, row.offeringKeywords);
}

/** Bit r is set when the enrollment matches row r. */
export function rowMaskOf(enrollment: Enrollment, filters: CompiledFilters): number {
  let mask = 0;
  const rows = filters.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row !== undefined && matchesRow(enrollment, row)) mask |= 1 << r;
  }
  return mask;
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
    const enrollment = index.enrollments[e];
    if (enrollment !== undefined && isActiveOnCreditDate(e, index, filters)) mask |= rowMaskOf(enrollment, filters);
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
  if (filters.studentKeywords !== null && !hasAnyOf(index.students[student]?.keywords ?? [], filters.studentKeywords)) return false;
  return rowsSatisfied(studentRowMask(student, index, filters), filters);
}

/** True when the enrollment at `position` earns a credit in per-enrollment mode: active on the date and matching a row (any, when there are none). */
export function enrollmentQualifies(position: number, index: MassCreditIndex, filters: CompiledFilters): boolean {
  if (!isActiveOnCreditDate(position, index, filters)) return false;
  const enrollment = index.enrollments[position];
  return enrollment !== undefined && (filters.rows.length === 0 || rowMaskOf(enrollment, filters) !== 0);
}

/**
 * Why a family did or did not get a mass credit (§6 "Explain"): every test it
 * was put to, with what the filter wanted and what the family or student had,
 * in words and as data. Decided with the same predicates as the preview.
 */
import { CreditKitError } from "../errors.js";
import { indexDataSet, isMassCreditIndex, type MassCreditIndex } from "./data-index.js";
import {
  type CompiledFilters,
  compileFilters,
  hasAnyOf,
  isActiveOnCreditDate,
  matchesRow,
  passesAutopayTest,
  passesChargeCategoryTest,
  passesFamilyKeywordTest,
  passesOutstandingTest,
  rowsSatisfied,
} from "./eligibility.js";
import { type MassCreditRequest, validateMassCreditRequest } from "./filters.js";
import type { Enrollment, MassCreditDataSet } from "./model.js";
import { appendFamilyRows, type PreviewRow } from "./preview.js";
import { describeRow } from "./summary.js";

/** The tests a family is put to, in the order they are reported. */
export type FamilyTestName = "active" | "outstanding" | "autopay" | "charge-category" | "family-keywords";
/** The tests a student is put to, in the order they are reported. */
export type StudentTestName = "active" | "student-keywords" | "enrollment-rows";

/** One test and how it went. Values are names, not ids. */
export interface TestOutcome<N extends string> {
  readonly test: N;
  readonly passed: boolean;
  /** What the filter asked for (any of). */
  readonly wanted: readonly string[];
  /** What the family or student had. */
  readonly had: readonly string[];
  /** The outcome in words. */
  readonly text: string;
}

/** How one enrollment row went for a student. */
export interface RowOutcome {
  /** 0-based position of the row in the request. */
  readonly row: number;
  readonly description: string;
  readonly matched: boolean;
  /** The student's enrollments active on the credit date that match the row. */
  readonly enrollmentIds: readonly string[];
}

/** How one student of the family fared. */
export interface StudentExplanation {
  readonly studentId: string;
  readonly studentName: string;
  readonly passed: boolean;
  /** Only the tests the request sets, after "active". */
  readonly tests: readonly TestOutcome<StudentTestName>[];
  readonly rows: readonly RowOutcome[];
  readonly activeEnrollments: readonly { readonly enrollmentId: string; readonly offeringName: string }[];
}

/** Why a family is in or out, as data and as lines of text. */
export interface FamilyExplanation {
  readonly familyId: string;
  readonly familyName: string;
  readonly qualifies: boolean;
  /** "active" and the family-level tests the request sets. */
  readonly familyTests: readonly TestOutcome<FamilyTestName>[];
  readonly students: readonly StudentExplanation[];
  /** The preview rows the family gets (empty when it does not qualify). */
  readonly rows: readonly PreviewRow[];
  /** Why it gets nothing: never empty when `qualifies` is false. */
  readonly failures: readonly string[];
  /** The whole story, one sentence a line. */
  readonly lines: readonly string[];
}

const list = (values: readonly string[], none = "none") => (values.length === 0 ? none : values.join(", "));

/**
 * Explains one family's outcome for a request. Validates the request like
 * the preview (pass the index the preview used; a raw data set is indexed on
 * the way); throws `unknown-account` when no family has `familyId`.
 */
export function explainFamily(
  request: MassCreditRequest,
  indexOrDataSet: MassCreditIndex | MassCreditDataSet,
  familyId: string,
): FamilyExplanation {
  const index = isMassCreditIndex(indexOrDataSet) ? indexOrDataSet : indexDataSet(indexOrDataSet);
  const filters = compileFilters(validateMassCreditRequest(request, index), index);
  const family = index.familyById.get(familyId);
  const record = family === undefined ? undefined : index.families[family];
  if (family === undefined || record === undefined) throw new CreditKitError("unknown-account", { familyId });

  const familyTests = familyOutcomes(family, index, filters);
  const students: StudentExplanation[] = [];
  for (let student = index.studentStart[family] ?? 0; student < (index.studentStart[family + 1] ?? 0); student++) {
    students.push(explainStudent(student, index, filters));
  }
  const rows: PreviewRow[] = [];
  appendFamilyRows(family, index, filters, rows);

  const failures = familyTests.filter((t) => !t.passed).map((t) => t.text);
  if (failures.length === 0) failures.push(...studentFailures(students, filters));
  const qualifies = failures.length === 0;
  const verdict = qualifies
    ? `${record.name} gets ${rows.length} credit${rows.length === 1 ? "" : "s"}: ${list(rows.map(rowLabel))}.`
    : `${record.name} gets no credit.`;
  const testLines = [...familyTests.map((t) => t.text), ...students.flatMap((s) => s.tests.map((t) => t.text))];
  const lines = [verdict, ...testLines, ...failures.filter((f) => !testLines.includes(f))];
  return { familyId, familyName: record.name, qualifies, familyTests, students, rows, failures, lines };
}

function rowLabel(row: PreviewRow): string {
  if (row.offeringName !== undefined) return `${row.studentName} (${row.offeringName})`;
  return row.studentName ?? row.familyName;
}

/** Why a family that passed its own tests still gets nothing, or nothing when it gets a credit. */
function studentFailures(students: readonly StudentExplanation[], filters: CompiledFilters): string[] {
  const { mode, date } = filters.request;
  if (mode === "family" && !filters.hasStudentTests) return [];
  const passing = students.filter((s) => s.passed);
  const failedTests = students.flatMap((s) => s.tests.filter((t) => !t.passed).map((t) => t.text));
  if (passing.length === 0) {
    if (students.length === 0) return ["It has no students."];
    return failedTests;
  }
  if (mode !== "enrollment") return [];
  const withEnrollment = passing.filter((s) =>
    filters.rows.length === 0 ? s.activeEnrollments.length > 0 : s.rows.some((r) => r.matched),
  );
  if (withEnrollment.length > 0) return [];
  return passing.map((s) => `${s.studentName} has no enrollment active on ${date}.`);
}

function familyOutcomes(family: number, index: MassCreditIndex, filters: CompiledFilters): TestOutcome<FamilyTestName>[] {
  const record = index.families[family];
  const { request } = filters;
  const lists = index.lists;
  const active = index.familyActive[family] === 1;
  const tests: TestOutcome<FamilyTestName>[] = [
    {
      test: "active",
      passed: active,
      wanted: ["active"],
      had: [record?.status ?? "unknown"],
      text: active ? "The family is active." : "The family is inactive.",
    },
  ];
  const fees = feesOf(family, index);
  const outstandingCategories = distinct(fees.filter((f) => index.feeOutstanding[f] === 1).map((f) => categoryName(f, index)));
  if (request.outstandingOnly) {
    const passed = passesOutstandingTest(family, index, filters);
    const text = passed ? `It has outstanding charges (in ${list(outstandingCategories)}).` : "It has no outstanding charges.";
    tests.push({ test: "outstanding", passed, wanted: ["an outstanding charge"], had: outstandingCategories, text });
  }
  if (request.autopayMethods.length > 0) {
    const passed = passesAutopayTest(family, index, filters);
    const wanted = request.autopayMethods.map((id) => lists.autopayMethods.get(id) ?? id);
    const had = (record?.autopayMethods ?? []).map((id) => lists.autopayMethods.get(id) ?? id);
    const text = `It has ${passed ? "one" : "none"} of the autopay methods ${list(wanted)} on file (it has ${list(had)}).`;
    tests.push({ test: "autopay", passed, wanted, had, text });
  }
  if (request.chargeCategories.length > 0) {
    const passed = passesChargeCategoryTest(family, index, filters);
    const wanted = request.chargeCategories.map((id) => lists.chargeCategories.get(id) ?? id);
    const kind = request.outstandingOnly ? "outstanding charge" : "charge";
    const had = request.outstandingOnly ? outstandingCategories : distinct(fees.map((f) => categoryName(f, index)));
    const text = `It has ${passed ? "an" : "no"} ${kind} in ${list(wanted)} (its ${kind}s are in ${list(had, "no category")}).`;
    tests.push({ test: "charge-category", passed, wanted, had, text });
  }
  if (request.familyKeywords.length > 0) {
    const passed = passesFamilyKeywordTest(family, index, filters);
    const had = [...(record?.keywords ?? [])];
    const text = `It has ${passed ? "one" : "none"} of the family keywords ${list(request.familyKeywords)} (it has ${list(had)}).`;
    tests.push({ test: "family-keywords", passed, wanted: request.familyKeywords, had, text });
  }
  return tests;
}

function explainStudent(student: number, index: MassCreditIndex, filters: CompiledFilters): StudentExplanation {
  const record = index.students[student];
  const name = index.studentNames[student] ?? "";
  const { request } = filters;
  const active = index.studentActive[student] === 1;
  const tests: TestOutcome<StudentTestName>[] = [
    {
      test: "active",
      passed: active,
      wanted: ["active"],
      had: [record?.status ?? "unknown"],
      text: `${name} is ${active ? "active" : "inactive"}.`,
    },
  ];
  if (request.studentKeywords.length > 0) {
    const had = [...(record?.keywords ?? [])];
    const passed = hasAnyOf(had, filters.studentKeywords);
    const text = `${name} has ${passed ? "one" : "none"} of the student keywords ${list(request.studentKeywords)} (has ${list(had)}).`;
    tests.push({ test: "student-keywords", passed, wanted: request.studentKeywords, had, text });
  }
  const activeEnrollments: Enrollment[] = [];
  for (let e = index.enrollmentStart[student] ?? 0; e < (index.enrollmentStart[student + 1] ?? 0); e++) {
    const enrollment = index.enrollments[e];
    if (enrollment !== undefined && isActiveOnCreditDate(e, index, filters)) activeEnrollments.push(enrollment);
  }
  let mask = 0;
  const rows = filters.rows.map((row, r): RowOutcome => {
    const enrollmentIds = activeEnrollments.filter((e) => matchesRow(e, row)).map((e) => e.id);
    if (enrollmentIds.length > 0) mask |= 1 << r;
    const description = describeRow(request.enrollmentRows[r] ?? emptyRow, index.lists);
    return { row: r, description, matched: enrollmentIds.length > 0, enrollmentIds };
  });
  const activeNames = activeEnrollments.map((e) => e.offering.name);
  if (rows.length > 0) {
    const passed = rowsSatisfied(mask, filters);
    const matched = rows.filter((r) => r.matched).map((r) => `row ${r.row + 1} (${r.description})`);
    const missed = rows.filter((r) => !r.matched).map((r) => `row ${r.row + 1} (${r.description})`);
    const needs = request.rowsCombine === "and" ? "every" : "at least one";
    const outcome =
      matched.length === 0
        ? `matches none of ${missed.join(", ")}`
        : `matches ${matched.join(", ")}${missed.length > 0 ? ` but not ${missed.join(", ")}` : ""}`;
    const text = `${name} ${outcome}; ${needs} row must match (enrollments active on ${request.date}: ${list(activeNames)}).`;
    tests.push({
      test: "enrollment-rows",
      passed,
      wanted: rows.map((r) => r.description),
      had: activeNames,
      text,
    });
  }
  return {
    studentId: record?.id ?? "",
    studentName: name,
    passed: tests.every((t) => t.passed),
    tests,
    rows,
    activeEnrollments: activeEnrollments.map((e) => ({ enrollmentId: e.id, offeringName: e.offering.name })),
  };
}

const emptyRow = { meetingDays: [], locations: [], classIds: [], campIds: [], programIds: [], offeringKeywords: [] };

function feesOf(family: number, index: MassCreditIndex): number[] {
  const from = index.feeStart[family] ?? 0;
  return Array.from({ length: (index.feeStart[family + 1] ?? 0) - from }, (_, i) => from + i);
}

function categoryName(fee: number, index: MassCreditIndex): string {
  const category = index.fees[fee]?.category ?? "";
  return index.lists.chargeCategories.get(category) ?? category;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

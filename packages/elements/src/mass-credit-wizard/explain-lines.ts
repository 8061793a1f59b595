/**
 * "Why is a family not here?" in the kit's language: the explanation's data
 * (from the preview worker or the server, no words of their own) worded line
 * by line, as the core words it in English: the verdict, every test with what
 * the filter wanted and what the family or student had, then why a family
 * that passed its own tests still gets nothing.
 */
import type { OrganisationLists, ValidMassCreditRequest } from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { formatCount, formatIsoDate, isOne, nameList } from "./format.js";
import type { ExplainResult, ExplainTest } from "./preview-protocol.js";
import { rowPhrase } from "./summary-lines.js";

type Lists = Pick<OrganisationLists, "creditTypes" | "chargeCategories" | "locations" | "autopayMethods" | "offerings">;

/** "a, b" or "none". */
function listOr(values: readonly string[], none = msg("none", { id: "mcw-list-none", desc: "An empty list: “(it has none)”." })): string {
  return values.length === 0 ? none : nameList(values);
}

function familyTestLine(t: ExplainTest, request: ValidMassCreditRequest): string {
  const wanted = listOr(t.wanted);
  const had = listOr(t.had);
  switch (t.test) {
    case "active":
      return t.passed ? msg("The family is active.") : msg("The family is inactive.");
    case "outstanding":
      return t.passed ? msg(str`It has outstanding charges (in ${had}).`) : msg("It has no outstanding charges.");
    case "autopay":
      return t.passed
        ? msg(str`It has one of the autopay methods ${wanted} on file (it has ${had}).`)
        : msg(str`It has none of the autopay methods ${wanted} on file (it has ${had}).`);
    case "charge-category": {
      const categories = listOr(t.had, msg("no category"));
      if (request.outstandingOnly) {
        return t.passed
          ? msg(str`It has an outstanding charge in ${wanted} (its outstanding charges are in ${categories}).`)
          : msg(str`It has no outstanding charge in ${wanted} (its outstanding charges are in ${categories}).`);
      }
      return t.passed
        ? msg(str`It has a charge in ${wanted} (its charges are in ${categories}).`)
        : msg(str`It has no charge in ${wanted} (its charges are in ${categories}).`);
    }
    default:
      return t.passed
        ? msg(str`It has one of the family keywords ${wanted} (it has ${had}).`)
        : msg(str`It has none of the family keywords ${wanted} (it has ${had}).`);
  }
}

function studentTestLines(
  student: ExplainResult["students"][number],
  request: ValidMassCreditRequest,
  lists: Lists | undefined,
  locale: string | undefined,
): string[] {
  const name = student.studentName;
  return student.tests.map((t) => {
    if (t.test === "active") return t.passed ? msg(str`${name} is active.`) : msg(str`${name} is inactive.`);
    if (t.test === "student-keywords") {
      const wanted = listOr(t.wanted);
      const had = listOr(t.had);
      return t.passed
        ? msg(str`${name} has one of the student keywords ${wanted} (has ${had}).`)
        : msg(str`${name} has none of the student keywords ${wanted} (has ${had}).`);
    }
    // The enrollment filters: which matched, which did not, and what was active on the credit date.
    const described = (row: number) => {
      const phrase = rowPhrase(request.enrollmentRows[row] ?? EMPTY_ROW, lists, locale);
      const n = formatCount(row + 1, locale);
      return msg(str`row ${n} (${phrase})`, { desc: "An enrollment filter by its number: “row 2 (Swim A at Downtown)”." });
    };
    const matched = student.rows.filter((r) => r.matched).map((r) => described(r.row));
    const missed = student.rows.filter((r) => !r.matched).map((r) => described(r.row));
    let outcome: string;
    if (matched.length === 0) outcome = msg(str`${name} matches none of ${nameList(missed)}`);
    else if (missed.length === 0) outcome = msg(str`${name} matches ${nameList(matched)}`);
    else outcome = msg(str`${name} matches ${nameList(matched)} but not ${nameList(missed)}`);
    const date = formatIsoDate(request.date, locale);
    const active = listOr(student.activeOfferings);
    return request.rowsCombine === "and"
      ? msg(str`${outcome}; every row must match (enrollments active on ${date}: ${active}).`)
      : msg(str`${outcome}; at least one row must match (enrollments active on ${date}: ${active}).`);
  });
}

const EMPTY_ROW = { meetingDays: [], locations: [], classIds: [], campIds: [], programIds: [], offeringKeywords: [] };

/** The explanation of one family, line by line. */
export function explainLines(
  why: ExplainResult,
  request: ValidMassCreditRequest,
  lists: Lists | undefined,
  locale: string | undefined,
): string[] {
  const name = why.familyName;
  const labels = why.rows.map((row) => {
    if (row.offeringName !== undefined)
      return msg(str`${row.studentName ?? ""} (${row.offeringName})`, { desc: "A credit's row: student (class)." });
    return row.studentName ?? row.familyName;
  });
  const count = formatCount(why.rows.length, locale);
  const verdict = !why.qualifies
    ? msg(str`${name} gets no credit.`)
    : isOne(why.rows.length)
      ? msg(str`${name} gets ${count} credit: ${listOr(labels)}.`)
      : msg(str`${name} gets ${count} credits: ${listOr(labels)}.`);
  const lines = [
    verdict,
    ...why.familyTests.map((t) => familyTestLine(t, request)),
    ...why.students.flatMap((s) => studentTestLines(s, request, lists, locale)),
  ];
  // Why a family that passed its own tests still gets nothing (the core's studentFailures).
  if (!why.qualifies && why.familyTests.every((t) => t.passed)) {
    const passing = why.students.filter((s) => s.passed);
    if (why.students.length === 0) lines.push(msg("It has no students."));
    else if (passing.length > 0 && request.mode === "enrollment") {
      const date = formatIsoDate(request.date, locale);
      for (const s of passing) lines.push(msg(str`${s.studentName} has no enrollment active on ${date}.`));
    }
  }
  return lines;
}

/**
 * A deliberately naive re-implementation of §6 "Who qualifies", written
 * straight from the spec with array scans and no index, to check the real
 * engine against. Returns the rows as plain tuples, unordered.
 */

import type { EnrollmentRow, MassCreditDataSet, MassCreditRequest, Student } from "../../../packages/core/src/mass-credit/index.js";
import type { Enrollment } from "../../../packages/core/src/mass-credit/model.js";
import { fromAmountString, isPositive } from "../../../packages/core/src/money.js";

export interface NaiveRow {
  readonly rowKey: string;
  readonly familyId: string;
  readonly studentId?: string;
  readonly enrollmentId?: string;
}

/** The family-level tests a family fails, by the names `explainFamily` uses. */
export function naiveFamilyFailures(data: MassCreditDataSet, req: MassCreditRequest, familyId: string): string[] {
  const family = data.families.find((f) => f.id === familyId);
  if (family === undefined) return ["unknown"];
  const fees = data.fees.filter((f) => f.familyId === familyId);
  const owes = (remainder: string) => isPositive(fromAmountString(remainder, data.currency));
  const failures: string[] = [];
  if (family.status !== "active") failures.push("active");
  if (req.outstandingOnly && !fees.some((f) => owes(f.remainder))) failures.push("outstanding");
  const autopay = req.autopayMethods ?? [];
  if (autopay.length > 0 && !family.autopayMethods.some((m) => autopay.includes(m))) failures.push("autopay");
  const categories = req.chargeCategories ?? [];
  if (categories.length > 0 && !fees.some((f) => categories.includes(f.category) && (!req.outstandingOnly || owes(f.remainder)))) {
    failures.push("charge-category");
  }
  const keywords = req.familyKeywords ?? [];
  if (keywords.length > 0 && !family.keywords.some((k) => keywords.includes(k))) failures.push("family-keywords");
  return failures;
}

function filled(values: readonly string[] | undefined): values is readonly string[] {
  return values !== undefined && values.length > 0;
}

export function naiveRowMatches(e: Enrollment, row: EnrollmentRow): boolean {
  if (filled(row.meetingDays) && !e.meetingDays.some((d) => row.meetingDays?.includes(d))) return false;
  if (filled(row.locations) && !row.locations.includes(e.location)) return false;
  const anyOffering = filled(row.classIds) || filled(row.campIds) || filled(row.programIds);
  if (anyOffering) {
    const inClass = e.offering.kind === "class" && (row.classIds ?? []).includes(e.offering.id);
    const inCamp = e.offering.kind === "camp" && (row.campIds ?? []).includes(e.offering.id);
    const inProgram = e.offering.kind === "program" && (row.programIds ?? []).includes(e.offering.id);
    if (!inClass && !inCamp && !inProgram) return false;
  }
  if (filled(row.offeringKeywords) && !e.offering.keywords.some((k) => row.offeringKeywords?.includes(k))) return false;
  return true;
}

export function naiveActiveEnrollments(data: MassCreditDataSet, req: MassCreditRequest, s: Student): Enrollment[] {
  return data.enrollments.filter((e) => e.studentId === s.id && e.startDate <= req.date && req.date <= e.endDate);
}

export function naiveStudentPasses(data: MassCreditDataSet, req: MassCreditRequest, s: Student): boolean {
  if (s.status !== "active") return false;
  const keywords = req.studentKeywords ?? [];
  if (keywords.length > 0 && !s.keywords.some((k) => keywords.includes(k))) return false;
  const rows = req.enrollmentRows ?? [];
  if (rows.length === 0) return true;
  const active = naiveActiveEnrollments(data, req, s);
  const matched = rows.map((row) => active.some((e) => naiveRowMatches(e, row)));
  return (req.rowsCombine ?? "and") === "and" ? matched.every(Boolean) : matched.some(Boolean);
}

export function naivePreview(data: MassCreditDataSet, req: MassCreditRequest): NaiveRow[] {
  const out: NaiveRow[] = [];
  const rows = req.enrollmentRows ?? [];
  const studentTests = (req.studentKeywords ?? []).length > 0 || rows.length > 0;
  for (const family of data.families) {
    if (naiveFamilyFailures(data, req, family.id).length > 0) continue;
    const passing = data.students.filter((s) => s.familyId === family.id && naiveStudentPasses(data, req, s));
    if (req.mode === "family") {
      if (!studentTests || passing.length > 0) out.push({ rowKey: `f:${family.id}`, familyId: family.id });
      continue;
    }
    for (const s of passing) {
      if (req.mode === "student") {
        out.push({ rowKey: `s:${s.id}`, familyId: family.id, studentId: s.id });
        continue;
      }
      for (const e of naiveActiveEnrollments(data, req, s)) {
        if (rows.length === 0 || rows.some((row) => naiveRowMatches(e, row))) {
          out.push({ rowKey: `e:${e.id}`, familyId: family.id, studentId: s.id, enrollmentId: e.id });
        }
      }
    }
  }
  return out;
}

import { expect } from "chai";
import fc from "fast-check";
import {
  type Enrollment,
  type EnrollmentRow,
  explainFamily,
  type Family,
  type Fee,
  indexDataSet,
  type MassCreditDataSet,
  type MassCreditRequest,
  type PreviewRow,
  previewMassCredit,
  type Student,
  totalOfRows,
  type Weekday,
} from "../../../packages/core/src/mass-credit/index.js";
import { fromAmountString, sum, toAmountString } from "../../../packages/core/src/money.js";
import { dataSet, OFFERINGS } from "./fixtures.js";
import { naiveFamilyFailures, naivePreview } from "./naive.js";

const RUNS = { numRuns: 1000 };
const DATES = ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"];
const DAYS: Weekday[] = ["mon", "wed", "sat"];
const FAMILY_NAMES = ["Adams", "adams", "Baker", "Émile", "Family 2", "Family 10"];
const STUDENT_NAMES = ["Mia", "mia", "Leo", "Zoë", "Ann 3"];

const enrollmentArb = fc.record({
  offering: fc.constantFrom(...OFFERINGS),
  location: fc.constantFrom("down", "north"),
  meetingDays: fc.subarray(DAYS),
  startDate: fc.constantFrom(...DATES, DATES[0] as string, DATES[1] as string),
  endDate: fc.constantFrom(...DATES, DATES[3] as string, DATES[4] as string),
});

const studentArb = fc.record({
  name: fc.constantFrom(...STUDENT_NAMES),
  status: fc.constantFrom("active", "active", "active", "inactive"),
  keywords: fc.subarray(["Team", "Beginner"]),
  enrollments: fc.array(enrollmentArb, { maxLength: 3 }),
});

type StudentSpec = typeof studentArb extends fc.Arbitrary<infer T> ? T : never;

const familyArb = fc.record({
  name: fc.constantFrom(...FAMILY_NAMES),
  status: fc.constantFrom("active", "active", "active", "inactive"),
  keywords: fc.subarray(["VIP", "Founding", "Staff"]),
  autopayMethods: fc.subarray(["card", "ach"]),
  students: fc.array(studentArb, { maxLength: 3 }),
  fees: fc.array(
    fc.record({ category: fc.constantFrom("tuition", "camp", "merch"), remainder: fc.constantFrom("0.00", "0.01", "12.50") }),
    { maxLength: 3 },
  ),
});

/**
 * Small data sets: 1–5 families of up to 3 students with up to 3 enrollments
 * and 3 fees each, sometimes an orphan student, records in shuffled order,
 * dates around the edges of the credit dates.
 */
const smallDataSet: fc.Arbitrary<MassCreditDataSet> = fc
  .tuple(fc.array(familyArb, { minLength: 1, maxLength: 5 }), fc.option(studentArb), fc.boolean())
  .map(([families, orphan, reversed]) => {
    const data = {
      families: [] as Family[],
      students: [] as Student[],
      enrollments: [] as Enrollment[],
      fees: [] as Fee[],
    };
    const addStudent = (s: StudentSpec, familyId: string) => {
      const studentId = `S${data.students.length}`;
      data.students.push({ id: studentId, familyId, name: s.name, status: s.status, keywords: s.keywords });
      for (const { offering, ...e } of s.enrollments) {
        const { kind, id, name, keywords } = offering;
        data.enrollments.push({ id: `E${data.enrollments.length}`, studentId, offering: { kind, id, name, keywords }, ...e });
      }
    };
    families.forEach(({ students, fees, ...f }, i) => {
      const familyId = `F${i}`;
      data.families.push({ id: familyId, location: "down", ...f });
      for (const s of students) addStudent(s, familyId);
      for (const fee of fees) data.fees.push({ id: `X${data.fees.length}`, familyId, ...fee });
    });
    if (orphan !== null) addStudent(orphan, "F-none");
    const order = <T>(records: T[]) => (reversed ? records.reverse() : records);
    return dataSet({
      families: order(data.families),
      students: order(data.students),
      enrollments: order(data.enrollments),
      fees: order(data.fees),
    });
  });

const ids = (kind: string) => OFFERINGS.filter((o) => o.kind === kind).map((o) => o.id);

/** A list filter that is usually not filled in (so random requests still select someone). */
function sometimes<T>(values: readonly T[]): fc.Arbitrary<T[]> {
  return fc.oneof({ arbitrary: fc.constant<T[]>([]), weight: 5 }, { arbitrary: fc.subarray([...values], { minLength: 1 }), weight: 1 });
}

const enrollmentRow: fc.Arbitrary<EnrollmentRow> = fc
  .record({
    meetingDays: sometimes(DAYS),
    locations: sometimes(["down", "north"]),
    classIds: sometimes(ids("class")),
    campIds: sometimes(ids("camp")),
    programIds: sometimes(ids("program")),
    offeringKeywords: sometimes(["Swim", "Tennis", "Gym", "Beginner"]),
  })
  .filter((row) => Object.values(row).some((values) => values.length > 0));

const randomRequest: fc.Arbitrary<MassCreditRequest> = fc.record({
  description: fc.constant("Closure"),
  creditType: fc.constant("weather"),
  currency: fc.constant("USD"),
  location: fc.constant("down"),
  date: fc.constantFrom(...DATES),
  amount: fc.constantFrom("0.01", "10.00", "19.99", "1000000.00"),
  mode: fc.constantFrom("family", "student", "enrollment"),
  outstandingOnly: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  autopayMethods: sometimes(["card", "ach"]),
  chargeCategories: sometimes(["tuition", "camp", "merch"]),
  studentKeywords: sometimes(["Team", "Beginner"]),
  familyKeywords: sometimes(["VIP", "Founding", "Staff"]),
  enrollmentRows: fc.oneof(
    { arbitrary: fc.constant([]), weight: 1 },
    { arbitrary: fc.array(enrollmentRow, { minLength: 1, maxLength: 3 }), weight: 1 },
  ),
  rowsCombine: fc.constantFrom("and", "or"),
});

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byText = (a = "", b = "") => collator.compare(a, b);
const byId = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);

/** Review order, written out independently of the index's rank trick. */
function reviewOrder(a: PreviewRow, b: PreviewRow): number {
  return (
    byText(a.familyName, b.familyName) ||
    byId(a.familyId, b.familyId) ||
    byText(a.studentName, b.studentName) ||
    byId(a.studentId, b.studentId) ||
    byText(a.offeringName, b.offeringName) ||
    byId(a.enrollmentId, b.enrollmentId)
  );
}

describe("mass credit: properties of preview and explain (fast-check)", () => {
  it("previews exactly the rows a naive reading of §6 gives, each satisfying the filters", () => {
    fc.assert(
      fc.property(smallDataSet, randomRequest, (data, req) => {
        const preview = previewMassCredit(req, data);
        const naive = naivePreview(data, req);
        const strip = ({ rowKey, familyId, studentId, enrollmentId }: PreviewRow) => ({ rowKey, familyId, studentId, enrollmentId });
        const sortKeys = (rows: { rowKey: string }[]) => [...rows].sort((a, b) => byId(a.rowKey, b.rowKey));
        expect(sortKeys(preview.rows.map(strip))).to.deep.equal(
          sortKeys(naive.map((r) => ({ studentId: undefined, enrollmentId: undefined, ...r }))),
        );
      }),
      RUNS,
    );
  });

  it("rows are unique by rowKey, in review order, and name their family, student and offering correctly", () => {
    fc.assert(
      fc.property(smallDataSet, randomRequest, (data, req) => {
        const rows = previewMassCredit(req, data).rows;
        expect(new Set(rows.map((r) => r.rowKey)).size).to.equal(rows.length);
        for (let i = 1; i < rows.length; i++) expect(reviewOrder(rows[i - 1] as PreviewRow, rows[i] as PreviewRow)).to.be.below(0);
        for (const row of rows) {
          expect(row.familyName).to.equal(data.families.find((f) => f.id === row.familyId)?.name);
          if (row.studentId !== undefined) expect(row.studentName).to.equal(data.students.find((s) => s.id === row.studentId)?.name);
          if (row.enrollmentId !== undefined) {
            const e = data.enrollments.find((x) => x.id === row.enrollmentId);
            expect(row.offeringName).to.equal(e?.offering.name);
            expect(e?.studentId).to.equal(row.studentId);
          }
        }
      }),
      RUNS,
    );
  });

  it("totals equal count × amount and the sum of the rows", () => {
    fc.assert(
      fc.property(smallDataSet, randomRequest, (data, req) => {
        const preview = previewMassCredit(req, data);
        const unit = fromAmountString(req.amount, "USD");
        const summed = sum(
          preview.rows.map(() => unit),
          "USD",
        );
        expect(preview.count).to.equal(preview.rows.length);
        expect(preview.total).to.equal(toAmountString(summed));
        expect(totalOfRows(preview.rows, "USD")).to.equal(preview.total);
        expect(preview.rows.every((row) => row.amount === toAmountString(unit))).to.equal(true);
      }),
      RUNS,
    );
  });

  it("explain agrees with preview: a family left out fails a named test; one kept gets exactly its preview rows", () => {
    fc.assert(
      fc.property(smallDataSet, randomRequest, (data, req) => {
        const index = indexDataSet(data);
        const preview = previewMassCredit(req, index);
        for (const family of data.families) {
          const why = explainFamily(req, index, family.id);
          const rows = preview.rows.filter((row) => row.familyId === family.id);
          expect(why.rows).to.deep.equal(rows);
          expect(why.qualifies).to.equal(rows.length > 0);
          const failedFamilyTests = why.familyTests.filter((t) => !t.passed).map((t) => t.test);
          expect(failedFamilyTests).to.deep.equal(naiveFamilyFailures(data, req, family.id));
          if (!why.qualifies) {
            expect(why.failures.length).to.be.greaterThan(0);
            for (const failure of why.failures) expect(why.lines).to.include(failure);
          } else {
            expect(why.failures).to.deep.equal([]);
          }
        }
      }),
      RUNS,
    );
  });

  it("never changes its inputs and gives the same preview twice", () => {
    fc.assert(
      fc.property(smallDataSet, randomRequest, (data, req) => {
        const before = JSON.stringify([data, req]);
        const first = previewMassCredit(req, data);
        expect(previewMassCredit(req, indexDataSet(data))).to.deep.equal(first);
        expect(JSON.stringify([data, req])).to.equal(before);
      }),
      { numRuns: 200 },
    );
  });
});

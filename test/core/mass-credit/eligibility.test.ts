import { expect } from "chai";
import { type MassCreditRequest, previewMassCredit } from "../../../packages/core/src/mass-credit/index.js";
import { DATE, dataSet, enrollment, family, fee, request, student } from "./fixtures.js";

/**
 * One family, three students:
 * Mia — Swim Level 1 (A) and Tennis Juniors (B), both active;
 * Leo — Swim Level 1 (A) active, Gymnastics (C) that ended before the credit date;
 * Zoe — inactive, in A and B.
 */
const garcia = dataSet({
  families: [family("F1", "Garcia, Ana")],
  students: [
    student("S1", "F1", "Mia Garcia"),
    student("S2", "F1", "Leo Garcia"),
    student("S3", "F1", "Zoe Garcia", { status: "inactive" }),
  ],
  enrollments: [
    enrollment("E1", "S1", "A"),
    enrollment("E2", "S1", "B"),
    enrollment("E3", "S2", "A"),
    enrollment("E4", "S2", "C", { startDate: "2026-09-01", endDate: "2026-11-30" }),
    enrollment("E5", "S3", "A"),
    enrollment("E6", "S3", "B"),
  ],
});

const rowKeys = (req: MassCreditRequest, data = garcia) => previewMassCredit(req, data).rows.map((row) => row.rowKey);
const classA = { classIds: ["A"] };
const classB = { classIds: ["B"] };

describe("mass credit: who qualifies (§6)", () => {
  describe("enrollment rows, the seed's example", () => {
    it("rows ANDed: a student only in class A does not qualify; one in A and B does", () => {
      expect(rowKeys(request({ mode: "student", enrollmentRows: [classA, classB] }))).to.deep.equal(["s:S1"]);
    });

    it("rows ORed: students in A or in B both qualify", () => {
      expect(rowKeys(request({ mode: "student", enrollmentRows: [classA, classB], rowsCombine: "or" }))).to.deep.equal(["s:S2", "s:S1"]);
    });

    it("rows ANDed may be matched by different enrollments of the same student", () => {
      const data = dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia Garcia")],
        enrollments: [enrollment("E1", "S1", "A", { location: "north" }), enrollment("E2", "S1", "B", { meetingDays: ["sat"] })],
      });
      const rows = [{ locations: ["north"] }, { meetingDays: ["sat" as const] }];
      expect(rowKeys(request({ mode: "student", enrollmentRows: rows }), data)).to.deep.equal(["s:S1"]);
    });

    it("rows are checked on other students independently: one student in A and a sibling in B is not enough", () => {
      const data = dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia Garcia"), student("S2", "F1", "Leo Garcia")],
        enrollments: [enrollment("E1", "S1", "A"), enrollment("E2", "S2", "B")],
      });
      expect(rowKeys(request({ mode: "family", enrollmentRows: [classA, classB] }), data)).to.deep.equal([]);
    });
  });

  describe("issue modes on a hand-built family", () => {
    it("once per family: one credit", () => {
      expect(rowKeys(request({ mode: "family" }))).to.deep.equal(["f:F1"]);
    });

    it("once per student: one credit per active student", () => {
      expect(rowKeys(request({ mode: "student" }))).to.deep.equal(["s:S2", "s:S1"]);
    });

    it("once per enrollment: one credit per active-on-date enrollment of an active student", () => {
      expect(rowKeys(request({ mode: "enrollment" }))).to.deep.equal(["e:E3", "e:E1", "e:E2"]);
    });

    it("once per enrollment with rows ANDed: only the passing student's enrollments that match a row", () => {
      const data = dataSet({ ...garcia, enrollments: [...garcia.enrollments, enrollment("E7", "S1", "C")] });
      expect(rowKeys(request({ mode: "enrollment", enrollmentRows: [classA, classB] }), data)).to.deep.equal(["e:E1", "e:E2"]);
    });

    it("once per enrollment with rows ORed: every active enrollment matching a row", () => {
      expect(rowKeys(request({ mode: "enrollment", enrollmentRows: [classA, classB], rowsCombine: "or" }))).to.deep.equal([
        "e:E3",
        "e:E1",
        "e:E2",
      ]);
    });

    it("once per family with a student test: needs at least one active student passing it", () => {
      expect(rowKeys(request({ mode: "family", enrollmentRows: [classA, classB] }))).to.deep.equal(["f:F1"]);
      expect(rowKeys(request({ mode: "family", enrollmentRows: [{ classIds: ["C"] }] }))).to.deep.equal([]);
      expect(rowKeys(request({ mode: "family", studentKeywords: ["Team"] }))).to.deep.equal([]);
    });

    it("once per family without student tests: a family with no active student still qualifies", () => {
      const data = dataSet({ families: [family("F1", "Garcia, Ana")], students: [student("S1", "F1", "Mia", { status: "inactive" })] });
      expect(rowKeys(request({ mode: "family" }), data)).to.deep.equal(["f:F1"]);
      expect(rowKeys(request({ mode: "student" }), data)).to.deep.equal([]);
    });
  });

  describe("enrollments count only when active on the credit date", () => {
    const on = (startDate: string, endDate: string) =>
      dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia Garcia")],
        enrollments: [enrollment("E1", "S1", "A", { startDate, endDate })],
      });
    const inA = request({ mode: "enrollment", enrollmentRows: [classA] });

    it("an enrollment that ended the day before the credit date does not count", () => {
      expect(rowKeys(inA, on("2026-09-01", "2026-11-30"))).to.deep.equal([]);
      expect(rowKeys(request({ mode: "enrollment" }), on("2026-09-01", "2026-11-30"))).to.deep.equal([]);
    });

    it("an enrollment that starts the day after the credit date does not count", () => {
      expect(rowKeys(inA, on("2026-12-02", "2027-03-01"))).to.deep.equal([]);
    });

    it("start and end dates are inclusive", () => {
      expect(rowKeys(inA, on(DATE, "2027-03-01"))).to.deep.equal(["e:E1"]);
      expect(rowKeys(inA, on("2026-09-01", DATE))).to.deep.equal(["e:E1"]);
      expect(rowKeys(inA, on(DATE, DATE))).to.deep.equal(["e:E1"]);
    });
  });

  describe("inactive families and students never qualify", () => {
    it("an inactive family gets nothing in any mode, even with no filters", () => {
      const data = dataSet({ ...garcia, families: [family("F1", "Garcia, Ana", { status: "inactive" })] });
      for (const mode of ["family", "student", "enrollment"] as const) expect(rowKeys(request({ mode }), data)).to.deep.equal([]);
    });

    it("an inactive student gets nothing, even when matching every row", () => {
      const rows = rowKeys(request({ mode: "enrollment", enrollmentRows: [classA, classB] }));
      expect(rows.filter((key) => key === "e:E5" || key === "e:E6")).to.deep.equal([]);
    });
  });

  describe("family-level tests", () => {
    const families = dataSet({
      families: [
        family("F1", "Adams, Ann", { autopayMethods: ["card"], keywords: ["VIP"] }),
        family("F2", "Baker, Bob", { autopayMethods: ["ach"], keywords: ["Founding", "Staff"] }),
        family("F3", "Clark, Cy"),
      ],
      fees: [
        fee("X1", "F1", "tuition", "0.00"),
        fee("X2", "F1", "merch", "12.50"),
        fee("X3", "F2", "tuition", "45.00"),
        fee("X4", "F3", "camp", "0.00"),
      ],
    });
    const keys = (req: Partial<MassCreditRequest>) => rowKeys(request(req), families);

    it("only customers with outstanding charges: a fee with a remainder above zero", () => {
      expect(keys({ outstandingOnly: true })).to.deep.equal(["f:F1", "f:F2"]);
      expect(keys({ outstandingOnly: false })).to.deep.equal(["f:F1", "f:F2", "f:F3"]);
    });

    it("charge categories: any fee in a chosen category, paid or not, when outstanding-only is off", () => {
      expect(keys({ chargeCategories: ["tuition"] })).to.deep.equal(["f:F1", "f:F2"]);
      expect(keys({ chargeCategories: ["camp", "merch"] })).to.deep.equal(["f:F1", "f:F3"]);
    });

    it("outstanding-only with a charge category: the fee in that category must be outstanding (paid tuition → excluded)", () => {
      expect(keys({ outstandingOnly: true, chargeCategories: ["tuition"] })).to.deep.equal(["f:F2"]);
      expect(keys({ outstandingOnly: true, chargeCategories: ["camp"] })).to.deep.equal([]);
    });

    it("autopay methods: the family has any chosen method on file", () => {
      expect(keys({ autopayMethods: ["card"] })).to.deep.equal(["f:F1"]);
      expect(keys({ autopayMethods: ["card", "ach"] })).to.deep.equal(["f:F1", "f:F2"]);
    });

    it("family keywords: any of those chosen", () => {
      expect(keys({ familyKeywords: ["Staff", "VIP"] })).to.deep.equal(["f:F1", "f:F2"]);
      expect(keys({ familyKeywords: ["Scholarship"] })).to.deep.equal([]);
    });

    it("family-level tests combine with AND", () => {
      expect(keys({ autopayMethods: ["card", "ach"], familyKeywords: ["Founding"], outstandingOnly: true })).to.deep.equal(["f:F2"]);
    });
  });

  describe("student-level tests", () => {
    it("student keywords: any of those chosen", () => {
      const data = dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia", { keywords: ["Team"] }), student("S2", "F1", "Leo", { keywords: ["Beginner"] })],
      });
      expect(rowKeys(request({ mode: "student", studentKeywords: ["Team", "Medical"] }), data)).to.deep.equal(["s:S1"]);
    });

    it("inside a row every filled field must hold, each field any of its values", () => {
      const data = dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia")],
        enrollments: [enrollment("E1", "S1", "A", { location: "down", meetingDays: ["mon", "wed"] })],
      });
      const match = (row: object) => rowKeys(request({ mode: "enrollment", enrollmentRows: [row] }), data).length === 1;
      expect(match({ classIds: ["A"], locations: ["down"] })).to.equal(true);
      expect(match({ classIds: ["A"], locations: ["north"] })).to.equal(false);
      expect(match({ locations: ["north", "down"] })).to.equal(true);
      expect(match({ meetingDays: ["wed"] })).to.equal(true);
      expect(match({ meetingDays: ["tue", "thu"] })).to.equal(false);
      expect(match({ offeringKeywords: ["Beginner"] })).to.equal(true);
      expect(match({ offeringKeywords: ["Tennis"] })).to.equal(false);
      expect(match({ classIds: ["B"], offeringKeywords: ["Swim"] })).to.equal(false);
    });

    it("classes, camps and programs in one row are one question: the enrollment is in any of them", () => {
      const data = dataSet({
        families: [family("F1", "Garcia, Ana")],
        students: [student("S1", "F1", "Mia")],
        enrollments: [enrollment("E1", "S1", "K"), enrollment("E2", "S1", "P"), enrollment("E3", "S1", "B")],
      });
      const row = { classIds: ["A"], campIds: ["K"], programIds: ["P"] };
      expect(rowKeys(request({ mode: "enrollment", enrollmentRows: [row] }), data)).to.deep.equal(["e:E1", "e:E2"]);
    });
  });
});

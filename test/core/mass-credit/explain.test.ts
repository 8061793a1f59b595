import { expect } from "chai";
import { explainFamily, indexDataSet } from "../../../packages/core/src/mass-credit/index.js";
import { dataSet, enrollment, family, fee, request, student } from "./fixtures.js";

const index = indexDataSet(
  dataSet({
    families: [
      family("F1", "Garcia, Ana", { autopayMethods: ["card"], keywords: ["VIP"] }),
      family("F2", "Baker, Bob", { status: "inactive" }),
      family("F3", "Clark, Cy"),
    ],
    students: [
      student("S1", "F1", "Mia Garcia"),
      student("S2", "F1", "Leo Garcia", { keywords: ["Team"] }),
      student("S3", "F1", "Zoe Garcia", { status: "inactive" }),
    ],
    enrollments: [
      enrollment("E1", "S1", "A"),
      enrollment("E2", "S1", "B"),
      enrollment("E3", "S2", "A"),
      enrollment("E4", "S2", "B", { endDate: "2026-11-30" }),
    ],
    fees: [fee("X1", "F1", "tuition", "0.00"), fee("X2", "F1", "merch", "5.00")],
  }),
);

describe("mass credit: explaining a family (§6)", () => {
  it("names the failed family-level test with what was wanted and what the family had", () => {
    const why = explainFamily(request({ autopayMethods: ["ach"] }), index, "F1");
    expect(why.qualifies).to.equal(false);
    expect(why.rows).to.deep.equal([]);
    const autopay = why.familyTests.find((t) => t.test === "autopay");
    expect(autopay).to.deep.include({ passed: false, wanted: ["Bank account (ACH)"], had: ["Card"] });
    expect(why.failures).to.deep.equal(["It has none of the autopay methods Bank account (ACH) on file (it has Card)."]);
    expect(why.lines[0]).to.equal("Garcia, Ana gets no credit.");
  });

  it("outstanding-only with a category: says the category's charge is not outstanding", () => {
    const why = explainFamily(request({ outstandingOnly: true, chargeCategories: ["tuition"] }), index, "F1");
    expect(why.qualifies).to.equal(false);
    const category = why.familyTests.find((t) => t.test === "charge-category");
    expect(category).to.deep.include({ passed: false, wanted: ["Tuition"], had: ["Merchandise"] });
    expect(why.familyTests.find((t) => t.test === "outstanding")?.passed).to.equal(true);
  });

  it("says an inactive family is inactive", () => {
    const why = explainFamily(request(), index, "F2");
    expect(why.failures).to.deep.equal(["The family is inactive."]);
  });

  it("names the enrollment row each student failed, with the enrollments active on the date", () => {
    const why = explainFamily(request({ mode: "student", enrollmentRows: [{ classIds: ["A"] }, { classIds: ["B"] }] }), index, "F1");
    expect(why.qualifies).to.equal(true);
    expect(why.rows.map((r) => r.rowKey)).to.deep.equal(["s:S1"]);
    const leo = why.students.find((s) => s.studentId === "S2");
    expect(leo?.passed).to.equal(false);
    expect(leo?.activeEnrollments).to.deep.equal([{ enrollmentId: "E3", offeringName: "Swim Level 1" }]);
    expect(leo?.rows).to.deep.equal([
      { row: 0, description: "Swim Level 1", matched: true, enrollmentIds: ["E3"] },
      { row: 1, description: "Tennis Juniors", matched: false, enrollmentIds: [] },
    ]);
    expect(leo?.tests.find((t) => t.test === "enrollment-rows")?.text).to.equal(
      "Leo Garcia matches row 1 (Swim Level 1) but not row 2 (Tennis Juniors); every row must match " +
        "(enrollments active on 2026-12-01: Swim Level 1).",
    );
    const zoe = why.students.find((s) => s.studentId === "S3");
    expect(zoe?.tests[0]).to.deep.include({ test: "active", passed: false });
    expect(why.lines[0]).to.equal("Garcia, Ana gets 1 credit: Mia Garcia.");
  });

  it("says when a student matches none of the rows, and works from a raw data set too", () => {
    const data = dataSet({
      families: [family("F1", "Garcia, Ana")],
      students: [student("S1", "F1", "Mia Garcia")],
      enrollments: [enrollment("E1", "S1", "A")],
    });
    const why = explainFamily(request({ mode: "student", enrollmentRows: [{ classIds: ["C"] }], rowsCombine: "or" }), data, "F1");
    expect(why.failures).to.deep.equal([
      "Mia Garcia matches none of row 1 (Gymnastics Level 2); at least one row must match (enrollments active on 2026-12-01: Swim Level 1).",
    ]);
  });

  it("lists every student's failure when no student passes", () => {
    const why = explainFamily(request({ mode: "family", studentKeywords: ["Medical"] }), index, "F1");
    expect(why.qualifies).to.equal(false);
    expect(why.failures).to.deep.equal([
      "Leo Garcia has none of the student keywords Medical (has Team).",
      "Mia Garcia has none of the student keywords Medical (has none).",
      "Zoe Garcia is inactive.",
      "Zoe Garcia has none of the student keywords Medical (has none).",
    ]);
  });

  it("says a family with no students gets nothing per student", () => {
    const why = explainFamily(request({ mode: "student" }), index, "F3");
    expect(why.failures).to.deep.equal(["It has no students."]);
    expect(explainFamily(request({ mode: "family" }), index, "F3").qualifies).to.equal(true);
  });

  it("says a passing student has no enrollment active on the date in per-enrollment mode", () => {
    const data = dataSet({
      families: [family("F1", "Garcia, Ana")],
      students: [student("S1", "F1", "Mia Garcia")],
      enrollments: [enrollment("E1", "S1", "A", { startDate: "2027-01-01", endDate: "2027-02-01" })],
    });
    const why = explainFamily(request({ mode: "enrollment" }), indexDataSet(data), "F1");
    expect(why.failures).to.deep.equal(["Mia Garcia has no enrollment active on 2026-12-01."]);
  });

  it("lists the rows a qualifying family gets", () => {
    const why = explainFamily(request({ mode: "enrollment" }), index, "F1");
    expect(why.qualifies).to.equal(true);
    expect(why.failures).to.deep.equal([]);
    expect(why.rows.map((r) => r.rowKey)).to.deep.equal(["e:E3", "e:E1", "e:E2"]);
    expect(why.lines[0]).to.equal(
      "Garcia, Ana gets 3 credits: Leo Garcia (Swim Level 1), Mia Garcia (Swim Level 1), Mia Garcia (Tennis Juniors).",
    );
  });

  it("refuses an unknown family id with unknown-account", () => {
    expect(() => explainFamily(request(), index, "F404"))
      .to.throw()
      .with.property("code", "unknown-account");
  });
});

import { expect } from "chai";
import {
  indexDataSet,
  multiplyAmount,
  type PreviewProgress,
  previewMassCredit,
  selectRows,
  summarizeFilters,
  totalOfRows,
} from "../../../packages/core/src/mass-credit/index.js";
import { money, sum, toAmountString } from "../../../packages/core/src/money.js";
import { dataSet, enrollment, family, request, student } from "./fixtures.js";

describe("mass credit: the preview (§6)", () => {
  it("sorts by family name (case- and accent-blind, numbers as numbers), ids breaking ties", () => {
    const names = ["Zeta", "Family 10", "smith", "alpha", "Émile", "Family 9", "Smith"];
    const data = dataSet({ families: names.map((name, i) => family(`F${names.length - i}`, name)) });
    const rows = previewMassCredit(request(), data).rows;
    expect(rows.map((row) => [row.familyName, row.familyId])).to.deep.equal([
      ["alpha", "F4"],
      ["Émile", "F3"],
      ["Family 9", "F2"],
      ["Family 10", "F6"],
      ["Smith", "F1"],
      ["smith", "F5"],
      ["Zeta", "F7"],
    ]);
  });

  it("sorts by family, then student name, then offering name and enrollment id", () => {
    const data = dataSet({
      families: [family("F2", "Baker, Bob"), family("F1", "Adams, Ann")],
      students: [
        student("S1", "F2", "Zoe Baker"),
        student("S2", "F2", "Amy Baker"),
        { id: "S3", familyId: "F1", firstName: "Mia", lastName: "Adams", status: "active", keywords: [] },
      ],
      enrollments: [
        enrollment("E9", "S2", "B"),
        enrollment("E8", "S2", "A"),
        enrollment("E2", "S2", "B"),
        enrollment("E5", "S1", "A"),
        enrollment("E1", "S3", "C"),
      ],
    });
    const rows = previewMassCredit(request({ mode: "enrollment" }), data).rows;
    expect(rows.map((row) => `${row.familyName}|${row.studentName}|${row.offeringName}|${row.enrollmentId}`)).to.deep.equal([
      "Adams, Ann|Mia Adams|Gymnastics Level 2|E1",
      "Baker, Bob|Amy Baker|Swim Level 1|E8",
      "Baker, Bob|Amy Baker|Tennis Juniors|E2",
      "Baker, Bob|Amy Baker|Tennis Juniors|E9",
      "Baker, Bob|Zoe Baker|Swim Level 1|E5",
    ]);
  });

  it("rows carry what a run posts: a stable rowKey, the family as the account, the canonical amount", () => {
    const data = dataSet({
      families: [family("F1", "Adams, Ann")],
      students: [student("S1", "F1", "Mia Adams")],
      enrollments: [enrollment("E1", "S1", "A")],
    });
    const [familyRow] = previewMassCredit(request({ amount: "7.5" }), data).rows;
    expect(familyRow).to.deep.equal({ rowKey: "f:F1", familyId: "F1", familyName: "Adams, Ann", amount: "7.50" });
    const [studentRow] = previewMassCredit(request({ mode: "student" }), data).rows;
    expect(studentRow).to.deep.equal({
      rowKey: "s:S1",
      familyId: "F1",
      familyName: "Adams, Ann",
      studentId: "S1",
      studentName: "Mia Adams",
      amount: "10.00",
    });
    const [enrollmentRow] = previewMassCredit(request({ mode: "enrollment" }), data).rows;
    expect(enrollmentRow).to.include({ rowKey: "e:E1", enrollmentId: "E1", offeringName: "Swim Level 1", studentId: "S1" });
  });

  it("totals are exact: count × amount, equal to the sum of the rows", () => {
    const families = Array.from({ length: 3001 }, (_, i) => family(`F${i}`, `Family ${i}`));
    const preview = previewMassCredit(request({ amount: "0.10" }), dataSet({ families }));
    expect(preview.count).to.equal(3001);
    expect(preview.total).to.equal("300.10");
    expect(totalOfRows(preview.rows, "USD")).to.equal("300.10");
  });

  it("totals work in currencies with 0 and 3 decimals", () => {
    expect(toAmountString(multiplyAmount(money("1.005", "KWD"), 3))).to.equal("3.015");
    expect(toAmountString(multiplyAmount(money("1200", "JPY"), 0))).to.equal("0");
    const expected = sum(
      Array.from({ length: 77 }, () => money("19.99", "USD")),
      "USD",
    );
    expect(toAmountString(multiplyAmount(money("19.99", "USD"), 77))).to.equal(toAmountString(expected));
  });

  it("every row is selected by default; selectRows drops the deselected keys and re-totals", () => {
    const data = dataSet({ families: [family("F1", "A"), family("F2", "B"), family("F3", "C")] });
    const preview = previewMassCredit(request(), data);
    expect(selectRows(preview)).to.deep.equal({ rows: preview.rows, count: 3, total: "30.00" });
    const picked = selectRows(preview, new Set(["f:F2"]));
    expect(picked.rows.map((row) => row.rowKey)).to.deep.equal(["f:F1", "f:F3"]);
    expect(picked.count).to.equal(2);
    expect(picked.total).to.equal("20.00");
  });

  it("reports progress over families in chunks, ending at the total", () => {
    const families = Array.from({ length: 25 }, (_, i) => family(`F${i}`, `Family ${i}`));
    const seen: PreviewProgress[] = [];
    previewMassCredit(request(), dataSet({ families }), { chunkSize: 10, onProgress: (p) => seen.push(p) });
    expect(seen).to.deep.equal([
      { done: 10, total: 25 },
      { done: 20, total: 25 },
      { done: 25, total: 25 },
    ]);
  });

  it("gives the same rows from an index as from the raw data set, and leaves the data set untouched", () => {
    const data = dataSet({
      families: [family("F2", "B"), family("F1", "A")],
      students: [student("S1", "F1", "Mia"), student("S2", "F2", "Leo")],
    });
    const before = JSON.stringify(data);
    const index = indexDataSet(data);
    expect(previewMassCredit(request({ mode: "student" }), index).rows).to.deep.equal(
      previewMassCredit(request({ mode: "student" }), data).rows,
    );
    expect(JSON.stringify(data)).to.equal(before);
  });

  it("validates the request before computing anything", () => {
    expect(() => previewMassCredit(request({ amount: "10%" }), dataSet({})))
      .to.throw()
      .with.property("code", "percent-not-supported");
  });

  describe("filter summary", () => {
    it("lists every filter used in the admin's words, names not ids, in question order", () => {
      const lines = summarizeFilters(
        request({
          mode: "student",
          outstandingOnly: true,
          autopayMethods: ["card", "ach"],
          chargeCategories: ["tuition"],
          studentKeywords: ["Team"],
          familyKeywords: ["VIP", "Founding"],
          enrollmentRows: [{ classIds: ["A"] }, { classIds: ["B"] }],
        }),
        dataSet({}),
      );
      expect(lines).to.deep.equal([
        "Description: Pool closed",
        "Credit type: Weather closure",
        "Credit date: 2026-12-01",
        "Amount: $10.00",
        "Issue once per student",
        "Only customers with outstanding charges",
        "Autopay method on file: any of Card, Bank account (ACH)",
        "Outstanding charge in category: any of Tuition",
        "Student keywords: any of Team",
        "Family keywords: any of VIP, Founding",
        "Enrolled in Swim Level 1 and in Tennis Juniors on 2026-12-01",
        "Credits are recorded at: Downtown",
      ]);
    });

    it("leaves out optional questions not answered and says when all customers are included", () => {
      expect(summarizeFilters(request(), dataSet({}))).to.deep.equal([
        "Description: Pool closed",
        "Credit type: Weather closure",
        "Credit date: 2026-12-01",
        "Amount: $10.00",
        "Issue once per family",
        "All customers, with or without outstanding charges",
        "Credits are recorded at: Downtown",
      ]);
    });

    it("describes ORed rows and rows with several values unambiguously", () => {
      const lines = summarizeFilters(
        request({
          rowsCombine: "or",
          enrollmentRows: [
            { classIds: ["A"], campIds: ["K"], locations: ["north"] },
            { offeringKeywords: ["Tennis"], meetingDays: ["sat", "mon"] },
          ],
        }),
        dataSet({}),
      );
      expect(lines).to.include(
        "Enrolled in (Swim Level 1 or Summer Swim Camp at Northside) or in " +
          "(any class, camp or program tagged Tennis meeting on Monday or Saturday) on 2026-12-01",
      );
    });

    it("is part of the preview", () => {
      const preview = previewMassCredit(request({ mode: "enrollment" }), dataSet({}));
      expect(preview.summary).to.include("Issue once per enrollment");
      expect(preview.count).to.equal(0);
      expect(preview.total).to.equal("0.00");
    });
  });
});

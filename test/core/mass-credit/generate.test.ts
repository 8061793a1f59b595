import { expect } from "chai";
import fc from "fast-check";
import { isIsoDate } from "../../../packages/core/src/dates.js";
import { DEFAULT_DEMO_DATE, generateDataSet } from "../../../packages/core/src/demo.js";
import { indexDataSet, previewMassCredit } from "../../../packages/core/src/mass-credit/index.js";
import { fromAmountString, toAmountString } from "../../../packages/core/src/money.js";

describe("mass credit: the demo data generator", () => {
  const data = generateDataSet({ seed: 7, families: 2000 });

  it("is deterministic: the same seed gives the same data set", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 30 }), (seed, families) => {
        expect(generateDataSet({ seed, families })).to.deep.equal(generateDataSet({ seed, families }));
      }),
      { numRuns: 200 },
    );
  });

  it("different seeds give different data sets", () => {
    expect(generateDataSet({ seed: 1, families: 50 })).not.to.deep.equal(generateDataSet({ seed: 2, families: 50 }));
  });

  it("has the target shape: ≈2 students and ≈4 enrollments and ≈3 fees per family", () => {
    const perFamily = (n: number) => n / data.families.length;
    expect(data.families).to.have.length(2000);
    expect(perFamily(data.students.length)).to.be.within(1.8, 2.3);
    expect(perFamily(data.enrollments.length)).to.be.within(3.5, 4.6);
    expect(perFamily(data.fees.length)).to.be.within(2.7, 3.3);
    const counts = new Map<string, number>();
    for (const s of data.students) counts.set(s.familyId, (counts.get(s.familyId) ?? 0) + 1);
    expect(Math.min(...counts.values())).to.equal(1);
    expect(Math.max(...counts.values())).to.equal(4);
    expect(counts.size).to.equal(2000);
  });

  it("makes ≈30% of families owe something and ≈5% of families and students inactive", () => {
    const owing = new Set(data.fees.filter((f) => f.remainder !== "0.00").map((f) => f.familyId));
    expect(owing.size / 2000).to.be.within(0.25, 0.35);
    expect(data.families.filter((f) => f.status === "inactive").length / 2000).to.be.within(0.03, 0.07);
    expect(data.students.filter((s) => s.status === "inactive").length / data.students.length).to.be.within(0.03, 0.07);
  });

  it("writes fee remainders as canonical amounts and enrollment dates as real dates, end on or after start", () => {
    for (const f of data.fees) expect(toAmountString(fromAmountString(f.remainder, "USD"))).to.equal(f.remainder);
    for (const e of data.enrollments) {
      expect(isIsoDate(e.startDate) && isIsoDate(e.endDate)).to.equal(true);
      expect(e.startDate <= e.endDate).to.equal(true);
    }
  });

  it("keeps ids unique and references intact, with offerings, locations and categories from its lists", () => {
    for (const records of [data.families, data.students, data.enrollments, data.fees]) {
      expect(new Set(records.map((r) => r.id)).size).to.equal(records.length);
    }
    const familyIds = new Set(data.families.map((f) => f.id));
    const studentIds = new Set(data.students.map((s) => s.id));
    const locations = new Set(data.lists.locations.map((l) => l.id));
    const offerings = new Map(data.lists.offerings.map((o) => [o.id, o]));
    const categories = new Set(data.lists.chargeCategories.map((c) => c.id));
    expect(data.students.every((s) => familyIds.has(s.familyId))).to.equal(true);
    expect(data.fees.every((f) => familyIds.has(f.familyId) && categories.has(f.category))).to.equal(true);
    expect(data.families.every((f) => locations.has(f.location))).to.equal(true);
    for (const e of data.enrollments) {
      expect(studentIds.has(e.studentId)).to.equal(true);
      expect(locations.has(e.location)).to.equal(true);
      expect(offerings.get(e.offering.id)?.kind).to.equal(e.offering.kind);
    }
    expect(new Set(data.enrollments.map((e) => e.offering.kind))).to.deep.equal(new Set(["class", "camp", "program"]));
  });

  it("has most enrollments active on its date, some ended and some not yet started", () => {
    const date = DEFAULT_DEMO_DATE;
    const active = data.enrollments.filter((e) => e.startDate <= date && date <= e.endDate).length / data.enrollments.length;
    expect(active).to.be.within(0.4, 0.8);
    expect(data.enrollments.some((e) => e.endDate < date)).to.equal(true);
    expect(data.enrollments.some((e) => e.startDate > date)).to.equal(true);
  });

  it("produces a data set the preview accepts", () => {
    const preview = previewMassCredit(
      {
        description: "Demo",
        creditType: "weather",
        date: DEFAULT_DEMO_DATE,
        amount: "5.00",
        currency: "USD",
        mode: "enrollment",
        location: "downtown",
      },
      indexDataSet(data),
    );
    expect(preview.count).to.be.greaterThan(1000);
  });

  it("refuses bad options with invalid-input", () => {
    expect(() => generateDataSet({ seed: 1.5, families: 1 }))
      .to.throw()
      .with.property("code", "invalid-input");
    expect(() => generateDataSet({ seed: 1, families: -1 }))
      .to.throw()
      .with.property("code", "invalid-input");
    expect(() => generateDataSet({ seed: 1, families: 1, startDate: "2026-13-01" }))
      .to.throw()
      .with.property("code", "invalid-date");
  });
});

import { expect } from "chai";
import fc from "fast-check";
import { codeLists, codeValues, hasAnyCode, MAX_MASK_VALUES, wantedCodes } from "../../../packages/core/src/mass-credit/code-lists.js";
import {
  type Family,
  type Fee,
  indexDataSet,
  type MassCreditRequest,
  previewMassCredit,
  type Student,
} from "../../../packages/core/src/mass-credit/index.js";
import { dataSet, LISTS, request } from "./fixtures.js";
import { naivePreview } from "./naive.js";

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("mass credit: coded keyword lists", () => {
  it("holds up to 32 distinct values as one bitmask per record, more as code lists with offsets", () => {
    const few = codeLists([["a", "b"], [], ["b"]], (list) => list);
    expect(few.values).to.deep.equal(["a", "b"]);
    expect(Array.from(few.masks ?? [])).to.deep.equal([0b11, 0, 0b10]);
    expect(few.start).to.equal(null);

    const thirtyTwo = codeLists([words("k", MAX_MASK_VALUES)], (list) => list);
    expect(thirtyTwo.masks?.[0]).to.equal(-1);

    const many = codeLists([words("k", 33), [], ["k32", "k0"]], (list) => list);
    expect(many.masks).to.equal(null);
    expect(Array.from(many.start ?? [])).to.deep.equal([0, 33, 33, 35]);
    expect(Array.from(many.codes ?? []).slice(33)).to.deep.equal([32, 0]);
  });

  it("codes one value per record (fee categories) the same way", () => {
    const few = codeValues(["x", "y", "x"], (v) => v);
    expect(Array.from(few.masks ?? [])).to.deep.equal([1, 2, 1]);
    const many = codeValues(words("c", 34), (v) => v);
    expect(Array.from(many.start ?? []).slice(0, 3)).to.deep.equal([0, 1, 2]);
    expect(Array.from(many.codes ?? [])).to.deep.equal(Array.from({ length: 34 }, (_, i) => i));
  });

  it("matches any wanted value, a question not asked always holds, and an unknown value matches nothing", () => {
    for (const size of [3, 32, 33, 70]) {
      const records = [words("k", size), ["k1"], [], [`k${size - 1}`]];
      const lists = codeLists(records, (list) => list);
      const test = (wanted: string[] | null) =>
        records.map((_, i) => hasAnyCode(lists, i, wanted === null ? null : wantedCodes(lists, wanted)));
      expect(test(null), `${size}`).to.deep.equal([true, true, true, true]);
      expect(test(["k1"]), `${size}`).to.deep.equal([true, true, false, false]);
      expect(test([`k${size - 1}`, "nope"]), `${size}`).to.deep.equal([true, false, false, true]);
      expect(test(["nope"]), `${size}`).to.deep.equal([false, false, false, false]);
    }
  });

  it("agrees with a set lookup for random lists on both sides of 32 values", () => {
    const lists = fc.array(fc.subarray(words("w", 40)), { maxLength: 8 });
    fc.assert(
      fc.property(lists, fc.subarray(words("w", 42)), fc.integer({ min: 1, max: 40 }), (records, wanted, cut) => {
        const trimmed = records.map((list) => list.filter((w) => Number(w.slice(1)) < cut));
        const coded = codeLists(trimmed, (list) => list);
        const want = wantedCodes(coded, wanted);
        trimmed.forEach((list, i) => {
          expect(hasAnyCode(coded, i, want)).to.equal(list.some((w) => wanted.includes(w)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("previews like the naive engine with more than 32 keywords, autopay methods and charge categories", () => {
    const autopay = words("pay", 40);
    const categories = words("cat", 40);
    const lists = {
      ...LISTS,
      autopayMethods: autopay.map((id) => ({ id, name: id })),
      chargeCategories: categories.map((id) => ({ id, name: id })),
    };
    const pick = (values: string[], seed: number) => values.filter((_, i) => (i * 7 + seed) % 9 === 0);
    const families: Family[] = [];
    const students: Student[] = [];
    const fees: Fee[] = [];
    for (let f = 0; f < 40; f++) {
      const id = `F${f}`;
      families.push({
        id,
        name: `Family ${f}`,
        status: "active",
        keywords: pick(words("fk", 40), f),
        autopayMethods: pick(autopay, f + 1),
        location: "down",
      });
      fees.push({ id: `X${f}`, familyId: id, category: categories[(f * 11) % 40] ?? "", remainder: f % 3 === 0 ? "0.00" : "5.00" });
      for (let s = 0; s < 2; s++) {
        students.push({ id: `S${f}-${s}`, familyId: id, name: `Kid ${s}`, status: "active", keywords: pick(words("sk", 40), f + s * 5) });
      }
    }
    const data = { ...dataSet({ families, students, fees }), lists };
    const index = indexDataSet(data);
    for (const coded of [index.studentKeywordCodes, index.familyKeywordCodes, index.familyAutopayCodes, index.feeCategoryCodes]) {
      expect(coded.values.length).to.be.greaterThan(MAX_MASK_VALUES);
      expect(coded.masks).to.equal(null);
    }
    const requests: Partial<MassCreditRequest>[] = [
      { mode: "student", studentKeywords: ["sk0", "sk35", "sk39"] },
      { mode: "family", familyKeywords: ["fk2", "fk38"] },
      { mode: "family", autopayMethods: ["pay33", "pay3"] },
      { mode: "family", chargeCategories: ["cat0", "cat33", "cat22"] },
      { mode: "family", chargeCategories: ["cat0", "cat33", "cat22"], outstandingOnly: true },
      { mode: "student", familyKeywords: ["fk36"], studentKeywords: ["sk34"], autopayMethods: autopay.slice(30) },
    ];
    for (const extra of requests) {
      const req = request(extra);
      const got = previewMassCredit(req, index).rows.map((row) => row.rowKey);
      const want = naivePreview(data, req).map((row) => row.rowKey);
      expect(got.length, JSON.stringify(extra)).to.be.greaterThan(0);
      expect([...got].sort(), JSON.stringify(extra)).to.deep.equal([...want].sort());
    }
  });
});

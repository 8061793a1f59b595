import { expect } from "chai";
import { type CreditKitErrorCode, isCreditKitError } from "../../../packages/core/src/errors.js";
import {
  indexDataSet,
  MAX_ENROLLMENT_ROWS,
  type MassCreditRequest,
  validateMassCreditRequest,
} from "../../../packages/core/src/mass-credit/index.js";
import { dataSet, request } from "./fixtures.js";

const data = dataSet({});

function rejects(req: MassCreditRequest, code: CreditKitErrorCode, details: Record<string, unknown> = {}): void {
  try {
    validateMassCreditRequest(req, data);
  } catch (error) {
    expect(isCreditKitError(error), String(error)).to.equal(true);
    if (isCreditKitError(error)) {
      expect(error.code).to.equal(code);
      expect(error.details).to.include(details);
    }
    return;
  }
  expect.fail(`expected ${code}`);
}

describe("mass credit: validating the questions (§6)", () => {
  it("normalises a complete request: trims, fills defaults, dedupes, canonical amount", () => {
    const valid = validateMassCreditRequest(
      request({
        description: "  Pool closed  ",
        amount: "10.5",
        familyKeywords: ["VIP", "VIP", " Founding "],
        enrollmentRows: [{ meetingDays: ["wed", "mon", "wed"], classIds: ["A"] }],
      }),
      data,
    );
    expect(valid.description).to.equal("Pool closed");
    expect(valid.amount).to.equal("10.50");
    expect(valid.outstandingOnly).to.equal(false);
    expect(valid.rowsCombine).to.equal("and");
    expect(valid.familyKeywords).to.deep.equal(["VIP", "Founding"]);
    expect(valid.autopayMethods).to.deep.equal([]);
    expect(valid.enrollmentRows[0]).to.deep.equal({
      meetingDays: ["mon", "wed"],
      locations: [],
      classIds: ["A"],
      campIds: [],
      programIds: [],
      offeringKeywords: [],
    });
  });

  it("accepts an index as well as a data set", () => {
    expect(validateMassCreditRequest(request(), indexDataSet(data)).amount).to.equal("10.00");
  });

  it("refuses a missing or blank description: description-required", () => {
    rejects(request({ description: "" }), "description-required");
    rejects(request({ description: "   " }), "description-required");
    rejects(request({ description: undefined as unknown as string }), "description-required");
  });

  it("refuses a credit type not in the organisation's list: unknown-credit-type", () => {
    rejects(request({ creditType: "Weather closure" }), "unknown-credit-type", { creditType: "Weather closure" });
  });

  it("refuses a date that is not a real YYYY-MM-DD date: invalid-date", () => {
    for (const date of ["", "2026-02-30", "12/01/2026", "2026-12-1"]) rejects(request({ date }), "invalid-date", { field: "date" });
  });

  it("refuses percentages, zero, negative, empty and malformed amounts with the money codes", () => {
    rejects(request({ amount: "10%" }), "percent-not-supported");
    rejects(request({ amount: "0" }), "zero-amount");
    rejects(request({ amount: "0.00" }), "zero-amount");
    rejects(request({ amount: "-5.00" }), "negative-amount");
    rejects(request({ amount: "" }), "amount-required");
    rejects(request({ amount: "ten" }), "invalid-amount");
    rejects(request({ amount: "1e3" }), "exponent-not-allowed");
    rejects(request({ amount: "1.005" }), "too-many-decimals");
  });

  it("refuses a currency other than the data set's: currency-mismatch", () => {
    rejects(request({ currency: "EUR" }), "currency-mismatch");
    rejects(request({ currency: "XXQ" }), "unknown-currency");
  });

  it("refuses an unknown issue mode: unknown-mode", () => {
    rejects(request({ mode: "household" as never }), "unknown-mode", { mode: "household" });
  });

  it("refuses an enrollment row with no field filled: empty-enrollment-row", () => {
    rejects(request({ enrollmentRows: [{ classIds: ["A"] }, {}] }), "empty-enrollment-row", { row: 1 });
    rejects(request({ enrollmentRows: [{ classIds: [], locations: [] }] }), "empty-enrollment-row", { row: 0 });
  });

  it("refuses ids not in the lists, naming the question: unknown-id", () => {
    rejects(request({ enrollmentRows: [{ classIds: ["Z"] }] }), "unknown-id", { field: "enrollmentRows[0].classIds", id: "Z" });
    rejects(request({ enrollmentRows: [{ campIds: ["A"] }] }), "unknown-id", { field: "enrollmentRows[0].campIds", id: "A" });
    rejects(request({ enrollmentRows: [{ programIds: ["K"] }] }), "unknown-id", { field: "enrollmentRows[0].programIds" });
    rejects(request({ enrollmentRows: [{ locations: ["moon"] }] }), "unknown-id", { field: "enrollmentRows[0].locations" });
    rejects(request({ chargeCategories: ["rent"] }), "unknown-id", { field: "chargeCategories", id: "rent" });
    rejects(request({ autopayMethods: ["paypal"] }), "unknown-id", { field: "autopayMethods", id: "paypal" });
    rejects(request({ location: "moon" }), "unknown-id", { field: "location", id: "moon" });
  });

  it("refuses malformed shapes with invalid-input naming the field", () => {
    rejects(request({ meetingDays: undefined, enrollmentRows: [{ meetingDays: ["funday" as never] }] } as never), "invalid-input", {
      field: "enrollmentRows[0].meetingDays",
    });
    rejects(request({ rowsCombine: "xor" as never }), "invalid-input", { field: "rowsCombine" });
    rejects(request({ outstandingOnly: "yes" as never }), "invalid-input", { field: "outstandingOnly" });
    rejects(request({ familyKeywords: "VIP" as never }), "invalid-input", { field: "familyKeywords" });
    rejects(request({ studentKeywords: [""] }), "invalid-input", { field: "studentKeywords" });
    rejects(request({ location: undefined as never }), "invalid-input", { field: "location" });
    const tooMany = Array.from({ length: MAX_ENROLLMENT_ROWS + 1 }, () => ({ classIds: ["A"] }));
    rejects(request({ enrollmentRows: tooMany }), "invalid-input", { field: "enrollmentRows" });
  });
});

import { expect } from "chai";
import fc from "fast-check";
import { add, money, multiply, toAmountString, zero } from "../../../packages/core/src/money.js";
import { errorOf } from "../fixtures.js";

describe("money: multiply by a whole number", () => {
  it("multiplies exactly in every currency's minor unit", () => {
    expect(toAmountString(multiply(money("0.10", "USD"), 3))).to.equal("0.30");
    expect(toAmountString(multiply(money("19.99", "USD"), 400_000))).to.equal("7996000.00");
    expect(toAmountString(multiply(money("1.005", "KWD"), 3))).to.equal("3.015");
    expect(toAmountString(multiply(money("1200", "JPY"), 0))).to.equal("0");
    expect(toAmountString(multiply(money("-2.50", "EUR"), -4))).to.equal("10.00");
    expect(toAmountString(multiply(money("999999999999.99", "USD"), Number.MAX_SAFE_INTEGER))).to.equal("9007199254740900928007452590.09");
    expect(multiply(money("5.00", "EUR"), 2).currency).to.equal("EUR");
  });

  it("equals repeated addition", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 60 }), (cents, factor) => {
        const unit = money((cents / 100).toFixed(2), "USD");
        let total = zero("USD");
        for (let i = 0; i < factor; i++) total = add(total, unit);
        expect(toAmountString(multiply(unit, factor))).to.equal(toAmountString(total));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a factor that is not a safe integer (invalid-input)", () => {
    for (const factor of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "3" as unknown as number]) {
      expect(errorOf(() => multiply(money("1.00", "USD"), factor)).code, String(factor)).to.equal("invalid-input");
    }
  });
});

import { expect } from "chai";
import {
  abs,
  add,
  compare,
  equals,
  greaterThan,
  isNegative,
  isPositive,
  isZero,
  lessThan,
  type Money,
  max,
  min,
  money,
  subtract,
  sum,
  toAmountString,
  toMinorUnits,
} from "../../../packages/core/src/money.js";
import { errorOf } from "../fixtures.js";

const usd = (amount: string) => money(amount, "USD");

describe("money: exact arithmetic (§1)", () => {
  it("adds 0.10 and 0.20 to exactly 0.30, with no float error (§1)", () => {
    const total = add(usd("0.1"), usd("0.2"));
    expect(toAmountString(total)).to.equal("0.30");
    expect(equals(total, usd("0.30"))).to.equal(true);
  });

  it("sums ten dimes to exactly 1.00 and a hundred cents to exactly 1.00 (§1)", () => {
    expect(
      toAmountString(
        sum(
          Array.from({ length: 10 }, () => usd("0.10")),
          "USD",
        ),
      ),
    ).to.equal("1.00");
    expect(
      toAmountString(
        sum(
          Array.from({ length: 100 }, () => usd("0.01")),
          "USD",
        ),
      ),
    ).to.equal("1.00");
  });

  it("sums an empty list to zero in the given currency (§1)", () => {
    expect(toAmountString(sum([], "KWD"))).to.equal("0.000");
    expect(toAmountString(sum([], "JPY"))).to.equal("0");
  });

  it("subtracts exactly, down to negative results when asked (§1)", () => {
    expect(toAmountString(subtract(usd("1.00"), usd("0.99")))).to.equal("0.01");
    expect(toAmountString(subtract(usd("0.30"), usd("0.10")))).to.equal("0.20");
    expect(toAmountString(subtract(usd("5"), usd("7.25")))).to.equal("-2.25");
    expect(toAmountString(subtract(money("1.250", "KWD"), money("0.001", "KWD")))).to.equal("1.249");
  });

  it("keeps 12-digit amounts exact where a float would lose cents (§1)", () => {
    expect(toAmountString(add(usd("999999999999.99"), usd("0.01")))).to.equal("1000000000000.00");
    expect(toAmountString(subtract(usd("123456789012.34"), usd("0.01")))).to.equal("123456789012.33");
  });

  it("refuses arithmetic across two currencies with currency-mismatch when the types cannot tell (§1)", () => {
    // Currencies only known at run time (read from data) are plain strings to TypeScript.
    const dollar: Money = usd("1.00");
    const eur: Money = money("1.00", "EUR");
    for (const action of [
      () => add(dollar, eur),
      () => subtract(dollar, eur),
      () => compare(dollar, eur),
      () => min(dollar, eur),
      () => max(dollar, eur),
      () => sum([dollar, eur], "USD"),
      () => sum([eur], "USD"),
    ]) {
      const error = errorOf(action);
      expect(error.code).to.equal("currency-mismatch");
    }
    expect(errorOf(() => add(dollar, eur)).details).to.include({ left: "USD", right: "EUR" });
  });

  it("compares amounts by value, not by how they were written (§1)", () => {
    expect(compare(usd("1.5"), usd("1.50"))).to.equal(0);
    expect(compare(usd("1.49"), usd("1.5"))).to.equal(-1);
    expect(compare(usd("10"), usd("9.99"))).to.equal(1);
    expect(compare(usd("-0.01"), usd("0"))).to.equal(-1);
    expect(lessThan(usd("0.01"), usd("0.02"))).to.equal(true);
    expect(lessThan(usd("0.02"), usd("0.02"))).to.equal(false);
    expect(greaterThan(usd("0.02"), usd("0.01"))).to.equal(true);
    expect(greaterThan(usd("0.02"), usd("0.02"))).to.equal(false);
  });

  it("takes min and max exactly (§1)", () => {
    expect(toAmountString(min(usd("3.10"), usd("3.09")))).to.equal("3.09");
    expect(toAmountString(max(usd("3.10"), usd("3.09")))).to.equal("3.10");
    expect(toAmountString(min(usd("-1"), usd("0")))).to.equal("-1.00");
    expect(toAmountString(max(money("0.001", "KWD"), money("0", "KWD")))).to.equal("0.001");
  });

  it("tells zero, positive and negative apart (§1)", () => {
    expect([isZero(usd("0")), isPositive(usd("0")), isNegative(usd("0"))]).to.deep.equal([true, false, false]);
    expect([isZero(usd("-0")), isPositive(usd("-0")), isNegative(usd("-0"))]).to.deep.equal([true, false, false]);
    expect([isZero(usd("0.01")), isPositive(usd("0.01")), isNegative(usd("0.01"))]).to.deep.equal([false, true, false]);
    expect([isZero(usd("-0.01")), isPositive(usd("-0.01")), isNegative(usd("-0.01"))]).to.deep.equal([false, false, true]);
    expect(toAmountString(abs(usd("-4.20")))).to.equal("4.20");
  });

  it("gives integer minor units for gateways: 1250 for USD 12.50, 1200 for JPY 1200, 1250 for KWD 1.250 (§1)", () => {
    expect(toMinorUnits(usd("12.50"))).to.equal("1250");
    expect(toMinorUnits(usd("0.07"))).to.equal("7");
    expect(toMinorUnits(usd("0"))).to.equal("0");
    expect(toMinorUnits(money("1200", "JPY"))).to.equal("1200");
    expect(toMinorUnits(money("1.25", "KWD"))).to.equal("1250");
    expect(toMinorUnits(usd("999999999999.99"))).to.equal("99999999999999");
    expect(toMinorUnits(usd("-3.05"))).to.equal("-305");
  });
});

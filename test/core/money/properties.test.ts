import { expect } from "chai";
import fc from "fast-check";
import {
  add,
  compare,
  equals,
  max,
  min,
  money,
  parseMoney,
  subtract,
  sum,
  toAmountString,
  toMinorUnits,
} from "../../../packages/core/src/money.js";
import { formatMoney, parseLocalizedMoney } from "../../../packages/core/src/money-format.js";
import { amountString, CURRENCIES, currencyAndAmount, FRACTION_DIGITS, LOCALES, type TestCurrency } from "./arbitraries.js";

const RUNS = { numRuns: 1000 };

/** Three amounts in one currency. */
const triple = fc
  .constantFrom(...CURRENCIES)
  .chain((currency) => fc.tuple(fc.constant(currency), amountString(currency, { sign: "any" }), amountString(currency, { sign: "any" })));

describe("money: properties (§1)", () => {
  it("parses any hand-written form of an amount to its one canonical string (§1)", () => {
    const written = fc.constantFrom(...CURRENCIES).chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        whole: fc.stringMatching(/^[1-9]\d{0,11}$/),
        fraction: fc.stringMatching(new RegExp(`^\\d{0,${FRACTION_DIGITS[currency]}}$`)),
        zeros: fc.nat({ max: 3 }),
        plus: fc.boolean(),
        spaces: fc.boolean(),
        zeroWhole: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(written, ({ currency, whole, fraction, zeros, plus, spaces, zeroWhole }) => {
        const digits = FRACTION_DIGITS[currency];
        const integer = zeroWhole ? "0" : whole;
        let text = `${"0".repeat(zeros)}${integer}${fraction === "" ? "" : `.${fraction}`}`;
        if (plus) text = `+${text}`;
        if (spaces) text = ` ${text}\t`;
        const expected = digits === 0 ? integer : `${integer}.${fraction.padEnd(digits, "0")}`;
        const canonical = toAmountString(parseMoney(text, currency));
        expect(canonical).to.equal(expected);
        expect(toAmountString(parseMoney(canonical, currency))).to.equal(canonical);
      }),
      RUNS,
    );
  });

  it("reads back what formatMoney printed, in every currency and locale: parse ∘ format = identity (§1)", () => {
    fc.assert(
      fc.property(currencyAndAmount("any"), fc.constantFrom(...LOCALES), ({ currency, amount }, locale) => {
        const m = money(amount, currency);
        const printed = formatMoney(m, locale);
        const back = parseLocalizedMoney(printed, currency, locale, "any");
        expect(back.currency).to.equal(currency);
        expect(toAmountString(back), `${locale} ${currency} ${JSON.stringify(printed)}`).to.equal(amount);
        expect(equals(back, m)).to.equal(true);
      }),
      RUNS,
    );
  });

  it("makes subtract the exact inverse of add, and add of subtract (§1)", () => {
    fc.assert(
      fc.property(triple, ([currency, a, b]) => {
        const x = money(a, currency);
        const y = money(b, currency);
        expect(toAmountString(subtract(add(x, y), y))).to.equal(a);
        expect(toAmountString(add(subtract(x, y), y))).to.equal(a);
        expect(toAmountString(add(x, y))).to.equal(toAmountString(add(y, x)));
      }),
      RUNS,
    );
  });

  it("sums to the same exact total in any order (§1)", () => {
    const listAndOrder = fc
      .constantFrom<TestCurrency>(...CURRENCIES)
      .chain((currency) =>
        fc
          .array(amountString(currency, { sign: "any" }), { maxLength: 25 })
          .chain((items) => fc.tuple(fc.constant(currency), fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))),
      );
    fc.assert(
      fc.property(listAndOrder, ([currency, items, shuffled]) => {
        const total = sum(
          items.map((a) => money(a, currency)),
          currency,
        );
        const again = sum(
          shuffled.map((a) => money(a, currency)),
          currency,
        );
        const folded = items.reduceRight((acc, a) => add(money(a, currency), acc), money("0", currency));
        expect(toAmountString(again)).to.equal(toAmountString(total));
        expect(toAmountString(folded)).to.equal(toAmountString(total));
      }),
      RUNS,
    );
  });

  it("orders amounts consistently: compare, min and max agree (§1)", () => {
    fc.assert(
      fc.property(triple, ([currency, a, b]) => {
        const x = money(a, currency);
        const y = money(b, currency);
        expect(compare(x, y)).to.equal(-compare(y, x));
        expect(compare(min(x, y), max(x, y))).to.be.at.most(0);
        expect([toAmountString(min(x, y)), toAmountString(max(x, y))].sort()).to.deep.equal([a, b].sort());
      }),
      RUNS,
    );
  });

  it("converts to integer minor units without losing a digit (§1)", () => {
    fc.assert(
      fc.property(currencyAndAmount("any"), ({ currency, amount }) => {
        const expected = amount.replace(".", "").replace(/^(-?)0+(?=\d)/, "$1");
        expect(toMinorUnits(money(amount, currency))).to.equal(expected === "-0" ? "0" : expected);
      }),
      RUNS,
    );
  });
});

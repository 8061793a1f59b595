import { expect } from "chai";
import type { CreditKitError, CreditKitErrorCode } from "../../../packages/core/src/errors.js";
import {
  type AmountSign,
  fromAmountString,
  MAX_INTEGER_DIGITS,
  minorUnit,
  money,
  parseMoney,
  toAmountString,
  zero,
} from "../../../packages/core/src/money.js";
import { errorOf } from "../fixtures.js";

function rejects(input: unknown, currency: string, code: CreditKitErrorCode, sign: AmountSign = "non-negative"): CreditKitError {
  const error = errorOf(() => parseMoney(input, currency, sign));
  expect(error.code, `parseMoney(${typeof input === "string" ? JSON.stringify(input) : String(input)}, ${currency}, ${sign})`).to.equal(
    code,
  );
  expect(error.message).to.be.a("string").and.not.equal("");
  return error;
}

describe("money: parsing and validation (§1)", () => {
  describe("minor units come from Intl", () => {
    it("gives USD 2, JPY 0 and KWD 3 fraction digits (§1)", () => {
      expect(minorUnit("USD")).to.equal(2);
      expect(minorUnit("JPY")).to.equal(0);
      expect(minorUnit("KWD")).to.equal(3);
      expect(minorUnit("EUR")).to.equal(2);
    });

    it("serialises canonical strings with exactly the currency's fraction digits: 12.50, 1200, 1.250 (§1)", () => {
      expect(toAmountString(parseMoney("12.5", "USD"))).to.equal("12.50");
      expect(toAmountString(parseMoney("1200", "JPY"))).to.equal("1200");
      expect(toAmountString(parseMoney("1.25", "KWD"))).to.equal("1.250");
      expect(toAmountString(parseMoney("0", "USD"))).to.equal("0.00");
      expect(toAmountString(parseMoney(".5", "USD"))).to.equal("0.50");
      expect(toAmountString(parseMoney("007.10", "USD"))).to.equal("7.10");
      expect(toAmountString(parseMoney(" 3 ", "KWD"))).to.equal("3.000");
      expect(toAmountString(parseMoney("-0.05", "USD", "any"))).to.equal("-0.05");
      expect(toAmountString(parseMoney("-0", "USD"))).to.equal("0.00");
      expect(toAmountString(zero("KWD"))).to.equal("0.000");
    });

    it("keeps the largest allowed amount exact to the last minor unit (§1)", () => {
      const largest = `${"9".repeat(MAX_INTEGER_DIGITS)}.99`;
      expect(toAmountString(parseMoney(largest, "USD"))).to.equal(largest);
      expect(toAmountString(parseMoney("999999999999.999", "KWD"))).to.equal("999999999999.999");
    });

    it("round-trips a canonical string through fromAmountString (§1)", () => {
      for (const [text, currency] of [
        ["12.50", "USD"],
        ["1200", "JPY"],
        ["1.250", "KWD"],
        ["-3.10", "EUR"],
      ] as const) {
        expect(toAmountString(fromAmountString(text, currency))).to.equal(text);
      }
    });
  });

  describe("rejections, each with its own code", () => {
    it("rejects an empty amount with amount-required (§1)", () => {
      rejects("", "USD", "amount-required");
      rejects("   ", "USD", "amount-required");
    });

    it("rejects non-numeric text with invalid-amount (§1)", () => {
      for (const input of ["abc", "12.5.0", "1,000", "$5", "12 50", "--1", "1.", "0x10", "١٢"]) rejects(input, "USD", "invalid-amount");
    });

    it("rejects a JS number instead of a string with invalid-amount (§1)", () => {
      rejects(12.5, "USD", "invalid-amount");
      rejects(0.1, "USD", "invalid-amount");
      rejects(null, "USD", "invalid-amount");
      rejects(undefined, "USD", "invalid-amount");
      rejects(10n, "USD", "invalid-amount");
    });

    it("rejects NaN and Infinity with not-finite (§1)", () => {
      for (const input of ["NaN", "nan", "Infinity", "-Infinity", "+Infinity", "inf", "∞"]) rejects(input, "USD", "not-finite", "any");
    });

    it("rejects exponent forms like 1e5 with exponent-not-allowed (§1)", () => {
      for (const input of ["1e5", "1E5", "1.5e2", "2e-2", "-1e3", ".5e1"]) rejects(input, "USD", "exponent-not-allowed", "any");
    });

    it("rejects a negative amount where a non-negative one is required with negative-amount (§1)", () => {
      const error = rejects("-1.00", "USD", "negative-amount");
      expect(error.details.input).to.equal("-1.00");
      rejects("-0.01", "USD", "negative-amount", "positive");
    });

    it("rejects zero where a positive amount is required with zero-amount (§1)", () => {
      rejects("0", "USD", "zero-amount", "positive");
      rejects("0.00", "USD", "zero-amount", "positive");
      rejects("-0", "USD", "zero-amount", "positive");
      expect(toAmountString(parseMoney("0.00", "USD", "non-negative"))).to.equal("0.00");
    });

    it("rejects an amount with more fraction digits than the currency allows, never rounding it (§1)", () => {
      const usd = rejects("1.234", "USD", "too-many-decimals");
      expect(usd.details).to.include({ currency: "USD", maxDecimals: 2 });
      expect(usd.message).to.equal("USD amounts have at most 2 decimal places.");
      const jpy = rejects("1.5", "JPY", "too-many-decimals");
      expect(jpy.message).to.equal("JPY amounts are whole numbers: no decimal places.");
      rejects("1.0", "JPY", "too-many-decimals");
      const kwd = rejects("1.2345", "KWD", "too-many-decimals");
      expect(kwd.details).to.include({ maxDecimals: 3 });
    });

    it("rejects an absurdly large amount with amount-too-large (§1)", () => {
      rejects(`1${"0".repeat(MAX_INTEGER_DIGITS)}`, "USD", "amount-too-large");
      rejects("99999999999999999999999999.00", "USD", "amount-too-large");
      rejects(`-1${"0".repeat(MAX_INTEGER_DIGITS)}`, "USD", "amount-too-large", "any");
      // Leading zeros are not size.
      expect(toAmountString(parseMoney(`0000${"9".repeat(MAX_INTEGER_DIGITS)}`, "JPY"))).to.equal("9".repeat(MAX_INTEGER_DIGITS));
    });

    it("rejects an unknown or lower-case currency code with unknown-currency (§1)", () => {
      for (const currency of ["XYZ", "usd", "US", "USDX", ""]) {
        const error = rejects("1.00", currency, "unknown-currency");
        expect(error.details.currency).to.equal(currency);
      }
      expect(errorOf(() => zero("XYZ")).code).to.equal("unknown-currency");
      expect(errorOf(() => minorUnit("usd")).code).to.equal("unknown-currency");
    });

    it("rejects a percentage like 10% with percent-not-supported: credits are fixed amounts (§1)", () => {
      rejects("10%", "USD", "percent-not-supported", "positive");
      rejects("12.5 %", "USD", "percent-not-supported", "positive");
    });

    it("accepts what money() is given only when it is valid, whatever the sign (§1)", () => {
      expect(toAmountString(money("-2.5", "USD"))).to.equal("-2.50");
      expect(errorOf(() => money("1.001", "USD")).code).to.equal("too-many-decimals");
    });
  });
});

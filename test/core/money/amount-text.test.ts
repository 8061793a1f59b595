/**
 * The decimal-free display path (`amount-text.ts`) must agree with the
 * decimal one (`formatMoney`, `parseMoney`) on every amount it accepts, and
 * refuse (with `undefined`) what `parseMoney` refuses.
 */
import { currencyDigits, formatMoney, parseMoney, showAmountText, signOfAmountText } from "@creditkit/core";
import { expect } from "chai";
import fc from "fast-check";
import { CURRENCIES, FRACTION_DIGITS, fromMinor, LOCALES } from "./arbitraries.js";

describe("amounts shown without a decimal library", () => {
  it("knows each currency's fraction digits from Intl, and no digits for an unknown code", () => {
    for (const currency of CURRENCIES) expect(currencyDigits(currency)).to.equal(FRACTION_DIGITS[currency]);
    expect(currencyDigits("XYZ")).to.equal(undefined);
    expect(currencyDigits("usd")).to.equal(undefined);
  });

  it("formats exactly what formatMoney formats, in every locale, up to 12 whole digits", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...LOCALES),
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        (currency, locale, minor) => {
          const text = fromMinor(minor, FRACTION_DIGITS[currency]);
          if ((text.replace(/^-/, "").split(".")[0] ?? "").length > 12) return;
          expect(showAmountText(text, currency, locale)).to.equal(formatMoney(parseMoney(text, currency, "any"), locale));
          expect(signOfAmountText(text, currency)).to.equal(minor > 0n ? "positive" : minor < 0n ? "negative" : "zero");
        },
      ),
    );
  });

  it("keeps digits a float would lose", () => {
    expect(showAmountText("999999999999.99", "USD", "en-US")).to.equal("$999,999,999,999.99");
    expect(showAmountText("0.10", "USD", "en-US")).to.equal("$0.10");
  });

  it("reads what parseMoney reads: spaces around, a plus sign, a bare fraction, leading zeros; zero without a sign", () => {
    for (const text of [" 20.00 ", "+5", ".5", "0000000000001.00", "-0.00", "-0", "0"]) {
      expect(showAmountText(text, "USD", "en-US"), text).to.equal(formatMoney(parseMoney(text, "USD", "any"), "en-US"));
    }
    expect(signOfAmountText("-0.00", "USD")).to.equal("zero");
    expect(showAmountText("-0.00", "USD", "en-US")).to.equal("$0.00");
  });

  it("refuses what parseMoney refuses, without throwing", () => {
    for (const [text, currency] of [
      ["12.505", "USD"],
      ["12.5", "JPY"],
      ["1e3", "USD"],
      ["NaN", "USD"],
      ["12,50", "USD"],
      ["<b>1</b>", "USD"],
      ["", "USD"],
      ["1234567890123", "USD"],
      [".", "USD"],
      ["-", "USD"],
      ["1.", "USD"],
      ["12.50", "XYZ"],
    ] as const) {
      expect(signOfAmountText(text, currency), text).to.equal(undefined);
      expect(showAmountText(text, currency, "en-US"), text).to.equal(undefined);
      expect(() => parseMoney(text, currency, "any"), text).to.throw();
    }
    expect(showAmountText(12.5, "USD", "en-US")).to.equal(undefined);
    expect(showAmountText("12.50", "USD", "not a locale!")).to.equal(undefined);
  });
});

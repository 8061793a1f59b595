import { expect } from "chai";
import { add, money, toAmountString } from "../../../packages/core/src/money.js";
import { formatMoney, parseLocalizedMoney } from "../../../packages/core/src/money-format.js";
import { errorOf } from "../fixtures.js";

/** What the platform's Intl prints, for strings whose spaces and symbols vary by ICU version. */
const intl = (locale: string, currency: string, amount: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount as Intl.StringNumericLiteral);

const parsed = (input: string, currency: string, locale: string) => toAmountString(parseLocalizedMoney(input, currency, locale, "any"));

describe("money: formatting for people (§1)", () => {
  it("formats USD 1234.50 as $1,234.50 in en-US (§1)", () => {
    expect(formatMoney(money("1234.5", "USD"), "en-US")).to.equal("$1,234.50");
    expect(formatMoney(money("0", "USD"), "en-US")).to.equal("$0.00");
    expect(formatMoney(money("-2.25", "USD"), "en-US")).to.equal("-$2.25");
  });

  it("prints the exact decimal, never a float: 0.10 + 0.20 is $0.30 and a 12-digit amount keeps its cents (§1)", () => {
    expect(formatMoney(add(money("0.10", "USD"), money("0.20", "USD")), "en-US")).to.equal("$0.30");
    expect(formatMoney(money("999999999999.99", "USD"), "en-US")).to.equal("$999,999,999,999.99");
    expect(formatMoney(money("123456789012.345", "KWD"), "en-US")).to.match(/^KWD\s123,456,789,012\.345$/u);
  });

  it("formats EUR in de-DE with a dot for thousands and a comma for decimals (§1)", () => {
    const text = formatMoney(money("1234.50", "EUR"), "de-DE");
    expect(text).to.match(/^1\.234,50\s€$/u);
    expect(text).to.equal(intl("de-DE", "EUR", "1234.50"));
  });

  it("formats JPY in ja-JP with no decimals (§1)", () => {
    const text = formatMoney(money("1200", "JPY"), "ja-JP");
    expect(text).to.match(/^[¥￥]1,200$/u);
    expect(text).to.equal(intl("ja-JP", "JPY", "1200"));
    expect(formatMoney(money("1200", "JPY"), "en-US")).to.equal("¥1,200");
  });

  it("formats KWD with three decimals (§1)", () => {
    expect(formatMoney(money("1.25", "KWD"), "en-US")).to.match(/^KWD\s1\.250$/u);
    expect(formatMoney(money("1234.5", "KWD"), "de-DE")).to.match(/^1\.234,500\sKWD$/u);
    expect(formatMoney(money("1.25", "KWD"), "ar-EG")).to.equal(intl("ar-EG", "KWD", "1.250"));
  });

  it("formats EUR in fr-FR with the locale's own (narrow) no-break space (§1)", () => {
    const text = formatMoney(money("1234.5", "EUR"), "fr-FR");
    expect(text).to.match(/^1\s234,50\s€$/u);
    expect(text).to.equal(intl("fr-FR", "EUR", "1234.50"));
  });
});

describe("money: parsing what people type in their locale (§1)", () => {
  it("reads en-US text: $1,234.50, 1234.5 and 0.99 (§1)", () => {
    expect(parsed("$1,234.50", "USD", "en-US")).to.equal("1234.50");
    expect(parsed("1234.5", "USD", "en-US")).to.equal("1234.50");
    expect(parsed(" $0.99 ", "USD", "en-US")).to.equal("0.99");
    expect(parsed("-$2.25", "USD", "en-US")).to.equal("-2.25");
    expect(parsed("¥1,200", "JPY", "en-US")).to.equal("1200");
  });

  it("reads full-width digits as typed with a Japanese input method: １０００, ￥１，０００ and １２．５０ (issue #16)", () => {
    expect(toAmountString(parseLocalizedMoney("１０００", "JPY", "ja-JP"))).to.equal("1000");
    expect(toAmountString(parseLocalizedMoney("￥１，０００", "JPY", "ja-JP"))).to.equal("1000");
    expect(toAmountString(parseLocalizedMoney("１２．５０", "USD", "ja-JP"))).to.equal("12.50");
    expect(toAmountString(parseLocalizedMoney("１２．５０", "USD", "en-US"))).to.equal("12.50");
    expect(errorOf(() => parseLocalizedMoney("１２．５０５", "USD", "en-US")).code).to.equal("too-many-decimals");
  });

  it("reads de-DE text: 1.234,50 € and 12,5 (§1)", () => {
    expect(parsed("1.234,50 €", "EUR", "de-DE")).to.equal("1234.50");
    expect(parsed("1.234,50\u00a0€", "EUR", "de-DE")).to.equal("1234.50");
    expect(parsed("12,5", "EUR", "de-DE")).to.equal("12.50");
    expect(parsed("1.234,5 KWD", "KWD", "de-DE")).to.equal("1234.500");
  });

  it("reads fr-FR text with a narrow no-break space, a no-break space or a plain space for thousands (§1)", () => {
    expect(parsed("1\u202f234,50\u00a0€", "EUR", "fr-FR")).to.equal("1234.50");
    expect(parsed("1\u00a0234,50 €", "EUR", "fr-FR")).to.equal("1234.50");
    expect(parsed("1 234,50", "EUR", "fr-FR")).to.equal("1234.50");
  });

  it("reads ar-EG text in Arabic-Indic digits with the Arabic separators (§1)", () => {
    expect(parsed("١٬٢٣٤٫٥٠ US$", "USD", "ar-EG")).to.equal("1234.50");
    expect(parsed("\u200f١٬٢٣٤٫٥٠\u00a0US$", "USD", "ar-EG")).to.equal("1234.50");
    expect(parsed("٠٫٩٩", "USD", "ar-EG")).to.equal("0.99");
    expect(parsed(formatMoney(money("1.25", "KWD"), "ar-EG"), "KWD", "ar-EG")).to.equal("1.250");
  });

  it("reads en-IN lakh grouping: $12,34,567.50 (§1)", () => {
    expect(parsed("$12,34,567.50", "USD", "en-IN")).to.equal("1234567.50");
  });

  it("refuses a separator in the wrong place instead of silently changing the amount (§1)", () => {
    // In de-DE "." groups thousands: "12.50" must not become 1250.00.
    expect(errorOf(() => parseLocalizedMoney("12.50", "EUR", "de-DE")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney("1.5", "JPY", "de-DE")).code).to.equal("invalid-amount");
    // In en-US "," groups thousands: "1,5" must not become 15.00.
    expect(errorOf(() => parseLocalizedMoney("1,5", "USD", "en-US")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney("1.2,3", "USD", "en-US")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney(",123", "USD", "en-US")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney("12.50", "EUR", "fr-FR")).code).to.equal("invalid-amount");
  });

  it("applies every §1 rejection to localized input too (§1)", () => {
    expect(errorOf(() => parseLocalizedMoney("", "USD", "en-US")).code).to.equal("amount-required");
    expect(errorOf(() => parseLocalizedMoney("$", "USD", "en-US")).code).to.equal("amount-required");
    expect(errorOf(() => parseLocalizedMoney("ten dollars", "USD", "en-US")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney(12.5, "USD", "en-US")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney("10%", "USD", "en-US", "positive")).code).to.equal("percent-not-supported");
    expect(errorOf(() => parseLocalizedMoney("$1.234", "USD", "en-US")).code).to.equal("too-many-decimals");
    expect(errorOf(() => parseLocalizedMoney("1,5 ¥", "JPY", "de-DE")).code).to.equal("invalid-amount");
    expect(errorOf(() => parseLocalizedMoney("-$5.00", "USD", "en-US")).code).to.equal("negative-amount");
    expect(errorOf(() => parseLocalizedMoney("$0.00", "USD", "en-US", "positive")).code).to.equal("zero-amount");
    expect(errorOf(() => parseLocalizedMoney("1e5", "USD", "en-US")).code).to.equal("exponent-not-allowed");
    expect(errorOf(() => parseLocalizedMoney("1 234,50 €", "XYZ", "fr-FR")).code).to.equal("unknown-currency");
    expect(errorOf(() => parseLocalizedMoney("$1,000,000,000,000.00", "USD", "en-US")).code).to.equal("amount-too-large");
  });
});

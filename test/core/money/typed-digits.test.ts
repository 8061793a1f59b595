/**
 * Amounts typed in other digits (issue #16): full-width digits from a
 * Japanese, Chinese or Korean input method, Arabic-Indic digits with the
 * Arabic decimal separator ٫, and Extended Arabic-Indic (Persian) digits are
 * read by `parseLocalizedMoney` — the path for what a person types — in any
 * locale. Canonical strings (`parseMoney`, the ledger) stay ASCII-strict.
 */
import { expect } from "chai";
import fc from "fast-check";
import { type CreditKitError, isCreditKitError } from "../../../packages/core/src/errors.js";
import { parseMoney, toAmountString } from "../../../packages/core/src/money.js";
import { parseLocalizedMoney } from "../../../packages/core/src/money-format.js";
import { errorOf, journalWith, openFamily } from "../fixtures.js";

/** ASCII digits (and ".") written full-width: "12.50" → "１２．５０". */
const fullWidth = (text: string): string => text.replace(/[\x21-\x7e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x21 + 0xff01));
/** ASCII digits in Arabic-Indic, "." as U+066B: "123.50" → "١٢٣٫٥٠". */
const arabicIndic = (text: string): string =>
  text.replace(/[0-9.]/g, (ch) => (ch === "." ? "\u066b" : String.fromCharCode(0x0660 + Number(ch))));
/** ASCII digits in Extended Arabic-Indic (Persian), "." as U+066B: "123.50" → "۱۲۳٫۵۰". */
const persian = (text: string): string =>
  text.replace(/[0-9.]/g, (ch) => (ch === "." ? "\u066b" : String.fromCharCode(0x06f0 + Number(ch))));

const read = (input: string, currency: string, locale?: string): string => toAmountString(parseLocalizedMoney(input, currency, locale));

/** The amount text, or the error code: what a person sees either way. */
function outcome(input: string, currency: string, locale: string): string {
  try {
    return read(input, currency, locale);
  } catch (error) {
    if (isCreditKitError(error)) return `error:${error.code}`;
    throw error;
  }
}

describe("money: amounts typed in full-width and Arabic-Indic digits (#16)", () => {
  it("reads full-width digits: １０００ is 1000.00 in USD, １２．５０ is 12.50, in en-US and ja-JP", () => {
    expect(read("１０００", "USD", "en-US")).to.equal("1000.00");
    expect(read("１０００", "USD", "ja-JP")).to.equal("1000.00");
    expect(read("１２．５０", "USD", "en-US")).to.equal("12.50");
    expect(read("１，２３４．５", "USD", "en-US")).to.equal("1234.50");
    expect(read("１０００", "JPY", "ja-JP")).to.equal("1000");
    expect(read("１０００", "USD")).to.equal("1000.00");
  });

  it("reads Arabic-Indic digits with ٫ as the decimal mark, in any locale: ١٢٣٫٥٠ is 123.50", () => {
    for (const locale of ["en-US", "de-DE", "fr-FR", "ja-JP", "ar-EG", "ar-SA", "fa-IR"]) {
      expect(read("١٢٣٫٥٠", "USD", locale), locale).to.equal("123.50");
      expect(read("١٠٠٠", "USD", locale), locale).to.equal("1000.00");
      expect(read("١٬٢٣٤٫٥", "USD", locale), locale).to.equal("1234.50");
    }
    // With the ASCII point, as an Arabic keyboard with Latin punctuation types it.
    expect(read("١٢٣.٥٠", "USD", "en-US")).to.equal("123.50");
    expect(read("٣", "KWD", "en-US")).to.equal("3.000");
  });

  it("reads Extended Arabic-Indic (Persian, Urdu) digits U+06F0–06F9 in any locale: ۱۲۳٫۵۰ is 123.50", () => {
    for (const locale of ["en-US", "de-DE", "fa-IR", "ur-PK"]) {
      expect(read("۱۲۳٫۵۰", "USD", locale), locale).to.equal("123.50");
      expect(read("۴۵۶۷۸۹", "JPY", locale), locale).to.equal("456789");
    }
  });

  it("refuses mixed garbage with the same typed error as its ASCII twin", () => {
    const cases: [string, string][] = [
      ["١٢x", "invalid-amount"],
      ["１２ａｂ", "invalid-amount"],
      ["١٫٢٫٣", "invalid-amount"],
      ["١٢٣٫٥٠٥", "too-many-decimals"],
      ["１２．５０５", "too-many-decimals"],
      ["۱e۵", "exponent-not-allowed"],
      ["１０％", "percent-not-supported"],
      ["-١٢", "negative-amount"],
      ["١٢٫٥٠.", "invalid-amount"],
      ["", "amount-required"],
    ];
    for (const [input, code] of cases) {
      const error: CreditKitError = errorOf(() => parseLocalizedMoney(input, "USD", "en-US"));
      expect(error.code, input).to.equal(code);
    }
    // A separator in the wrong place stays refused, not silently re-read: ٫ is de-DE's ",", so "١٬٥" (1.5 grouped) is refused.
    expect(errorOf(() => parseLocalizedMoney("١٬٥", "USD", "de-DE")).code).to.equal("invalid-amount");
  });

  it("gives the same amount or the same error for any text typed in ASCII, full-width or Arabic-Indic digits (property)", () => {
    const char = fc.constantFrom("0", "1", "2", "5", "9", ".", ".", "-", "e", "x", "%", " ");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), fc.constantFrom("USD", "JPY", "KWD"), (chars, currency) => {
        const ascii = chars.join("");
        const expected = outcome(ascii, currency, "en-US");
        expect(outcome(fullWidth(ascii), currency, "en-US"), `full-width ${ascii}`).to.equal(expected);
        expect(outcome(arabicIndic(ascii), currency, "en-US"), `Arabic-Indic ${ascii}`).to.equal(expected);
        expect(outcome(persian(ascii), currency, "en-US"), `Persian ${ascii}`).to.equal(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("reads any canonical amount written in the other digits as the amount itself (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), fc.constantFrom("en-US", "de-DE", "ar-EG", "ja-JP"), (cents, locale) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
        expect(read(arabicIndic(text), "USD", locale)).to.equal(text);
        expect(read(persian(text), "USD", locale)).to.equal(text);
        if (locale === "en-US" || locale === "ja-JP") expect(read(fullWidth(text), "USD", locale)).to.equal(text);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps canonical strings ASCII-strict: parseMoney and the ledger refuse other digits", () => {
    for (const input of ["１０００", "١٢٣٫٥٠", "۱۲۳", "١٢٣.٥٠"]) {
      expect(errorOf(() => parseMoney(input, "USD")).code, input).to.equal("invalid-amount");
    }
    const journal = journalWith({ autoApply: false });
    openFamily(journal);
    const error = errorOf(() =>
      journal.commit("fee-1", [
        {
          id: "fee-1",
          key: "fee-1",
          accountId: "fam-1",
          date: "2026-11-01",
          type: "Fee",
          amount: "１０.００",
          description: "Tuition",
          feeId: "fee-1",
          category: "Tuition",
          dueDate: "2026-11-15",
        },
      ]),
    );
    expect(error.code).to.equal("invalid-amount");
  });
});

describe("what typed digits are not", () => {
  it("reads no superscripts or circled numbers as digits (only full-width forms are folded)", () => {
    for (const input of ["5²", "①②", "1⁵⁰", "½"]) {
      expect(outcome(input, "USD", "en-US"), input).to.equal("error:invalid-amount");
    }
  });

  it("checks an Arabic thousands separator where it stands, also where the locale groups with a space", () => {
    for (const locale of ["fr-FR", "en-US", "ar-EG"]) {
      expect(outcome("١٬٥", "USD", locale), `${locale} ١٬٥`).to.equal("error:invalid-amount");
      expect(outcome("١٬٥٠", "USD", locale), `${locale} ١٬٥٠`).to.equal("error:invalid-amount");
      expect(outcome("1٬5", "USD", locale), `${locale} 1٬5`).to.equal("error:invalid-amount");
    }
    expect(outcome("١٬٢٣٤٫٥٠", "USD", "fr-FR")).to.equal("1234.50");
    expect(outcome("١٬٢٣٤٫٥٠", "USD", "en-US")).to.equal("1234.50");
  });
});

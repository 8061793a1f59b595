/** fast-check arbitraries for exact amounts, built from digit strings (never from floats). */
import fc from "fast-check";

export const CURRENCIES = ["USD", "JPY", "KWD", "EUR"] as const;
export type TestCurrency = (typeof CURRENCIES)[number];
export const LOCALES = ["en-US", "de-DE", "fr-FR", "ja-JP", "en-IN", "ar-EG"] as const;

/** The minor units §1 names, written down independently of Intl. */
export const FRACTION_DIGITS: Readonly<Record<TestCurrency, number>> = { USD: 2, JPY: 0, KWD: 3, EUR: 2 };

/** Writes an integer count of minor units as a canonical amount string ("1250" → "12.50" in USD). */
export function fromMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const body = digits === 0 ? whole : `${whole}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

/** Canonical amount strings in `currency`, from 0 up to 12 integer digits, small values favoured. */
export function amountString(
  currency: TestCurrency,
  options: { sign?: "non-negative" | "any"; maxMinor?: bigint } = {},
): fc.Arbitrary<string> {
  const digits = FRACTION_DIGITS[currency];
  const max = options.maxMinor ?? 10n ** BigInt(12 + digits) - 1n;
  const min = options.sign === "any" ? -max : 0n;
  const small = 10n ** BigInt(digits + 3);
  return fc
    .oneof(fc.bigInt({ min, max }), fc.bigInt({ min: min < -small ? -small : min, max: max < small ? max : small }))
    .map((minor) => fromMinor(minor, digits));
}

/** A currency together with an amount in it. */
export const currencyAndAmount = (sign: "non-negative" | "any" = "non-negative") =>
  fc.constantFrom(...CURRENCIES).chain((currency) => amountString(currency, { sign }).map((amount) => ({ currency, amount })));

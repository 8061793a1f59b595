/**
 * Exact money over decimal.js: parsing, validation, arithmetic, comparison and
 * formatting. The one place in the kit where amounts are computed.
 *
 * Amounts travel as canonical strings ("12.50" USD, "1200" JPY, "1.250" KWD);
 * inside a computation they are `Money` values holding a Decimal. No float
 * ever touches an amount.
 */
// The runtime's default export, and the class as a named type: a host compiling with moduleResolution
// nodenext reads decimal.js's types as CommonJS, where the default import is the module, not the class.

import type { Decimal } from "decimal.js";
import DecimalJs from "decimal.js";
import { assertInput, CreditKitError } from "./errors.js";

/** A Decimal constructor of our own, so a host's global Decimal settings cannot change our results. */
const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -45, toExpPos: 45 });

/** An ISO 4217 currency code, e.g. "USD". */
export type CurrencyCode = string;

/** An exact amount in a currency. Immutable; compare with the functions below, never with `===`. */
export interface Money<C extends CurrencyCode = CurrencyCode> {
  readonly currency: C;
  readonly amount: Decimal;
}

/** Which sign an input may have. */
export type AmountSign = "positive" | "non-negative" | "any";

/** Amounts with more than this many digits before the decimal point are refused as absurd. */
export const MAX_INTEGER_DIGITS = 12;

const minorUnitCache = new Map<string, number>();
let knownCurrencies: ReadonlySet<string> | undefined;

function supportedCurrencies(): ReadonlySet<string> {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies;
}

/**
 * The number of fraction digits of a currency (USD 2, JPY 0, KWD 3), taken
 * from the platform's Intl data. Throws `unknown-currency` for a code Intl does not know.
 */
export function minorUnit(currency: CurrencyCode): number {
  const cached = minorUnitCache.get(currency);
  if (cached !== undefined) return cached;
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency) || !supportedCurrencies().has(currency)) {
    throw new CreditKitError("unknown-currency", { currency: String(currency) });
  }
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  minorUnitCache.set(currency, digits);
  return digits;
}

const AMOUNT = /^([+-]?)(\d+(?:\.\d+)?|\.\d+)$/;
const EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;
const NON_FINITE = /^[+-]?(nan|inf|infinity|∞)$/i;

/**
 * Parses a canonical amount string ("12.50") in a currency, rejecting with a
 * typed error everything §1 lists: empty, non-numeric, NaN, Infinity, exponent
 * forms, a sign the caller does not allow, too many fraction digits, absurd
 * sizes, unknown currencies and percentages.
 */
export function parseMoney<C extends CurrencyCode>(input: unknown, currency: C, sign: AmountSign = "non-negative"): Money<C> {
  assertInput(sign === "non-negative" || sign === "positive" || sign === "any", "sign");
  if (typeof input === "string") {
    const hit = parsedAmounts.get(currency)?.get(input);
    // A text parsed before is the same amount again; the sign rule is checked on every call (a miss throws below).
    if (hit !== undefined && (sign === "any" || (hit.amount.s > 0 && (sign === "non-negative" || !hit.amount.isZero())))) {
      return hit as Money<C>;
    }
  }
  const digits = minorUnit(currency);
  if (typeof input !== "string") {
    throw new CreditKitError("invalid-amount", { received: typeof input, reason: "not-text" });
  }
  const text = input.trim();
  const match = AMOUNT.exec(text);
  if (!match) throw whyNotAnAmount(text);
  const body = match[2] ?? "";
  const dot = body.indexOf(".");
  const fractionDigits = dot < 0 ? 0 : body.length - dot - 1;
  if (fractionDigits > digits) {
    const reason = digits === 0 ? "whole-numbers" : digits === 1 ? "one-decimal" : undefined;
    throw new CreditKitError("too-many-decimals", { input: text, currency, maxDecimals: digits, ...(reason ? { reason } : {}) });
  }
  if (
    (dot < 0 ? body.length : dot) > MAX_INTEGER_DIGITS &&
    (dot < 0 ? body : body.slice(0, dot)).replace(/^0+/, "").length > MAX_INTEGER_DIGITS
  ) {
    throw new CreditKitError("amount-too-large", { input: text, maxIntegerDigits: MAX_INTEGER_DIGITS });
  }
  const amount = new Dec(text);
  const parsed: Money<C> = amount.isZero() ? zero(currency) : Object.freeze({ currency, amount });
  remember(input, parsed);
  if (amount.isZero()) {
    if (sign === "positive") throw new CreditKitError("zero-amount", { input: text });
    return parsed;
  }
  if (sign !== "any" && amount.isNegative()) throw new CreditKitError("negative-amount", { input: text });
  return parsed;
}

/**
 * Amounts parsed lately, by currency and exact input text. Ledgers repeat the
 * same few amounts ("20.00" dues on every invoice), and a Decimal parsed from
 * text is the costliest step of every read; the values are immutable, so a
 * text parsed once is shared. Bounded: cleared when full.
 */
const parsedAmounts = new Map<string, Map<string, Money>>();
const PARSED_AMOUNTS_LIMIT = 4096;
/** The canonical text of the shared (parsed-before and zero) Money values, written once each. */
const canonicalTexts = new WeakMap<Money, string>();

function remember<C extends CurrencyCode>(text: string, parsed: Money<C>): Money<C> {
  let byText = parsedAmounts.get(parsed.currency);
  if (!byText) {
    byText = new Map();
    parsedAmounts.set(parsed.currency, byText);
  }
  if (byText.size >= PARSED_AMOUNTS_LIMIT) byText.clear();
  byText.set(text, parsed);
  if (!canonicalTexts.has(parsed)) canonicalTexts.set(parsed, canonicalText(parsed));
  return parsed;
}

/** The typed error for a text that is not a plain amount. */
function whyNotAnAmount(text: string): CreditKitError {
  if (text === "") return new CreditKitError("amount-required");
  if (text.endsWith("%")) return new CreditKitError("percent-not-supported", { input: text });
  if (NON_FINITE.test(text)) return new CreditKitError("not-finite", { input: text });
  if (EXPONENT.test(text)) return new CreditKitError("exponent-not-allowed", { input: text });
  return new CreditKitError("invalid-amount", { input: text });
}

/** Shorthand for a trusted literal: `money("12.50", "USD")`. Still validated. */
export function money<C extends CurrencyCode>(amount: string, currency: C): Money<C> {
  return parseMoney(amount, currency, "any");
}

const zeros = new Map<string, Money>();

/** Zero in a currency. */
export function zero<C extends CurrencyCode>(currency: C): Money<C> {
  let found = zeros.get(currency);
  if (!found) {
    minorUnit(currency);
    found = Object.freeze({ currency, amount: new Dec(0) });
    zeros.set(currency, found);
    canonicalTexts.set(found, canonicalText(found));
  }
  return found as Money<C>;
}

/**
 * Throws `invalid-input` unless `m` is a Money value as this module makes
 * them (a currency code and a finite Decimal): a plain number or a
 * hand-made object never reaches the arithmetic.
 */
export function assertMoney(m: unknown): asserts m is Money {
  // This runs on every operation: a Decimal of ours passes on one property read (decimal.js sets its own constructor on each).
  if ((m as Money | null)?.amount?.constructor !== Dec) notMoney(m);
}

/** `assertMoney`'s slow path: a finite decimal.js value (from another copy of the kit) passes; anything else is refused. */
function notMoney(m: unknown): void {
  const amount = (m as Money | null)?.amount;
  assertInput(typeof (m as Money | null)?.currency === "string" && Dec.isDecimal(amount) && amount.isFinite(), "money");
}

function sameCurrency(a: Money, b: Money): void {
  assertMoney(a);
  assertMoney(b);
  if (a.currency !== b.currency) {
    throw new CreditKitError("currency-mismatch", { left: a.currency, right: b.currency });
  }
}

export function add<C extends CurrencyCode>(a: Money<C>, b: Money<C>): Money<C> {
  sameCurrency(a, b);
  return { currency: a.currency, amount: a.amount.plus(b.amount) };
}

export function subtract<C extends CurrencyCode>(a: Money<C>, b: Money<C>): Money<C> {
  sameCurrency(a, b);
  return { currency: a.currency, amount: a.amount.minus(b.amount) };
}

/**
 * `m` × `factor` for a whole-number factor such as a count of rows (never a
 * rate). Exact like `add`: a 15-digit amount times any safe integer has at
 * most 31 digits, well within the 40 kept. Throws `invalid-input` when
 * `factor` is not a safe integer.
 */
export function multiply<C extends CurrencyCode>(m: Money<C>, factor: number): Money<C> {
  assertMoney(m);
  assertInput(Number.isSafeInteger(factor), "factor", { reason: "whole-factor" });
  return { currency: m.currency, amount: m.amount.times(factor) };
}

/** Sums a list; an empty list sums to zero in `currency`. */
export function sum<C extends CurrencyCode>(items: Iterable<Money<C>>, currency: C): Money<C> {
  minorUnit(currency);
  assertInput(items !== null && typeof items === "object" && Symbol.iterator in items, "items");
  let total = new Dec(0);
  for (const item of items) {
    assertMoney(item);
    if (item.currency !== currency) sameCurrency({ currency, amount: total }, item);
    total = total.plus(item.amount);
  }
  return { currency, amount: total };
}

/** -1, 0 or 1. */
export function compare<C extends CurrencyCode>(a: Money<C>, b: Money<C>): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount.comparedTo(b.amount) as -1 | 0 | 1;
}

export function equals<C extends CurrencyCode>(a: Money<C>, b: Money<C>): boolean {
  return compare(a, b) === 0;
}

export function lessThan<C extends CurrencyCode>(a: Money<C>, b: Money<C>): boolean {
  return compare(a, b) < 0;
}

export function greaterThan<C extends CurrencyCode>(a: Money<C>, b: Money<C>): boolean {
  return compare(a, b) > 0;
}

export function min<C extends CurrencyCode>(a: Money<C>, b: Money<C>): Money<C> {
  return compare(a, b) <= 0 ? a : b;
}

export function max<C extends CurrencyCode>(a: Money<C>, b: Money<C>): Money<C> {
  return compare(a, b) >= 0 ? a : b;
}

export function isZero(m: Money): boolean {
  assertMoney(m);
  return m.amount.isZero();
}

export function isPositive(m: Money): boolean {
  assertMoney(m);
  return m.amount.isPositive() && !m.amount.isZero();
}

export function isNegative(m: Money): boolean {
  assertMoney(m);
  return m.amount.isNegative() && !m.amount.isZero();
}

/** The absolute value. */
export function abs<C extends CurrencyCode>(m: Money<C>): Money<C> {
  assertMoney(m);
  return { currency: m.currency, amount: m.amount.abs() };
}

/** The amount's digits split at the currency's minor unit, without sign: ["12", "50"] for USD 12.50. */
function fixedParts(m: Money): { negative: boolean; whole: string; fraction: string } {
  assertMoney(m);
  const digits = minorUnit(m.currency);
  // Amounts never carry more digits than the currency has (parsing refuses them; only + and − exist).
  const exact = m.amount.decimalPlaces() <= digits ? m.amount : m.amount.toDecimalPlaces(digits, DecimalJs.ROUND_DOWN);
  let text = exact.toString();
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  const dot = text.indexOf(".");
  const whole = dot < 0 ? text : text.slice(0, dot);
  const fraction = (dot < 0 ? "" : text.slice(dot + 1)).padEnd(digits, "0");
  return { negative: negative && !m.amount.isZero(), whole, fraction };
}

/** Integer minor units as a string ("1250" for USD 12.50), the form gateways take. */
export function toMinorUnits(m: Money): string {
  const { negative, whole, fraction } = fixedParts(m);
  const minor = `${whole}${fraction}`.replace(/^0+(?=\d)/, "");
  return negative ? `-${minor}` : minor;
}

/**
 * The canonical string of an amount: exactly the currency's fraction digits ("12.50", "1200", "1.250").
 * Digits beyond the currency's are cut (never happens: parsing refuses them; only + and − exist);
 * zero has no sign.
 */
export function toAmountString(m: Money): string {
  const known = canonicalTexts.get(m);
  if (known !== undefined) return known;
  // A computed amount equal to one parsed lately gets that one's text: a ledger
  // then keeps one "15.00" for every entry of 15.00, not a string each.
  const text = canonicalText(m);
  const shared = parsedAmounts.get(m.currency)?.get(text);
  return shared === undefined ? text : (canonicalTexts.get(shared) ?? text);
}

function canonicalText(m: Money): string {
  const { negative, whole, fraction } = fixedParts(m);
  const text = fraction === "" ? whole : `${whole}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** Converts a canonical amount string the kit wrote itself; still validated. */
export function fromAmountString<C extends CurrencyCode>(amount: string, currency: C): Money<C> {
  return parseMoney(amount, currency, "any");
}

/**
 * How the two balances of §2 are shown: Amount Due > 0 is *owed*, Account
 * Credit > 0 is *available*, a zero figure is *neutral*. The core returns the
 * state; the elements paint it.
 */
import { assertObject } from "../errors.js";
import type { CurrencyCode, Money } from "../money.js";
import { isPositive, parseMoney } from "../money.js";

/** The display state of Amount Due. */
export type DueDisplay = "owed" | "neutral";

/** The display state of Account Credit. */
export type CreditDisplay = "available" | "neutral";

/** The display state of an account's two balances. */
export interface BalanceDisplay {
  readonly due: DueDisplay;
  readonly credit: CreditDisplay;
}

/** The two balances of an account, as canonical amount strings (both ≥ 0). */
export interface BalanceFigures {
  readonly amountDue: string;
  readonly accountCredit: string;
  readonly currency: CurrencyCode;
}

/**
 * The display state of an account's balances (§2). Both figures must be valid
 * non-negative amounts in `currency`; anything else throws a CreditKitError
 * (`invalid-amount`, `negative-amount`, `too-many-decimals`, `unknown-currency` …;
 * `invalid-input` when `figures` is not an object).
 */
export function balanceDisplay(figures: BalanceFigures): BalanceDisplay {
  assertObject(figures, "figures");
  const due = parseMoney(figures.amountDue, figures.currency, "non-negative");
  const credit = parseMoney(figures.accountCredit, figures.currency, "non-negative");
  return displayOf(due, credit);
}

/** The display state of two balances already parsed (each ≥ 0). */
export function displayOf(due: Money, credit: Money): BalanceDisplay {
  return { due: isPositive(due) ? "owed" : "neutral", credit: isPositive(credit) ? "available" : "neutral" };
}

/** The one place that decides how credit is drawn from grants: oldest first. */
import { assertInput } from "../errors.js";
import { assertMoney, compare, isPositive, type Money, subtract, sum, toAmountString, zero } from "../money.js";
import type { GrantUse } from "./entries.js";

/** Credit a grant can still give. */
export interface CreditSource {
  readonly grantId: string;
  free: Money;
}

/**
 * Takes `amount` from `pool` (oldest grant first), lowering each source's
 * `free` in place, and returns what was taken from which grant. Takes less
 * when the pool holds less.
 */
export function drawCredit(pool: CreditSource[], amount: Money): GrantUse[] {
  assertInput(Array.isArray(pool), "pool");
  assertMoney(amount);
  const uses: GrantUse[] = [];
  let left = amount;
  for (const source of pool) {
    if (!isPositive(left)) break;
    assertInput(source !== null && typeof source === "object" && typeof source.grantId === "string", "pool");
    const free = source.free;
    if (!isPositive(free)) continue;
    // One comparison decides both rests: the side that is used up becomes a shared zero, no subtraction.
    const order = compare(free, left);
    const take = order <= 0 ? free : left;
    source.free = order <= 0 ? zero(free.currency) : subtract(free, left);
    left = order < 0 ? subtract(left, free) : zero(left.currency);
    uses.push({ grantId: source.grantId, amount: toAmountString(take) });
  }
  return uses;
}

/** What is left in a pool. */
export function poolTotal(pool: readonly CreditSource[], currency: string): Money {
  assertInput(Array.isArray(pool) && pool.every((s) => s !== null && typeof s === "object"), "pool");
  return sum(
    pool.map((s) => s.free),
    currency,
  );
}

/** The one place that decides how credit is drawn from grants: oldest first. */
import { isPositive, type Money, min, subtract, sum, toAmountString } from "../money.js";
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
  const uses: GrantUse[] = [];
  let left = amount;
  for (const source of pool) {
    if (!isPositive(left)) break;
    if (!isPositive(source.free)) continue;
    const take = min(source.free, left);
    source.free = subtract(source.free, take);
    left = subtract(left, take);
    uses.push({ grantId: source.grantId, amount: toAmountString(take) });
  }
  return uses;
}

/** What is left in a pool. */
export function poolTotal(pool: readonly CreditSource[], currency: string): Money {
  return sum(
    pool.map((s) => s.free),
    currency,
  );
}

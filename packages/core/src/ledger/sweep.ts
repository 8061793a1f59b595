/**
 * The auto-apply sweep (§4): available credit pays unpaid fees, oldest due
 * date first (then posting order, then id), partially when it runs out.
 * Fees held by a settlement in flight are skipped.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput } from "../errors.js";
import { fromAmountString, sum, toAmountString } from "../money.js";
import { type AccountSnapshot, unpaidFeesOldestFirst, usableGrants } from "./account-state.js";
import type { CreditPaymentEntry } from "./entries.js";
import { drawCredit } from "./waterfall.js";

/** The `Payment (AC)` entries the sweep would write now; empty when there is nothing to do. */
export function planSweep(snapshot: AccountSnapshot, options: { key: string; date: IsoDate }): CreditPaymentEntry[] {
  assertInput(typeof options?.key === "string" && options.key !== "", "options.key");
  assertIsoDate(options.date, "options.date");
  const c = snapshot?.currency;
  const pool = usableGrants(snapshot);
  const entries: CreditPaymentEntry[] = [];
  if (pool.length === 0) return entries;
  for (const fee of unpaidFeesOldestFirst(snapshot)) {
    if (fee.reservedBy !== undefined) continue;
    const uses = drawCredit(pool, fromAmountString(fee.remainder, c));
    if (uses.length === 0) break;
    entries.push({
      id: `${options.key}#${entries.length}`,
      key: options.key,
      type: "Payment (AC)",
      accountId: snapshot.account.id,
      date: options.date,
      amount: toAmountString(
        sum(
          uses.map((u) => fromAmountString(u.amount, c)),
          c,
        ),
      ),
      description: `Account credit applied: ${fee.description}`,
      feeId: fee.feeId,
      grants: uses,
    });
  }
  return entries;
}

/**
 * The auto-apply warning (§3): what the sweep that follows a recording will
 * take from account credit the admin chose not to apply.
 */
import type { AccountSnapshot } from "../ledger/account-state.js";
import { add, fromAmountString, isPositive, isZero, type Money, min, sum, toAmountString, zero } from "../money.js";
import { formatMoney } from "../money-format.js";
import type { OrgSettings } from "../settings.js";
import type { CheckoutLine, CheckoutWarning } from "./types.js";

/**
 * The warning for a plan, if it needs one. The sweep runs after a recording
 * that posts a fee (a sale's new charges) or a credit (an overpayment put on
 * account); with auto-apply on and Apply Credit off it then pays unpaid fees
 * oldest due first from the credit free at that point — this checkout's
 * fees left unpaid, charged to the account or not, and the account's other
 * unpaid fees not held by a settlement. The warned amount is what it will
 * apply: the free credit or the unpaid total, whichever is smaller.
 */
export function autoApplyWarning(
  snapshot: AccountSnapshot,
  settings: OrgSettings,
  plan: { readonly applyCredit: boolean; readonly lines: readonly CheckoutLine[]; readonly overpaymentCredit: Money },
): CheckoutWarning | undefined {
  const c = snapshot.currency;
  const posts = plan.lines.some((l) => l.isNew) || isPositive(plan.overpaymentCredit);
  if (!settings.autoApply || plan.applyCredit || !posts) return undefined;
  const chosen = new Set(plan.lines.map((l) => l.feeId));
  const others = sum(
    snapshot.fees.filter((f) => !chosen.has(f.feeId) && f.reservedBy === undefined).map((f) => fromAmountString(f.remainder, c)),
    c,
  );
  let here: Money = zero(c);
  let onlyCharges = true;
  for (const line of plan.lines) {
    const unpaid = fromAmountString(line.unpaid, c);
    if (!isPositive(unpaid)) continue;
    here = add(here, unpaid);
    onlyCharges &&= line.isNew;
  }
  const free = add(fromAmountString(snapshot.availableCredit, c), plan.overpaymentCredit);
  const amount = min(free, add(others, here));
  if (!isPositive(amount)) return undefined;
  const target = isZero(others) && onlyCharges ? "charge" : "unpaid-fees";
  const where =
    target === "charge" ? "to the charge once it is posted" : "to this account's unpaid fees, oldest due first, once this is recorded";
  return {
    code: "auto-apply-will-use-credit",
    amount: toAmountString(amount),
    target,
    message: `Auto-apply is on: ${formatMoney(amount)} of account credit will be applied ${where}, even though Apply Credit is off.`,
  };
}

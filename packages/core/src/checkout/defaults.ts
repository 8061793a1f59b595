/**
 * What a pay window shows before anyone types (§3): in the member portal,
 * the credit applied by default, the amount due after credit, and the card
 * payment that pays it, so a host can show the figures on its first paint.
 */
import { assertInput, assertObject } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import { fromAmountString, isPositive, toAmountString, zero } from "../money.js";
import type { OrgSettings } from "../settings.js";
import { applyCreditDefault, checkoutInputs, planCheckout } from "./plan.js";
import type { CheckoutDefaults, CheckoutDefaultsRequest, CheckoutSource } from "./types.js";

/** The fees a person can pay now, as the pay window lists them: unpaid, not held by a settlement, oldest due date first, then posting order. */
export function payableFeeIds(snapshot: AccountSnapshot): string[] {
  return snapshot.fees
    .filter((f) => f.reservedBy === undefined && isPositive(fromAmountString(f.remainder, snapshot.currency)))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order))
    .map((f) => f.feeId);
}

/**
 * The pay window's starting figures for `request.channel`: the fees chosen
 * (every payable one unless `feeIds` says), the Apply Credit switch at its
 * default, the credit that applies, the amount due after credit, and the
 * first payment row (a card payment of that amount; none when credit pays it
 * all). Nothing typed yet means nothing refused yet: the portal's no-partial
 * rule and Charge to Account wait for the payment the person enters. Takes a
 * source (a journal, with `accountId`) or a snapshot and settings, as
 * `planCheckout` does; with no fee to pay, every figure is zero.
 */
export function checkoutDefaults(
  source: CheckoutSource,
  request: CheckoutDefaultsRequest & { readonly accountId: string },
  settings?: Partial<OrgSettings>,
): CheckoutDefaults;
export function checkoutDefaults(snapshot: AccountSnapshot, request: CheckoutDefaultsRequest, settings: OrgSettings): CheckoutDefaults;
export function checkoutDefaults(
  from: AccountSnapshot | CheckoutSource,
  request: CheckoutDefaultsRequest,
  given?: Partial<OrgSettings>,
): CheckoutDefaults {
  assertObject(request, "request");
  const { snapshot, settings } = checkoutInputs(from, request, given);
  const c = snapshot.currency;
  if (request.feeIds !== undefined) assertInput(Array.isArray(request.feeIds), "feeIds");
  const feeIds = request.feeIds ?? payableFeeIds(snapshot);
  if (feeIds.length === 0 && (request.newCharges ?? []).length === 0) {
    const none = toAmountString(zero(c));
    const available = fromAmountString(snapshot.availableCredit, c);
    return {
      channel: request.channel,
      currency: c,
      feeIds: [],
      total: none,
      availableCredit: toAmountString(available),
      maxCredit: none,
      applyCredit: request.applyCredit ?? applyCreditDefault(request.channel, available, zero(c)),
      applyCreditDefault: applyCreditDefault(request.channel, available, zero(c)),
      appliedCredit: none,
      remainingDue: none,
      paidEntirelyByCredit: false,
      lines: [],
    };
  }
  // The plan with no payment yet: the portal's no-partial rule and the point of sale's
  // Charge to Account are about the payment the person will enter, so they wait for it.
  const plan = planCheckout(
    snapshot,
    {
      key: "checkout-defaults",
      date: "2000-01-01",
      channel: request.channel,
      feeIds,
      ...(request.newCharges !== undefined ? { newCharges: request.newCharges } : {}),
      ...(request.applyCredit !== undefined ? { applyCredit: request.applyCredit } : {}),
      ...(request.channel === "pos" ? { chargeToAccount: true } : {}),
      tenders: [],
    },
    { ...settings, portalPartialPayments: true },
  );
  const due = fromAmountString(plan.remainingDue, c);
  return {
    channel: plan.channel,
    currency: c,
    feeIds: plan.lines.filter((l) => !l.isNew).map((l) => l.feeId),
    total: plan.total,
    availableCredit: plan.availableCredit,
    maxCredit: plan.maxCredit,
    applyCredit: plan.applyCredit,
    applyCreditDefault: plan.applyCreditDefault,
    appliedCredit: plan.appliedCredit,
    remainingDue: plan.remainingDue,
    ...(isPositive(due) ? { tender: { method: "card" as const, amount: plan.remainingDue } } : {}),
    paidEntirelyByCredit: plan.paidEntirelyByCredit,
    lines: plan.lines,
  };
}

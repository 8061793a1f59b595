/**
 * Input checks of the checkout's public functions (§3): a hostile or
 * malformed request, snapshot or settings is a typed `invalid-input` naming
 * the field, never a TypeError from deep inside the plan (the rules, such as
 * `over-tender`, are the plan's).
 */
import { assertInput } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import { checkFields } from "../ledger/validate-entry.js";
import type { OrgSettings } from "../settings.js";
import { CHANNELS, type CheckoutRequest, PAYMENT_METHODS } from "./types.js";

const REQUEST = { key: "t", accountId: "?t", date: "d", feeIds: "[t", applyCredit: "?b", chargeToAccount: "?b", creditAmount: "?s" };
const CHARGE = { itemId: "t", description: "s", category: "?s", memberId: "?s" };

/** An account snapshot as the journal gives it: an account, a known currency, lists of fee and grant states. */
export function checkSnapshot(snapshot: AccountSnapshot): void {
  checkFields(snapshot, { account: "", currency: "c", fees: "[", grants: "[", availableCredit: "s" }, "snapshot", "", false);
  checkFields(snapshot.account, { id: "t" }, "snapshot.account", "", false);
  for (const f of snapshot.fees) checkFields(f, { feeId: "t", remainder: "s" }, "snapshot.fees", "", false);
}

/** The organisation's settings: each one a boolean. */
export function checkSettings(settings: OrgSettings): void {
  checkFields(settings, { autoApply: "b", overpaymentToCredit: "b", portalPartialPayments: "b" }, "settings", "", false);
}

/** A tender list: objects with a known method and an optional text reference (amounts are parsed later). */
export function checkTenderList(tenders: unknown): void {
  assertInput(Array.isArray(tenders), "tenders");
  tenders.forEach((t: { method?: unknown } | null, i) => {
    checkFields(t, { reference: "?s" }, `tenders[${i}]`, "", false);
    assertInput(PAYMENT_METHODS.includes(t?.method as never), `tenders[${i}].method`);
  });
}

/** A checkout request's fields, each of its type (the rules are checked by the plan). */
export function checkRequest(request: CheckoutRequest): void {
  checkFields(request, REQUEST, "request", "", false);
  assertInput(CHANNELS.includes(request.channel), "channel");
  if (request.tenders !== undefined) checkTenderList(request.tenders);
  if (request.newCharges === undefined) return;
  assertInput(Array.isArray(request.newCharges), "newCharges");
  request.newCharges.forEach((item, i) => {
    checkFields(item, CHARGE, `newCharges[${i}]`, "", false);
  });
}

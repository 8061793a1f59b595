/**
 * Input checks of the checkout's public functions (§3): a hostile or
 * malformed request, snapshot or settings is a typed `invalid-input` naming
 * the field, never a TypeError from deep inside the plan.
 */
import { assertIsoDate } from "../dates.js";
import { assertInput, CreditKitError } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import { minorUnit } from "../money.js";
import type { OrgSettings } from "../settings.js";
import { CHANNELS, type CheckoutRequest, PAYMENT_METHODS } from "./types.js";

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const optional = (value: unknown, type: "string" | "boolean") => value === undefined || typeof value === type;

/** An account snapshot as the journal gives it: an account, a known currency, lists of fee and grant states. */
export function checkSnapshot(snapshot: AccountSnapshot): void {
  assertInput(isObject(snapshot), "snapshot", "A checkout needs the account's snapshot.");
  assertInput(isObject(snapshot.account) && isText(snapshot.account.id), "snapshot.account");
  minorUnit(snapshot.currency);
  assertInput(Array.isArray(snapshot.fees) && snapshot.fees.every((f) => isObject(f) && isText(f.feeId)), "snapshot.fees");
  assertInput(Array.isArray(snapshot.grants) && snapshot.grants.every((g) => isObject(g) && isText(g.grantId)), "snapshot.grants");
  assertInput(typeof snapshot.availableCredit === "string", "snapshot.availableCredit");
}

/** The organisation's settings: each one a boolean. */
export function checkSettings(settings: OrgSettings): void {
  assertInput(isObject(settings), "settings", "A checkout needs the organisation's settings.");
  for (const key of ["autoApply", "overpaymentToCredit", "portalPartialPayments"] as const) {
    assertInput(typeof settings[key] === "boolean", `settings.${key}`, `settings.${key} must be true or false.`);
  }
}

/** A tender list: objects with a known method and an optional text reference (amounts are parsed later). */
export function checkTenderList(tenders: unknown): void {
  assertInput(Array.isArray(tenders), "tenders", "Tenders must be a list.");
  tenders.forEach((t: unknown, i) => {
    assertInput(isObject(t), `tenders[${i}]`);
    if (!PAYMENT_METHODS.includes(t.method as never)) {
      throw new CreditKitError("invalid-input", { field: `tenders[${i}].method` }, `Unknown payment method: ${String(t.method)}.`);
    }
    assertInput(optional(t.reference, "string"), `tenders[${i}].reference`);
  });
}

/** A checkout request's fields, each of its type (the rules are checked by the plan). */
export function checkRequest(request: CheckoutRequest): void {
  assertInput(isObject(request), "request", "A checkout needs a request.");
  assertInput(CHANNELS.includes(request.channel), "channel", `Unknown channel: ${String(request.channel)}.`);
  assertInput(isText(request.key), "key");
  assertIsoDate(request.date, "date");
  assertInput(Array.isArray(request.feeIds) && request.feeIds.every(isText), "feeIds", "feeIds must be a list of fee ids.");
  assertInput(optional(request.applyCredit, "boolean"), "applyCredit", "Apply Credit is on or off: true or false.");
  assertInput(optional(request.chargeToAccount, "boolean"), "chargeToAccount", "Charge to Account is true or false.");
  assertInput(optional(request.creditAmount, "string"), "creditAmount", 'The credit amount is text, like "12.50".');
  if (request.tenders !== undefined) checkTenderList(request.tenders);
  if (request.newCharges === undefined) return;
  assertInput(Array.isArray(request.newCharges), "newCharges", "New charges must be a list.");
  request.newCharges.forEach((item: unknown, i) => {
    assertInput(isObject(item), `newCharges[${i}]`);
    assertInput(isText(item.itemId), `newCharges[${i}].itemId`);
    assertInput(typeof item.description === "string", `newCharges[${i}].description`);
    assertInput(optional(item.category, "string"), `newCharges[${i}].category`);
    assertInput(optional(item.memberId, "string"), `newCharges[${i}].memberId`);
  });
}

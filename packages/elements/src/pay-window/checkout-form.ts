/**
 * What the pay window's fields hold, and how they become a checkout request
 * for the core. Amounts people type are parsed with `parseLocalizedMoney` in
 * the host's locale into canonical strings; every rule is the core's
 * `planCheckout`. Pure functions: the window calls `planPayment` on every edit.
 */
import {
  type AccountSnapshot,
  type Channel,
  type CheckoutPlan,
  type CheckoutRequest,
  CreditKitError,
  type FeeState,
  fromAmountString,
  isPositive,
  type NewCharge,
  type OrgSettings,
  type PaymentMethod,
  parseLocalizedMoney,
  planCheckout,
  subtract,
  sum,
  type Tender,
  toAmountString,
} from "@creditkit/core";
import { msg } from "../shared/localize.js";
import { amountInputText, messageOf } from "../shared/money-text.js";

/**
 * One tender row: a method and the amount typed, or `null` while nothing was typed in it. The last such row
 * follows what is still owed after the credit and the other rows; another (left empty) pays nothing.
 */
export interface TenderRow {
  readonly id: number;
  readonly method: PaymentMethod;
  readonly amountText: string | null;
}

/** Everything a person has entered in the pay window. */
export interface PayInputs {
  readonly channel: Channel;
  /** Admin and portal: fees the person unticked; every other unpaid fee is chosen. */
  readonly deselected: ReadonlySet<string>;
  /** Point of sale: fees the person ticked into the sale; a sale holds only what was put in it. */
  readonly picked: ReadonlySet<string>;
  /** The Apply Credit switch; undefined follows the channel's default. */
  readonly applyCredit: boolean | undefined;
  /** Admin only: a smaller credit amount as typed; empty means the maximum. */
  readonly creditText: string;
  readonly rows: readonly TenderRow[];
  /** Point of sale only. */
  readonly chargeToAccount: boolean;
  /** Fee ids in the order the person put them (§3 "unless the user reorders"); empty keeps oldest due first. */
  readonly order: readonly string[];
}

/**
 * An amount as typed, read in the locale: a separator left at the end ("10." on the way to
 * "10.50", or left there) reads as the whole amount, never as a mistake.
 */
export function readAmount(text: string, currency: string, locale: string | undefined, sign: "positive" | "non-negative") {
  const decimal = decimalSeparator(locale);
  const trimmed = text.trim();
  const whole =
    trimmed.length > 1 && trimmed.endsWith(decimal) && /\d$/.test(trimmed.slice(0, -decimal.length))
      ? trimmed.slice(0, -decimal.length)
      : trimmed;
  return parseLocalizedMoney(whole, currency, locale, sign);
}

const separators = new Map<string, string>();

function decimalSeparator(locale: string | undefined): string {
  const key = locale ?? "";
  let found = separators.get(key);
  if (found === undefined) {
    found = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
    separators.set(key, found);
  }
  return found;
}

/** Where an input problem is shown: `fees`, `credit-amount`, `tenders`, `tender-<row id>` or `form`. */
export type FieldErrors = ReadonlyMap<string, string>;

/** The answer for one set of inputs. */
export interface PaymentPlan {
  /** The plan to record; undefined while any input is invalid. */
  readonly plan: CheckoutPlan | undefined;
  /** The plan without tenders: Applied Amount and Remaining Due stay live while a tender is being fixed. */
  readonly base: CheckoutPlan | undefined;
  readonly errors: FieldErrors;
  /** What the first row shows while it follows Remaining Due ("" when nothing is left to pay). */
  readonly autoText: string;
  /** The fees on offer: oldest due first, or as the person ordered them. */
  readonly fees: readonly FeeState[];
  /** Point of sale: nothing is in the sale yet (no fee ticked, no item rung up) — a hint, not an error. */
  readonly empty: boolean;
}

/** The row that follows what is still owed: the last one nothing was typed in. */
export function followingRow(rows: readonly TenderRow[]): TenderRow | undefined {
  return rows.findLast((r) => r.amountText === null);
}

/** Whether a fee is in the payment: ticked into a sale (point of sale), or not unticked (admin, portal). */
export function isChosen(inputs: PayInputs, fee: FeeState): boolean {
  if (fee.reservedBy !== undefined) return false;
  return inputs.channel === "pos" ? inputs.picked.has(fee.feeId) : !inputs.deselected.has(fee.feeId);
}

/** Methods offered per channel: members pay by card or bank in the portal. */
export function methodsFor(channel: Channel): readonly PaymentMethod[] {
  return channel === "portal" ? ["card", "ach"] : ["card", "cash", "check", "ach", "other"];
}

/** A payment method's name, in the kit's language. */
export function methodLabel(method: PaymentMethod): string {
  switch (method) {
    case "card":
      return msg("Card", { id: "pay-method-card", desc: "Payment method: a payment card." });
    case "ach":
      return msg("Bank (ACH)", { id: "pay-method-ach", desc: "Payment method: a bank transfer (ACH debit)." });
    case "cash":
      return msg("Cash", { id: "pay-method-cash", desc: "Payment method." });
    case "check":
      return msg("Check", { id: "pay-method-check", desc: "Payment method: a paper cheque." });
    default:
      return msg("Other", { id: "pay-method-other", desc: "Payment method: any other way of paying." });
  }
}

/** The account's fees a person can pay now: unpaid ones, oldest due date first, then posting order. */
export function payableFees(snapshot: AccountSnapshot): FeeState[] {
  return snapshot.fees
    .filter((f) => isPositive(fromAmountString(f.remainder, snapshot.currency)))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order));
}

/** `fees` in the person's `order`: ordered ones first, in that order, then the rest as they were (a fee added since goes last). */
export function orderedFees(fees: readonly FeeState[], order: readonly string[]): FeeState[] {
  if (order.length === 0) return [...fees];
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...fees].sort((a, b) => (rank.get(a.feeId) ?? order.length) - (rank.get(b.feeId) ?? order.length));
}

/** The order after moving `feeId` one place up (`-1`) or down (`1`) among `fees` as shown; unchanged at either end. */
export function movedFee(fees: readonly FeeState[], feeId: string, by: -1 | 1): string[] {
  const ids = fees.map((f) => f.feeId);
  const at = ids.indexOf(feeId);
  const to = at + by;
  if (at < 0 || to < 0 || to >= ids.length) return ids;
  ids[at] = ids[to] as string;
  ids[to] = feeId;
  return ids;
}

/** Which field a core error belongs next to. */
export function fieldOf(error: unknown, tenderRowIds: readonly number[]): string {
  if (!(error instanceof CreditKitError)) return "form";
  const field = String(error.details.field ?? "");
  const tender = /^tenders\[(\d+)\]/.exec(field);
  if (tender) {
    const id = tenderRowIds[Number(tender[1])];
    return id === undefined ? "tenders" : `tender-${id}`;
  }
  switch (error.code) {
    case "credit-exceeds-maximum":
    case "credit-amount-admin-only":
      return "credit-amount";
    case "over-tender":
    case "partial-payment-not-allowed":
    case "payment-incomplete":
      return "tenders";
    case "nothing-to-pay":
    case "unknown-fee":
    case "duplicate-fee":
    case "fee-reserved":
    case "fee-already-paid":
      return "fees";
    default:
      return "form";
  }
}

interface Context {
  readonly snapshot: AccountSnapshot;
  readonly charges: readonly NewCharge[];
  readonly settings: OrgSettings;
  readonly locale: string | undefined;
  readonly key: string;
  readonly date: string;
}

/**
 * Plans the payment the inputs describe: parses what was typed, asks the core
 * for the plan, and places every problem next to its field.
 */
export function planPayment(inputs: PayInputs, context: Context): PaymentPlan {
  const { snapshot, settings, locale } = context;
  const currency = snapshot.currency;
  const errors = new Map<string, string>();
  const fees = orderedFees(payableFees(snapshot), inputs.order);
  const feeIds = fees.filter((f) => isChosen(inputs, f)).map((f) => f.feeId);
  const pos = inputs.channel === "pos";
  if (pos && feeIds.length === 0 && context.charges.length === 0) {
    return { plan: undefined, base: undefined, errors, autoText: "", fees, empty: true };
  }
  const request: CheckoutRequest = {
    key: context.key,
    channel: inputs.channel,
    date: context.date,
    feeIds,
    ...(pos && context.charges.length > 0 ? { newCharges: context.charges } : {}),
    ...(inputs.applyCredit === undefined ? {} : { applyCredit: inputs.applyCredit }),
    ...(pos && inputs.chargeToAccount ? { chargeToAccount: true } : {}),
  };

  let creditAmount: string | undefined;
  if (inputs.channel === "admin" && inputs.applyCredit !== false && inputs.creditText.trim() !== "") {
    try {
      creditAmount = toAmountString(readAmount(inputs.creditText, currency, locale, "non-negative"));
    } catch (error) {
      errors.set("credit-amount", messageOf(error));
    }
  }
  const withCredit: CheckoutRequest = creditAmount === undefined ? request : { ...request, creditAmount };
  // While the credit amount is refused, no credit is applied: the figures say what would really be applied, not the maximum.
  const noCredit: CheckoutRequest = { ...request, creditAmount: "0" };

  // The plan without tenders: Applied Amount and Remaining Due do not depend on them.
  const relaxed = { ...settings, portalPartialPayments: true };
  const planBase = (r: CheckoutRequest) =>
    planCheckout(snapshot, { ...r, tenders: [], ...(pos ? { chargeToAccount: true } : {}) }, relaxed);
  let base: CheckoutPlan | undefined;
  try {
    base = errors.has("credit-amount") ? planBase(noCredit) : planBase(withCredit);
  } catch (error) {
    errors.set(fieldOf(error, []), messageOf(error));
    // A refused credit amount: the switch stays on, with nothing applied, while the person fixes it.
    base = fieldOf(error, []) === "credit-amount" ? tryPlan(() => planBase(noCredit)) : undefined;
    if (!base) return { plan: undefined, base: undefined, errors, autoText: "", fees, empty: false };
  }

  const tenders: Tender[] = [];
  const tenderRowIds: number[] = [];
  const typed = [];
  for (const row of inputs.rows) {
    if (row.amountText === null) continue;
    try {
      const amount = readAmount(row.amountText, currency, locale, "positive");
      typed.push(amount);
    } catch (error) {
      errors.set(`tender-${row.id}`, messageOf(error));
    }
  }
  const remaining = fromAmountString(base.remainingDue, currency);
  const left = subtract(remaining, sum(typed, currency));
  const autoAmount = isPositive(left) && !(pos && inputs.chargeToAccount) ? toAmountString(left) : "";
  const follower = followingRow(inputs.rows);
  for (const row of inputs.rows) {
    const text = row.amountText ?? (row === follower ? autoAmount : "");
    if (text === "" || errors.has(`tender-${row.id}`)) continue;
    const amount = row.amountText === null ? text : toAmountString(readAmount(text, currency, locale, "positive"));
    tenders.push({ method: row.method, amount });
    tenderRowIds.push(row.id);
  }
  const autoText = autoAmount === "" ? "" : amountInputText(autoAmount, currency, locale);
  if (errors.size > 0) return { plan: undefined, base, errors, autoText, fees, empty: false };

  try {
    const plan = planCheckout(snapshot, { ...withCredit, tenders }, settings);
    if (plan.entries.length === 0) {
      // No credit, no tender, nothing charged to the account: there is nothing to record.
      errors.set("tenders", msg("Enter a payment amount."));
      return { plan: undefined, base, errors, autoText, fees, empty: false };
    }
    return { plan, base, errors, autoText, fees, empty: false };
  } catch (error) {
    errors.set(fieldOf(error, tenderRowIds), messageOf(error));
    return { plan: undefined, base, errors, autoText, fees, empty: false };
  }
}

function tryPlan(plan: () => CheckoutPlan): CheckoutPlan | undefined {
  try {
    return plan();
  } catch {
    return undefined;
  }
}

/**
 * Checkout planning (§3): how a payment splits between account credit and
 * tenders, fee by fee, and the exact entries recording it will write.
 */
import { assertInput, CreditKitError } from "../errors.js";
import { type AccountSnapshot, usableGrants } from "../ledger/account-state.js";
import type { Allocation, LedgerEntry } from "../ledger/entries.js";
import { drawCredit } from "../ledger/waterfall.js";
import {
  add,
  compare,
  fromAmountString,
  isPositive,
  isZero,
  type Money,
  min,
  parseMoney,
  subtract,
  sum,
  toAmountString,
  zero,
} from "../money.js";
import type { OrgSettings } from "../settings.js";
import { checkRequest, checkSettings, checkSnapshot } from "./check-input.js";
import { parseTenders, splitTenders } from "./tenders.js";
import {
  CHANNELS,
  type Channel,
  type CheckoutLine,
  type CheckoutPlan,
  type CheckoutRequest,
  type CheckoutSource,
  type CheckoutWarning,
} from "./types.js";
import { autoApplyWarning } from "./warnings.js";

/**
 * The Apply Credit switch's default: in the admin pay window, on when the
 * credit covers the whole of the chosen fees; at the point of sale and in the
 * portal, on whenever any credit is available. The amounts are canonical
 * strings of `currency` (as a snapshot holds them), or `Money`.
 */
export function applyCreditDefault(channel: Channel, availableCredit: string, total: string, currency: string): boolean;
export function applyCreditDefault(channel: Channel, availableCredit: Money, total: Money): boolean;
export function applyCreditDefault(channel: Channel, availableText: Money | string, totalText: Money | string, currency?: string): boolean {
  assertInput(CHANNELS.includes(channel), "channel", { reason: "unknown-channel", value: String(channel) });
  const strings = typeof availableText === "string" || typeof totalText === "string";
  if (strings) assertInput(typeof currency === "string" && currency !== "", "currency", { reason: "amount-currency" });
  const money = (amount: Money | string, field: string): Money => {
    if (typeof amount !== "string") return amount;
    assertInput(amount !== "", field);
    return fromAmountString(amount, currency as string);
  };
  const availableCredit = money(availableText, "availableCredit");
  const total = money(totalText, "total");
  if (!isPositive(availableCredit)) return false;
  return channel === "admin" ? isPositive(total) && compare(availableCredit, total) >= 0 : true;
}

interface Due {
  readonly feeId: string;
  readonly description: string;
  readonly isNew: boolean;
  readonly due: Money;
}

function chosenFees(snapshot: AccountSnapshot, request: CheckoutRequest): Due[] {
  const c = snapshot.currency;
  const seen = new Set<string>();
  const fees = new Map(snapshot.fees.map((f) => [f.feeId, f]));
  const dues: Due[] = request.feeIds.map((feeId) => {
    if (seen.has(feeId)) throw new CreditKitError("duplicate-fee", { feeId });
    seen.add(feeId);
    const fee = fees.get(feeId);
    if (!fee) throw new CreditKitError("unknown-fee", { feeId });
    if (fee.reservedBy !== undefined) throw new CreditKitError("fee-reserved", { feeId, reservedBy: fee.reservedBy });
    const due = fromAmountString(fee.remainder, c);
    if (!isPositive(due)) throw new CreditKitError("fee-already-paid", { feeId });
    return { feeId, description: fee.description, isNew: false, due };
  });
  for (const item of request.newCharges ?? []) {
    const feeId = `${request.key}:${item.itemId}`;
    if (seen.has(feeId) || fees.has(feeId)) throw new CreditKitError("duplicate-fee", { feeId });
    seen.add(feeId);
    const due = parseMoney(item.amount, c, "positive");
    dues.push({ feeId, description: item.description, isNew: true, due });
  }
  if (dues.length === 0) throw new CreditKitError("nothing-to-pay");
  return dues;
}

function checkChannelRules(request: CheckoutRequest): void {
  checkRequest(request);
  if (request.creditAmount !== undefined && request.channel !== "admin") throw new CreditKitError("credit-amount-admin-only");
  if (request.chargeToAccount && request.channel !== "pos") throw new CreditKitError("charge-to-account-pos-only");
  if ((request.newCharges?.length ?? 0) > 0 && request.channel !== "pos") throw new CreditKitError("new-charges-pos-only");
}

const isSource = (from: unknown): from is CheckoutSource =>
  typeof (from as CheckoutSource | null)?.snapshot === "function" && typeof (from as CheckoutSource).settings === "function";

/**
 * The account's snapshot and the settings a plan follows. From a source (a
 * journal): the account `request.accountId` and the organisation's own
 * settings, which `settings` may override except `autoApply` (the sweep
 * that follows a recording is the ledger's, so its warning must be too).
 * From a snapshot: the snapshot and `settings`, which must be given.
 */
export function checkoutInputs(
  from: AccountSnapshot | CheckoutSource,
  request: { readonly accountId?: string } | null | undefined,
  settings: Partial<OrgSettings> | undefined,
): { snapshot: AccountSnapshot; settings: OrgSettings } {
  const accountId = request?.accountId;
  if (!isSource(from)) {
    checkSnapshot(from);
    checkSettings(settings as OrgSettings);
    if (accountId !== undefined) assertInput(accountId === from.account.id, "accountId", { reason: "other-account" });
    return { snapshot: from, settings: settings as OrgSettings };
  }
  assertInput(typeof accountId === "string" && accountId !== "", "accountId");
  const org = from.settings();
  const snapshot = from.snapshot(accountId);
  if (isPromiseLike(org) || isPromiseLike(snapshot)) {
    // Refused below; their answers (or failures) are let go rather than left unhandled.
    for (const answer of [org, snapshot]) if (isPromiseLike(answer)) Promise.resolve(answer).catch(() => undefined);
    assertInput(false, "source", { reason: "async-source" });
  }
  checkSnapshot(snapshot);
  checkSettings(org);
  if (settings !== undefined) {
    assertInput(settings !== null && typeof settings === "object", "settings");
    checkSettings({ ...org, ...settings });
  }
  return { snapshot, settings: Object.freeze({ ...org, ...settings, autoApply: org.autoApply }) };
}

const isPromiseLike = (value: unknown): boolean => typeof (value as PromiseLike<unknown> | null)?.then === "function";

/**
 * Plans a payment of the chosen fees: credit first (oldest grant first),
 * then the tenders in the order entered, fee by fee in order. Throws a
 * CreditKitError for anything the rules refuse; plans are pure and can be
 * recomputed on every keystroke.
 *
 * Give it where the account comes from — a journal, with `request.accountId`
 * — and it follows the organisation's settings there (`settings`, optional,
 * overrides any but `autoApply`). Or give it the account's snapshot and the
 * organisation's settings (`journal.settings()`, a data source's
 * `getSettings()`), as before.
 */
export function planCheckout(
  source: CheckoutSource,
  request: CheckoutRequest & { readonly accountId: string },
  settings?: Partial<OrgSettings>,
): CheckoutPlan;
// The snapshot form last: `Parameters<typeof planCheckout>` keeps reading it, as before the source form.
export function planCheckout(snapshot: AccountSnapshot, request: CheckoutRequest, settings: OrgSettings): CheckoutPlan;
export function planCheckout(from: AccountSnapshot | CheckoutSource, request: CheckoutRequest, given?: Partial<OrgSettings>): CheckoutPlan {
  const { snapshot, settings } = checkoutInputs(from, request, given);
  checkChannelRules(request);
  const c = snapshot.currency;
  const dues = chosenFees(snapshot, request);
  const total = sum(
    dues.map((d) => d.due),
    c,
  );
  const available = fromAmountString(snapshot.availableCredit, c);
  const maxCredit = min(available, total);
  const defaultOn = applyCreditDefault(request.channel, available, total);
  const applyCredit = request.applyCredit ?? defaultOn;

  let credit = applyCredit ? maxCredit : zero(c);
  // A credit amount is checked even with Apply Credit off: a bad one is refused, never silently ignored.
  const chosen = request.creditAmount === undefined ? undefined : parseMoney(request.creditAmount, c, "non-negative");
  if (applyCredit && chosen !== undefined) {
    if (compare(chosen, maxCredit) > 0) {
      throw new CreditKitError("credit-exceeds-maximum", { creditAmount: request.creditAmount, maxCredit: toAmountString(maxCredit) });
    }
    credit = chosen;
  }
  const remainingDue = subtract(total, credit);
  const split = splitTenders(parseTenders(request.tenders ?? [], c), remainingDue, settings.overpaymentToCredit);

  // The waterfall: credit, then each tender's kept money, fee by fee in order.
  const keptLeft = split.tenders.map((t) => t.kept);
  const allocations: Allocation[][] = split.tenders.map(() => []);
  let creditLeft = credit;
  const lines: CheckoutLine[] = [];
  const creditUses: { feeId: string; amount: Money }[] = [];
  for (const d of dues) {
    const fromCredit = min(creditLeft, d.due);
    creditLeft = subtract(creditLeft, fromCredit);
    if (isPositive(fromCredit)) creditUses.push({ feeId: d.feeId, amount: fromCredit });
    let open = subtract(d.due, fromCredit);
    let fromTenders = zero(c);
    for (let i = 0; i < keptLeft.length && isPositive(open); i++) {
      const take = min(keptLeft[i] as Money, open);
      if (!isPositive(take)) continue;
      keptLeft[i] = subtract(keptLeft[i] as Money, take);
      open = subtract(open, take);
      fromTenders = add(fromTenders, take);
      allocations[i]?.push({ feeId: d.feeId, amount: toAmountString(take) });
    }
    lines.push({
      feeId: d.feeId,
      description: d.description,
      isNew: d.isNew,
      due: toAmountString(d.due),
      credit: toAmountString(fromCredit),
      tender: toAmountString(fromTenders),
      unpaid: toAmountString(open),
    });
  }
  const tenderApplied = sum(
    lines.map((l) => fromAmountString(l.tender, c)),
    c,
  );
  const unpaid = subtract(remainingDue, tenderApplied);
  const newUnpaid = sum(
    lines.filter((l) => l.isNew).map((l) => fromAmountString(l.unpaid, c)),
    c,
  );
  if (isPositive(unpaid) && request.channel === "portal" && !settings.portalPartialPayments) {
    throw new CreditKitError("partial-payment-not-allowed", { unpaid: toAmountString(unpaid) });
  }
  if (isPositive(newUnpaid) && !request.chargeToAccount) {
    throw new CreditKitError("payment-incomplete", { unpaid: toAmountString(newUnpaid) });
  }
  const chargedToAccount = request.chargeToAccount ? newUnpaid : zero(c);

  const warning = autoApplyWarning(snapshot, settings, { applyCredit, lines, overpaymentCredit: split.overpayment });
  const warnings: CheckoutWarning[] = warning ? [warning] : [];

  const entries = planEntries(request, snapshot, dues, creditUses, split, allocations);
  return {
    key: request.key,
    channel: request.channel,
    currency: c,
    date: request.date,
    total: toAmountString(total),
    availableCredit: toAmountString(available),
    maxCredit: toAmountString(maxCredit),
    applyCredit,
    applyCreditDefault: defaultOn,
    appliedCredit: toAmountString(credit),
    remainingDue: toAmountString(remainingDue),
    tendered: toAmountString(split.tendered),
    tenderApplied: toAmountString(tenderApplied),
    change: toAmountString(split.change),
    overpaymentCredit: toAmountString(split.overpayment),
    unpaid: toAmountString(unpaid),
    chargedToAccount: toAmountString(chargedToAccount),
    paidInFull: isZero(unpaid),
    paidEntirelyByCredit: isPositive(total) && compare(credit, total) === 0,
    lines,
    tenders: split.tenders.map((t, i) => ({
      method: t.method,
      amount: toAmountString(t.amount),
      applied: toAmountString(subtract(t.kept, keptLeft[i] as Money)),
      change: toAmountString(t.change),
      toCredit: toAmountString(keptLeft[i] as Money),
    })),
    warnings,
    entries,
  };
}

function planEntries(
  request: CheckoutRequest,
  snapshot: AccountSnapshot,
  dues: readonly Due[],
  creditUses: readonly { feeId: string; amount: Money }[],
  split: ReturnType<typeof splitTenders>,
  allocations: readonly Allocation[][],
): LedgerEntry[] {
  const { key, date } = request;
  const c = snapshot.currency;
  const accountId = snapshot.account.id;
  const entries: LedgerEntry[] = [];
  const next = () => ({ id: `${key}#${entries.length}`, key, accountId, date });

  for (const [index, d] of dues.entries()) {
    if (!d.isNew) continue;
    const item = request.newCharges?.[index - request.feeIds.length];
    entries.push({
      ...next(),
      type: "Fee",
      amount: toAmountString(d.due),
      description: d.description,
      feeId: d.feeId,
      category: item?.category ?? "Point of sale",
      dueDate: date,
      ...(item?.memberId !== undefined ? { memberId: item.memberId } : {}),
    });
  }
  const pool = usableGrants(snapshot);
  const descriptions = new Map(dues.map((d) => [d.feeId, d.description]));
  for (const use of creditUses) {
    const description = descriptions.get(use.feeId) ?? use.feeId;
    entries.push({
      ...next(),
      type: "Payment (AC)",
      amount: toAmountString(use.amount),
      description: `Account credit applied: ${description}`,
      feeId: use.feeId,
      grants: drawCredit(pool, use.amount),
    });
  }
  for (const [i, t] of split.tenders.entries()) {
    if (!isPositive(t.kept)) continue;
    const paymentId = `${key}#${entries.length}`;
    entries.push({
      ...next(),
      type: "Payment",
      amount: toAmountString(t.kept),
      description: `${t.method} payment`,
      method: t.method,
      allocations: allocations[i] ?? [],
      ...(isPositive(t.change) ? { tendered: toAmountString(t.amount), change: toAmountString(t.change) } : {}),
      ...(t.reference !== undefined ? { reference: t.reference } : {}),
    });
    const applied = sum(
      (allocations[i] ?? []).map((a) => fromAmountString(a.amount, c)),
      c,
    );
    const toCredit = subtract(t.kept, applied);
    if (isPositive(toCredit)) {
      entries.push({
        ...next(),
        type: "Account Credit",
        amount: toAmountString(toCredit),
        description: "Overpayment put on account",
        grantId: `${key}:overpayment:${i}`,
        creditType: "Overpayment",
        source: { kind: "overpayment", paymentId },
      });
    }
  }
  return entries;
}

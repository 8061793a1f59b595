/**
 * Settling one invoice or dues payment (§5): credit first, the card for the
 * rest, all or nothing, never charged twice.
 */
import { CreditKitError } from "../errors.js";
import type { Reservation } from "../ledger/account-state.js";
import type { LedgerEntry } from "../ledger/entries.js";
import { fromAmountString, isPositive, isZero, type Money, min, subtract, toAmountString, zero } from "../money.js";
import { collect } from "./collect.js";
import { type InvoiceDue, invoiceDue, type SettlementPlan, settlementEntries } from "./plan.js";
import type { SettleInvoiceRequest, SettlementOutcome, SettlementPorts, SettlementResult } from "./types.js";
import { checkInvoiceRequest, checkPorts, DEFAULT_TIMEOUT_MS, settlementKey } from "./validate.js";

const NO_ENTRIES: readonly LedgerEntry[] = Object.freeze([]);
const zeros = new Map<string, string>();

/** "0.00" in a currency (cached: every result carries it). */
function zeroText(currency: string): string {
  let text = zeros.get(currency);
  if (text === undefined) {
    text = toAmountString(zero(currency));
    zeros.set(currency, text);
  }
  return text;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The parts of a result every outcome shares. */
interface Base {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly key: string;
  readonly zero: string;
}

function result(
  base: Base,
  outcome: SettlementOutcome,
  extra: {
    due?: string;
    creditUsed?: string;
    charged?: string;
    chargeId?: string;
    message?: string;
    entries?: readonly LedgerEntry[];
  } = {},
): SettlementResult {
  const { invoiceId, accountId, key } = base;
  const due = extra.due ?? base.zero;
  const creditUsed = extra.creditUsed ?? base.zero;
  const charged = extra.charged ?? base.zero;
  const entries = extra.entries ?? NO_ENTRIES;
  const { chargeId, message } = extra;
  // Literals, not conditional spreads: a spread builds each result the slow way, and 100k results are kept.
  if (chargeId !== undefined && message !== undefined) {
    return { invoiceId, accountId, key, outcome, due, creditUsed, charged, chargeId, message, entries };
  }
  if (chargeId !== undefined) return { invoiceId, accountId, key, outcome, due, creditUsed, charged, chargeId, entries };
  if (message !== undefined) return { invoiceId, accountId, key, outcome, due, creditUsed, charged, message, entries };
  return { invoiceId, accountId, key, outcome, due, creditUsed, charged, entries };
}

/** A reservation under the key must be this invoice's: same account, same fees. */
function assertHeldFor(reservation: Reservation, request: SettleInvoiceRequest): void {
  const same =
    reservation.accountId === request.accountId &&
    reservation.feeIds.length === request.feeIds.length &&
    request.feeIds.every((id) => reservation.feeIds.includes(id));
  if (!same) throw new CreditKitError("reservation-conflict", { key: reservation.key, accountId: request.accountId });
}

/** Invoices settled before: report what was written, do nothing. */
function alreadySettled(base: Base, entries: readonly LedgerEntry[]): SettlementResult {
  if (entries.some((e) => e.accountId !== base.accountId)) throw new CreditKitError("idempotency-conflict", { key: base.key });
  let chargeId: string | undefined;
  for (const e of entries) if (e.type === "Payment" && e.reference !== undefined) chargeId = e.reference;
  return result(base, "already-settled", { entries, ...(chargeId !== undefined ? { chargeId } : {}) });
}

/**
 * Settles one invoice (§5). The key `${batchId}/${invoiceId}` names the
 * reservation, the commit and the gateway's idempotency key, so calling again
 * is always safe:
 * - already committed under the key → `already-settled`, nothing charged;
 * - the fees owe nothing → `nothing-due`;
 * - `applyCredit` and the available credit covers the due → one `Payment (AC)`
 *   per fee, grants oldest first → `paid-by-credit`, the gateway is not asked;
 * - otherwise the fees and the credit are reserved and the rest is charged:
 *   success commits the credit payments and one card `Payment` in one go;
 *   a decline or an error (a rejected promise too) releases the reservation,
 *   leaving the invoice wholly unpaid; a time-out is asked about once more
 *   with the same key and, if still unknown, the invoice is `unresolved` with
 *   its reservation kept. A later call finds that reservation and asks the
 *   gateway again with the same key, so a re-run reconciles it.
 *
 * Throws a `CreditKitError` for bad input (nothing changes). Amounts in the
 * result are canonical strings and describe this call only.
 */
export async function settleInvoice(ports: SettlementPorts, request: SettleInvoiceRequest): Promise<SettlementResult> {
  checkPorts(ports);
  checkInvoiceRequest(request);
  return settleChecked(ports, request);
}

/** `settleInvoice` for input already checked (the batch checks once). */
export async function settleChecked(ports: SettlementPorts, request: SettleInvoiceRequest): Promise<SettlementResult> {
  const { ledger } = ports;
  const key = settlementKey(request.batchId, request.invoiceId);
  const base: Base = { invoiceId: request.invoiceId, accountId: request.accountId, key, zero: zeroText(ledger.currency) };
  const done = await ledger.committed(key);
  if (done) return alreadySettled(base, done);
  let reservation = await ledger.reservation(key);
  const fresh = reservation === undefined;
  let exact: InvoiceDue | undefined;
  if (!reservation) {
    const read = ledger.snapshot(request.accountId);
    const sync = !isPromiseLike(read);
    const planned = invoiceDue(sync ? read : await read, request.feeIds, key);
    if (!isPositive(planned.total)) return result(base, "nothing-due");
    const credit = request.applyCredit ? planned.totalText : base.zero;
    // A synchronous ledger reads and reserves back to back, so nothing can change what the fees owe in
    // between and the plan stays exact; an async one is read again once the fees are held.
    reservation = await ledger.reserve({ key, accountId: request.accountId, feeIds: request.feeIds, credit });
    if (sync) exact = planned;
  }
  assertHeldFor(reservation, request);
  return settleReserved(ports, request, base, reservation, fresh, exact);
}

/**
 * Settles with the fees (and the credit) held. `fresh` when this call made the
 * reservation: only then may an unexpected failure release it, since a kept
 * reservation may stand for a charge whose outcome is still unknown. `exact`
 * is what the fees owe when it was read atomically with the reservation.
 */
async function settleReserved(
  ports: SettlementPorts,
  request: SettleInvoiceRequest,
  base: Base,
  reservation: Reservation,
  fresh: boolean,
  exact: InvoiceDue | undefined,
): Promise<SettlementResult> {
  const { ledger, gateway } = ports;
  const { key } = base;
  const c = ledger.currency;
  const undo = async (error: unknown): Promise<never> => {
    if (fresh) await ledger.release(key);
    throw error;
  };
  // The fees are held now, so what they owe cannot change under us: read it (again) unless it is known exactly.
  let due: InvoiceDue;
  try {
    due = exact ?? invoiceDue(await ledger.snapshot(request.accountId), request.feeIds, key);
  } catch (error) {
    return undo(error);
  }
  const dueText = due.totalText;
  if (!isPositive(due.total)) {
    if (fresh) {
      await ledger.release(key);
      return result(base, "nothing-due");
    }
    return result(base, "unresolved", { message: "The reserved fees no longer owe anything; check the earlier charge by hand." });
  }
  const credit = min(fromAmountString(reservation.credit, c), due.total);
  const charge = isZero(credit) ? due.total : subtract(due.total, credit);
  const plan: SettlementPlan = {
    key,
    accountId: request.accountId,
    date: request.date,
    currency: c,
    fees: due.fees,
    grants: reservation.grants,
    credit,
  };
  const creditUsed = isZero(credit) ? base.zero : toAmountString(credit);

  if (!isPositive(charge)) {
    let written: { readonly entries: readonly LedgerEntry[] };
    try {
      written = await ledger.commit(key, settlementEntries(plan));
    } catch (error) {
      return undo(error);
    }
    return result(base, "paid-by-credit", { due: dueText, creditUsed, entries: written.entries });
  }

  const description = request.description ?? `Invoice ${request.invoiceId}`;
  const amount = isZero(credit) ? dueText : toAmountString(charge);
  const answer = await collect(
    gateway,
    { accountId: request.accountId, amount, currency: c, idempotencyKey: key, description },
    request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  switch (answer.status) {
    case "succeeded":
      return record(
        ports,
        base,
        {
          key: plan.key,
          accountId: plan.accountId,
          date: plan.date,
          currency: plan.currency,
          fees: plan.fees,
          grants: plan.grants,
          credit: plan.credit,
          card: { amount: charge, chargeId: answer.chargeId, description },
        },
        dueText,
        creditUsed,
        amount,
      );
    case "declined":
      await ledger.release(key);
      return result(base, "declined", { due: dueText, message: answer.reason });
    case "error":
      await ledger.release(key);
      return result(base, "failed", { due: dueText, message: answer.message });
    default:
      return result(base, "unresolved", { due: dueText, message: answer.message });
  }
}

/** Commits a successful charge. If the ledger refuses, the card was charged but nothing recorded: unresolved, reservation kept. */
async function record(
  ports: SettlementPorts,
  base: Base,
  plan: SettlementPlan & { readonly card: { readonly amount: Money; readonly chargeId: string } },
  due: string,
  creditUsed: string,
  charged: string,
): Promise<SettlementResult> {
  const { chargeId } = plan.card;
  try {
    const written = await ports.ledger.commit(base.key, settlementEntries(plan));
    const outcome = isPositive(plan.credit) ? "paid-by-charge-and-credit" : "paid-by-charge";
    return result(base, outcome, { due, creditUsed, charged, chargeId, entries: written.entries });
  } catch (error) {
    const message = `Charged (${chargeId}) but the payment could not be recorded: ${messageOf(error)} Settle again to record it.`;
    return result(base, "unresolved", { due, chargeId, message });
  }
}

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
import type { Awaitable, SettleInvoiceRequest, SettlementLedger, SettlementOutcome, SettlementPorts, SettlementResult } from "./types.js";
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
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as LedgerEntry;
    if (e.type === "Payment" && e.reference !== undefined) chargeId = e.reference;
  }
  return result(base, "already-settled", { entries, chargeId });
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

/**
 * `settleInvoice` for input already checked (the batch checks once). A ledger
 * that answers synchronously is not awaited: the result comes back at once
 * when no charge is needed, and only the gateway call waits otherwise. It
 * throws, or rejects, where `settleInvoice` rejects.
 */
export function settleChecked(ports: SettlementPorts, request: SettleInvoiceRequest): Awaitable<SettlementResult> {
  return new Settling(ports, request).start();
}

/** One invoice on its way; each step goes on at once with a value and after a promise otherwise. */
class Settling implements Base {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly key: string;
  readonly zero: string;
  private readonly ledger: SettlementLedger;
  /** True once this call made the reservation: only then may a failure release it (a kept one may stand for an unknown charge). */
  private fresh = false;
  private reservation: Reservation | undefined;

  constructor(
    private readonly ports: SettlementPorts,
    private readonly request: SettleInvoiceRequest,
  ) {
    this.ledger = ports.ledger;
    this.invoiceId = request.invoiceId;
    this.accountId = request.accountId;
    this.key = settlementKey(request.batchId, request.invoiceId);
    this.zero = zeroText(this.ledger.currency);
  }

  start(): Awaitable<SettlementResult> {
    const done = this.ledger.committed(this.key);
    return isPromiseLike(done) ? Promise.resolve(done).then((d) => this.lookUp(d)) : this.lookUp(done);
  }

  private lookUp(done: readonly LedgerEntry[] | undefined): Awaitable<SettlementResult> {
    if (done) return alreadySettled(this, done);
    const held = this.ledger.reservation(this.key);
    return isPromiseLike(held) ? Promise.resolve(held).then((r) => this.begin(r)) : this.begin(held);
  }

  private begin(reservation: Reservation | undefined): Awaitable<SettlementResult> {
    if (reservation) return this.held(reservation, undefined);
    this.fresh = true;
    const read = this.readDue();
    return isPromiseLike(read) ? Promise.resolve(read).then((p) => this.reserve(p, false)) : this.reserve(read, true);
  }

  /** What the fees owe now: the ledger's own read when it has one, the snapshot otherwise. */
  private readDue(): Awaitable<InvoiceDue> {
    const { ledger, request, key } = this;
    if (typeof ledger.feesOwed === "function") return ledger.feesOwed(request.accountId, request.feeIds, key);
    const snap = ledger.snapshot(request.accountId);
    return isPromiseLike(snap)
      ? Promise.resolve(snap).then((s) => invoiceDue(s, request.feeIds, key))
      : invoiceDue(snap, request.feeIds, key);
  }

  /**
   * Holds the fees and the credit. A plan read synchronously is read back to
   * back with the reservation, so nothing can change what the fees owe in
   * between and it stays exact; one read asynchronously is read again once the fees are held.
   */
  private reserve(planned: InvoiceDue, sync: boolean): Awaitable<SettlementResult> {
    if (!isPositive(planned.total)) return result(this, "nothing-due");
    const { request } = this;
    const credit = request.applyCredit ? planned.totalText : this.zero;
    const exact = sync ? planned : undefined;
    const held = this.ledger.reserve({ key: this.key, accountId: request.accountId, feeIds: request.feeIds, credit });
    return isPromiseLike(held) ? Promise.resolve(held).then((r) => this.held(r, exact)) : this.held(held, exact);
  }

  /** Releases a reservation this call made, then fails with `error`. */
  private undo(error: unknown): Awaitable<never> {
    if (!this.fresh) throw error;
    const released = this.ledger.release(this.key);
    if (isPromiseLike(released)) {
      return Promise.resolve(released).then(() => {
        throw error;
      });
    }
    throw error;
  }

  /** The fees (and the credit) are held: what they owe cannot change under us, so read it (again) unless known exactly. */
  private held(reservation: Reservation, exact: InvoiceDue | undefined): Awaitable<SettlementResult> {
    assertHeldFor(reservation, this.request);
    this.reservation = reservation;
    if (exact) return this.settle(exact);
    let read: Awaitable<InvoiceDue>;
    try {
      read = this.readDue();
    } catch (error) {
      return this.undo(error);
    }
    return isPromiseLike(read)
      ? Promise.resolve(read).then(
          (d) => this.settle(d),
          (error) => this.undo(error),
        )
      : this.settle(read);
  }

  private settle(due: InvoiceDue): Awaitable<SettlementResult> {
    const { ledger, request, key } = this;
    const reservation = this.reservation as Reservation;
    const c = ledger.currency;
    const dueText = due.totalText;
    if (!isPositive(due.total)) {
      if (!this.fresh) {
        return result(this, "unresolved", { message: "The reserved fees no longer owe anything; check the earlier charge by hand." });
      }
      const released = ledger.release(key);
      return isPromiseLike(released) ? Promise.resolve(released).then(() => result(this, "nothing-due")) : result(this, "nothing-due");
    }
    const credit = min(fromAmountString(reservation.credit, c), due.total);
    const charge = isZero(credit) ? due.total : subtract(due.total, credit);
    const creditUsed = isZero(credit) ? this.zero : toAmountString(credit);
    const plan: SettlementPlan = {
      key,
      accountId: request.accountId,
      date: request.date,
      currency: c,
      fees: due.fees,
      grants: reservation.grants,
      credit,
    };

    if (!isPositive(charge)) {
      const paid = (w: { readonly entries: readonly LedgerEntry[] }) =>
        result(this, "paid-by-credit", { due: dueText, creditUsed, entries: w.entries });
      let written: Awaitable<{ readonly entries: readonly LedgerEntry[] }>;
      try {
        written = ledger.commit(key, settlementEntries(plan));
      } catch (error) {
        return this.undo(error);
      }
      return isPromiseLike(written) ? Promise.resolve(written).then(paid, (error) => this.undo(error)) : paid(written);
    }

    const description = request.description ?? `Invoice ${request.invoiceId}`;
    const amount = isZero(credit) ? dueText : toAmountString(charge);
    const chargeRequest = { accountId: request.accountId, amount, currency: c, idempotencyKey: key, description };
    return collect(this.ports.gateway, chargeRequest, request.timeoutMs ?? DEFAULT_TIMEOUT_MS).then(
      (answer): Awaitable<SettlementResult> => {
        switch (answer.status) {
          case "succeeded": {
            const card = { amount: charge, chargeId: answer.chargeId, description };
            const paid = {
              key,
              accountId: plan.accountId,
              date: plan.date,
              currency: c,
              fees: plan.fees,
              grants: plan.grants,
              credit,
              card,
            };
            return record(this, paid, dueText, creditUsed, amount, ledger);
          }
          case "declined":
            return this.released(result(this, "declined", { due: dueText, message: answer.reason }));
          case "error":
            return this.released(result(this, "failed", { due: dueText, message: answer.message }));
          default:
            return result(this, "unresolved", { due: dueText, message: answer.message });
        }
      },
    );
  }

  /** Releases the reservation, then answers `outcome`. */
  private released(outcome: SettlementResult): Awaitable<SettlementResult> {
    const done = this.ledger.release(this.key);
    return isPromiseLike(done) ? Promise.resolve(done).then(() => outcome) : outcome;
  }
}

/** Commits a successful charge. If the ledger refuses, the card was charged but nothing recorded: unresolved, reservation kept. */
function record(
  base: Base,
  plan: SettlementPlan & { readonly card: { readonly amount: Money; readonly chargeId: string } },
  due: string,
  creditUsed: string,
  charged: string,
  ledger: SettlementLedger,
): Awaitable<SettlementResult> {
  const { chargeId } = plan.card;
  const paid = (written: { readonly entries: readonly LedgerEntry[] }) => {
    const outcome = isPositive(plan.credit) ? "paid-by-charge-and-credit" : "paid-by-charge";
    return result(base, outcome, { due, creditUsed, charged, chargeId, entries: written.entries });
  };
  const refused = (error: unknown) => {
    const message = `Charged (${chargeId}) but the payment could not be recorded: ${messageOf(error)} Settle again to record it.`;
    return result(base, "unresolved", { due, chargeId, message });
  };
  let written: Awaitable<{ readonly entries: readonly LedgerEntry[] }>;
  try {
    written = ledger.commit(base.key, settlementEntries(plan));
  } catch (error) {
    return refused(error);
  }
  return isPromiseLike(written) ? Promise.resolve(written).then(paid, refused) : paid(written);
}

/**
 * Settling one invoice or dues payment (§5): credit first, the card for the
 * rest, all or nothing, never charged twice.
 */
import { CreditKitError, isCreditKitError } from "../errors.js";
import type { ChargeOutcome } from "../gateway.js";
import type { Reservation } from "../ledger/account-state.js";
import type { LedgerEntry } from "../ledger/entries.js";
import { fromAmountString, isPositive, isZero, type Money, min, subtract, toAmountString } from "../money.js";
import { collect } from "./collect.js";
import { type InvoiceDue, invoiceDue, type SettlementPlan, settlementEntries } from "./plan.js";
import { type Base, isPromiseLike, messageOf, result, then, why, zeroText } from "./settle-result.js";
import type { Awaitable, SettleInvoiceRequest, SettlementLedger, SettlementPorts, SettlementResult } from "./types.js";
import { checkInvoiceRequest, checkPorts, DEFAULT_TIMEOUT_MS, settlementKey } from "./validate.js";

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

/** A plan with its card payment. */
type CardPlan = SettlementPlan & { readonly card: { readonly amount: Money; readonly chargeId: string; readonly description: string } };

/** Each settlement call's owner token: unique in this process (reservations' owners are memory only). */
let calls = 0;

/** One invoice on its way; each step goes on at once with a value and after a promise otherwise. */
class Settling implements Base {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly key: string;
  readonly zero: string;
  /** This call's token: it owns the reservation it makes or claims, and only it may release that. */
  readonly owner = `settlement#${++calls}`;
  private readonly ledger: SettlementLedger;
  /** True once this call made the reservation: a failure before the charge then releases it. */
  private fresh = false;
  /** True once this call went back to the start because the key may have been settled since it looked. */
  private lookedAgain = false;
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

  /** A kept reservation (an earlier unknown charge) is claimed and reconciled; otherwise a new one is made. */
  private begin(kept: Reservation | undefined): Awaitable<SettlementResult> {
    if (!kept) return this.fresh_();
    return then(
      () => this.ledger.claim(this.key, this.owner),
      (claimed) => (claimed ? this.held(claimed, undefined) : this.start()),
      (error) => this.busy(error),
    );
  }

  /** Nothing is held under the key: read what the fees owe, then hold them. */
  private fresh_(): Awaitable<SettlementResult> {
    const read = this.readDue();
    return isPromiseLike(read) ? Promise.resolve(read).then((p) => this.reserve(p, false)) : this.reserve(read, true);
  }

  /** Another settlement of this invoice holds the key now: leave it alone, charge nothing. */
  private busy(error: unknown): SettlementResult {
    if (!isCreditKitError(error, "settlement-in-progress")) throw error;
    return result(this, "unresolved", { why: why("settlement-in-progress") });
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
    if (!isPositive(planned.total)) {
      // Paid since we looked: perhaps under this very key by another settlement, which then is what to say.
      if (!this.lookedAgain) {
        this.lookedAgain = true;
        return this.start();
      }
      return result(this, "nothing-due");
    }
    const { request, owner, key } = this;
    const credit = request.applyCredit ? planned.totalText : this.zero;
    const exact = sync ? planned : undefined;
    return then(
      () => this.ledger.reserve({ key, accountId: request.accountId, feeIds: request.feeIds, credit, owner }),
      (held) => {
        this.fresh = true;
        return this.held(held, exact);
      },
      (error) => {
        // Settled under the key by another settlement since we looked (another process): look again, once.
        if (isCreditKitError(error, "idempotency-conflict") && !this.lookedAgain) {
          this.lookedAgain = true;
          return this.start();
        }
        return this.busy(error);
      },
    );
  }

  /**
   * Gives the reservation back after a failure before any charge, then fails
   * with `error`: released when this call made it, left for a later claim when
   * it was kept from an earlier attempt (its charge may have happened).
   */
  private undo(error: unknown): Awaitable<never> {
    const back = () => (this.fresh ? this.ledger.release(this.key, this.owner) : this.ledger.disown(this.key, this.owner));
    const rethrow = () => {
      throw error;
    };
    // A release that fails leaves the reservation held: disown it, or it would stay this (finished) call's for good.
    return then(back, rethrow, () => this.abandon(error));
  }

  /**
   * Ends with `error` after the gateway was asked, leaving the reservation
   * held and unowned: the charge may have happened, so only a later claim may
   * settle it (never a release here, and never kept by a call that is over).
   */
  private abandon(error: unknown): Awaitable<never> {
    const rethrow = () => {
      throw error;
    };
    return then(() => this.ledger.disown(this.key, this.owner), rethrow, rethrow);
  }

  /** Ends with `outcome`, leaving the reservation held (and unowned) for a later claim. */
  private kept(outcome: SettlementResult): Awaitable<SettlementResult> {
    return then(
      () => this.ledger.disown(this.key, this.owner),
      () => outcome,
      () => outcome,
    );
  }

  /** Ends with `outcome` after releasing the reservation (nothing was charged). */
  private released(outcome: SettlementResult): Awaitable<SettlementResult> {
    return then(
      () => this.ledger.release(this.key, this.owner),
      () => outcome,
      (error) => this.abandon(error),
    );
  }

  /** The fees (and the credit) are held: what they owe cannot change under us, so read it (again) unless known exactly. */
  private held(reservation: Reservation, exact: InvoiceDue | undefined): Awaitable<SettlementResult> {
    try {
      assertHeldFor(reservation, this.request);
    } catch (error) {
      return this.undo(error);
    }
    this.reservation = reservation;
    if (exact) return this.settle(exact);
    return then(
      () => this.readDue(),
      (due) => this.settle(due),
      (error) => this.undo(error),
    );
  }

  /**
   * Pays what the fees owe: from the held credit, then the card for the rest.
   * The card amount follows from the reservation alone (its fees and credit
   * cannot change while it is held), so a re-run that reconciles a kept
   * reservation asks for the same amount under the same key.
   */
  private settle(due: InvoiceDue): Awaitable<SettlementResult> {
    const { ledger, request, key } = this;
    const reservation = this.reservation as Reservation;
    const c = ledger.currency;
    const dueText = due.totalText;
    if (!isPositive(due.total)) {
      if (!this.fresh) return this.kept(result(this, "unresolved", { why: why("reservation-stale") }));
      return this.released(result(this, "nothing-due"));
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
      return then(
        () => ledger.commit(key, settlementEntries(plan), this.owner),
        (w) => result(this, "paid-by-credit", { due: dueText, creditUsed, entries: w.entries }),
        (error) => this.undo(error),
      );
    }

    const description = request.description ?? `Invoice ${request.invoiceId}`;
    const amount = isZero(credit) ? dueText : toAmountString(charge);
    const chargeRequest = { accountId: request.accountId, amount, currency: c, idempotencyKey: key, description };
    return collect(this.ports.gateway, chargeRequest, request.timeoutMs ?? DEFAULT_TIMEOUT_MS).then((answer) =>
      then(
        () => this.answered(answer, { ...plan, card: { amount: charge, chargeId: "", description } }, dueText, creditUsed, amount),
        (settled) => settled,
        // Whatever goes wrong after the gateway was asked, the reservation is kept for a later claim, not left owned.
        (error) => this.abandon(error),
      ),
    );
  }

  /** Acts on the gateway's answer (`collect` made it final or unknown, and read each field once). */
  private answered(
    answer: ChargeOutcome,
    plan: CardPlan,
    dueText: string,
    creditUsed: string,
    amount: string,
  ): Awaitable<SettlementResult> {
    switch (answer.status) {
      case "succeeded":
        return this.record({ ...plan, card: { ...plan.card, chargeId: answer.chargeId } }, dueText, creditUsed, amount);
      case "declined":
        return this.released(result(this, "declined", { due: dueText, why: why("charge-declined", answer.reason) }));
      case "error":
        if (answer.notCharged === true) {
          return this.released(result(this, "failed", { due: dueText, why: why("charge-failed", answer.message) }));
        }
        return this.kept(result(this, "unresolved", { due: dueText, why: why("charge-unknown", answer.message) }));
      default:
        return this.kept(result(this, "unresolved", { due: dueText, why: why("charge-unknown", answer.message) }));
    }
  }

  /** Commits a successful charge. If the ledger refuses, the card was charged but nothing recorded: unresolved, reservation kept. */
  private record(plan: CardPlan, due: string, creditUsed: string, charged: string): Awaitable<SettlementResult> {
    const { chargeId } = plan.card;
    return then(
      () => this.ledger.commit(this.key, settlementEntries(plan), this.owner),
      (written) => {
        const outcome = isPositive(plan.credit) ? "paid-by-charge-and-credit" : "paid-by-charge";
        return result(this, outcome, { due, creditUsed, charged, chargeId, entries: written.entries });
      },
      (error) => {
        const message = `Charged (${chargeId}) but the payment could not be recorded: ${messageOf(error)} Settle again to record it.`;
        return this.kept(result(this, "unresolved", { due, chargeId, why: why("charge-unrecorded", message) }));
      },
    );
  }
}

/**
 * The pure half of settlement: what an invoice's fees owe, and the entries
 * that pay them (credit first in the waterfall over the fees, then the card).
 */
import type { IsoDate } from "../dates.js";
import { CreditKitError } from "../errors.js";
import { type AccountSnapshot, type FeeState, unpaidOldestFirst } from "../ledger/account-state.js";
import type { Allocation, CreditPaymentEntry, GrantUse, LedgerEntry, PaymentEntry } from "../ledger/entries.js";
import type { FeeOwed, FeesOwed } from "../ledger/holds.js";
import { type CreditSource, drawCredit } from "../ledger/waterfall.js";
import { add, compare, fromAmountString, isPositive, type Money, subtract, toAmountString, zero } from "../money.js";

/** One fee of an invoice with what it still owes. */
export type FeeDue = FeeOwed;

/** What an invoice's fees owe now, in the order a waterfall pays them (fees with something left, oldest due first). */
export type InvoiceDue = FeesOwed;

/**
 * Reads the invoice's fees from a snapshot. Throws `unknown-fee` for a fee the
 * account does not have and `fee-reserved` for one held by another settlement.
 */
export function invoiceDue(snapshot: AccountSnapshot, feeIds: readonly string[], key: string): InvoiceDue {
  const chosen: FeeState[] = [];
  if (feeIds.length === 1) {
    const fee = snapshot.fees.find((f) => f.feeId === feeIds[0]);
    if (fee) chosen.push(fee);
  } else {
    const wanted = new Set(feeIds);
    for (const fee of snapshot.fees) if (wanted.has(fee.feeId)) chosen.push(fee);
  }
  if (chosen.length !== feeIds.length) {
    const found = new Set(chosen.map((f) => f.feeId));
    const missing = feeIds.find((id) => !found.has(id));
    throw new CreditKitError("unknown-fee", { accountId: snapshot.account.id, feeId: missing });
  }
  for (const fee of chosen) {
    if (fee.reservedBy !== undefined && fee.reservedBy !== key) {
      throw new CreditKitError("fee-reserved", { feeId: fee.feeId, reservedBy: fee.reservedBy });
    }
  }
  const c = snapshot.currency;
  let total = zero(c);
  const fees = unpaidOldestFirst(chosen, c).map((fee) => {
    const remainder = fromAmountString(fee.remainder, c);
    total = add(total, remainder);
    return { feeId: fee.feeId, description: fee.description, remainder, remainderText: fee.remainder };
  });
  const only = fees.length === 1 ? fees[0] : undefined;
  return { fees, total, totalText: only ? only.remainderText : toAmountString(total) };
}

/** What a settlement writes under its key. */
export interface SettlementPlan {
  readonly key: string;
  readonly accountId: string;
  readonly date: IsoDate;
  readonly currency: string;
  readonly fees: readonly FeeDue[];
  /** The reserved credit, grant by grant, oldest first. */
  readonly grants: readonly GrantUse[];
  /** Credit to apply: at most the grants' total and the fees' total. */
  readonly credit: Money;
  /** The card payment for the rest, when there is one. */
  readonly card?: { readonly amount: Money; readonly chargeId: string; readonly description: string };
}

/**
 * The entries that pay the fees: one `Payment (AC)` per fee credit reaches
 * (credit first, fees in order, grants oldest first, each entry linked to the
 * grants it used), then one card `Payment` allocated over what is left.
 * Ids are `${key}#${n}`.
 */
export function settlementEntries(plan: SettlementPlan): LedgerEntry[] {
  const { key, accountId, date, currency: c } = plan;
  const entries: LedgerEntry[] = [];
  const pool: CreditSource[] = plan.grants.map((g) => ({ grantId: g.grantId, free: fromAmountString(g.amount, c) }));
  const fees = plan.fees;
  const rests: Money[] = [];
  let creditLeft = plan.credit;
  for (let i = 0; i < fees.length; i++) {
    const fee = fees[i] as FeeDue;
    // One comparison decides the fee's rest and the credit left (a used-up side is a shared zero).
    const order = isPositive(creditLeft) ? compare(fee.remainder, creditLeft) : 1;
    const take = order <= 0 ? fee.remainder : creditLeft;
    rests.push(order <= 0 ? zero(c) : isPositive(creditLeft) ? subtract(fee.remainder, creditLeft) : fee.remainder);
    if (!isPositive(take)) continue;
    creditLeft = order < 0 ? subtract(creditLeft, take) : zero(c);
    const entry: CreditPaymentEntry = {
      id: `${key}#${entries.length}`,
      key,
      type: "Payment (AC)",
      accountId,
      date,
      amount: toAmountString(take),
      description: `Account credit applied: ${fee.description}`,
      feeId: fee.feeId,
      grants: drawCredit(pool, take),
    };
    entries.push(entry);
  }
  const card = plan.card;
  if (card && isPositive(card.amount)) {
    const allocations: Allocation[] = [];
    let cardLeft = card.amount;
    for (let i = 0; i < fees.length && isPositive(cardLeft); i++) {
      const rest = rests[i] ?? zero(c);
      if (!isPositive(rest)) continue;
      const order = compare(rest, cardLeft);
      const take = order <= 0 ? rest : cardLeft;
      cardLeft = order < 0 ? subtract(cardLeft, rest) : zero(c);
      allocations.push({ feeId: (fees[i] as FeeDue).feeId, amount: toAmountString(take) });
    }
    const payment: PaymentEntry = {
      id: `${key}#${entries.length}`,
      key,
      type: "Payment",
      accountId,
      date,
      amount: toAmountString(card.amount),
      description: card.description,
      method: "card",
      allocations,
      reference: card.chargeId,
    };
    entries.push(payment);
  }
  return entries;
}

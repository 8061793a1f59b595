/**
 * The money checker of the settlement fault suite: after a batch (and its
 * honest re-run) it counts what must be zero — charges per key over one,
 * charges the ledger does not record, reservations left, fees overpaid,
 * negative figures, invoices partly paid — and whether money is conserved.
 */
import type { Journal } from "../../../packages/core/src/ledger/journal.js";
import {
  add,
  equals,
  fromAmountString,
  greaterThan,
  isNegative,
  isZero,
  type Money,
  toAmountString,
  zero,
} from "../../../packages/core/src/money.js";
import type { BatchInvoice } from "../../../packages/core/src/settlement/index.js";
import type { Bank } from "./bank.js";

export interface MoneyCheck {
  /** The most real charges made under one key. */
  readonly maxChargesPerKey: number;
  /** Real charges no card payment of the ledger records. */
  readonly chargedUnrecorded: number;
  /** Unrecorded real charges whose key holds no reservation: nothing would ever reconcile them. */
  readonly unrecordedUnheld: number;
  /** Card payments of the ledger that name no real charge. */
  readonly recordedUncharged: number;
  readonly reservationsLeft: number;
  readonly feesOverpaid: number;
  readonly negatives: number;
  /** Invoices neither wholly paid nor wholly unpaid. */
  readonly partlyPaid: number;
  readonly unpaidInvoices: number;
  /** Dues = still owed + paid by card + paid by credit; credit granted = left + used; charges = card payments. */
  readonly conserved: boolean;
  readonly charged: string;
  readonly creditUsed: string;
}

/** What the fees and grants were before the batch. */
export interface Opening {
  readonly due: Money;
  readonly credit: Money;
  /** Each invoice's total due. */
  readonly invoiceDue: ReadonlyMap<string, string>;
}

export function opening(ledger: Journal, invoices: readonly BatchInvoice[]): Opening {
  const c = ledger.currency;
  let due = zero(c);
  let credit = zero(c);
  for (const account of ledger.accounts()) {
    const snap = ledger.snapshot(account.id);
    due = add(due, fromAmountString(snap.amountDue, c));
    credit = add(credit, fromAmountString(snap.accountCredit, c));
  }
  const invoiceDue = new Map<string, string>();
  for (const invoice of invoices) invoiceDue.set(invoice.invoiceId, invoiceRemainder(ledger, invoice));
  return { due, credit, invoiceDue };
}

function invoiceRemainder(ledger: Journal, invoice: BatchInvoice): string {
  const c = ledger.currency;
  const fees = ledger.snapshot(invoice.accountId).fees.filter((f) => invoice.feeIds.includes(f.feeId));
  return toAmountString(fees.reduce((total, f) => add(total, fromAmountString(f.remainder, c)), zero(c)));
}

export function checkMoney(ledger: Journal, bank: Bank, invoices: readonly BatchInvoice[], before: Opening): MoneyCheck {
  const c = ledger.currency;
  const perKey = new Map<string, number>();
  for (const charge of bank.charges) perKey.set(charge.key, (perKey.get(charge.key) ?? 0) + 1);
  const references = new Set<string>();
  let card = zero(c);
  let creditPaid = zero(c);
  for (const entry of ledger.entries()) {
    if (entry.type === "Payment") {
      card = add(card, fromAmountString(entry.amount, c));
      if (entry.reference !== undefined) references.add(entry.reference);
    } else if (entry.type === "Payment (AC)") creditPaid = add(creditPaid, fromAmountString(entry.amount, c));
  }
  const chargeIds = new Set(bank.charges.map((charge) => charge.chargeId));
  let bankTotal = zero(c);
  for (const charge of bank.charges) bankTotal = add(bankTotal, fromAmountString(charge.amount, c));

  let feesOverpaid = 0;
  let negatives = 0;
  let owed = zero(c);
  let creditLeft = zero(c);
  for (const account of ledger.accounts()) {
    const snap = ledger.snapshot(account.id);
    for (const figure of [snap.amountDue, snap.accountCredit, snap.availableCredit, snap.reservedCredit]) {
      if (isNegative(fromAmountString(figure, c))) negatives += 1;
    }
    for (const fee of snap.fees) {
      const remainder = fromAmountString(fee.remainder, c);
      if (isNegative(remainder) || greaterThan(fromAmountString(fee.paid, c), fromAmountString(fee.amount, c))) feesOverpaid += 1;
    }
    owed = add(owed, fromAmountString(snap.amountDue, c));
    creditLeft = add(creditLeft, fromAmountString(snap.accountCredit, c));
  }

  let partlyPaid = 0;
  let unpaidInvoices = 0;
  for (const invoice of invoices) {
    const now = invoiceRemainder(ledger, invoice);
    const was = before.invoiceDue.get(invoice.invoiceId) as string;
    if (now === was && !isZero(fromAmountString(now, c))) unpaidInvoices += 1;
    else if (!isZero(fromAmountString(now, c))) partlyPaid += 1;
  }

  const conserved =
    equals(before.due, add(add(owed, card), creditPaid)) && equals(before.credit, add(creditLeft, creditPaid)) && equals(bankTotal, card);
  return {
    maxChargesPerKey: Math.max(0, ...perKey.values()),
    chargedUnrecorded: bank.charges.filter((charge) => !references.has(charge.chargeId)).length,
    unrecordedUnheld: bank.charges.filter((charge) => !references.has(charge.chargeId) && !ledger.reservation(charge.key)).length,
    recordedUncharged: [...references].filter((id) => !chargeIds.has(id)).length,
    reservationsLeft: ledger.reservations().length,
    feesOverpaid,
    negatives,
    partlyPaid,
    unpaidInvoices,
    conserved,
    charged: toAmountString(card),
    creditUsed: toAmountString(creditPaid),
  };
}

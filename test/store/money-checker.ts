/**
 * The checker a settlement fault test ends with (§5 and issue #13's Proof):
 * real charges per key, charges the ledger does not record, reservations
 * left, fees overpaid or partly paid, negative figures, and whether the
 * money adds up. It counts; the test asserts.
 */
import {
  type AccountSnapshot,
  add,
  fromAmountString,
  isNegative,
  type LedgerEntry,
  type Money,
  subtract,
  toAmountString,
  zero,
} from "@creditkit/core";

/** A real charge, as any witness saw it (the stored gateway, a tab's memory, a result). */
export interface SeenCharge {
  readonly chargeId: string;
  readonly idempotencyKey: string;
  readonly amount: string;
}

export interface MoneyFigures {
  readonly keys: number;
  readonly charges: number;
  /** The most distinct real charges seen for one idempotency key. */
  readonly maxChargesPerKey: number;
  readonly keysChargedTwice: number;
  /** Real charges no card Payment on the ledger records (by charge id). */
  readonly unrecorded: number;
  readonly reservationsLeft: number;
  readonly feesOverpaid: number;
  readonly feesPartlyPaid: number;
  readonly negatives: number;
  /** Charged = card payments, fees paid = card + credit used, credit before = credit after + used. */
  readonly conserved: boolean;
  readonly charged: string;
  readonly creditUsed: string;
}

/** Counts everything the rules forbid, from every witness of the charges and the ledger's final state. */
export function checkMoney(input: {
  readonly currency: string;
  readonly charges: readonly SeenCharge[];
  readonly entries: readonly LedgerEntry[];
  readonly accounts: readonly AccountSnapshot[];
  readonly reservations: number;
  /** Account Credit before the settlement, summed over the accounts. */
  readonly creditBefore: string;
}): MoneyFigures {
  const c = input.currency;
  const m = (text: string): Money => fromAmountString(text, c);
  const distinct = new Map<string, SeenCharge>();
  for (const charge of input.charges) if (!distinct.has(charge.chargeId)) distinct.set(charge.chargeId, charge);
  const perKey = new Map<string, number>();
  for (const charge of distinct.values()) perKey.set(charge.idempotencyKey, (perKey.get(charge.idempotencyKey) ?? 0) + 1);
  const references = new Set<string>();
  let card = zero(c);
  let credit = zero(c);
  for (const entry of input.entries) {
    if (entry.type === "Payment" && entry.reference !== undefined) {
      references.add(entry.reference);
      card = add(card, m(entry.amount));
    } else if (entry.type === "Payment (AC)") credit = add(credit, m(entry.amount));
  }
  let charged = zero(c);
  let unrecorded = 0;
  for (const charge of distinct.values()) {
    charged = add(charged, m(charge.amount));
    if (!references.has(charge.chargeId)) unrecorded += 1;
  }
  let overpaid = 0;
  let partly = 0;
  let negatives = 0;
  let paid = zero(c);
  let creditAfter = zero(c);
  for (const account of input.accounts) {
    for (const figure of [account.amountDue, account.accountCredit, account.availableCredit]) if (isNegative(m(figure))) negatives += 1;
    for (const fee of account.fees) {
      const remainder = m(fee.remainder);
      if (isNegative(remainder) || isNegative(m(fee.paid))) negatives += 1;
      if (isNegative(subtract(m(fee.amount), m(fee.paid)))) overpaid += 1;
      if (fee.paid !== toAmountString(zero(c)) && fee.remainder !== toAmountString(zero(c))) partly += 1;
      paid = add(paid, m(fee.paid));
    }
    for (const grant of account.grants) if (isNegative(m(grant.remainder))) negatives += 1;
    creditAfter = add(creditAfter, m(account.accountCredit));
  }
  const same = (a: Money, b: Money) => toAmountString(a) === toAmountString(b);
  const conserved = same(charged, card) && same(paid, add(card, credit)) && same(m(input.creditBefore), add(creditAfter, credit));
  return {
    keys: perKey.size,
    charges: distinct.size,
    maxChargesPerKey: Math.max(0, ...perKey.values()),
    keysChargedTwice: [...perKey.values()].filter((n) => n > 1).length,
    unrecorded,
    reservationsLeft: input.reservations,
    feesOverpaid: overpaid,
    feesPartlyPaid: partly,
    negatives,
    conserved,
    charged: toAmountString(charged),
    creditUsed: toAmountString(credit),
  };
}

/** One line of figures. */
export function figuresLine(label: string, f: MoneyFigures, extra = ""): string {
  return (
    `${label}: keys=${f.keys} charges=${f.charges} max-per-key=${f.maxChargesPerKey} charged-twice=${f.keysChargedTwice} ` +
    `unrecorded=${f.unrecorded} reservations-left=${f.reservationsLeft} overpaid=${f.feesOverpaid} partly-paid=${f.feesPartlyPaid} ` +
    `negative=${f.negatives} conserved=${f.conserved} charged=${f.charged} credit-used=${f.creditUsed}${extra}`
  );
}

/** How tenders meet Remaining Due (§3): cash may give change, other methods may not exceed it. */
import { assertInput, CreditKitError } from "../errors.js";
import type { PaymentMethod } from "../ledger/entries.js";
import { assertMoney, compare, isPositive, type Money, max, min, parseMoney, subtract, sum, toAmountString, zero } from "../money.js";
import { checkTenderList } from "./check-input.js";
import { PAYMENT_METHODS, type Tender } from "./types.js";

/** A tender after change and overpayment are worked out: `kept` = amount − change. */
export interface SplitTender {
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly change: Money;
  readonly kept: Money;
  readonly reference?: string;
}

export interface TenderSplit {
  readonly tenders: readonly SplitTender[];
  readonly tendered: Money;
  readonly change: Money;
  /** Kept money beyond what is due: goes on account as credit. */
  readonly overpayment: Money;
}

/** Parses and checks the tenders, each a positive amount in a known method. */
export function parseTenders(tenders: readonly Tender[], currency: string): { method: PaymentMethod; amount: Money; reference?: string }[] {
  checkTenderList(tenders);
  return tenders.map((t, index) => {
    if (!PAYMENT_METHODS.includes(t?.method)) {
      throw new CreditKitError("invalid-input", {
        field: `tenders[${index}].method`,
        reason: "unknown-payment-method",
        value: String(t?.method),
      });
    }
    try {
      const amount = parseMoney(t.amount, currency, "positive");
      return { method: t.method, amount, ...(t.reference !== undefined ? { reference: t.reference } : {}) };
    } catch (error) {
      if (error instanceof CreditKitError) {
        throw new CreditKitError(error.code, { ...error.details, field: `tenders[${index}].amount` });
      }
      throw error;
    }
  });
}

/**
 * Works out change and overpayment against `due`. Non-cash tenders beyond
 * what is due are refused (`over-tender`) unless `overpaymentToCredit`; the
 * excess is given back from cash first (last cash tender first).
 */
export function splitTenders(
  tenders: readonly { method: PaymentMethod; amount: Money; reference?: string }[],
  due: Money,
  overpaymentToCredit: boolean,
): TenderSplit {
  assertInput(Array.isArray(tenders), "tenders", { reason: "not-a-list" });
  assertInput(typeof overpaymentToCredit === "boolean", "overpaymentToCredit");
  assertMoney(due);
  const c = due.currency;
  assertInput(
    tenders.every((t) => t !== null && typeof t === "object" && PAYMENT_METHODS.includes(t.method)),
    "tenders",
  );
  const cash = sum(
    tenders.filter((t) => t.method === "cash").map((t) => t.amount),
    c,
  );
  const tendered = sum(
    tenders.map((t) => t.amount),
    c,
  );
  const nonCash = subtract(tendered, cash);
  if (compare(nonCash, due) > 0 && !overpaymentToCredit) {
    throw new CreditKitError("over-tender", { due: toAmountString(due), nonCash: toAmountString(nonCash) });
  }
  const excess = max(subtract(tendered, due), zero(c));
  const change = min(excess, cash);
  let changeLeft = change;
  const split: SplitTender[] = new Array(tenders.length);
  for (let i = tenders.length - 1; i >= 0; i--) {
    const t = tenders[i] as (typeof tenders)[number];
    const give = t.method === "cash" && isPositive(changeLeft) ? min(changeLeft, t.amount) : zero(c);
    changeLeft = subtract(changeLeft, give);
    split[i] = {
      method: t.method,
      amount: t.amount,
      change: give,
      kept: subtract(t.amount, give),
      ...(t.reference !== undefined ? { reference: t.reference } : {}),
    };
  }
  return { tenders: split, tendered, change, overpayment: subtract(excess, change) };
}

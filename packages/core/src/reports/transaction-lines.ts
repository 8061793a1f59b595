/**
 * The transactions report (§7): one line per ledger entry, filtered by date
 * range, account, payment type and transaction type.
 */
import type { IsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import {
  ACCOUNT_CREDIT_PAYMENT_TYPE,
  type Allocation,
  type GrantEntry,
  type GrantUse,
  isGrantEntry,
  type LedgerEntry,
  type PaymentType,
  TRANSACTION_TYPES,
  type TransactionType,
} from "../ledger/entries.js";
import { checkEntries, grantsById } from "./entry-checks.js";
import { isPaymentType } from "./payment-types.js";
import { checkPeriod, type ReportPeriod, within } from "./period.js";

/**
 * Which lines to keep. Filters combine with AND; the values inside one list
 * with OR. An absent or empty list does not restrict.
 */
export interface TransactionFilter extends ReportPeriod {
  readonly accountIds?: readonly string[];
  /** Lines without a payment type (fees, grants, voids) never match this filter. */
  readonly paymentTypes?: readonly PaymentType[];
  readonly transactionTypes?: readonly TransactionType[];
}

/** One ledger entry as the transactions report shows it. */
export interface TransactionLine {
  readonly entryId: string;
  readonly accountId: string;
  readonly date: IsoDate;
  readonly type: TransactionType;
  /** `Payment`: its method; `Payment (AC)`: `"account-credit"`; other types: absent. */
  readonly paymentType?: PaymentType;
  /** The entry's canonical amount (always positive). */
  readonly amount: string;
  readonly description: string;
  /** `Fee` and `Payment (AC)`: the fee; `Void` of a fee: the fee voided. */
  readonly feeId?: string;
  /** `Fee`: its category. */
  readonly category?: string;
  /** Grants: the grant; `Void` of a grant: the grant voided. */
  readonly grantId?: string;
  /** Grants: the credit type; `Void` of a grant: the voided grant's credit type, when the grant is among the entries. */
  readonly creditType?: string;
  /** `Void` of a payment: the payment's entry id (the line's payment type is the payment's). */
  readonly reverses?: string;
  /** `Payment (AC)`: each grant it used and how much of it. */
  readonly grants?: readonly GrantUse[];
  /** `Payment`: the fees it paid and how much of each. */
  readonly allocations?: readonly Allocation[];
}

/** A payment's type: its method, or Account Credit for a `Payment (AC)`. */
function paymentTypeOf(entry: LedgerEntry | undefined): PaymentType | undefined {
  if (entry?.type === "Payment") return entry.method;
  return entry?.type === "Payment (AC)" ? ACCOUNT_CREDIT_PAYMENT_TYPE : undefined;
}

function lineOf(
  entry: LedgerEntry,
  grants: ReadonlyMap<string, GrantEntry>,
  byId: () => ReadonlyMap<string, LedgerEntry>,
): TransactionLine {
  const base = {
    entryId: entry.id,
    accountId: entry.accountId,
    date: entry.date,
    type: entry.type,
    amount: entry.amount,
    description: entry.description,
  };
  switch (entry.type) {
    case "Fee":
      return { ...base, feeId: entry.feeId, category: entry.category };
    case "Payment":
      return { ...base, paymentType: entry.method, allocations: entry.allocations.map((a) => ({ feeId: a.feeId, amount: a.amount })) };
    case "Payment (AC)":
      return {
        ...base,
        paymentType: ACCOUNT_CREDIT_PAYMENT_TYPE,
        feeId: entry.feeId,
        grants: entry.grants.map((g) => ({ grantId: g.grantId, amount: g.amount })),
      };
    case "Void": {
      if (entry.target.kind === "fee") return { ...base, feeId: entry.target.feeId };
      if (entry.target.kind === "payment") {
        const paymentType = paymentTypeOf(byId().get(entry.target.entryId));
        return { ...base, reverses: entry.target.entryId, ...(paymentType !== undefined ? { paymentType } : {}) };
      }
      const creditType = grants.get(entry.target.grantId)?.creditType;
      return { ...base, grantId: entry.target.grantId, ...(creditType !== undefined ? { creditType } : {}) };
    }
    default:
      return { ...base, grantId: entry.grantId, creditType: entry.creditType };
  }
}

function checkList<T>(values: readonly T[] | undefined, field: string, known: (value: unknown) => boolean): ReadonlySet<T> | undefined {
  if (values === undefined) return undefined;
  assertInput(Array.isArray(values), field);
  for (const value of values) {
    if (!known(value)) throw new CreditKitError("invalid-input", { field, value: String(value), reason: "unknown-value" });
  }
  return values.length === 0 ? undefined : new Set(values);
}

/**
 * The transactions report: one line per entry that passes `filter`, in date
 * order (entries on the same date keep their ledger order).
 *
 * - `from`/`to` are inclusive; `accountIds`, `paymentTypes` and
 *   `transactionTypes` each keep lines matching any of their values.
 * - A `Payment (AC)` line has payment type `"account-credit"` and lists the
 *   grants it used.
 * - A `Void` of a payment names it (`reverses`) and has its payment type.
 *
 * Throws a CreditKitError for malformed entries, unknown payment or
 * transaction types, bad dates, or `from` after `to`.
 */
export function transactionLines(entries: readonly LedgerEntry[], filter: TransactionFilter = {}): TransactionLine[] {
  checkEntries(entries);
  assertObject(filter, "filter");
  const period = checkPeriod(filter);
  const accounts = checkList(filter.accountIds, "accountIds", (v) => typeof v === "string");
  const paymentTypes = checkList(filter.paymentTypes, "paymentTypes", isPaymentType);
  const types = checkList(filter.transactionTypes, "transactionTypes", (v) => (TRANSACTION_TYPES as readonly unknown[]).includes(v));
  const grants = grantsById(entries);
  // Made only when a payment reversal needs its payment.
  let ids: Map<string, LedgerEntry> | undefined;
  const byId = () => {
    ids ??= new Map(entries.map((e) => [e.id, e]));
    return ids;
  };
  const lines: TransactionLine[] = [];
  for (const entry of entries) {
    if (!within(entry.date, period)) continue;
    if (accounts && !accounts.has(entry.accountId)) continue;
    if (types && !types.has(entry.type)) continue;
    const line = lineOf(entry, grants, byId);
    if (paymentTypes && (line.paymentType === undefined || !paymentTypes.has(line.paymentType))) continue;
    lines.push(line);
  }
  // Array.prototype.sort is stable: same-date lines keep the ledger order.
  return lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A `Payment (AC)` line that used a given grant, with how much it took from that grant. */
export interface GrantUsageLine extends TransactionLine {
  /** The part of the line's amount drawn from the grant asked about. */
  readonly usedFromGrant: string;
}

/**
 * Which `Payment (AC)` lines used `grantId`, in date order, each with the
 * amount it drew from that grant. Throws `unknown-grant` when the entries
 * neither hold the grant nor any use of it.
 */
export function grantUsage(entries: readonly LedgerEntry[], grantId: string): GrantUsageLine[] {
  assertInput(typeof grantId === "string" && grantId !== "", "grantId");
  const lines = transactionLines(entries, { transactionTypes: ["Payment (AC)"] });
  const usage: GrantUsageLine[] = [];
  for (const line of lines) {
    const use = line.grants?.find((g) => g.grantId === grantId);
    if (use) usage.push({ ...line, usedFromGrant: use.amount });
  }
  if (usage.length === 0 && !entries.some((e) => isGrantEntry(e) && e.grantId === grantId)) {
    throw new CreditKitError("unknown-grant", { grantId });
  }
  return usage;
}

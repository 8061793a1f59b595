/**
 * The bad-input catalogue's shared ledger (issue #13, Proof): every row runs
 * against it, and the catalogue checks it is byte-for-byte the same after.
 */
import {
  type AccountSnapshot,
  type CheckoutRequest,
  createJournal,
  type FeeEntry,
  type GrantEntry,
  type Journal,
  type LedgerEntry,
  type PaymentEntry,
} from "../../../packages/core/src/index.js";

/** One hostile input: what it calls, and the exact code it must be refused with. */
export interface Row {
  readonly name: string;
  readonly code: string;
  readonly run: (ctx: Context) => unknown;
}

export interface Context {
  readonly journal: Journal;
  /** fam-1's snapshot: fee "swim" 40.00 owed (due 2026-11-15), fee "held" held by "settle", grant "g1" 10.00 free. */
  readonly snap: AccountSnapshot;
}

export const DATE = "2026-11-20";

/** A fee entry under `key` (valid unless changed). */
export const fee = (key: string, over: Record<string, unknown> = {}): LedgerEntry =>
  ({
    id: `${key}#0`,
    key,
    type: "Fee",
    accountId: "fam-1",
    date: DATE,
    amount: "5.00",
    description: "Locker",
    feeId: `${key}-fee`,
    category: "Tuition",
    dueDate: "2026-12-01",
    ...over,
  }) as FeeEntry;

/** A card payment of 10.00 to "swim" under `key`. */
export const payment = (key: string, over: Record<string, unknown> = {}): LedgerEntry =>
  ({
    id: `${key}#0`,
    key,
    type: "Payment",
    accountId: "fam-1",
    date: DATE,
    amount: "10.00",
    description: "Card",
    method: "card",
    allocations: [{ feeId: "swim", amount: "10.00" }],
    ...over,
  }) as PaymentEntry;

/** 4.00 of grant "g1" paying "swim" under `key`. */
export const creditPayment = (key: string, over: Record<string, unknown> = {}): LedgerEntry =>
  ({
    id: `${key}#0`,
    key,
    type: "Payment (AC)",
    accountId: "fam-1",
    date: DATE,
    amount: "4.00",
    description: "Credit",
    feeId: "swim",
    grants: [{ grantId: "g1", amount: "4.00" }],
    ...over,
  }) as LedgerEntry;

/** A manual 3.00 grant under `key`. */
export const grant = (key: string, over: Record<string, unknown> = {}): LedgerEntry =>
  ({
    id: `${key}#0`,
    key,
    type: "Account Credit",
    accountId: "fam-1",
    date: DATE,
    amount: "3.00",
    description: "Goodwill",
    grantId: `${key}-grant`,
    creditType: "Goodwill",
    source: { kind: "manual" },
    ...over,
  }) as GrantEntry;

/** A void of 1.00 of fee "swim" under `key`. */
export const voidOf = (key: string, over: Record<string, unknown> = {}): LedgerEntry =>
  ({
    id: `${key}#0`,
    key,
    type: "Void",
    accountId: "fam-1",
    date: DATE,
    amount: "1.00",
    description: "Void",
    target: { kind: "fee", feeId: "swim" },
    ...over,
  }) as LedgerEntry;

/** `entry` without `field`. */
export const without = (entry: LedgerEntry, field: string): LedgerEntry => {
  const copy: Record<string, unknown> = { ...entry };
  delete copy[field];
  return copy as unknown as LedgerEntry;
};

/** A checkout request paying "swim" at the admin window. */
export const request = (over: Record<string, unknown> = {}): CheckoutRequest =>
  ({ key: "pay", channel: "admin", date: DATE, feeIds: ["swim"], ...over }) as CheckoutRequest;

/**
 * The ledger every row runs against: fam-1 owes "swim" 40.00 and "held"
 * 15.00 (held by the reservation "settle" with 5.00 of credit), has grant
 * "g1" 10.00; fam-2 paid "gym" 25.00 by card (payment "card#0"); auto-apply
 * back on at the end, as an organisation has it.
 */
export function makeContext(): Context {
  const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
  journal.openAccount({ id: "fam-1", name: "Rivera family", kind: "family" });
  journal.openAccount({ id: "fam-2", name: "Okafor family", kind: "family" });
  journal.commit("fees", [
    fee("fees", { feeId: "swim", amount: "40.00", dueDate: "2026-11-15" }),
    fee("fees", { id: "fees#1", feeId: "held", amount: "15.00" }),
    fee("fees", { id: "fees#2", accountId: "fam-2", feeId: "gym", amount: "25.00" }),
  ]);
  journal.commit("g1", [grant("g1", { grantId: "g1", amount: "10.00" })]);
  journal.commit("card", [payment("card", { accountId: "fam-2", amount: "25.00", allocations: [{ feeId: "gym", amount: "25.00" }] })]);
  journal.reserve({ key: "settle", accountId: "fam-1", feeIds: ["held"], credit: "5.00" });
  journal.updateSettings({ autoApply: true });
  return { journal, snap: journal.snapshot("fam-1") };
}

/** `value` through JSON with an own `__proto__` field added after the first `at` ("{" by default), as JSON.parse makes one. */
export function withProto<T>(value: T, at = "{"): T {
  const text = JSON.stringify(value);
  const i = text.indexOf(at) + at.length;
  return JSON.parse(`${text.slice(0, i)}"__proto__":{"polluted":true},${text.slice(i)}`) as T;
}

/**
 * A row calling `fn(...args)` that must be refused with `code` and leave its
 * arguments as they were (JSON before = after): a pure function's "nothing
 * written". An argument that changed fails the row with a plain Error.
 */
export function pure(name: string, code: string, fn: (...args: never[]) => unknown, ...args: unknown[]): Row {
  return {
    name,
    code,
    run: () => {
      const before = JSON.stringify(args);
      let error: unknown;
      try {
        fn(...(args as never[]));
      } catch (thrown) {
        error = thrown;
      }
      if (JSON.stringify(args) !== before) throw new Error(`${name}: the input changed`);
      if (error !== undefined) throw error;
    },
  };
}

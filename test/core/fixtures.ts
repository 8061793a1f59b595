/** Small builders for test ledgers. */
import {
  add,
  type CommitResult,
  CreditKitError,
  type CreditPaymentEntry,
  createJournal,
  type FeeEntry,
  fromAmountString,
  type GrantEntry,
  type Journal,
  type OrgSettings,
  toAmountString,
  type VoidEntry,
  zero,
} from "../../packages/core/src/index.js";

let counter = 0;
const nextKey = (prefix: string) => `${prefix}-${++counter}`;

export function journalWith(settings: Partial<OrgSettings> = {}, currency = "USD"): Journal {
  return createJournal({ currency, settings: { autoApply: false, ...settings } });
}

export function openFamily(journal: Journal, id = "fam-1", name = "Rivera family"): string {
  journal.openAccount({ id, name, kind: "family" });
  return id;
}

export function postFee(
  journal: Journal,
  accountId: string,
  feeId: string,
  amount: string,
  options: { dueDate?: string; category?: string; description?: string; date?: string } = {},
): void {
  const key = nextKey(`fee-${feeId}`);
  journal.commit(key, [
    {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId,
      feeId,
      amount,
      date: options.date ?? "2026-11-01",
      dueDate: options.dueDate ?? "2026-11-15",
      category: options.category ?? "Tuition",
      description: options.description ?? `Fee ${feeId}`,
    },
  ]);
}

export function grantCredit(
  journal: Journal,
  accountId: string,
  grantId: string,
  amount: string,
  options: { date?: string; creditType?: string } = {},
): void {
  const key = nextKey(`grant-${grantId}`);
  journal.commit(key, [
    {
      id: `${key}#0`,
      key,
      type: "Account Credit",
      accountId,
      grantId,
      amount,
      date: options.date ?? "2026-10-01",
      description: `Credit ${grantId}`,
      creditType: options.creditType ?? "Goodwill",
      source: { kind: "manual" },
    },
  ]);
}

// ---------------------------------------------------------------------------
// Additions for the money and ledger rule tests (§1, §2, §4).

/** Runs `action` and returns the CreditKitError it threw; fails when it returned, or threw anything else. */
export function errorOf(action: () => unknown): CreditKitError {
  try {
    action();
  } catch (error) {
    if (error instanceof CreditKitError) return error;
    throw new Error(`expected a CreditKitError, got ${String(error)}`);
  }
  throw new Error("expected a CreditKitError, but nothing was thrown");
}

/** Builds a fee entry (not committed) under `key`. */
export function feeEntry(
  key: string,
  accountId: string,
  feeId: string,
  amount: string,
  options: { dueDate?: string; date?: string; id?: string; description?: string; category?: string } = {},
): FeeEntry {
  return {
    id: options.id ?? `${key}#${feeId}`,
    key,
    type: "Fee",
    accountId,
    feeId,
    amount,
    date: options.date ?? "2026-11-01",
    dueDate: options.dueDate ?? "2026-11-15",
    category: options.category ?? "Tuition",
    description: options.description ?? `Fee ${feeId}`,
  };
}

/** Builds a credit grant entry (not committed) under `key`. */
export function grantEntry(
  key: string,
  accountId: string,
  grantId: string,
  amount: string,
  options: { date?: string; id?: string; type?: GrantEntry["type"]; creditType?: string } = {},
): GrantEntry {
  return {
    id: options.id ?? `${key}#${grantId}`,
    key,
    type: options.type ?? "Account Credit",
    accountId,
    grantId,
    amount,
    date: options.date ?? "2026-10-01",
    description: `Credit ${grantId}`,
    creditType: options.creditType ?? "Goodwill",
    source: { kind: "manual" },
  };
}

/** Builds a hand-made `Payment (AC)` entry: `feeId` paid from the listed grants, the amount their sum. */
export function creditPaymentEntry(
  key: string,
  accountId: string,
  feeId: string,
  grants: readonly (readonly [grantId: string, amount: string])[],
  options: { date?: string; id?: string; amount?: string; currency?: string } = {},
): CreditPaymentEntry {
  const currency = options.currency ?? "USD";
  const total = grants.reduce((acc, [, amount]) => add(acc, fromAmountString(amount, currency)), zero(currency));
  return {
    id: options.id ?? `${key}#ac-${feeId}`,
    key,
    type: "Payment (AC)",
    accountId,
    feeId,
    amount: options.amount ?? toAmountString(total),
    date: options.date ?? "2026-11-20",
    description: `Account credit applied to ${feeId}`,
    grants: grants.map(([grantId, amount]) => ({ grantId, amount })),
  };
}

/** Builds a `Void` entry reversing `amount` of a grant's unused part or a fee's unpaid part. */
export function voidEntry(
  key: string,
  accountId: string,
  target: VoidEntry["target"],
  amount: string,
  options: { date?: string; id?: string } = {},
): VoidEntry {
  return {
    id: options.id ?? `${key}#void`,
    key,
    type: "Void",
    accountId,
    target,
    amount,
    date: options.date ?? "2026-11-21",
    description: "Reversal",
  };
}

/** Commits a hand-made `Payment (AC)` under a fresh key (USD amounts). */
export function payFromCredit(
  journal: Journal,
  accountId: string,
  feeId: string,
  grants: readonly (readonly [grantId: string, amount: string])[],
): CommitResult {
  const key = nextKey(`ac-${feeId}`);
  return journal.commit(key, [creditPaymentEntry(key, accountId, feeId, grants)]);
}

/** Commits a `Void` under a fresh key. */
export function voidPart(journal: Journal, accountId: string, target: VoidEntry["target"], amount: string): CommitResult {
  const key = nextKey("void");
  return journal.commit(key, [voidEntry(key, accountId, target, amount)]);
}

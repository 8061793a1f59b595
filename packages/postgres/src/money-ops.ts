/**
 * The money operations: each is one transaction that locks the accounts it
 * touches (sorted advisory locks: one account's commits serialize, other
 * accounts go on in parallel), rebuilds just those accounts with the core,
 * lets the core decide (commit, checkout, reversal, reservation), and writes
 * what the core wrote. No rule is written here: the core refuses or accepts.
 */
import {
  assertInput,
  type CheckoutPlan,
  type CommitResult,
  CreditKitError,
  type DataSourceChange,
  fromAmountString,
  isGrantEntry,
  isPositive,
  type Journal,
  type KeyedEntries,
  type LedgerEntry,
  type PaymentReversalRequest,
  paymentReversal,
  type Reservation,
  type ReserveRequest,
  recordCheckout,
  subtract,
  toAmountString,
  validateEntry,
  zero,
} from "@creditkit/core";
import type { Changes } from "./changes.js";
import type { Queryable } from "./db.js";
import {
  assertKeysLoaded,
  type LoadedLedger,
  loadLedger,
  touchedAccounts,
  type WrittenKey,
  writeKeys,
  writtenKeys,
} from "./ledger-rows.js";
import { accountLock, inOrg, lockNames, type OrgScope } from "./org-tx.js";

export interface LedgerScope extends OrgScope {
  readonly currency: string;
  readonly changes: Changes;
}

/** What an operation decided, for `underAccounts` to write. */
interface Decision<T> {
  readonly value: T;
  readonly written?: readonly WrittenKey[];
  /** More rows to write in the same transaction (a reservation). */
  readonly extra?: (tx: Queryable) => Promise<void>;
  /** The changes to announce (default: one for the written keys). */
  readonly changes?: readonly DataSourceChange[];
}

/** Runs `decide` on the journal of `accountIds`, under their locks, and writes its decision, in one transaction. */
export async function underAccounts<T>(
  scope: LedgerScope,
  accountIds: readonly string[],
  keys: readonly string[],
  decide: (loaded: LoadedLedger) => Decision<T>,
): Promise<T> {
  const ids = [...new Set(accountIds)];
  let changes: DataSourceChange[] = [];
  const value = await inOrg(scope, async (tx) => {
    await lockNames(tx, scope.orgId, ids.map(accountLock));
    const loaded = await loadLedger(tx, scope.orgId, ids, keys);
    assertKeysLoaded(loaded, ids);
    const decision = decide(loaded);
    const written = decision.written ?? [];
    await writeKeys(tx, scope.orgId, written);
    if (decision.extra) await decision.extra(tx);
    changes = [...(decision.changes ?? changesOf(written))];
    await scope.changes.notify(tx, changes);
    return decision.value;
  });
  for (const change of changes) scope.changes.emit(change);
  return value;
}

/** One change per commit (its sweep's accounts included). */
function changesOf(written: readonly WrittenKey[]): DataSourceChange[] {
  if (written.length === 0) return [];
  return [{ key: (written[0] as WrittenKey).key, accountIds: touchedAccounts(written) }];
}

/** Checks entries before any lock is taken (the core checks them again at commit): a list of entries in the ledger's currency. */
function accountsOf(scope: LedgerScope, key: unknown, entries: unknown): string[] {
  assertInput(typeof key === "string" && key !== "", "key");
  assertInput(Array.isArray(entries), "entries");
  if (entries.length === 0) throw new CreditKitError("empty-commit", { key });
  for (const entry of entries) validateEntry(entry as LedgerEntry, scope.currency);
  return [...new Set((entries as LedgerEntry[]).map((e) => e.accountId))];
}

/** A commit's result and what it wrote. */
function committing(journal: Journal, key: string, entries: readonly LedgerEntry[]): Decision<CommitResult> {
  const result = journal.commit(key, entries);
  return { value: result, written: writtenKeys(key, result) };
}

export function commit(scope: LedgerScope, key: string, entries: readonly LedgerEntry[]): Promise<CommitResult> {
  const accounts = accountsOf(scope, key, entries);
  return underAccounts(scope, accounts, [key], ({ journal }) => committing(journal, key, entries));
}

export function postCredits(scope: LedgerScope, key: string, grants: readonly LedgerEntry[]): Promise<CommitResult> {
  assertInput(Array.isArray(grants) && grants.every((g) => isGrantEntry(g)), "grants", "Only credit grants can be posted as credits.");
  return commit(scope, key, grants);
}

/** Many keys in one transaction, each idempotent by its key, all or nothing. */
export async function commitChunk(scope: LedgerScope, items: readonly KeyedEntries[]): Promise<CommitResult[]> {
  assertInput(Array.isArray(items), "items");
  const accounts = [...new Set(items.flatMap((item) => accountsOf(scope, item?.key, item?.entries)))];
  if (items.length === 0) return [];
  return underAccounts(
    scope,
    accounts,
    items.map((i) => i.key),
    ({ journal }) => {
      const results = items.map((item) => journal.commit(item.key, item.entries));
      const perItem = results.map((r, i) => writtenKeys((items[i] as KeyedEntries).key, r));
      const changes = perItem.filter((w) => w.length > 0).map((w) => changesOf(w)[0] as DataSourceChange);
      return { value: results, written: perItem.flat(), changes };
    },
  );
}

export function checkout(scope: LedgerScope, plan: CheckoutPlan): Promise<CommitResult> {
  assertInput(plan !== null && typeof plan === "object", "plan", "Record a plan made by planCheckout.");
  const accounts = accountsOf(scope, plan.key, plan.entries);
  return underAccounts(scope, accounts, [plan.key], ({ journal }) => {
    const result = recordCheckout(journal, plan);
    return { value: result, written: writtenKeys(plan.key, result) };
  });
}

/** Reverses a whole payment under `key`, once (the store's rules: the same key again is a duplicate, on any day). */
export function reversePayment(scope: LedgerScope, request: PaymentReversalRequest): Promise<CommitResult> {
  assertInput(request !== null && typeof request === "object", "request");
  assertInput(typeof request.entryId === "string" && request.entryId !== "", "entryId");
  assertInput(typeof request.accountId === "string" && request.accountId !== "", "accountId");
  const key = request.key ?? `reverse/${request.entryId}`;
  assertInput(typeof key === "string" && key !== "", "key");
  return underAccounts(scope, [request.accountId], [key], ({ journal }) => {
    const payment = journal.entriesOf(request.accountId).find((e) => e.id === request.entryId);
    if (payment?.type !== "Payment" && payment?.type !== "Payment (AC)") {
      throw new CreditKitError("unknown-payment", { accountId: request.accountId, entryId: request.entryId });
    }
    const previous = journal.committed(key);
    const before = previous?.[0];
    if (previous?.length === 1 && before?.type === "Void" && before.target.kind === "payment" && before.target.entryId === payment.id) {
      return { value: { status: "duplicate", entries: previous, swept: [] } };
    }
    const entry = paymentReversal(payment, {
      key,
      date: request.date,
      ...(request.description === undefined ? {} : { description: request.description }),
    });
    return committing(journal, key, [entry]);
  });
}

/**
 * Holds fees and credit for a settlement (the core's `journal.reserve`
 * decides what is held) and stores it with its owner, a lease of `leaseMs`
 * and the pinned card amount (what the fees owe now less the credit held).
 */
export function reserve(scope: LedgerScope, request: ReserveRequest, leaseMs: number): Promise<Reservation> {
  assertInput(request !== null && typeof request === "object", "request");
  assertInput(typeof request.accountId === "string" && request.accountId !== "", "accountId");
  assertInput(typeof request.owner === "string" && request.owner !== "", "owner");
  const { owner } = request;
  return underAccounts(scope, [request.accountId], [request.key], ({ journal }) => {
    const held = journal.reserve({ key: request.key, accountId: request.accountId, feeIds: request.feeIds, credit: request.credit });
    const owed = journal.feesOwed(held.accountId, held.feeIds, held.key).total;
    const credit = fromAmountString(held.credit, scope.currency);
    const rest = subtract(owed, credit);
    const card = toAmountString(isPositive(rest) ? rest : zero(scope.currency));
    return {
      value: held,
      changes: [{ key: held.key, accountIds: [held.accountId] }],
      extra: async (tx) => {
        await tx.query(
          `INSERT INTO reservations (org_id, key, account_id, fee_ids, grants, credit, card_amount, owner, owner_until)
           VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6::numeric, $7::numeric, $8, clock_timestamp() + $9::int * interval '1 millisecond')`,
          [scope.orgId, held.key, held.accountId, [...held.feeIds], JSON.stringify(held.grants), held.credit, card, owner, String(leaseMs)],
        );
      },
    };
  });
}

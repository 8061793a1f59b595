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
  isGrantEntry,
  type Journal,
  type KeyedEntries,
  type LedgerEntry,
  type PaymentReversalRequest,
  paymentReversal,
  recordCheckout,
  reversalKey,
} from "@creditkit/core";
import { validateEntry } from "@creditkit/core/internal";
import { AccountCache } from "./account-cache.js";
import type { Changes } from "./changes.js";
import { changesOf, type Decision, underKeptAccount } from "./kept-group.js";
import {
  accountRows,
  assertKeysLoaded,
  insertReservationsLater,
  type LoadedLedger,
  loadLedger,
  sendLoadOne,
  writeKeys,
  writtenKeys,
} from "./ledger-rows.js";
import { accountLock, inOrg, lockNames, type OrgScope } from "./org-tx.js";

export interface LedgerScope extends OrgScope {
  readonly currency: string;
  readonly changes: Changes;
  /** Accounts kept rebuilt between operations (0: none, every operation rebuilds). Default 10000. */
  readonly accountCacheSize?: number;
}

const caches = new WeakMap<LedgerScope, AccountCache | null>();

/** The data source's kept accounts (one cache per scope, made on first use), or null when turned off. */
export function cacheOf(scope: LedgerScope): AccountCache | null {
  let cache = caches.get(scope);
  if (cache === undefined) {
    const size = scope.accountCacheSize ?? 10_000;
    cache = size > 0 ? new AccountCache(scope.currency, size) : null;
    caches.set(scope, cache);
  }
  return cache;
}

/** Runs `decide` on the journal of `accountIds`, under their locks, and writes its decision, in one transaction. */
export async function underAccounts<T>(
  scope: LedgerScope,
  accountIds: readonly string[],
  keys: readonly string[],
  decide: (loaded: LoadedLedger) => Decision<T>,
  owner?: string,
): Promise<T> {
  const ids = [...new Set(accountIds)];
  const cache = cacheOf(scope);
  if (cache && ids.length === 1) {
    const id = ids[0] as string;
    return cache.exclusive(id, () => underKeptAccount(scope, cache, id, keys, decide, owner));
  }
  // Several accounts (a run's chunk): rebuilt for this operation. Kept accounts catch up by their seq.
  let changes: DataSourceChange[] = [];
  const owners = owner === undefined ? undefined : [owner];
  const value = await inOrg(
    scope,
    async (tx) => {
      await lockNames(tx, scope.orgId, ids.map(accountLock));
      const loaded = await loadLedger(tx, scope.orgId, ids, keys);
      assertKeysLoaded(loaded, ids);
      const decision = decide(loaded);
      const written = decision.written ?? [];
      await writeKeys(tx, scope.orgId, written);
      if (decision.reservation) insertReservationsLater(tx, scope.orgId, [decision.reservation]);
      changes = [...(decision.changes ?? changesOf(written))];
      await scope.changes.notify(tx, changes);
      return decision.value;
    },
    owners ? { owners } : {},
  );
  for (const change of changes) scope.changes.emit(change);
  return value;
}

/**
 * Reads one account through its kept journal: what changed since the kept
 * seq is read at one snapshot (one round trip on a server) and replayed,
 * then `use` reads the journal. Without a cache, the account is rebuilt.
 */
export async function readKept<T>(scope: LedgerScope, accountId: string, use: (journal: Journal) => T): Promise<T> {
  assertInput(typeof accountId === "string" && accountId !== "", "accountId");
  const cache = cacheOf(scope);
  if (!cache) {
    const { journal } = await inOrg(scope, (tx) => loadLedger(tx, scope.orgId, [accountId]), { readOnly: true });
    return use(journal);
  }
  return cache.exclusive(accountId, async () => {
    const { load } = await inOrg(
      scope,
      async (tx) => ({ load: sendLoadOne(tx, scope.orgId, accountId, cache.seqOf(accountId), [], true) }),
      { readOnly: true, keyed: true },
    );
    const { rows } = accountRows(scope.orgId, accountId, (await load)[0]);
    return use(cache.refresh(accountId, rows).journal);
  });
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

/** Commits under `key`; `owner` is the settlement's (only it may commit under a key it owns: migration 003). */
export function commit(scope: LedgerScope, key: string, entries: readonly LedgerEntry[], owner?: string): Promise<CommitResult> {
  const accounts = accountsOf(scope, key, entries);
  return underAccounts(scope, accounts, [key], ({ journal }) => committing(journal, key, entries), owner);
}

export function postCredits(scope: LedgerScope, key: string, grants: readonly LedgerEntry[]): Promise<CommitResult> {
  assertInput(Array.isArray(grants) && grants.every((g) => isGrantEntry(g)), "grants", { reason: "grants-only" });
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
  assertInput(plan !== null && typeof plan === "object", "plan", { reason: "not-a-plan", maker: "planCheckout" });
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
  const key = request.key ?? reversalKey(request.entryId);
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

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
  isCreditKitError,
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
  reversalKey,
  subtract,
  toAmountString,
  validateEntry,
  zero,
} from "@creditkit/core";
import { AccountCache } from "./account-cache.js";
import type { Changes } from "./changes.js";
import type { Transaction } from "./db.js";
import {
  accountRows,
  assertKeysLoaded,
  type LoadedLedger,
  loadLedger,
  sendLoadOne,
  touchedAccounts,
  type WrittenKey,
  writeKeys,
  writeKeysLater,
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

/** What an operation decided, for `underAccounts` to write. */
interface Decision<T> {
  readonly value: T;
  readonly written?: readonly WrittenKey[];
  /** More rows to write in the same transaction (a reservation). */
  readonly extra?: (tx: Transaction) => Promise<void>;
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
  const cache = cacheOf(scope);
  if (cache && ids.length === 1) {
    const id = ids[0] as string;
    return cache.exclusive(id, () => underKeptAccount(scope, cache, id, keys, decide));
  }
  // Several accounts (a run's chunk): rebuilt for this operation. Kept accounts catch up by their seq.
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

/**
 * One account kept rebuilt (account-cache.ts), in two round trips on a
 * server: BEGIN, the organisation's settings, the lock and the load of what
 * changed since the kept seq; then the write, the notice and COMMIT.
 * A decision the database did not commit drops the kept account.
 */
async function underKeptAccount<T>(
  scope: LedgerScope,
  cache: AccountCache,
  id: string,
  keys: readonly string[],
  decide: (loaded: LoadedLedger) => Decision<T>,
): Promise<T> {
  let changes: DataSourceChange[] = [];
  let ahead = false;
  try {
    const { value, seq } = await inOrg(scope, async (tx) => {
      if (ahead) cache.drop(id);
      ahead = false;
      // creditkit_lock's key for one name, without the plpgsql call.
      const locked = tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))", [scope.orgId, accountLock(id)]);
      const loading = sendLoadOne(tx, scope.orgId, id, cache.seqOf(id), keys);
      loading.catch(() => undefined);
      await locked;
      const { rows, committed } = accountRows(scope.orgId, id, (await loading)[0]);
      const { journal } = cache.refresh(id, rows);
      const loaded: LoadedLedger = { org: { currency: scope.currency, settings: rows.settings }, journal, committed };
      assertKeysLoaded(loaded, [id]);
      ahead = true;
      let decision: Decision<T>;
      try {
        decision = decide(loaded);
      } catch (error) {
        // The core refuses on a draft: the kept journal is as it was.
        if (isCreditKitError(error)) ahead = false;
        throw error;
      }
      const written = decision.written ?? [];
      if (written.some((w) => w.entries.some((e) => e.accountId !== id))) throw new CreditKitError("storage-refused", { accountId: id });
      const seq = writeKeysLater(tx, scope.orgId, written);
      if (decision.extra) await decision.extra(tx);
      changes = [...(decision.changes ?? changesOf(written))];
      await scope.changes.notify(tx, changes);
      return { value: decision.value, seq };
    });
    const last = await seq;
    cache.wrote(id, last);
    ahead = false;
    for (const change of changes) scope.changes.emit(change);
    return value;
  } finally {
    if (ahead) cache.drop(id);
  }
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
      {
        readOnly: true,
      },
    );
    const { rows } = accountRows(scope.orgId, accountId, (await load)[0]);
    return use(cache.refresh(accountId, rows).journal);
  });
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
        tx.later(
          `INSERT INTO reservations (org_id, key, account_id, fee_ids, grants, credit, card_amount, owner, owner_until)
           VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6::numeric, $7::numeric, $8, clock_timestamp() + $9::int * interval '1 millisecond')`,
          [scope.orgId, held.key, held.accountId, [...held.feeIds], JSON.stringify(held.grants), held.credit, card, owner, String(leaseMs)],
        );
      },
    };
  });
}

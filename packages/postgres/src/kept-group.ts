/**
 * Money operations on kept accounts (account-cache.ts), written in groups
 * (docs/decisions/0015, group commit): the operations of different accounts
 * that wait together go in one transaction — their locks taken in one
 * sorted order, their loads sent together, each decided by the core on its
 * own account, every write and COMMIT in one round trip, one WAL flush.
 *
 * All or nothing per call, not per group: a call the core refuses writes
 * nothing and is answered alone while the others commit; if the database
 * fails the group (a raced key, a rule in SQL), nothing of it is committed
 * and each call is written again alone, in its own transaction, and gets
 * its own answer. A group of one is the single-account path itself: two
 * round trips (BEGIN, settings, lock and load; the write, the notice, COMMIT).
 */
import { CreditKitError, type DataSourceChange, isCreditKitError } from "@creditkit/core";
import type { AccountCache } from "./account-cache.js";
import { prepared } from "./db.js";
import {
  accountRows,
  assertKeysLoaded,
  insertReservationsLater,
  json,
  type LoadedLedger,
  type ReservationRow,
  touchedAccounts,
  type WrittenKey,
  writeEachLater,
} from "./ledger-rows.js";
import { sendLoadMany } from "./load-many.js";
import { accountLock, inOrg, type OrgScope } from "./org-tx.js";
import { GROUPS, WriteQueue } from "./write-queue.js";

/** What an operation decided, for the group to write. */
export interface Decision<T> {
  readonly value: T;
  readonly written?: readonly WrittenKey[];
  /** A reservation to store in the same transaction (with the group's others, in one statement). */
  readonly reservation?: ReservationRow;
  /** The changes to announce (default: one for the written keys). */
  readonly changes?: readonly DataSourceChange[];
}

export interface GroupScope extends OrgScope {
  readonly currency: string;
  readonly changes: import("./changes.js").Changes;
}

/** One call waiting for its group. */
interface Member {
  readonly id: string;
  readonly keys: readonly string[];
  /** The settlement committing, when one is (it alone may commit under a key it owns). */
  readonly owner?: string;
  readonly decide: (loaded: LoadedLedger) => Decision<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** One change per commit (its sweep's accounts included). */
export function changesOf(written: readonly WrittenKey[]): DataSourceChange[] {
  if (written.length === 0) return [];
  return [{ key: (written[0] as WrittenKey).key, accountIds: touchedAccounts(written) }];
}

/** How a member ended inside the group's transaction. */
type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly changes: readonly DataSourceChange[] }
  | { readonly ok: false; readonly error: unknown };

/** Names of `names` whose advisory lock another transaction holds (the others are taken, without waiting). */
export const TRY_LOCKS = prepared(`SELECT coalesce(array_agg(n), '{}') AS busy FROM unnest($2::text[]) AS n
  WHERE NOT pg_try_advisory_xact_lock(hashtextextended($1 || '/' || n, 0))`);
/** Takes one lock, waiting for it ($1 the organisation, $2 the name). */
export const LOCK_ONE = prepared("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))");

/**
 * Writes `group` (distinct accounts, each under its account's mutex) in one
 * transaction; see the module comment. A group's locks are only tried: an
 * account another transaction holds leaves the group and waits alone, so
 * different accounts never wait for each other.
 */
async function writeGroup(scope: GroupScope, cache: AccountCache, group: readonly Member[]): Promise<void> {
  // Accounts whose kept journal holds a decision the database has not committed (dropped unless it commits).
  const ahead = new Set<string>();
  let outcomes: Outcome[] = [];
  /** Each written account's last seq, once committed. */
  let seqs: Promise<Map<string, string>> = Promise.resolve(new Map());
  let members = group;
  const alone: Promise<void>[] = [];
  const owners = group.flatMap((m) => (m.owner === undefined ? [] : [m.owner]));
  try {
    await inOrg(
      scope,
      async (tx) => {
        for (const id of ahead) cache.drop(id);
        ahead.clear();
        const ids = members.map((m) => m.id);
        const locked: Promise<Record<string, unknown>[]> =
          ids.length === 1
            ? tx.query(LOCK_ONE, [scope.orgId, accountLock(ids[0] as string)])
            : tx.query(TRY_LOCKS, [scope.orgId, ids.map(accountLock)]);
        // One statement for the group's loads (one per member was most of a group's statements).
        const loading = sendLoadMany(
          tx,
          scope.orgId,
          members.map((m) => ({ accountId: m.id, seq: cache.seqOf(m.id), keys: m.keys })),
        );
        loading.catch(() => undefined);
        const busy = new Set(json<string[] | undefined>((await locked)[0]?.busy) ?? []);
        // Read before the busy ones leave: row i is member i's (loaded without its lock: not used).
        const rowsOf = new Map(members.map((m, i) => [m, loading.then((rows) => rows[i])] as const));
        if (busy.size > 0) {
          for (const m of members) if (busy.has(accountLock(m.id))) alone.push(writeGroup(scope, cache, [m]));
          members = members.filter((m) => !busy.has(accountLock(m.id)));
        }
        const loads = members.map(
          (m) => rowsOf.get(m)?.then((row) => [row as Record<string, unknown>]) as Promise<Record<string, unknown>[]>,
        );
        for (const l of loads) l.catch(() => undefined);
        outcomes = [];
        const changes: DataSourceChange[] = [];
        // Every member's rows, written by one statement each (entries and commits; reservations) with the COMMIT.
        const written: WrittenKey[] = [];
        const reservations: ReservationRow[] = [];
        for (const [i, m] of members.entries()) {
          let sent = false;
          try {
            const { rows, committed } = accountRows(scope.orgId, m.id, (await loads[i])?.[0]);
            const { journal } = cache.refresh(m.id, rows);
            const loaded: LoadedLedger = { org: { currency: scope.currency, settings: rows.settings }, journal, committed };
            assertKeysLoaded(loaded, [m.id]);
            ahead.add(m.id);
            let decision: Decision<unknown>;
            try {
              decision = m.decide(loaded);
            } catch (error) {
              // The core refuses on a draft: the kept journal is as it was.
              if (isCreditKitError(error)) ahead.delete(m.id);
              throw error;
            }
            const wrote = decision.written ?? [];
            if (wrote.some((w) => w.entries.some((e) => e.accountId !== m.id)))
              throw new CreditKitError("storage-refused", { accountId: m.id });
            sent = true;
            written.push(...wrote);
            if (decision.reservation) reservations.push(decision.reservation);
            const own = decision.changes ?? changesOf(wrote);
            changes.push(...own);
            outcomes.push({ ok: true, value: decision.value, changes: own });
          } catch (error) {
            // A refusal before anything was sent is this call's alone; anything else fails the group (written again alone).
            if (sent || !isCreditKitError(error)) throw error;
            outcomes.push({ ok: false, error });
          }
        }
        seqs = writeEachLater(tx, scope.orgId, written);
        seqs.catch(() => undefined);
        insertReservationsLater(tx, scope.orgId, reservations);
        await scope.changes.notify(tx, changes);
      },
      owners.length > 0 ? { owners, keyed: true } : { keyed: true },
    );
  } catch (error) {
    for (const id of ahead) cache.drop(id);
    if (group.length === 1) (group[0] as Member).reject(error);
    // Nothing of the group committed: each call again, alone, for its own answer.
    else for (const m of members) await writeGroup(scope, cache, [m]);
    await Promise.all(alone);
    return;
  }
  const last = await seqs;
  for (const [i, m] of members.entries()) {
    const outcome = outcomes[i] as Outcome;
    if (!outcome.ok) {
      if (ahead.has(m.id)) cache.drop(m.id);
      m.reject(outcome.error);
      continue;
    }
    cache.wrote(m.id, last.get(m.id) ?? null);
    for (const change of outcome.changes) scope.changes.emit(change);
    m.resolve(outcome.value);
  }
  await Promise.all(alone);
}

/** Groups per scope (a data source's), made on first use. */
const queues = new WeakMap<GroupScope, WriteQueue<Member>>();

/**
 * Runs `decide` on the kept `accountId` and writes its decision, in a group
 * with the other accounts' operations waiting now. Call it under the
 * account's mutex (`cache.exclusive`): one operation per account per group.
 */
export function underKeptAccount<T>(
  scope: GroupScope,
  cache: AccountCache,
  accountId: string,
  keys: readonly string[],
  decide: (loaded: LoadedLedger) => Decision<T>,
  owner?: string,
): Promise<T> {
  let queue = queues.get(scope);
  if (!queue) {
    queue = new WriteQueue<Member>((group) => writeGroup(scope, cache, group), GROUPS);
    queues.set(scope, queue);
  }
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    const member = { id: accountId, keys, decide, resolve: resolve as (value: unknown) => void, reject };
    q.push(owner === undefined ? member : { ...member, owner });
  });
}

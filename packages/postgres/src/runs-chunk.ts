/**
 * A chunk of keyed commits on many accounts (a mass-credit run's chunk,
 * `commitChunk`) in one transaction and two round trips on a server
 * (docs/decisions/0015, "Runs"):
 *  1. BEGIN, the organisation's settings, the accounts' advisory locks (one
 *     sorted order, `creditkit_lock`) and one load: the accounts' records,
 *     the entries of those that have any, their reservations and which of
 *     the keys are committed, each aggregated as one JSON text (no jsonb
 *     built in the database, one `JSON.parse` here);
 *  2. the core's `restoreJournal` of those accounts (an account without
 *     entries is opened, nothing replayed) and its `journal.commit` per key
 *     decide; one statement writes every entry of the chunk (`unnest` of
 *     column arrays, in order), a commits row per key (grouped from the
 *     entries it inserted), drops the reservations held under the keys, and
 *     goes out with the COMMIT.
 * Each key stays idempotent: a key the accounts hold is a duplicate, one
 * held elsewhere an `idempotency-conflict`, and a key raced by another
 * process fails the unique key of `commits`, so the transaction is retried
 * and finds it committed.
 */
import {
  type AccountRecord,
  assertInput,
  type CommitResult,
  CreditKitError,
  type DataSourceChange,
  type KeyedEntries,
  type LedgerEntry,
  type OrgSettings,
  type Reservation,
  restoreJournal,
} from "@creditkit/core";
import { validateEntry } from "@creditkit/core/internal";
import { prepared, type Transaction } from "./db.js";
import { assertKeysLoaded, type CommittedKey, touchedAccounts, type WrittenKey, writtenKeys } from "./ledger-rows.js";
import type { LedgerScope } from "./money-ops.js";
import { accountLock, inOrg } from "./org-tx.js";
import { committedAmong, entriesOfAccounts, ofAccounts } from "./probes.js";

/**
 * One statement: the settings, the accounts (in the order opened), their entries key by key (each key at its first
 * entry's place, each account's in the order written), their reservations, and which of the keys ($3) are committed.
 */
const LOAD_CHUNK = prepared(`SELECT
  (SELECT settings::text FROM organisations WHERE org_id = $1) AS settings,
  (SELECT json_agg(record ORDER BY seq)::text FROM ${ofAccounts("$2::text[]", "accounts", "record, seq")}) AS accounts,
  (SELECT json_agg(entry ORDER BY first_seq, seq)::text FROM (SELECT entry, seq, min(seq) OVER (PARTITION BY key) AS first_seq
     FROM ${entriesOfAccounts("$2::text[]", "entry, seq, key")}) AS e) AS entries,
  (SELECT json_agg(json_build_object('key', key, 'accountId', account_id, 'feeIds', fee_ids,
      'grants', grants, 'credit', credit::text) ORDER BY created_at, key)::text
     FROM ${ofAccounts("$2::text[]", "reservations", "key, account_id, fee_ids, grants, credit, created_at")}) AS reservations,
  ${committedAmong("$3::text[]", "json")} AS committed`);

/**
 * One statement: the entries in order (one JSON array: one string to send, parsed once in the database), a commits
 * row per key (its accounts in the order first written, its entry count), and the reservations held under the keys
 * dropped.
 */
const WRITE_CHUNK = prepared(`WITH
  e AS (INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry)
        SELECT $1, x->>'id', x->>'key', x->>'accountId', x->>'type', (x->>'date')::date, (x->>'amount')::numeric, x
        FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n RETURNING seq, key, account_id),
  c AS (INSERT INTO commits (org_id, key, account_ids, entry_count)
        SELECT $1, key, array_agg(account_id ORDER BY first_seq), sum(count)::int
        FROM (SELECT key, account_id, min(seq) AS first_seq, count(*) AS count FROM e GROUP BY key, account_id) AS per_account
        GROUP BY key RETURNING 1),
  d AS (DELETE FROM reservations WHERE org_id = $1 AND key = ANY($3::text[]) RETURNING 1)
SELECT (SELECT count(*) FROM c)::int AS commits, (SELECT count(*) FROM d)::int AS released`);

/** Sends the chunk's write (with the COMMIT: one round trip). */
function writeChunkLater(tx: Transaction, orgId: string, written: readonly WrittenKey[]): void {
  if (written.length === 0) return;
  tx.later(WRITE_CHUNK, [orgId, JSON.stringify(written.flatMap((w) => w.entries)), written.map((w) => w.key)]);
}

/** The accounts of one item, its entries checked first (the core checks them again at commit), as money-ops does. */
function accountsOf(scope: LedgerScope, key: unknown, entries: unknown): string[] {
  assertInput(typeof key === "string" && key !== "", "key");
  assertInput(Array.isArray(entries), "entries");
  if (entries.length === 0) throw new CreditKitError("empty-commit", { key });
  for (const entry of entries) validateEntry(entry as LedgerEntry, scope.currency);
  return [...new Set((entries as LedgerEntry[]).map((e) => e.accountId))];
}

/** A chunk finds every row by its accounts and keys (org-tx.ts `keyed`, docs/decisions/0019). */
const KEYED = { keyed: true } as const;

const parsed = <T>(text: unknown, empty: T): T => (typeof text === "string" ? (JSON.parse(text) as T) : empty);

/** Many keys in one transaction, each idempotent by its key, all or nothing (see the module comment). */
export async function commitChunkOnAccounts(scope: LedgerScope, items: readonly KeyedEntries[]): Promise<CommitResult[]> {
  const ids = [...new Set(items.flatMap((item) => accountsOf(scope, item?.key, item?.entries)))];
  if (items.length === 0) return [];
  const keys = items.map((i) => i.key);
  let changes: DataSourceChange[] = [];
  const results = await inOrg(
    scope,
    async (tx) => {
      const locked = tx.query("SELECT creditkit_lock($1, $2::text[])", [scope.orgId, ids.map(accountLock)]);
      const loading = tx.query<Record<string, unknown>>(LOAD_CHUNK, [scope.orgId, ids, keys]);
      loading.catch(() => undefined);
      await locked;
      const [row] = await loading;
      const settings = parsed<OrgSettings | null>(row?.settings, null);
      if (!settings) throw new CreditKitError("storage-unavailable", { orgId: scope.orgId, reason: "no-organisation" });
      const records = parsed<AccountRecord[]>(row?.accounts, []);
      if (records.length < ids.length) {
        const found = new Set(records.map((a) => a.id));
        throw new CreditKitError("unknown-account", { accountId: ids.find((id) => !found.has(id)) });
      }
      const journal = restoreJournal({
        currency: scope.currency,
        settings,
        accounts: records,
        entries: parsed<LedgerEntry[]>(row?.entries, []),
        reservations: parsed<Reservation[]>(row?.reservations, []),
      });
      const committed = parsed<CommittedKey[]>(row?.committed, []);
      assertKeysLoaded({ org: { currency: scope.currency, settings }, journal, committed }, ids);
      const decided = items.map((item) => journal.commit(item.key, item.entries));
      const perItem = decided.map((r, i) => writtenKeys((items[i] as KeyedEntries).key, r));
      writeChunkLater(tx, scope.orgId, perItem.flat());
      // One change per committed key (its sweep's accounts included).
      changes = perItem.filter((w) => w.length > 0).map((w) => ({ key: (w[0] as WrittenKey).key, accountIds: touchedAccounts(w) }));
      await scope.changes.notify(tx, changes);
      return decided;
    },
    KEYED,
  );
  for (const change of changes) scope.changes.emit(change);
  return results;
}

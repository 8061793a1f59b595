/**
 * Reads: settings, accounts, entries and balances. Each is one read-only
 * transaction at one snapshot; balances are the core's fold of the entries
 * (`restoreJournal` of the accounts read), never a second copy in SQL.
 */
import {
  type AccountRecord,
  type AccountSnapshot,
  assertInput,
  assertIsoDate,
  CreditKitError,
  type EntryQuery,
  type LedgerEntry,
  type OrgSettings,
} from "@creditkit/core";
import { prepared, type Queryable } from "./db.js";
import { json, type LoadedLedger, loadLedger } from "./ledger-rows.js";
import { type LedgerScope, readKept } from "./money-ops.js";
import { inOrg, type OrgScope } from "./org-tx.js";
import { entriesOfKeys } from "./probes.js";

export async function readSettings(scope: OrgScope): Promise<OrgSettings> {
  return inOrg(
    scope,
    async (tx) => {
      const [row] = await tx.query("SELECT settings FROM organisations WHERE org_id = $1", [scope.orgId]);
      return Object.freeze(json<OrgSettings>(row?.settings));
    },
    { readOnly: true },
  );
}

export async function listAccounts(scope: OrgScope): Promise<AccountRecord[]> {
  return inOrg(
    scope,
    async (tx) =>
      (await tx.query("SELECT record FROM accounts WHERE org_id = $1 ORDER BY seq", [scope.orgId])).map((r) =>
        json<AccountRecord>(r.record),
      ),
    { readOnly: true },
  );
}

/** The journal of `accountIds` (every account when undefined), read at one snapshot. */
export async function readLedger(scope: OrgScope, accountIds?: readonly string[]): Promise<LoadedLedger> {
  return inOrg(
    scope,
    async (tx) => {
      const ids =
        accountIds ??
        (await tx.query<{ account_id: string }>("SELECT account_id FROM accounts WHERE org_id = $1 ORDER BY seq", [scope.orgId])).map(
          (r) => r.account_id,
        );
      return loadLedger(tx, scope.orgId, ids);
    },
    { readOnly: true },
  );
}

export async function readSnapshot(scope: LedgerScope, accountId: string): Promise<AccountSnapshot> {
  return readKept(scope, accountId, (journal) => journal.snapshot(accountId));
}

/** An account's snapshot and the organisation's settings, at one snapshot in one read (a checkout is planned from both). */
export async function readSnapshotAndSettings(
  scope: LedgerScope,
  accountId: string,
): Promise<{ snapshot: AccountSnapshot; settings: OrgSettings }> {
  return readKept(scope, accountId, (journal) => ({ snapshot: journal.snapshot(accountId), settings: journal.settings() }));
}

export async function readSnapshots(scope: OrgScope, accountIds?: readonly string[]): Promise<AccountSnapshot[]> {
  assertInput(accountIds === undefined || (Array.isArray(accountIds) && accountIds.every((id) => typeof id === "string")), "accountIds");
  const { journal } = await readLedger(scope, accountIds);
  return (accountIds ?? journal.accounts().map((a) => a.id)).map((id) => journal.snapshot(id));
}

/** Ledger lines in the order written, filtered in SQL (accounts, date range). */
export async function listEntries(scope: OrgScope, query: EntryQuery = {}): Promise<LedgerEntry[]> {
  assertInput(query !== null && typeof query === "object" && !Array.isArray(query), "query");
  const ids = query.accountIds;
  assertInput(ids === undefined || (Array.isArray(ids) && ids.every((id) => typeof id === "string")), "accountIds");
  if (query.from !== undefined) assertIsoDate(query.from, "from");
  if (query.to !== undefined) assertIsoDate(query.to, "to");
  return inOrg(
    scope,
    async (tx) => {
      // Dates compare as the entries' own text (YYYY-MM-DD), as the embedded store does.
      if (ids !== undefined && ids.length > 0) {
        const [found] = await tx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM accounts WHERE org_id = $1 AND account_id = ANY($2::text[])",
          [scope.orgId, [...new Set(ids)]],
        );
        if (Number(found?.n) < new Set(ids).size) {
          const known = await listAccountIds(tx, scope.orgId);
          throw new CreditKitError("unknown-account", { accountId: ids.find((id) => !known.has(id)) });
        }
      }
      const rows = await tx.query(
        `SELECT entry FROM entries WHERE org_id = $1
           AND ($2::text[] IS NULL OR account_id = ANY($2::text[]))
           AND ($3::text IS NULL OR entry->>'date' >= $3) AND ($4::text IS NULL OR entry->>'date' <= $4)
         ORDER BY seq`,
        [scope.orgId, ids === undefined ? null : [...ids], query.from ?? null, query.to ?? null],
      );
      return rows.map((r) => json<LedgerEntry>(r.entry));
    },
    { readOnly: true },
  );
}

const KEY_ENTRIES = prepared("SELECT entry FROM entries WHERE org_id = $1 AND key = $2 ORDER BY seq");
/** The entries of the keys ($2), in order (a key's are contiguous per account, not across keys). */
export const KEYS_ENTRIES = prepared(entriesOfKeys("$2::text[]"));

/** The entries written under `key` in order, or undefined when it was never committed. */
export async function readCommitted(scope: OrgScope, key: string): Promise<LedgerEntry[] | undefined> {
  assertInput(typeof key === "string", "key");
  // Sent with the COMMIT: one round trip on a server.
  const { read } = await inOrg(scope, async (tx) => ({ read: tx.later(KEY_ENTRIES, [scope.orgId, key]) }), { readOnly: true, keyed: true });
  const rows = await read;
  return rows.length === 0 ? undefined : rows.map((r) => json<LedgerEntry>(r.entry));
}

/** Which of `keys` are committed (one query for a run's chunk). */
export async function readCommittedKeys(scope: OrgScope, keys: readonly string[]): Promise<Map<string, LedgerEntry[]>> {
  return inOrg(
    scope,
    async (tx) => {
      const rows = await tx.query<{ key: string; entry: unknown }>(KEYS_ENTRIES, [scope.orgId, [...keys]]);
      const found = new Map<string, LedgerEntry[]>();
      for (const r of rows) {
        const list = found.get(r.key) ?? [];
        list.push(json<LedgerEntry>(r.entry));
        found.set(r.key, list);
      }
      return found;
    },
    { readOnly: true, keyed: true },
  );
}

async function listAccountIds(tx: Queryable, orgId: string): Promise<Set<string>> {
  return new Set(
    (await tx.query<{ account_id: string }>("SELECT account_id FROM accounts WHERE org_id = $1", [orgId])).map((r) => r.account_id),
  );
}

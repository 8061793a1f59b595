/**
 * The ledger's rows as the core's data: a journal of just the accounts an
 * operation touches, rebuilt with the core's `restoreJournal` from their
 * records, entries and reservations (every entry checked again on the way
 * in), and what a commit wrote written back as rows.
 */
import {
  type AccountRecord,
  type CommitResult,
  CreditKitError,
  type Journal,
  type LedgerEntry,
  type OrgSettings,
  type Reservation,
  restoreJournal,
} from "@creditkit/core";
import type { AccountRows } from "./account-cache.js";
import { prepared, type Queryable, type Transaction } from "./db.js";
import { committedAmong } from "./probes.js";

/** The organisation's currency and settings. */
export interface OrgRow {
  readonly currency: string;
  readonly settings: OrgSettings;
}

/** What a key already committed: the accounts it wrote to. */
export interface CommittedKey {
  readonly key: string;
  readonly accounts: readonly string[];
}

export interface LoadedLedger {
  readonly org: OrgRow;
  readonly journal: Journal;
  /** The keys asked about that are committed already. */
  readonly committed: readonly CommittedKey[];
}

interface LoadRow {
  readonly org: OrgRow | null;
  readonly accounts: AccountRecord[];
  readonly entries: LedgerEntry[];
  readonly reservations: Reservation[];
  readonly committed: { key: string; accounts: string[] }[];
}

/**
 * One statement: the organisation, the accounts, their entries in order, their reservations, and which of `keys` are committed.
 * Entries come key by key (each key at its first entry's place), each account's in the order written: concurrent writers to
 * other accounts take seq values between one statement's rows, so plain seq order can split a key the core needs whole.
 */
const LOAD = `SELECT
  (SELECT jsonb_build_object('currency', currency, 'settings', settings) FROM organisations WHERE org_id = $1) AS org,
  (SELECT coalesce(jsonb_agg(record ORDER BY seq), '[]') FROM accounts WHERE org_id = $1 AND account_id = ANY($2::text[])) AS accounts,
  (SELECT coalesce(jsonb_agg(entry ORDER BY first_seq, seq), '[]') FROM (SELECT entry, seq, min(seq) OVER (PARTITION BY key) AS first_seq
     FROM entries WHERE org_id = $1 AND account_id = ANY($2::text[])) AS e) AS entries,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'accountId', account_id, 'feeIds', to_jsonb(fee_ids),
      'grants', grants, 'credit', credit::text) ORDER BY created_at, key), '[]')
     FROM reservations WHERE org_id = $1 AND account_id = ANY($2::text[])) AS reservations,
  ${committedAmong("$3::text[]")} AS committed`;

/** JSON from the engine: PGlite parses jsonb, `pg` too; a string is parsed here (json columns, other drivers). */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * Loads the accounts (all must exist: `unknown-account` otherwise) and
 * rebuilds their journal. Call it with the accounts' locks held, so nothing
 * changes them until the transaction ends.
 */
export async function loadLedger(
  tx: Queryable,
  orgId: string,
  accountIds: readonly string[],
  keys: readonly string[] = [],
): Promise<LoadedLedger> {
  const [row] = await tx.query<Record<keyof LoadRow, unknown>>(LOAD, [orgId, [...accountIds], [...keys]]);
  const org = json<OrgRow | null>(row?.org);
  if (!org) throw new CreditKitError("storage-unavailable", { orgId, reason: "no-organisation" });
  const accounts = json<AccountRecord[]>(row?.accounts);
  if (accounts.length < new Set(accountIds).size) {
    const found = new Set(accounts.map((a) => a.id));
    const missing = accountIds.find((id) => !found.has(id));
    throw new CreditKitError("unknown-account", { accountId: missing });
  }
  const journal = restoreJournal({
    currency: org.currency,
    settings: org.settings,
    accounts,
    entries: json<LedgerEntry[]>(row?.entries),
    reservations: json<Reservation[]>(row?.reservations),
  });
  return { org, journal, committed: json<CommittedKey[]>(row?.committed) };
}

/**
 * Throws `idempotency-conflict` for a key committed with entries on accounts
 * outside the loaded journal: its entries cannot be these (the same entries
 * are on the same accounts, and the journal answers for those itself).
 */
export function assertKeysLoaded(loaded: LoadedLedger, accountIds: readonly string[]): void {
  const here = new Set(accountIds);
  for (const c of loaded.committed) {
    if (c.accounts.some((a) => !here.has(a))) throw new CreditKitError("idempotency-conflict", { key: c.key });
  }
}

/** One key's entries as written. */
export interface WrittenKey {
  readonly key: string;
  readonly entries: readonly LedgerEntry[];
}

/** What one commit wrote: its own key, then each sweep key (a sweep's entries come grouped by key). */
export function writtenKeys(key: string, result: CommitResult): WrittenKey[] {
  if (result.status !== "committed") return [];
  const out: WrittenKey[] = [{ key, entries: result.entries }];
  for (const entry of result.swept) {
    const last = out[out.length - 1] as WrittenKey;
    if (last.key === entry.key && last !== out[0]) (last.entries as LedgerEntry[]).push(entry);
    else out.push({ key: entry.key, entries: [entry] });
  }
  return out;
}

/** The accounts a set of written keys touched. */
export function touchedAccounts(written: readonly WrittenKey[]): string[] {
  const ids = new Set<string>();
  for (const w of written) for (const e of w.entries) ids.add(e.accountId);
  return [...ids];
}

/**
 * One statement for one account kept rebuilt (account-cache.ts): the
 * organisation's settings, the account's record, its entries after the seq
 * the cache holds ($3) with the last seq, its reservations, and which of
 * `keys` ($4) are committed.
 */
const LOAD_ONE = prepared(`SELECT
  (SELECT settings FROM organisations WHERE org_id = $1) AS settings,
  (SELECT record FROM accounts WHERE org_id = $1 AND account_id = $2) AS record,
  (SELECT jsonb_build_object('entries', coalesce(jsonb_agg(entry ORDER BY seq), '[]'), 'seq', max(seq)::text)
     FROM entries WHERE org_id = $1 AND account_id = $2 AND seq > $3::bigint) AS fresh,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'accountId', account_id, 'feeIds', to_jsonb(fee_ids),
      'grants', grants, 'credit', credit::text) ORDER BY created_at, key), '[]')
     FROM reservations WHERE org_id = $1 AND account_id = $2) AS reservations,
  ${committedAmong("$4::text[]")} AS committed`);

/** Sends LOAD_ONE (not awaited: it may share a round trip with what was sent before it; `later`: with the COMMIT). */
export function sendLoadOne(
  tx: Transaction,
  orgId: string,
  accountId: string,
  seq: string,
  keys: readonly string[],
  later = false,
): Promise<Row[]> {
  const params = [orgId, accountId, seq, [...keys]];
  return later ? tx.later(LOAD_ONE, params) : tx.query(LOAD_ONE, params);
}

type Row = Record<string, unknown>;

/** LOAD_ONE's row as the cache's rows (`unknown-account` when the account is not open). */
export function accountRows(orgId: string, accountId: string, row: Row | undefined): { rows: AccountRows; committed: CommittedKey[] } {
  const settings = json<OrgSettings | null>(row?.settings);
  if (!settings) throw new CreditKitError("storage-unavailable", { orgId, reason: "no-organisation" });
  const record = json<AccountRecord | null>(row?.record);
  if (!record) throw new CreditKitError("unknown-account", { accountId });
  const fresh = json<{ entries: LedgerEntry[]; seq: string | null }>(row?.fresh);
  return {
    rows: { settings, record, entries: fresh.entries, seq: fresh.seq, reservations: json<Reservation[]>(row?.reservations) },
    committed: json<CommittedKey[]>(row?.committed),
  };
}

const WRITE = prepared(`WITH
  e AS (INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry)
        SELECT $1, x->>'id', x->>'key', x->>'accountId', x->>'type', (x->>'date')::date, (x->>'amount')::numeric, x
        FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n RETURNING seq),
  c AS (INSERT INTO commits (org_id, key, account_ids, entry_count)
        SELECT $1, k->>'key', ARRAY(SELECT jsonb_array_elements_text(k->'accounts')), (k->>'count')::int
        FROM jsonb_array_elements($3::jsonb) AS k RETURNING 1),
  d AS (DELETE FROM reservations WHERE org_id = $1 AND key = ANY($4::text[]) RETURNING 1)
SELECT max(seq)::text AS seq, (SELECT count(*) FROM c)::int AS commits, (SELECT count(*) FROM d)::int AS released FROM e`);

function writeParams(orgId: string, written: readonly WrittenKey[]): unknown[] {
  const entries = written.flatMap((w) => w.entries);
  const keys = written.map((w) => ({ key: w.key, accounts: [...new Set(w.entries.map((e) => e.accountId))], count: w.entries.length }));
  return [orgId, JSON.stringify(entries), JSON.stringify(keys), written.map((w) => w.key)];
}

/**
 * Writes the keys' entries (in order) and a commits row per key, and drops
 * the reservations held under those keys (a commit releases its key's), in
 * one statement.
 */
export async function writeKeys(tx: Queryable, orgId: string, written: readonly WrittenKey[]): Promise<void> {
  if (written.length === 0) return;
  await tx.query(WRITE, writeParams(orgId, written));
}

/**
 * WRITE for a group's members (each writes one account): the same rows, answered with each account's last seq.
 * Like WRITE it reads c before d: the commits rows (and their owned-key trigger, migration 003) are inserted
 * before the reservations under the keys are dropped, so the trigger still sees a reservation another owner holds.
 */
const WRITE_EACH = prepared(`WITH
  e AS (INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry)
        SELECT $1, x->>'id', x->>'key', x->>'accountId', x->>'type', (x->>'date')::date, (x->>'amount')::numeric, x
        FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n RETURNING seq, account_id),
  c AS (INSERT INTO commits (org_id, key, account_ids, entry_count)
        SELECT $1, k->>'key', ARRAY(SELECT jsonb_array_elements_text(k->'accounts')), (k->>'count')::int
        FROM jsonb_array_elements($3::jsonb) AS k RETURNING 1),
  d AS (DELETE FROM reservations WHERE org_id = $1 AND key = ANY($4::text[]) RETURNING 1)
SELECT account_id, max(seq)::text AS seq, (SELECT count(*) FROM c)::int AS commits, (SELECT count(*) FROM d)::int AS released
FROM e GROUP BY account_id`);

/**
 * The writes of a group's members in one statement sent with the COMMIT
 * (their entries in member order, so each account's stay in order); resolves,
 * once committed, with the last seq written per account.
 */
export function writeEachLater(tx: Transaction, orgId: string, written: readonly WrittenKey[]): Promise<Map<string, string>> {
  if (written.length === 0) return Promise.resolve(new Map());
  return tx
    .later<{ account_id: string; seq: string }>(WRITE_EACH, writeParams(orgId, written))
    .then((rows) => new Map(rows.map((r) => [String(r.account_id), String(r.seq)])));
}

/** `writeKeys` sent with the COMMIT (one round trip); resolves, once committed, with the last seq written (null: none). */
export function writeKeysLater(tx: Transaction, orgId: string, written: readonly WrittenKey[]): Promise<string | null> {
  if (written.length === 0) return Promise.resolve(null);
  return tx.later<{ seq: string | null }>(WRITE, writeParams(orgId, written)).then((rows) => rows[0]?.seq ?? null);
}

/** A reservation to store: what the core held, with its owner, lease and pinned card amount. */
export interface ReservationRow {
  readonly held: Reservation;
  /** What the fees owe now less the credit held (never negative). */
  readonly cardAmount: string;
  readonly owner: string;
  readonly leaseMs: number;
}

const INSERT_RESERVATIONS = prepared(
  `INSERT INTO reservations (org_id, key, account_id, fee_ids, grants, credit, card_amount, owner, owner_until)
   SELECT $1, r->>'key', r->>'accountId', ARRAY(SELECT jsonb_array_elements_text(r->'feeIds')), r->'grants',
     (r->>'credit')::numeric, (r->>'cardAmount')::numeric, r->>'owner', clock_timestamp() + (r->>'leaseMs')::int * interval '1 millisecond'
   FROM jsonb_array_elements($2::jsonb) AS r`,
);

/** Stores `rows` in one statement sent with the COMMIT (a group's reservations). */
export function insertReservationsLater(tx: Transaction, orgId: string, rows: readonly ReservationRow[]): void {
  if (rows.length === 0) return;
  const values = rows.map(({ held, cardAmount, owner, leaseMs }) => ({
    key: held.key,
    accountId: held.accountId,
    feeIds: held.feeIds,
    grants: held.grants,
    credit: held.credit,
    cardAmount,
    owner,
    leaseMs,
  }));
  tx.later(INSERT_RESERVATIONS, [orgId, JSON.stringify(values)]);
}

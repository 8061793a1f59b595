/**
 * The store's append-only log: every change to the ledger is one record with
 * a sequence number. A connection rebuilds its journal by folding the whole
 * log (load) or applies the records after its last sequence number (another
 * tab wrote them). Records are plain data, as IndexedDB stores them.
 */
import {
  type AccountRecord,
  CreditKitError,
  DEFAULT_SETTINGS,
  type Journal,
  type JournalData,
  type LedgerEntry,
  type OrgSettings,
  type Reservation,
  type ReserveRequest,
  restoreJournal,
} from "@creditkit/core";
import { validateJournalData } from "@creditkit/core/internal";

/** One change, as the log keeps it. */
export type LogRecord =
  /** The organisation's settings after a change (all of them). */
  | { readonly t: "settings"; readonly settings: OrgSettings }
  | { readonly t: "accounts"; readonly accounts: readonly AccountRecord[] }
  /** The entries committed under one key (a sweep writes its own record under its own key). */
  | { readonly t: "commit"; readonly key: string; readonly entries: readonly LedgerEntry[] }
  /** A reservation made, with the request that made it (replayed in order, the request draws the same grants). */
  | { readonly t: "reserve"; readonly request: ReserveRequest; readonly reservation: Reservation }
  | { readonly t: "release"; readonly key: string };

/** Where a connection stands in the log: the log's generation (an import starts a new one) and the last sequence number applied. */
export interface Cursor {
  readonly epoch: string;
  readonly seq: number;
}

/** What a connection has not seen yet: the records after its cursor, or (`reset`) the whole log of a new generation. */
export interface CatchUp {
  readonly reset: boolean;
  readonly records: readonly LogRecord[];
  readonly cursor: Cursor;
}

/** Thrown when replaying a record does not give what its writer got; the connection reloads the whole log. */
export class LogDivergence extends Error {
  override readonly name = "LogDivergence";
}

/** JSON with sorted object keys: "the same reservation" whatever order its fields were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Folds a whole log into a journal's data (the reservations still held at its end, exactly as held). */
export function foldLog(currency: string, records: readonly LogRecord[]): JournalData {
  let settings: OrgSettings = DEFAULT_SETTINGS;
  const accounts: AccountRecord[] = [];
  const entries: LedgerEntry[] = [];
  const held = new Map<string, Reservation>();
  for (const record of records) {
    switch (record.t) {
      case "settings":
        settings = record.settings;
        break;
      case "accounts":
        for (const account of record.accounts) accounts.push(account);
        break;
      case "commit":
        for (const entry of record.entries) entries.push(entry);
        held.delete(record.key);
        break;
      case "reserve":
        held.set(record.reservation.key, record.reservation);
        break;
      case "release":
        held.delete(record.key);
        break;
    }
  }
  return { currency, settings, accounts, entries, reservations: [...held.values()] };
}

/** A journal rebuilt from a whole log; every entry is checked again on the way in. */
export function journalFromLog(currency: string, records: readonly LogRecord[]): Journal {
  return restoreJournal(foldLog(currency, records));
}

/**
 * Applies records another connection wrote to a live journal, in order, with
 * the sweep off (its entries are in the log already). Throws `LogDivergence`
 * when a record does not replay to what its writer got.
 */
export function applyLog(journal: Journal, records: readonly LogRecord[]): void {
  let settings = journal.settings();
  journal.updateSettings({ autoApply: false });
  try {
    for (const record of records) {
      switch (record.t) {
        case "settings":
          settings = record.settings;
          journal.updateSettings({ ...settings, autoApply: false });
          break;
        case "accounts":
          for (const account of record.accounts) journal.openAccount(account);
          break;
        case "commit":
          if (journal.commit(record.key, record.entries).status !== "committed")
            throw new LogDivergence(`Key ${record.key} replayed twice.`);
          break;
        case "reserve": {
          const got = journal.reserve(record.request);
          if (canonicalJson(got) !== canonicalJson(record.reservation))
            throw new LogDivergence(`Reservation ${record.request.key} differs.`);
          break;
        }
        case "release":
          journal.release(record.key);
          break;
      }
    }
  } catch (error) {
    if (error instanceof LogDivergence) throw error;
    throw new LogDivergence(error instanceof Error ? error.message : String(error));
  } finally {
    journal.updateSettings(settings);
  }
}

/** The records that rebuild `data` from nothing (an import): settings, accounts, one commit per key run, the held reservations. */
export function recordsOf(data: JournalData): LogRecord[] {
  const records: LogRecord[] = [{ t: "settings", settings: data.settings }];
  if (data.accounts.length > 0) records.push({ t: "accounts", accounts: data.accounts });
  let group: LedgerEntry[] = [];
  const flush = () => {
    const first = group[0];
    if (first) records.push({ t: "commit", key: first.key, entries: group });
    group = [];
  };
  for (const entry of data.entries) {
    if (group[0] && group[0].key !== entry.key) flush();
    group.push(entry);
  }
  flush();
  for (const r of data.reservations) {
    records.push({ t: "reserve", request: { key: r.key, accountId: r.accountId, feeIds: r.feeIds, credit: r.credit }, reservation: r });
  }
  return records;
}

/**
 * Throws a typed error unless `value` is journal data, checked by the core's
 * own rules (`validateJournalData`: fields and their types, settings that are
 * booleans, accounts, no unknown or `__proto__` field); restoring it checks
 * every entry as a commit does.
 */
export function assertJournalData(value: unknown): asserts value is JournalData {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CreditKitError("invalid-input", { field: "backup", reason: "not-a-backup" });
  }
  validateJournalData(value, "backup.ledger");
}

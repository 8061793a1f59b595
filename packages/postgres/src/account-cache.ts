/**
 * Accounts kept rebuilt between operations (docs/decisions/0015): per data
 * source, the journal of one account with the seq of the last entry it
 * holds. An operation on the account loads, under the account's advisory
 * lock, only the entries written after that seq (by this process or any
 * other) and replays them with the core's own commit (auto-apply off, as
 * `restoreJournal` does), so it never decides on a stale account. Its
 * reservations and the organisation's settings are read every time and
 * compared: new settings are applied, reservations gone elsewhere released,
 * any other difference rebuilds the account from the entries it holds. One operation at a time per account in this process (an async
 * mutex), so nobody sees a decision before its commit; an operation that
 * fails for any reason but a rule's refusal drops the account.
 */
import { type AccountRecord, type Journal, type LedgerEntry, type OrgSettings, type Reservation, restoreJournal } from "@creditkit/core";

export interface CachedAccount {
  readonly journal: Journal;
  /** The seq of the last entry the journal holds ("0": none). */
  seq: string;
  /** The organisation's settings the journal was built with (their JSON). */
  settings: string;
}

/** What one statement read of the account (see ledger-rows' LOAD_ONE). */
export interface AccountRows {
  readonly settings: OrgSettings;
  readonly record: AccountRecord;
  /** Entries after the cached seq (all of them when nothing is cached), in order. */
  readonly entries: readonly LedgerEntry[];
  /** The seq of the last of `entries` (null when none). */
  readonly seq: string | null;
  readonly reservations: readonly Reservation[];
}

const holdText = (r: Reservation) =>
  `${r.key}\u0000${r.accountId}\u0000${r.feeIds.join(",")}\u0000${r.credit}\u0000${r.grants.map((g) => `${g.grantId}=${g.amount}`).join(",")}`;

/** Each key's entries in the order written (a key's entries are contiguous per account). */
function groups(entries: readonly LedgerEntry[]): LedgerEntry[][] {
  const out: LedgerEntry[][] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && (last[0] as LedgerEntry).key === e.key) last.push(e);
    else out.push([e]);
  }
  return out;
}

export class AccountCache {
  private readonly accounts = new Map<string, CachedAccount>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly currency: string,
    /** Accounts kept at most (the least recently used go first). */
    private readonly size: number,
  ) {}

  /** Runs `fn` when no other operation of this process is on `accountId`. */
  async exclusive<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(accountId);
    let done = () => {};
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.queues.set(accountId, mine);
    if (before) await before;
    try {
      return await fn();
    } finally {
      done();
      if (this.queues.get(accountId) === mine) this.queues.delete(accountId);
    }
  }

  /** The seq the account is cached at ("0": not cached, load everything). */
  seqOf(accountId: string): string {
    return this.accounts.get(accountId)?.seq ?? "0";
  }

  /** After a commit: the kept journal holds what it wrote, up to `seq` (null: it wrote no entry). */
  wrote(accountId: string, seq: string | null): void {
    const cached = this.accounts.get(accountId);
    if (cached && seq !== null) cached.seq = seq;
  }

  drop(accountId: string): void {
    this.accounts.delete(accountId);
  }

  /** The account brought up to date with `rows` (read after the cached seq), kept for the next operation. */
  refresh(accountId: string, rows: AccountRows): CachedAccount {
    const settings = JSON.stringify(rows.settings);
    let cached = this.accounts.get(accountId);
    if (cached && cached.settings !== settings) {
      // What the entries made of the account does not depend on the settings (restoreJournal sets them last too).
      cached.journal.updateSettings(rows.settings);
      cached.settings = settings;
    }
    if (!cached) cached = this.rebuild(rows, rows.entries);
    else {
      const { journal } = cached;
      // Reservations gone from the database (released, or committed by the new entries) go first, as restoreJournal
      // holds reservations only after every entry: a stale hold must not refuse a replayed entry.
      const stored = new Set(rows.reservations.map((r) => r.key));
      for (const r of journal.reservations()) if (r.accountId === accountId && !stored.has(r.key)) journal.release(r.key);
      if (rows.entries.length > 0) cached = this.replay(accountId, cached, rows);
      cached = this.syncHolds(accountId, cached, rows);
    }
    // Most recently used last: the first in the map goes when full.
    this.accounts.delete(accountId);
    this.accounts.set(accountId, cached);
    if (this.accounts.size > this.size) {
      const oldest = this.accounts.keys().next().value;
      if (oldest !== undefined) this.accounts.delete(oldest);
    }
    return cached;
  }

  private rebuild(rows: AccountRows, entries: readonly LedgerEntry[], seq = rows.seq ?? "0"): CachedAccount {
    const journal = restoreJournal({
      currency: this.currency,
      settings: rows.settings,
      accounts: [rows.record],
      entries,
      reservations: rows.reservations,
    });
    return { journal, seq, settings: JSON.stringify(rows.settings) };
  }

  /** The new entries replayed with the core's commit (auto-apply off); a journal that refuses one is rebuilt whole instead. */
  private replay(accountId: string, cached: CachedAccount, rows: AccountRows): CachedAccount {
    const { journal } = cached;
    const before = journal.entriesOf(accountId);
    const autoApply = journal.settings().autoApply;
    journal.updateSettings({ autoApply: false });
    try {
      for (const group of groups(rows.entries)) {
        const result = journal.commit((group[0] as LedgerEntry).key, group);
        if (result.status !== "committed") throw new Error(`replayed key ${group[0]?.key} was ${result.status}`);
      }
      cached.seq = rows.seq ?? cached.seq;
      return cached;
    } catch {
      // restoreJournal checks every entry again and throws what is really wrong with them.
      return this.rebuild(rows, [...before, ...rows.entries]);
    } finally {
      journal.updateSettings({ autoApply });
    }
  }

  /** Reservations made, claimed or released elsewhere: gone ones are released; any other difference rebuilds. */
  private syncHolds(accountId: string, cached: CachedAccount, rows: AccountRows): CachedAccount {
    const { journal } = cached;
    const held = journal.reservations().filter((r) => r.accountId === accountId);
    const stored = new Map(rows.reservations.map((r) => [r.key, holdText(r)]));
    if (held.length === stored.size && held.every((r) => stored.get(r.key) === holdText(r))) return cached;
    const kept = held.filter((r) => stored.has(r.key));
    if (kept.length === stored.size && kept.every((r) => stored.get(r.key) === holdText(r))) {
      for (const r of held) if (!stored.has(r.key)) journal.release(r.key);
      return cached;
    }
    return {
      journal: restoreJournal({
        currency: this.currency,
        settings: rows.settings,
        accounts: [rows.record],
        entries: journal.entriesOf(accountId),
        reservations: rows.reservations,
      }),
      seq: cached.seq,
      settings: cached.settings,
    };
  }
}

/**
 * The logic both data sources share: the core's journal in memory, kept in
 * step with the stored log. Every change runs inside one storage write:
 * first what other connections appended is applied, then the change is made
 * on the journal (which checks it), then its records are appended. If the
 * change is refused or the write fails, the journal is put back as it was
 * before the change, and listeners hear nothing about it.
 */
import { CreditKitError, type DataSourceChange, type Journal, type JournalChange, type JournalData, restoreJournal } from "@creditkit/core";
import { carryOwners } from "@creditkit/core/internal";
import { type LoadedLog, type RunCopy, type StoreBackend, serialQueue } from "./backend.js";
import { applyLog, type CatchUp, type Cursor, foldLog, journalFromLog, LogDivergence, type LogRecord } from "./log.js";

/** A change to make: reads and changes the journal, returns its value and the records that persist it. */
export type Change<T> = (journal: Journal) => { readonly value: T; readonly records: readonly LogRecord[] };

/** What the journal held before a change, enough to put it back. */
interface Checkpoint {
  readonly entries: number;
  readonly accounts: number;
  readonly data: Pick<JournalData, "settings" | "reservations">;
}

export interface Engine {
  readonly currency: string;
  /** The live journal (read it synchronously; change it only through `write`). */
  journal(): Journal;
  /** Makes a change and persists it, after every earlier one; all or nothing. */
  write<T>(change: Change<T>): Promise<T>;
  /** Reads after every earlier change has settled. */
  read<T>(read: (journal: Journal) => T): Promise<T>;
  /** Applies what other connections appended since this one last looked. */
  sync(): Promise<void>;
  /** Replaces the whole ledger (import): checks `data` by replaying it, then persists it as a new generation. */
  /**
   * Replaces the ledger and the saved runs (an import). `runsFor` checks the
   * runs against the journal restored from `data` and returns them as saved;
   * when it throws, nothing changes.
   */
  replace(data: JournalData, records: readonly LogRecord[], runsFor: (journal: Journal) => readonly RunCopy[]): Promise<void>;
  subscribe(listener: (change: DataSourceChange) => void): () => void;
  /** Tell listeners about a change made outside the ledger (runs, gateway). */
  emit(change: DataSourceChange): void;
  /**
   * Why the ledger is read-only (`storage-corrupt`, naming the first bad
   * record), or undefined. Then the journal holds what could be read, writes
   * refuse with this error, and only an import (which replaces the log) ends it.
   */
  problem(): CreditKitError | undefined;
  /** The stored records that could not be read or replayed (recovery only), raw, for the backup. */
  skipped(): readonly SkippedRecord[];
}

/** A stored record left out of the ledger because it could not be read or replayed. */
export interface SkippedRecord {
  /** Where it is: `log/<sequence number>`. */
  readonly record: string;
  readonly value: unknown;
  readonly reason: string;
}

const RECORD_KINDS: ReadonlySet<unknown> = new Set(["settings", "accounts", "commit", "reserve", "release"]);

/**
 * What can be read of a log that does not load: each record applied alone,
 * those that cannot be read or replayed skipped. The journal is for reading
 * (and backing up) only.
 */
function salvage(loaded: LoadedLog): { journal: Journal; skipped: SkippedRecord[] } {
  const journal = restoreJournal(foldLog(loaded.currency, []));
  const skipped: SkippedRecord[] = (loaded.unreadable ?? []).map((seq) => ({
    record: `log/${seq}`,
    value: undefined,
    reason: "The browser could not read it back.",
  }));
  loaded.records.forEach((record, i) => {
    const seq = loaded.keys?.[i] ?? loaded.first + i;
    try {
      if (!RECORD_KINDS.has((record as { t?: unknown } | null)?.t)) throw new Error("Not a log record.");
      applyLog(journal, [record]);
    } catch (error) {
      skipped.push({ record: `log/${seq}`, value: record, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  skipped.sort((a, b) => Number(a.record.slice(4)) - Number(b.record.slice(4)));
  return { journal, skipped };
}

/** Opens the journal of a loaded log; a log that does not replay cleanly opens read-only with what could be read. */
function openJournal(loaded: LoadedLog): { journal: Journal; skipped: SkippedRecord[]; problem?: CreditKitError } {
  if ((loaded.unreadable ?? []).length === 0) {
    try {
      return { journal: journalFromLog(loaded.currency, loaded.records), skipped: [] };
    } catch {
      // Find the record at fault below.
    }
  }
  const { journal, skipped } = salvage(loaded);
  const first = skipped[0];
  const problem = new CreditKitError("storage-corrupt", {
    record: first?.record ?? "log",
    records: skipped.length,
    reason: first?.reason ?? "the log does not replay",
  });
  return { journal, skipped, problem };
}

/** Opens the engine over a backend: loads the whole log and rebuilds the journal from it. */
export async function openEngine(backend: StoreBackend, currency: string | undefined, first: readonly LogRecord[]): Promise<Engine> {
  const loaded = await backend.load(currency, first);
  const opened = openJournal(loaded);
  let journal = opened.journal;
  let problem = opened.problem;
  let skipped = opened.skipped;
  let cursor: Cursor = loaded.cursor;
  let accounts = journal.accounts().length;
  const queue = serialQueue();
  const listeners = new Set<(change: DataSourceChange) => void>();
  /** Journal changes heard while a write or a catch-up runs, flushed once it is durable. */
  let heard: JournalChange[] = [];
  let unhook = journal.subscribe((change) => heard.push(change));

  const emit = (change: DataSourceChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // One listener's failure is its own.
      }
    }
  };
  const flush = (changes: readonly JournalChange[], remote: boolean) => {
    for (const c of changes) emit(remote ? { key: c.key, accountIds: c.accountIds, remote: true } : c);
  };
  const adopt = (next: Journal) => {
    unhook();
    // Settlements of this tab still running keep their reservations (owners live in memory only).
    carryOwners(journal, next);
    journal = next;
    accounts = journal.accounts().length;
    unhook = journal.subscribe((change) => heard.push(change));
  };
  const checkpoint = (): Checkpoint => ({
    entries: journal.entries().length,
    accounts,
    data: { settings: journal.settings(), reservations: journal.reservations() },
  });
  const changedSince = (c: Checkpoint) =>
    journal.entries().length !== c.entries ||
    journal.accounts().length !== c.accounts ||
    journal.settings() !== c.data.settings ||
    journal.reservations().length !== c.data.reservations.length ||
    journal.reservations().some((r, i) => r !== c.data.reservations[i]);
  /** Puts the journal back as it was at `c` (only ever after a refused or failed change). */
  const rollback = (c: Checkpoint) => {
    accounts = c.accounts;
    if (!changedSince(c)) return;
    adopt(
      restoreJournal({
        currency: journal.currency,
        settings: c.data.settings,
        accounts: journal.accounts().slice(0, c.accounts),
        entries: journal.entries().slice(0, c.entries),
        reservations: c.data.reservations,
      }),
    );
  };
  /** Applies another connection's records; a log that does not replay cleanly is reloaded whole. */
  const catchUp = (missed: CatchUp): JournalChange[] => {
    heard = [];
    if (missed.reset) {
      adopt(journalFromLog(journal.currency, missed.records));
      const all = { key: "reload", accountIds: journal.accounts().map((a) => a.id) };
      cursor = missed.cursor;
      return [all];
    }
    if (missed.records.length > 0) {
      applyLog(journal, missed.records);
      accounts = journal.accounts().length;
    }
    cursor = missed.cursor;
    const changes = heard;
    heard = [];
    return changes;
  };

  const engine: Engine = {
    currency: loaded.currency,
    journal: () => journal,
    write<T>(change: Change<T>): Promise<T> {
      return queue(async () => {
        if (problem) throw problem;
        let remote: JournalChange[] = [];
        let before: Checkpoint | undefined;
        let value: T | undefined;
        let refused = false;
        try {
          cursor = await backend.write(cursor, (missed) => {
            remote = catchUp(missed);
            before = checkpoint();
            try {
              const made = change(journal);
              value = made.value;
              for (const record of made.records) if (record.t === "accounts") accounts += record.accounts.length;
              return made.records;
            } catch (error) {
              refused = true;
              rollback(before);
              throw error;
            }
          });
        } catch (error) {
          if (!refused && before) rollback(before);
          heard = [];
          flush(remote, true);
          if (error instanceof LogDivergence) await reload();
          throw error;
        }
        const mine = heard;
        heard = [];
        flush(remote, true);
        flush(mine, false);
        if (mine.length > 0 || remote.length > 0) backend.signal({ kind: "log", cursor });
        return value as T;
      });
    },
    read: (read) => queue(async () => read(journal)),
    sync: () =>
      queue(async () => {
        // Read-only recovery: the journal is what could be read, not a base other connections' records apply to.
        if (problem) return;
        const missed = await backend.read(cursor);
        if (!missed.reset && missed.records.length === 0) return;
        let changes: JournalChange[];
        try {
          changes = catchUp(missed);
        } catch (error) {
          if (!(error instanceof LogDivergence)) throw error;
          await reload();
          return;
        }
        flush(changes, true);
      }),
    replace: (data, records, runsFor) =>
      queue(async () => {
        const next = restoreJournal(data);
        const runs = runsFor(next);
        cursor = await backend.replace(records, runs);
        adopt(next);
        problem = undefined;
        skipped = [];
        heard = [];
        emit({ key: "import", accountIds: journal.accounts().map((a) => a.id) });
        backend.signal({ kind: "log", cursor });
        backend.signal({ kind: "runs" });
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    problem: () => problem,
    skipped: () => skipped,
  };

  /** Rebuilds the journal from the whole stored log (after a divergence). */
  async function reload(): Promise<void> {
    const all = await backend.read({ epoch: "", seq: 0 });
    adopt(journalFromLog(journal.currency, all.records));
    cursor = all.cursor;
    heard = [];
    emit({ key: "reload", accountIds: journal.accounts().map((a) => a.id), remote: true });
  }

  backend.onSignal((message) => {
    if (message.kind === "log" && (message.cursor.epoch !== cursor.epoch || message.cursor.seq > cursor.seq)) {
      engine.sync().catch(() => undefined);
    }
  });
  return engine;
}

/** Throws `storage-unavailable` for a closed data source. */
export function assertOpen(closed: boolean): void {
  if (closed) throw new CreditKitError("storage-unavailable", { reason: "closed" });
}

/** The embedded data source's public shapes. Types only. */
import type {
  AccountRecord,
  CommitResult,
  CreditKitDataSource,
  CreditKitError,
  CreditPost,
  JournalData,
  KeyedEntries,
  LedgerEntry,
  MassCreditDataSet,
  OrgSettings,
  PaymentReversalRequest,
  Reservation,
  RunRequestEssentials,
  RunReversal,
  RunSummary,
} from "@creditkit/core";
import type { StoredGateway, StoredGatewayOptions } from "./stored-gateway.js";

/** What both implementations take. */
export interface StoreOptions {
  /** The ledger's currency; required when the store is new, checked against it otherwise. */
  readonly currency?: string;
  /** Settings of a new store (defaults: the core's `DEFAULT_SETTINGS`). Ignored when the store already has its own. */
  readonly settings?: Partial<OrgSettings>;
  /** The simulated gateway's behaviour besides its stored scripts. */
  readonly gateway?: StoredGatewayOptions;
  /** Rows per transaction when processing a mass-credit run. Default 250 over IndexedDB (a transaction costs), 50 in memory (a run goes on for several chunks a task; see pacing.ts). */
  readonly runChunkSize?: number;
}

/** One mass-credit run in a backup: its summary, its plan and its last record, credits included. */
export interface BackupRun extends RunSummary {
  /** The filter summary, one line per filter used. */
  readonly filters: readonly string[];
  readonly request: RunRequestEssentials;
  /** Rows the preview matched. */
  readonly count: number;
  /** The plan's posts, in review order (`selected` of them). */
  readonly posts: readonly CreditPost[];
}

/**
 * A whole ledger and its mass-credit runs as JSON: the backup `exportLedger`
 * writes and `importLedger` reads. Version 1 held the ledger alone; it is
 * still read (as a ledger with no runs).
 */
export interface LedgerBackup {
  readonly format: "creditkit-ledger";
  readonly version: 2;
  /** When it was written (ISO). */
  readonly exportedAt: string;
  readonly ledger: JournalData;
  /** Every saved run, oldest first. */
  readonly runs: readonly BackupRun[];
  /** Written only by a store open read-only after a bad record: the stored records left out of `ledger`, raw (import ignores them). */
  readonly unreadable?: readonly { readonly record: string; readonly value: unknown; readonly reason: string }[];
}

/**
 * Whether the store can be used: `ok`; `read-only` after a stored record
 * could not be read (reads and `exportLedger` give what could be read,
 * writes refuse with the error, `storage-corrupt`, and an import of a good
 * backup ends it); `stopped` when another tab upgraded or deleted the
 * database (every call refuses with the error, `storage-upgraded`: reload the page).
 */
export type StoreHealth =
  | { readonly state: "ok" }
  | { readonly state: "read-only"; readonly error: CreditKitError }
  | { readonly state: "stopped"; readonly error: CreditKitError };

/**
 * The embedded data source: the port the elements use, plus what a demo, a
 * test or a host's prototype needs to fill it, back it up and watch it.
 */
export interface StoreDataSource extends CreditKitDataSource {
  readonly gateway: StoredGateway;
  /** Whether the store can be used (see `StoreHealth`); listeners hear `storage-upgraded` when it stops. */
  health(): StoreHealth;
  /** Opens billing accounts (in one transaction); an id already open is refused (`duplicate-account`) and nothing is opened. */
  openAccounts(accounts: readonly AccountRecord[]): Promise<void>;
  /** Appends entries under one key, atomically and once (the journal's rules; the sweep follows when auto-apply is on). */
  commit(key: string, entries: readonly LedgerEntry[]): Promise<CommitResult>;
  /** Reverses a whole payment (always present here; optional in the port). */
  reversePayment(request: PaymentReversalRequest): Promise<CommitResult>;
  /** Commits many keys in one transaction, each idempotent by its key, all or nothing. */
  commitChunk(items: readonly KeyedEntries[]): Promise<readonly CommitResult[]>;
  /** The entries written under `key`, or undefined. */
  committed(key: string): Promise<readonly LedgerEntry[] | undefined>;
  /** The settlements in flight. */
  reservations(): Promise<readonly Reservation[]>;
  /**
   * Stores the mass-credit data set previews read. `getDataSet` answers it
   * with its fees as the ledger has them then: remainders read from the
   * ledger, and fees posted since (charged to the account) added.
   */
  putDataSet(dataSet: MassCreditDataSet): Promise<void>;
  /** One saved run, or undefined. */
  getRun(runId: string): Promise<RunSummary | undefined>;
  /** Voids the unused credit of a processed run (§6 "going beyond"); rejects with `unknown-id` for a run with no record. */
  reverseRun(runId: string, options: { readonly date: string }): Promise<RunReversal>;
  /** The whole ledger and its mass-credit runs as a JSON-able backup. */
  exportLedger(): Promise<LedgerBackup>;
  /**
   * Replaces the whole ledger and its runs with a backup, after checking it:
   * every entry is replayed through the journal, and every run's posts must
   * be keyed for it and every credit its record lists must be on the
   * backup's ledger. A bad backup is refused with a typed error and nothing
   * changes. Runs saved here and not in the backup go with the ledger they
   * belonged to (a version 1 backup has none).
   */
  importLedger(backup: unknown): Promise<void>;
  /** Applies what other connections wrote (also done on their signal). */
  sync(): Promise<void>;
  /** Closes the connection; later calls reject with `storage-unavailable`. */
  close(): void;
}

/** The embedded data source's public shapes. Types only. */
import type {
  AccountRecord,
  CommitResult,
  CreditKitDataSource,
  JournalData,
  KeyedEntries,
  LedgerEntry,
  MassCreditDataSet,
  OrgSettings,
  Reservation,
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

/** A whole ledger as JSON: the backup `exportLedger` writes and `importLedger` reads. */
export interface LedgerBackup {
  readonly format: "creditkit-ledger";
  readonly version: 1;
  /** When it was written (ISO). */
  readonly exportedAt: string;
  readonly ledger: JournalData;
}

/**
 * The embedded data source: the port the elements use, plus what a demo, a
 * test or a host's prototype needs to fill it, back it up and watch it.
 */
export interface StoreDataSource extends CreditKitDataSource {
  readonly gateway: StoredGateway;
  /** Opens billing accounts (in one transaction); an id already open is refused (`duplicate-account`) and nothing is opened. */
  openAccounts(accounts: readonly AccountRecord[]): Promise<void>;
  /** Appends entries under one key, atomically and once (the journal's rules; the sweep follows when auto-apply is on). */
  commit(key: string, entries: readonly LedgerEntry[]): Promise<CommitResult>;
  /** Commits many keys in one transaction, each idempotent by its key, all or nothing. */
  commitChunk(items: readonly KeyedEntries[]): Promise<readonly CommitResult[]>;
  /** The entries written under `key`, or undefined. */
  committed(key: string): Promise<readonly LedgerEntry[] | undefined>;
  /** The settlements in flight. */
  reservations(): Promise<readonly Reservation[]>;
  /** Stores the mass-credit data set previews read. */
  putDataSet(dataSet: MassCreditDataSet): Promise<void>;
  /** One saved run, or undefined. */
  getRun(runId: string): Promise<RunSummary | undefined>;
  /** Voids the unused credit of a processed run (§6 "going beyond"); rejects with `unknown-id` for a run with no record. */
  reverseRun(runId: string, options: { readonly date: string }): Promise<RunReversal>;
  /** The whole ledger as a JSON-able backup. */
  exportLedger(): Promise<LedgerBackup>;
  /**
   * Replaces the whole ledger with a backup, after checking it by replaying
   * every entry through the journal: a bad backup is refused with a typed
   * error and nothing changes.
   */
  importLedger(backup: unknown): Promise<void>;
  /** Applies what other connections wrote (also done on their signal). */
  sync(): Promise<void>;
  /** Closes the connection; later calls reject with `storage-unavailable`. */
  close(): void;
}

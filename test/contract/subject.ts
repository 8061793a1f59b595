/**
 * What the contract suite needs from a data source under test: the port
 * itself, plus the few operations every creditkit data source has beside it
 * (opening accounts, committing entries, reading a saved run, a second
 * connection, and control of its simulated gateway). Types only; see README.md.
 */
import type {
  AccountRecord,
  CommitResult,
  CreditKitDataSource,
  LedgerEntry,
  RunSummary,
  SimulatedCharge,
  SimulatedOutcome,
} from "@creditkit/core";

/** The simulated gateway behind `source.gateway`, as the suite drives it. */
export interface ContractGateway {
  /** Puts a card on file for each account (charges to accounts without one are declined). */
  addCards(accountIds: readonly string[]): Promise<void>;
  /** Appends outcomes to an account's script, one used per new charge attempt (the core's `SimulatedOutcome`). */
  script(accountId: string, outcomes: readonly SimulatedOutcome[]): Promise<void>;
  /** Every real charge made so far, in order (across every connection). */
  charges(): Promise<readonly SimulatedCharge[]>;
}

/** One open ledger in USD. It may be shared by several tests: they use ids of their own and set the settings they rely on. */
export interface ContractLedger {
  /** The data source under test, in USD. `reversePayment` may be absent (those tests are then skipped). */
  readonly source: CreditKitDataSource;
  /** Opens accounts at once; an id already open is refused with `duplicate-account`, nothing opened. */
  openAccounts(accounts: readonly AccountRecord[]): Promise<void>;
  /** Appends entries under one key, atomically and once (fees and payments the port has no operation for). */
  commit(key: string, entries: readonly LedgerEntry[]): Promise<CommitResult>;
  /** One saved run (as `listRuns` lists it), or undefined. */
  getRun(runId: string): Promise<RunSummary | undefined>;
  /**
   * Another connection to the same ledger (another tab, another pool client,
   * another process's view). The suite closes nothing it gets here: `close` does.
   */
  connect(): Promise<CreditKitDataSource>;
  readonly gateway: ContractGateway;
  /**
   * False when `processRun` cannot stop after a given chunk (the remote data
   * source: the server's job picks its own chunks); the interruption test is
   * then skipped. Default true.
   */
  readonly runsReportProgress?: boolean;
  /**
   * True when two connections asking for one run join one processing (the
   * server's job) and both answer its record; default false (each answers
   * what its own processing posted).
   */
  readonly runsShared?: boolean;
  /** Closes `source` and every connection made by `connect`. */
  close(): Promise<void>;
}

/** How a data source is put under the contract suite. */
export interface ContractSubject {
  /** Opens a ledger in USD (a new one, or one shared with other tests). */
  open(): Promise<ContractLedger>;
}

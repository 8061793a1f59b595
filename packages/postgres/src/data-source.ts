/**
 * The core's data-source port (`CreditKitDataSource`) over PostgreSQL for one
 * organisation: every operation a transaction of that organisation (its
 * role and row-level security), every rule the core's. It mirrors the
 * embedded store's semantics (packages/store/src/data-source.ts).
 */
import {
  type AccountRecord,
  type AccountSnapshot,
  assertInput,
  type CommitResult,
  type CreditKitDataSource,
  CreditKitError,
  type KeyedEntries,
  type LedgerEntry,
  type OrgSettings,
  type RunReversal,
  type RunSummary,
  settleBatch,
} from "@creditkit/core";
import { openAccounts } from "./accounts.js";
import { type Changes, createChanges } from "./changes.js";
import { importDataSet } from "./data-set-import.js";
import { readDataSet } from "./data-set-read.js";
import type { Db } from "./db.js";
import { type PostgresGateway, type PostgresGatewayOptions, postgresGateway } from "./gateway.js";
import type { LedgerScope } from "./money-ops.js";
import * as ops from "./money-ops.js";
import { ensureOrganisation, updateSettings } from "./organisations.js";
import * as reads from "./reads.js";
import { invoiceHints, listReservations, type StoredReservation, settlementLedger } from "./reservations.js";
import { DEFAULT_RUN_CHUNK, getStoredRun, listStoredRuns, processStoredRun, resumeStoredRun, reverseStoredRun } from "./runs.js";

export interface PostgresDataSourceOptions {
  /** A migrated database (see `openPostgresLedger`). */
  readonly db: Db;
  /** The organisation: every row read or written is its (row-level security). */
  readonly orgId: string;
  /** Required when the organisation is new (it is created), checked otherwise. */
  readonly currency?: string;
  /** A new organisation's settings. */
  readonly settings?: Partial<import("@creditkit/core").OrgSettings>;
  /** The stored simulated gateway's behaviour. */
  readonly gateway?: PostgresGatewayOptions;
  /** How long a settlement owns its reservation without finishing before another may claim it (ms). Default 300000. */
  readonly leaseMs?: number;
  /** Rows per transaction when processing a mass-credit run. Default 2000 (runs.ts). */
  readonly runChunkSize?: number;
  /** Tries after the first on a serialization failure or a deadlock. Default 8. */
  readonly retries?: number;
  /** Per statement (ms). Default 30000. */
  readonly statementTimeoutMs?: number;
}

export interface PostgresDataSource extends CreditKitDataSource {
  readonly orgId: string;
  readonly gateway: PostgresGateway;
  openAccounts(accounts: readonly AccountRecord[]): Promise<void>;
  /** An account's snapshot and the organisation's settings in one read (the server re-plans a member's checkout from both). */
  getAccountAndSettings(accountId: string): Promise<{ snapshot: AccountSnapshot; settings: OrgSettings }>;
  commit(key: string, entries: readonly LedgerEntry[]): Promise<CommitResult>;
  commitChunk(items: readonly KeyedEntries[]): Promise<readonly CommitResult[]>;
  committed(key: string): Promise<readonly LedgerEntry[] | undefined>;
  reversePayment(request: import("@creditkit/core").PaymentReversalRequest): Promise<CommitResult>;
  /** The settlements in flight, with their owners, leases and pinned card amounts. */
  reservations(): Promise<readonly StoredReservation[]>;
  /** Replaces the organisation's mass-credit data set (one transaction; a bad one is refused, nothing changed). */
  putDataSet(dataSet: import("@creditkit/core").MassCreditDataSet): Promise<void>;
  getRun(runId: string): Promise<RunSummary | undefined>;
  reverseRun(runId: string, options: { readonly date: string }): Promise<RunReversal>;
  /** Resolves once `subscribe`'s listeners hear other connections' changes (LISTEN is in place). */
  listening(): Promise<void>;
  /** Stops listening for other connections' changes (the `Db` stays open: its owner closes it). */
  close(): Promise<void>;
}

/** Opens the data source of one organisation, creating the organisation when it is new. */
export async function createPostgresDataSource(options: PostgresDataSourceOptions): Promise<PostgresDataSource> {
  const { db, orgId } = options;
  const base = {
    db,
    orgId,
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.statementTimeoutMs !== undefined ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
  };
  const { currency } = await ensureOrganisation(
    db,
    {
      orgId,
      ...(options.currency !== undefined ? { currency: options.currency } : {}),
      ...(options.settings !== undefined ? { settings: options.settings } : {}),
    },
    base,
  );
  const changes: Changes = createChanges(db, orgId);
  const scope: LedgerScope = { ...base, currency, changes };
  const gateway = postgresGateway(scope, options.gateway);
  const chunk = options.runChunkSize ?? DEFAULT_RUN_CHUNK;
  let closed = false;
  const open = () => {
    if (closed) throw new CreditKitError("storage-unavailable", { orgId, reason: "closed" });
  };
  /** Runs `fn` unless closed (then rejects with `storage-unavailable`). */
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      open();
      return fn(...args);
    };

  return {
    orgId,
    currency,
    gateway,
    getSettings: guard(() => reads.readSettings(scope)),
    updateSettings: guard(async (patch) => {
      const settings = await updateSettings(scope, currency, patch);
      changes.emit({ key: "settings", accountIds: [] });
      return settings;
    }),
    listAccounts: guard(() => reads.listAccounts(scope)),
    getAccount: guard((accountId: string) => reads.readSnapshot(scope, accountId)),
    getAccountAndSettings: guard((accountId: string) => reads.readSnapshotAndSettings(scope, accountId)),
    getAccounts: guard((accountIds?: readonly string[]) => reads.readSnapshots(scope, accountIds)),
    listEntries: guard((query = {}) => reads.listEntries(scope, query)),
    recordCheckout: guard((plan) => ops.checkout(scope, plan)),
    postCredits: guard((key: string, grants: readonly LedgerEntry[]) => ops.postCredits(scope, key, grants)),
    reversePayment: guard((request) => ops.reversePayment(scope, request)),
    openAccounts: guard((accounts: readonly AccountRecord[]) => openAccounts(scope, currency, accounts)),
    commit: guard((key: string, entries: readonly LedgerEntry[]) => ops.commit(scope, key, entries)),
    commitChunk: guard((items: readonly KeyedEntries[]) => ops.commitChunk(scope, items)),
    committed: guard((key: string) => reads.readCommitted(scope, key)),
    reservations: guard(() => listReservations(scope)),
    getDataSet: guard(() => readDataSet(scope)),
    putDataSet: guard(async (dataSet: import("@creditkit/core").MassCreditDataSet) => {
      const change = { key: "data-set", accountIds: [] };
      await importDataSet(db, orgId, dataSet, {
        ...(options.statementTimeoutMs !== undefined ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
        onWritten: (tx) => changes.notify(tx, [change]),
      });
      changes.emit(change);
    }),
    processRun: guard((plan, runOptions) => processStoredRun(scope, plan, runOptions, chunk)),
    resumeRun: guard((runId: string, runOptions) => resumeStoredRun(scope, runId, runOptions, chunk)),
    listRuns: guard(() => listStoredRuns(scope)),
    getRun: guard((runId: string) => getStoredRun(scope, runId)),
    reverseRun: guard((runId: string, reverseOptions: { readonly date: string }) => reverseStoredRun(scope, runId, reverseOptions)),
    // The batch's own ledger knows each invoice's account: its reads go in fewer round trips (reservations.ts).
    settleBatch: guard((request) =>
      settleBatch({ ledger: settlementLedger(scope, options.leaseMs ?? 300_000, invoiceHints(request)), gateway }, request),
    ),
    subscribe(listener) {
      assertInput(typeof listener === "function", "listener");
      return changes.subscribe(listener);
    },
    listening: () => changes.listening(),
    async close() {
      closed = true;
      await changes.close();
    },
  };
}

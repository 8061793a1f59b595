/**
 * The embedded data source over any storage backend: the port's methods on
 * top of the shared engine. `createMemoryDataSource` and
 * `openIndexedDbDataSource` only choose the backend.
 */
import {
  type AccountRecord,
  assertInput,
  assertIsoDate,
  type CommitResult,
  CreditKitError,
  DEFAULT_SETTINGS,
  type EntryQuery,
  isGrantEntry,
  type Journal,
  type KeyedEntries,
  type LedgerEntry,
  type MassCreditDataSet,
  type OrgSettings,
  type PaymentReversalRequest,
  paymentReversal,
  type ReversalLedger,
  type RunLedger,
  recordCheckout,
  reversalKey,
  reverseRun,
  type SettlementLedger,
  settleBatch,
} from "@creditkit/core";
import type { StoreBackend } from "./backend.js";
import { backupRuns, checkedRuns, readBackup } from "./backup.js";
import { assertOpen, type Change, openEngine } from "./engine.js";
import { frozenShared } from "./frozen.js";
import { withLedgerFees } from "./live-data-set.js";
import { type LogRecord, recordsOf } from "./log.js";
import { yieldEvery } from "./pacing.js";
import { listStoredRuns, markRunReversed, processStoredRun, type RunContext, resumeStoredRun, summaryOf, withCredits } from "./runs.js";
import { createStoredGateway, type GatewayStorage } from "./stored-gateway.js";
import type { LedgerBackup, StoreDataSource, StoreOptions } from "./types.js";

/** Reading the data set's fees from the ledger goes on in one task for this long (ms), then the page gets a turn. */
const DATA_SET_TASK_BUDGET_MS = 8;

/** The log records of one commit: its entries under its key, then each sweep's entries under the sweep's key. */
function commitRecords(key: string, result: CommitResult): LogRecord[] {
  if (result.status !== "committed") return [];
  // Frozen as made, so the memory backend keeps each record as is instead of copying it (one object fewer per credit).
  const records: LogRecord[] = [Object.freeze({ t: "commit", key, entries: result.entries })];
  let group: LedgerEntry[] = [];
  for (const entry of result.swept) {
    if (group[0] && group[0].key !== entry.key) {
      records.push(Object.freeze({ t: "commit", key: group[0].key, entries: group }));
      group = [];
    }
    group.push(entry);
  }
  if (group[0]) records.push({ t: "commit", key: group[0].key, entries: group });
  return records;
}

const commitChange =
  (key: string, entries: readonly LedgerEntry[], owner?: string): Change<CommitResult> =>
  (journal) => {
    const result = journal.commit(key, entries, owner);
    return { value: result, records: commitRecords(key, result) };
  };

/** Commits many keys, all or nothing; accounts are checked first so a bad row costs no rollback. */
const chunkChange =
  (items: readonly KeyedEntries[]): Change<CommitResult[]> =>
  (journal) => {
    for (const item of items) {
      for (const entry of item.entries) {
        if (!journal.hasAccount(entry.accountId)) throw new CreditKitError("unknown-account", { accountId: entry.accountId });
      }
    }
    const results = items.map((item) => journal.commit(item.key, item.entries));
    return { value: results, records: results.flatMap((r, i) => commitRecords((items[i] as KeyedEntries).key, r)) };
  };

/**
 * Reverses a whole payment under `key`, once: the same key again is a
 * duplicate (also on another day), and the payment must be the account's.
 */
const reversalChange =
  (request: PaymentReversalRequest): Change<CommitResult> =>
  (journal) => {
    assertInput(typeof request?.entryId === "string" && request.entryId !== "", "entryId");
    const key = request.key ?? reversalKey(request.entryId);
    const payment = journal.entriesOf(request.accountId).find((e) => e.id === request.entryId);
    if (payment?.type !== "Payment" && payment?.type !== "Payment (AC)") {
      throw new CreditKitError("unknown-payment", { accountId: request.accountId, entryId: request.entryId });
    }
    const previous = journal.committed(key);
    const before = previous?.[0];
    if (previous?.length === 1 && before?.type === "Void" && before.target.kind === "payment" && before.target.entryId === payment.id) {
      return { value: { status: "duplicate", entries: previous, swept: [] }, records: [] };
    }
    const entry = paymentReversal(payment, {
      key,
      date: request.date,
      ...(request.description === undefined ? {} : { description: request.description }),
    });
    return commitChange(key, [entry])(journal);
  };

/** Refuses a query that is not one (typed, before anything is read). */
function checkQuery(query: unknown): asserts query is EntryQuery {
  assertInput(query !== null && typeof query === "object" && !Array.isArray(query), "query");
  const { accountIds, from, to } = query as EntryQuery;
  assertInput(accountIds === undefined || (Array.isArray(accountIds) && accountIds.every((id) => typeof id === "string")), "accountIds");
  if (from !== undefined) assertIsoDate(from, "from");
  if (to !== undefined) assertIsoDate(to, "to");
}

function inQuery(entry: LedgerEntry, query: EntryQuery): boolean {
  return (query.from === undefined || entry.date >= query.from) && (query.to === undefined || entry.date <= query.to);
}

/** Builds the data source over `backend` (which it owns and closes). */
export async function createStoreDataSource(backend: StoreBackend, options: StoreOptions = {}): Promise<StoreDataSource> {
  const first: LogRecord[] = [{ t: "settings", settings: { ...DEFAULT_SETTINGS, ...options.settings } }];
  const engine = await openEngine(backend, options.currency, first);
  if (options.currency !== undefined && options.currency !== engine.currency) {
    backend.close();
    throw new CreditKitError("currency-mismatch", { left: options.currency, right: engine.currency });
  }
  const currency = engine.currency;
  let closed = false;
  /** Set when the database was upgraded or deleted elsewhere: this connection closed and serves nothing stale. */
  let upgraded: CreditKitError | undefined;
  /** Throws unless the data source can still answer (closed: `storage-unavailable`; upgraded elsewhere: `storage-upgraded`). */
  const usable = () => {
    if (upgraded) throw upgraded;
    assertOpen(closed);
  };
  /** Throws unless the data source can write (besides `usable`: read-only recovery refuses with `storage-corrupt`). */
  const writable = () => {
    usable();
    const problem = engine.problem();
    if (problem) throw problem;
  };
  const write = async <T>(change: Change<T>): Promise<T> => {
    writable();
    return engine.write(change);
  };
  const read = async <T>(fn: (journal: Journal) => T): Promise<T> => {
    usable();
    return engine.read(fn);
  };
  /** Runs `work` unless the data source is closed or stopped (then rejects with the typed error). */
  const whileOpen = async <T>(work: () => Promise<T>): Promise<T> => {
    usable();
    return work();
  };
  const whileWritable = async <T>(work: () => Promise<T>): Promise<T> => {
    writable();
    return work();
  };

  // Each gateway change stores only what it changed, and tells the other connections what that was; a charge is claimed in one transaction.
  const gatewayStorage: GatewayStorage = {
    claim: (claim) => backend.claimCharge(claim),
    answered: (key) => backend.answerCharge(key),
    save: async (delta) => {
      await backend.putGateway(delta);
      backend.signal({ kind: "gateway", delta });
    },
    announce: (delta) => backend.signal({ kind: "gateway", delta }),
  };
  const storedGateway = createStoredGateway(await backend.getGateway(), gatewayStorage, options.gateway);
  const { gateway } = storedGateway;
  let dataSet: MassCreditDataSet | undefined;
  /** The stored data set with the ledger's fees, and what it was made from. */
  let live: { stored: MassCreditDataSet; journal: Journal; written: number; value: MassCreditDataSet } | undefined;

  const commit = (key: string, entries: readonly LedgerEntry[]) => write(commitChange(key, entries));
  const commitChunk = (items: readonly KeyedEntries[]) => write(chunkChange(items));
  const committed = (key: string) => engine.journal().committed(key);
  const runLedger: RunLedger = { currency, committed, commit, commitChunk };
  const reversalLedger: ReversalLedger = { ...runLedger, snapshot: (id) => engine.journal().snapshot(id) };
  const settlementLedger: SettlementLedger = {
    currency,
    committed,
    // The settlement's owner goes with its commit: while it runs, no one else may write under its key.
    commit: (key, entries, owner) => write(commitChange(key, entries, owner)),
    snapshot: (id) => engine.journal().snapshot(id),
    reservation: (key) => engine.journal().reservation(key),
    reserve: (request) =>
      write((journal) => {
        // A key held already is refused (settlement-in-progress), so every reservation made is new.
        const reservation = journal.reserve(request);
        // The owner is memory only: the record replays without one.
        const plain = { key: request.key, accountId: request.accountId, feeIds: [...request.feeIds], credit: request.credit };
        return { value: reservation, records: [{ t: "reserve", request: plain, reservation }] };
      }),
    // Owners are memory only: claiming and disowning write no record (another tab, or this one after a reload, may claim).
    claim: (key, owner) => write((journal) => ({ value: journal.claim(key, owner), records: [] })),
    disown: (key, owner) => write((journal) => ({ value: journal.disown(key, owner), records: [] })),
    release: (key, owner) =>
      write((journal) => {
        const had = journal.reservation(key);
        journal.release(key, owner);
        return { value: undefined, records: had ? [{ t: "release", key }] : [] };
      }),
  };
  const runs: RunContext = { engine, backend, ledger: runLedger, chunkSize: options.runChunkSize ?? backend.runChunkSize ?? 50 };

  const unsignal = backend.onSignal((message) => {
    if (message.kind === "upgraded") {
      upgraded = new CreditKitError("storage-upgraded", { reason: "this-tab-stopped" });
      engine.emit({ key: "storage-upgraded", accountIds: [], remote: true });
    } else if (message.kind === "gateway") {
      if (message.delta) storedGateway.apply(message.delta);
      else backend.getGateway().then(storedGateway.reload, () => undefined);
    } else if (message.kind === "data-set") dataSet = undefined;
    else if (message.kind === "runs") engine.emit({ key: "runs", accountIds: [], remote: true });
  });

  const source: StoreDataSource = {
    currency,
    gateway,
    health: () => {
      if (upgraded) return { state: "stopped", error: upgraded };
      const problem = engine.problem();
      return problem ? { state: "read-only", error: problem } : { state: "ok" };
    },
    getSettings: () => read((journal) => journal.settings()),
    updateSettings: async (patch) => {
      assertInput(patch !== null && typeof patch === "object" && !Array.isArray(patch), "patch");
      for (const name of ["autoApply", "overpaymentToCredit", "portalPartialPayments"] as const) {
        assertInput(patch[name] === undefined || typeof patch[name] === "boolean", name);
      }
      return write((journal) => {
        const settings: OrgSettings = journal.updateSettings(patch);
        return { value: settings, records: [{ t: "settings", settings }] };
      }).then((settings) => {
        engine.emit({ key: "settings", accountIds: [] });
        return settings;
      });
    },
    listAccounts: () => read((journal) => journal.accounts()),
    getAccount: (accountId) => read((journal) => journal.snapshot(accountId)),
    getAccounts: async (accountIds) => {
      assertInput(accountIds === undefined || Array.isArray(accountIds), "accountIds");
      return read((journal) => (accountIds ?? journal.accounts().map((a) => a.id)).map((id) => journal.snapshot(id)));
    },
    listEntries: async (query = {}) => {
      checkQuery(query);
      return read((journal) => {
        const from = query.accountIds === undefined ? journal.entries() : query.accountIds.flatMap((id) => journal.entriesOf(id));
        return from.filter((entry) => inQuery(entry, query));
      });
    },
    recordCheckout: (plan) =>
      write((journal) => {
        const result = recordCheckout(journal, plan);
        return { value: result, records: commitRecords(plan.key, result) };
      }),
    reversePayment: (request) => write(reversalChange(request)),
    postCredits: async (key, grants) => {
      assertInput(Array.isArray(grants) && grants.every((g) => isGrantEntry(g)), "grants", { reason: "grants-only" });
      return commit(key, grants);
    },
    openAccounts: (accounts: readonly AccountRecord[]) =>
      write((journal) => {
        const seen = new Set<string>();
        for (const a of accounts) {
          assertInput(typeof a?.id === "string" && a.id !== "", "account.id");
          if (journal.hasAccount(a.id) || seen.has(a.id)) throw new CreditKitError("duplicate-account", { accountId: a.id });
          seen.add(a.id);
        }
        const plain = accounts.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
        for (const a of plain) journal.openAccount(a);
        return { value: undefined, records: plain.length > 0 ? [{ t: "accounts", accounts: plain }] : [] };
      }),
    commit,
    commitChunk,
    committed: (key) => read((journal) => journal.committed(key)),
    reservations: () => read((journal) => journal.reservations()),
    async getDataSet() {
      usable();
      dataSet ??= (await backend.getValue("data-set")) as MassCreditDataSet | undefined;
      const stored = dataSet;
      if (!stored) return undefined;
      // Its fees as the ledger has them now, made again only when the ledger or the stored data set changed.
      const journal = await read((j) => j);
      const written = journal.entries().length;
      if (live?.stored === stored && live.journal === journal && live.written === written) return live.value;
      const value = await withLedgerFees(stored, journal, yieldEvery(DATA_SET_TASK_BUDGET_MS));
      live = { stored, journal, written, value };
      return value;
    },
    async putDataSet(next) {
      writable();
      // One deep-frozen copy (none if `next` is deep-frozen already and shares its equal small values), kept here
      // and by the memory backend alike; equal keyword lists, offerings … are one object each (frozenShared).
      const kept = frozenShared(next);
      await backend.putValue("data-set", kept);
      dataSet = kept;
      backend.signal({ kind: "data-set" });
    },
    processRun: (plan, runOptions) => whileWritable(() => processStoredRun(runs, plan, runOptions)),
    resumeRun: (runId, runOptions) => whileWritable(() => resumeStoredRun(runs, runId, runOptions)),
    listRuns: () => whileOpen(() => listStoredRuns(backend)),
    async getRun(runId) {
      usable();
      const run = await withCredits(backend, await backend.getRun(runId));
      return run && summaryOf(run);
    },
    async reverseRun(runId, reverseOptions) {
      writable();
      const run = await withCredits(backend, await backend.getRun(runId));
      if (!run?.record) throw new CreditKitError("unknown-id", { runId, reason: "no-processed-run" });
      const reversal = await reverseRun(reversalLedger, run.record, { date: reverseOptions.date });
      await markRunReversed(backend, reversal, run.record.request.currency);
      return reversal;
    },
    // One settlement of a batch at a time, across tabs ("batch/<id>"), each holding "settling" shared so an import waits for them all.
    settleBatch: (request) =>
      whileWritable(() =>
        backend.withLock(
          "settling",
          () =>
            backend.withLock(`batch/${String((request as { batchId?: unknown } | null)?.batchId)}`, async () => {
              // The tab before this one may have settled some of it: see its commits and kept reservations first.
              await engine.sync();
              return settleBatch({ ledger: settlementLedger, gateway }, request);
            }),
          "shared",
        ),
      ),
    subscribe: (listener) => {
      assertInput(typeof listener === "function", "listener");
      return engine.subscribe(listener);
    },
    async exportLedger(): Promise<LedgerBackup> {
      // Runs first, then the ledger: a run saves its record only after its credits are committed, so
      // every credit a record read here lists is in the ledger read after it (another tab may be running one).
      const runs = await backupRuns(backend);
      const ledger = await read((journal) => journal.toData());
      const unreadable = engine.skipped();
      return {
        format: "creditkit-ledger",
        version: 2,
        exportedAt: new Date().toISOString(),
        ledger,
        runs,
        // Read-only recovery: the records left out of `ledger`, raw, so nothing is lost with the backup.
        ...(unreadable.length > 0 ? { unreadable: unreadable.map(({ record, value, reason }) => ({ record, value, reason })) } : {}),
      };
    },
    async importLedger(backup) {
      // Allowed in read-only recovery: a good backup replacing the whole log is the way out of it.
      usable();
      const { ledger, runs } = readBackup(backup);
      if (ledger.currency !== currency) throw new CreditKitError("currency-mismatch", { left: ledger.currency, right: currency });
      const replace = () => engine.replace(ledger, recordsOf(ledger), (journal) => checkedRuns(runs, journal));
      // A run being processed (in this tab or another) holds its lock: wait for it, so its last
      // chunks do not land in the imported ledger, then replace everything at once. Every batch
      // settlement holds "settling" shared: taking it alone waits for them all and holds off new ones.
      const running = (await backend.listRuns()).filter((run) => run.status === "processing").map((run) => `run/${run.runId}`);
      const underLocks = running.reduceRight<() => Promise<void>>((inner, name) => () => backend.withLock(name, inner), replace);
      await backend.withLock("settling", underLocks);
    },
    sync: () => whileOpen(() => engine.sync()),
    close() {
      if (closed) return;
      closed = true;
      unsignal();
      backend.close();
    },
  };
  return source;
}

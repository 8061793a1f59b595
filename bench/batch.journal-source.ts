/**
 * For bench:batch: the smallest `CreditKitDataSource` over the core's
 * in-memory journal and the core's simulated gateway (0 ms), so the bench can
 * time `<ck-batch-collect>` and the core's settlement without the embedded
 * store's persistence. Only what the element uses is implemented.
 */
import {
  type AccountRecord,
  type CreditKitDataSource,
  createJournal,
  createSimulatedGateway,
  type DataSourceChange,
  type Journal,
  type LedgerEntry,
  type SettlementLedger,
  settleBatch,
} from "@creditkit/core";

export function journalSource(accounts: readonly AccountRecord[], items: readonly { key: string; entries: LedgerEntry[] }[]) {
  const journal: Journal = createJournal({ currency: "USD", settings: { autoApply: false } });
  for (const account of accounts) journal.openAccount(account);
  for (const item of items) journal.commit(item.key, item.entries);
  const gateway = createSimulatedGateway({ cardsOnFile: accounts.map((a) => a.id), latencyMs: 0 });
  const listeners = new Set<(change: DataSourceChange) => void>();
  // Every commit is announced, as a data source does.
  const ledger: SettlementLedger = Object.assign(Object.create(journal) as Journal, {
    commit(key: string, entries: readonly LedgerEntry[]) {
      const result = journal.commit(key, entries);
      const accountIds = [...new Set(entries.map((e) => e.accountId))];
      for (const listener of listeners) listener({ key, accountIds });
      return result;
    },
  });
  const unsupported = () => Promise.reject(new Error("Not in the bench."));
  const source: CreditKitDataSource = {
    currency: "USD",
    gateway,
    getSettings: async () => journal.settings(),
    updateSettings: unsupported,
    listAccounts: async () => journal.accounts(),
    getAccount: async (id) => journal.snapshot(id),
    // Read in slices of a few milliseconds, as an asynchronous data source (IndexedDB, a worker, a server) hands them over.
    async getAccounts(ids) {
      const all = ids ?? journal.accounts().map((a) => a.id);
      const snapshots = [];
      let slice = performance.now();
      for (const id of all) {
        snapshots.push(journal.snapshot(id));
        if (performance.now() - slice > 8) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          slice = performance.now();
        }
      }
      return snapshots;
    },
    listEntries: async () => journal.entries(),
    recordCheckout: unsupported,
    postCredits: unsupported,
    getDataSet: async () => undefined,
    processRun: unsupported,
    resumeRun: unsupported,
    listRuns: async () => [],
    settleBatch: (request) => settleBatch({ ledger, gateway }, request),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { source, charges: () => gateway.charges().length };
}

/** The embedded data sources as contract subjects (test/contract): memory (also in Node) and IndexedDB (browser only). */

import {
  createMemoryDataSource,
  createMemoryStore,
  deleteIndexedDbDataSource,
  openIndexedDbDataSource,
  type StoreDataSource,
} from "../../packages/store/src/index.js";
import type { ContractLedger, ContractSubject } from "../contract/index.js";

/** A store data source as a contract ledger; `connect` opens another connection to the same store. */
function storeLedger(
  source: StoreDataSource,
  connect: () => Promise<StoreDataSource>,
  cleanUp: () => Promise<void> = async () => {},
): ContractLedger {
  const others: StoreDataSource[] = [];
  return {
    source,
    openAccounts: (accounts) => source.openAccounts(accounts),
    commit: (key, entries) => source.commit(key, entries),
    getRun: (runId) => source.getRun(runId),
    async connect() {
      const other = await connect();
      others.push(other);
      return other;
    },
    gateway: {
      addCards: (ids) => source.gateway.addCards(ids),
      script: (id, outcomes) => source.gateway.script(id, outcomes),
      charges: async () => source.gateway.charges(),
    },
    async close() {
      for (const other of others.splice(0)) other.close();
      source.close();
      await cleanUp();
    },
  };
}

/** A new memory store per test. */
export const memorySubject: ContractSubject = {
  async open() {
    const store = createMemoryStore();
    const source = await createMemoryDataSource({ store, currency: "USD" });
    return storeLedger(source, () => createMemoryDataSource({ store }));
  },
};

/** One memory store for every test (each test opens a connection to it): the suite's ids keep tests apart. */
export function sharedMemorySubject(): ContractSubject {
  const store = createMemoryStore();
  return {
    async open() {
      const source = await createMemoryDataSource({ store, currency: "USD" });
      return storeLedger(source, () => createMemoryDataSource({ store }));
    },
  };
}

let databases = 0;

/** A new IndexedDB database per test, deleted after it. */
export const indexedDbSubject: ContractSubject = {
  async open() {
    databases += 1;
    const name = `ck-contract-${Date.now().toString(36)}-${databases}`;
    const source = await openIndexedDbDataSource({ name, currency: "USD" });
    return storeLedger(
      source,
      () => openIndexedDbDataSource({ name }),
      () => deleteIndexedDbDataSource(name),
    );
  },
};

/**
 * The in-memory data source: the same logic as the IndexedDB one over a log
 * kept in memory. For tests, Node and Storybook; gone when the page is.
 */
import { createStoreDataSource } from "./data-source.js";
import { createMemoryStore, type MemoryStore } from "./memory-backend.js";
import type { StoreDataSource, StoreOptions } from "./types.js";

export interface MemoryDataSourceOptions extends StoreOptions {
  /**
   * The store to connect to. Two data sources given the same store behave
   * like two tabs over one database (shared log, locks and change signals).
   * Default: a new, empty store.
   */
  readonly store?: MemoryStore;
}

/** Makes a data source whose ledger lives in memory. A new store needs `currency`. */
export function createMemoryDataSource(options: MemoryDataSourceOptions = {}): Promise<StoreDataSource> {
  const store = options.store ?? createMemoryStore();
  return createStoreDataSource(store.connect(), options);
}

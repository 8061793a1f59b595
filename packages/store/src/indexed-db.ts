/**
 * The IndexedDB data source: the ledger in memory, written through to
 * IndexedDB before anyone is told about a change, rebuilt from it on the
 * next load, and kept in step with other tabs.
 */
import { CreditKitError } from "@creditkit/core";
import { createStoreDataSource } from "./data-source.js";
import { openIndexedDbBackend } from "./idb-backend.js";
import type { StoreDataSource, StoreOptions } from "./types.js";

export interface IndexedDbDataSourceOptions extends StoreOptions {
  /** The database's name; one ledger per name. Default "creditkit". */
  readonly name?: string;
  /** The IndexedDB factory; default the page's `indexedDB`. `null` behaves as a browser without IndexedDB. */
  readonly indexedDB?: IDBFactory | null;
  /** Called with every ledger write transaction just before it commits (tests and diagnostics: aborting it fails the write, and nothing changes). */
  readonly onWrite?: (transaction: IDBTransaction) => void;
}

/**
 * Opens (or creates) the ledger stored under `name`. Rejects with a
 * `CreditKitError`: `storage-unavailable` (no IndexedDB, or the browser
 * refuses it), `storage-blocked` (another tab holds an older version open),
 * `storage-quota` (the disk is full), `invalid-input` (a new store without a
 * currency), `currency-mismatch` (the stored ledger is in another currency).
 */
export async function openIndexedDbDataSource(options: IndexedDbDataSourceOptions = {}): Promise<StoreDataSource> {
  const backend = await openIndexedDbBackend({
    name: options.name ?? "creditkit",
    ...(options.indexedDB !== undefined ? { indexedDB: options.indexedDB } : {}),
    ...(options.onWrite !== undefined ? { onWrite: options.onWrite } : {}),
  });
  try {
    return await createStoreDataSource(backend, options);
  } catch (error) {
    backend.close();
    throw error;
  }
}

/** Deletes the ledger stored under `name`; the data sources open on it close themselves first. */
export function deleteIndexedDbDataSource(name = "creditkit", factory?: IDBFactory): Promise<void> {
  const idb = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return Promise.reject(new CreditKitError("storage-unavailable", { reason: "no-indexeddb" }));
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(new CreditKitError("storage-unavailable", { cause: request.error?.name ?? "Error" }));
    // "blocked" only means an open connection has not closed yet; ours close on "versionchange", so wait for success.
  });
}

/**
 * @creditkit/store — the embedded data source: the core's ledger in memory
 * (`createMemoryDataSource`, runs in Node) or persisted in the browser's
 * IndexedDB (`openIndexedDbDataSource`), both implementing the core's
 * `CreditKitDataSource` port with one shared logic.
 */
export { deleteIndexedDbDataSource, type IndexedDbDataSourceOptions, openIndexedDbDataSource } from "./indexed-db.js";
export { createMemoryDataSource, type MemoryDataSourceOptions } from "./memory.js";
export { createMemoryStore, type MemoryStore } from "./memory-backend.js";
export { type SeedOptions, type SeedResult, seedDemoData } from "./seed.js";
export type { GatewayState, StoredGateway, StoredGatewayOptions } from "./stored-gateway.js";
export type { BackupRun, LedgerBackup, StoreDataSource, StoreHealth, StoreOptions } from "./types.js";

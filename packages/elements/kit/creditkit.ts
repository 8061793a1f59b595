/**
 * The single-file build's entry (`dist/creditkit.js`, made by
 * `scripts/build-kit.mjs`): every element registered, the rules core and the
 * embedded data source, with lit, @lit/context and
 * decimal.js bundled in and minified. A host loads it with one tag:
 *
 *   <script type="module" src="…/creditkit.js"></script>
 *
 * The mass-credit wizard's preview worker (`creditkit.worker.js`) sits next to
 * it and is fetched only when a preview starts. The demo data generator is
 * left out (it is `@creditkit/core/demo`).
 */
export * from "@creditkit/core";
export {
  createMemoryDataSource,
  createMemoryStore,
  deleteIndexedDbDataSource,
  type IndexedDbDataSourceOptions,
  type LedgerBackup,
  type MemoryDataSourceOptions,
  type MemoryStore,
  openIndexedDbDataSource,
  type StoreDataSource,
  type StoreOptions,
} from "@creditkit/store";
export * from "../src/index.js";

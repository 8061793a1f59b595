/**
 * @creditkit/postgres — the core's data-source port over PostgreSQL: one
 * shared ledger per organisation, on embedded PGlite (memory or a folder) or
 * a PostgreSQL server, the core's rules deciding and the database holding
 * the promises (unique keys, append-only entries, per-account locks,
 * row-level security).
 */

export { checkDataSet, type ImportCounts, type ImportOptions, importDataSet } from "./data-set-import.js";
export { readDataSet } from "./data-set-read.js";
export { createPostgresDataSource, type PostgresDataSource, type PostgresDataSourceOptions } from "./data-source.js";
export type { Db, Queryable, Row } from "./db.js";
export { isRetryable, toCreditKitError } from "./failures.js";
export type { PostgresGateway, PostgresGatewayOptions } from "./gateway.js";
export { type CardsOnFile, cardsOnFile } from "./gateway-cards.js";
export {
  type ClaimedJob,
  checkJobId,
  createPostgresJobStore,
  expireBatchLeases,
  type Job,
  type JobKind,
  type JobOutcome,
  type JobRequest,
  type JobStatus,
  type JobStore,
  type RenewAnswer,
  requestHash,
  waitForWake,
} from "./jobs.js";
export { MIGRATIONS_DIR, type Migration, migrate, readMigrations } from "./migrate.js";
export { type OpenLedgerOptions, openPostgresLedger } from "./open.js";
export { ensureOrganisation, type OrganisationRequest } from "./organisations.js";
export { openPgDb, type PgDbOptions } from "./pg-db.js";
export { openPGliteDb, type PGliteDbOptions } from "./pglite-db.js";
export type { StoredReservation } from "./reservations.js";

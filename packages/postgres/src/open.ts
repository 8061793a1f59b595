/**
 * Opening the database: a real server from a URL (`DATABASE_URL` by
 * default), or embedded PGlite in a data folder or in memory; then the
 * migrations are applied.
 */
import type { Db } from "./db.js";
import { migrate } from "./migrate.js";
import { openPgDb } from "./pg-db.js";
import { openPGliteDb } from "./pglite-db.js";

export interface OpenLedgerOptions {
  /** A PostgreSQL server's connection string. */
  readonly url?: string;
  /** Embedded PGlite persisted in this folder. */
  readonly dataDir?: string;
  /** Embedded PGlite in memory (the default when neither `url` nor `dataDir` is given). */
  readonly memory?: boolean;
  /** An open PGlite instance to use (left open on close). */
  readonly pglite?: unknown;
  /** Pool size on a server. Default 10. */
  readonly max?: number;
}

/** Opens the database and brings its schema up to date. */
export async function openPostgresLedger(options: OpenLedgerOptions = {}): Promise<Db> {
  const db = options.url
    ? await openPgDb({ url: options.url, ...(options.max !== undefined ? { max: options.max } : {}) })
    : await openPGliteDb({
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.pglite !== undefined ? { pglite: options.pglite, shared: true } : {}),
      });
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

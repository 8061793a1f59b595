/**
 * The seam between the data source and an engine: a small `Db` with two
 * adapters, one over embedded PGlite (`pglite-db.ts`) and one over a server
 * through `pg` (`pg-db.ts`). Every query the package makes goes through it,
 * so one code path runs on both (docs/decisions/0014).
 *
 * Parameters are strings, string arrays, booleans or null; JSON is passed as
 * text and cast (`$1::jsonb`); numerics are read back `::text`, never as a
 * JS number.
 */

/** One row as the engine returns it (column name → value). */
export type Row = Record<string, unknown>;

/** What a statement can run on: the database or an open transaction. */
export interface Queryable {
  /** Runs one statement with `$n` parameters and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Which engine answers: embedded PGlite, or a server through `pg`. */
  readonly engine: "pglite" | "pg";
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for each NOTIFY on `channel` (from any connection); resolves with the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes the connections (a PGlite the adapter opened itself is closed too). */
  close(): Promise<void>;
}

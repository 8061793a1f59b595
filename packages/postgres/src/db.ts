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

/**
 * Statements prepared once per connection and planned once (a generic plan,
 * docs/decisions/0019): the money operations' constant statements, marked
 * where they are written. An engine without prepared statements runs them as
 * any other.
 */
const PREPARED = new Map<string, string>();

/** Marks `text` (a constant statement) to be prepared; returns it. */
export function prepared(text: string): string {
  if (!PREPARED.has(text)) PREPARED.set(text, `ck_${PREPARED.size + 1}`);
  return text;
}

/** The prepared name of `text`, or undefined when it was not marked. */
export const preparedName = (text: string): string | undefined => PREPARED.get(text);

/** One row as the engine returns it (column name → value). */
export type Row = Record<string, unknown>;

/** What a statement can run on: the database or an open transaction. */
export interface Queryable {
  /** Runs one statement with `$n` parameters and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** An open transaction's statements. */
export interface Transaction extends Queryable {
  /**
   * Sends a statement whose rows are needed only once the transaction has
   * committed: on a server it goes out with COMMIT in one round trip (`pg`
   * pipelining). If it fails, the transaction is rolled back and
   * `transaction` rejects with its error. The promise settles with the
   * transaction; await it only after `transaction` resolved.
   */
  later<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Sends a statement right after a successful COMMIT, in its own implicit
   * transaction (on a server, in the same round trip as COMMIT). Nothing is
   * sent when the transaction fails; its own failure is ignored.
   */
  afterCommit(text: string, params?: readonly unknown[]): void;
}

export interface Db extends Queryable {
  /** Which engine answers: embedded PGlite, or a server through `pg`. */
  readonly engine: "pglite" | "pg";
  /**
   * Runs `fn` in one transaction on one connection: committed when it
   * resolves, rolled back when it throws. On a server, BEGIN goes out with
   * `fn`'s first statements, and statements sent without waiting for each
   * other's answers share one round trip.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * True when a transaction started now gets its connection without waiting (a server's pool has an idle one or
   * room for one more). A caller that already holds a connection asks before taking a second, so that callers
   * holding one each never wait for each other's. Absent: one connection (PGlite).
   */
  spare?(): boolean;
  /** Calls `onPayload` for each NOTIFY on `channel` (from any connection); resolves with the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes the connections (a PGlite the adapter opened itself is closed too). */
  close(): Promise<void>;
}

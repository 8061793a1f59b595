/** The `Db` over embedded PGlite (PostgreSQL compiled to WASM, in this process). */
import { PGlite } from "@electric-sql/pglite";
import type { Db, Queryable, Row, Transaction } from "./db.js";

interface PGliteLike {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: PGliteLike) => Promise<T>): Promise<T>;
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly waitReady: Promise<void>;
}

function over(target: Pick<PGliteLike, "query" | "exec">): Queryable {
  return {
    query: async <T = Row>(text: string, params: readonly unknown[] = []) => (await target.query<T>(text, [...params])).rows,
    exec: async (sql: string) => {
      await target.exec(sql);
    },
  };
}

export interface PGliteDbOptions {
  /** A data folder; in memory when absent. */
  readonly dataDir?: string;
  /** An open PGlite to use instead (left open by `close` when `shared`). */
  readonly pglite?: unknown;
  /** With `pglite`: leave it open on `close` (another `Db` shares it). */
  readonly shared?: boolean;
}

/** Opens (or wraps) a PGlite as a `Db`. PGlite runs one transaction at a time; others wait their turn. */
export async function openPGliteDb(options: PGliteDbOptions = {}): Promise<Db> {
  const pg = (options.pglite ?? (options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir))) as PGliteLike;
  await pg.waitReady;
  const keepOpen = options.pglite !== undefined && options.shared === true;
  return {
    engine: "pglite",
    ...over(pg),
    transaction: async (fn) => {
      const after: [string, unknown[]][] = [];
      const value = await pg.transaction(async (inner) => {
        const pending: Promise<unknown>[] = [];
        const tx: Transaction = {
          ...over(inner),
          later<T = Row>(text: string, params: readonly unknown[] = []) {
            const rows = inner.query<T>(text, [...params]).then((r) => r.rows);
            rows.catch(() => undefined);
            pending.push(rows);
            return rows;
          },
          afterCommit(text: string, params: readonly unknown[] = []) {
            after.push([text, [...params]]);
          },
        };
        const value = await fn(tx);
        // In process there is no round trip to save: what was sent later is waited for before COMMIT.
        for (const p of pending) await p;
        return value;
      });
      for (const [text, params] of after) await pg.query(text, params).catch(() => undefined);
      return value;
    },
    listen: (channel, onPayload) => pg.listen(channel, onPayload),
    close: async () => {
      if (!keepOpen) await pg.close();
    },
  };
}

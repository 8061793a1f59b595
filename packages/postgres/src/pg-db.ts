/** The `Db` over a PostgreSQL server through `pg`'s `Pool` (a connection per transaction). */
import pg from "pg";
import { type Db, preparedName, type Queryable, type Row, type Transaction } from "./db.js";

export interface PgDbOptions {
  /** A connection string, e.g. postgres://user:password@host:5432/db. */
  readonly url: string;
  /** Pool size. Default 10. */
  readonly max?: number;
}

interface Corkable {
  cork?(): void;
  uncork?(): void;
}

const corked = new WeakSet<Corkable>();

/**
 * Holds the connection's writes until the current run of code (its promise
 * chain included) is over, so the statements a transaction sends together
 * leave in one write (one system call) instead of one each.
 */
function coalesce(client: pg.Pool | pg.PoolClient): void {
  const stream = (client as unknown as { connection?: { stream?: Corkable } }).connection?.stream;
  if (!stream?.cork || !stream.uncork || corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  // A tick queued from a promise callback runs once the promise callbacks queued so far have run.
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork?.();
  });
}

/**
 * How long a connection keeps the plans of its prepared statements. A generic plan is made at a statement's first
 * run on the connection and kept for the connection's life: PostgreSQL does not plan again when the table grows (no
 * invalidation without DDL), so a plan made while a table was nearly empty (a new database's first batch) read an
 * organisation's 83,000 entries per settlement group, 75 ms each, for the whole batch (docs/decisions/0024).
 * `DISCARD PLANS` keeps the statements prepared and makes their next run plan again with the table as it is.
 */
const PLAN_LIFETIME_MS = 15_000;
const plannedAt = new WeakMap<pg.PoolClient, number>();

/** Sends `DISCARD PLANS` ahead of the transaction (same round trip) when the connection's plans are older than their lifetime. */
function replanNowAndThen(client: pg.PoolClient): void {
  const now = Date.now();
  const at = plannedAt.get(client);
  if (at === undefined) {
    plannedAt.set(client, now);
    return;
  }
  if (now - at < PLAN_LIFETIME_MS) return;
  plannedAt.set(client, now);
  client.query("DISCARD PLANS").catch(() => undefined);
}

/** A query config: named (prepared once per connection) when the text was marked `prepared`. */
function statement(text: string, params: readonly unknown[]): pg.QueryConfig {
  const name = preparedName(text);
  return name === undefined ? { text, values: [...params] } : { name, text, values: [...params] };
}

function over(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async <T = Row>(text: string, params: readonly unknown[] = []) => {
      coalesce(client);
      return (await client.query(statement(text, params))).rows as T[];
    },
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

/** Opens a pool on `url` as a `Db`. */
export async function openPgDb(options: PgDbOptions): Promise<Db> {
  // Pipelining: a statement is sent without waiting for the answer to the one before (one round trip for several).
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, pipeline: true } as pg.PoolConfig);
  // An idle client's error (the server restarted) must not crash the process: the next query reports it.
  pool.on("error", () => undefined);
  const listeners = new Set<pg.Client>();
  const max = options.max ?? 10;
  return {
    engine: "pg",
    ...over(pool),
    spare: () => pool.waitingCount === 0 && (pool.idleCount > 0 || pool.totalCount < max),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      coalesce(client);
      replanNowAndThen(client);
      // BEGIN is not awaited: it goes out with the transaction's first statements.
      const begun = client.query("BEGIN");
      begun.catch(() => undefined);
      const pending: Promise<unknown>[] = [];
      const after: [string, unknown[]][] = [];
      const tx: Transaction = {
        ...over(client),
        later<T = Row>(text: string, params: readonly unknown[] = []) {
          coalesce(client);
          const rows = client.query(statement(text, params)).then((r) => r.rows as T[]);
          rows.catch(() => undefined);
          pending.push(rows);
          return rows;
        },
        afterCommit(text: string, params: readonly unknown[] = []) {
          after.push([text, [...params]]);
        },
      };
      try {
        const value = await fn(tx);
        await begun;
        // COMMIT goes out with the statements sent `later`; when one of them failed, the server rolls back instead.
        coalesce(client);
        const committing = client.query("COMMIT");
        // Sent behind COMMIT: if anything before it failed, COMMIT rolled back and these run outside any write.
        const followers = after.map(([text, params]) => client.query(text, params).catch(() => undefined));
        const done = await Promise.allSettled([...pending, committing]);
        await Promise.all(followers);
        const failed = done.find((d) => d.status === "rejected");
        if (failed) throw failed.reason;
        return value;
      } catch (error) {
        try {
          await Promise.allSettled([begun, ...pending]);
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          broken = rollbackError;
        }
        throw error;
      } finally {
        // A connection that could not roll back is dropped, not reused.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: options.url });
      client.on("error", () => undefined);
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onPayload(message.payload ?? "");
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        if (!listeners.delete(client)) return;
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}

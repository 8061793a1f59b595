/**
 * Change notices: listeners in this process hear a change when its
 * transaction commits; other processes (and other data sources on the same
 * database) hear it through NOTIFY, flagged `remote`, sent right after the
 * COMMIT (same round trip) so it is delivered only if it commits.
 */
import type { DataSourceChange } from "@creditkit/core";
import type { Db, Queryable, Transaction } from "./db.js";

export const CHANNEL = "creditkit_changes";
/** NOTIFY payloads must stay under 8000 bytes: a change naming more accounts says "some accounts" (none listed) instead. */
const MAX_PAYLOAD = 7000;

interface Notice {
  /** Organisation. */
  readonly o: string;
  /** The data source that wrote it. */
  readonly s: string;
  readonly k: string;
  readonly a: readonly string[];
}

export interface Changes {
  /** Sends the changes to other connections when the transaction commits. */
  notify(tx: Queryable, changes: readonly DataSourceChange[]): Promise<void>;
  /** Tells this process's listeners (after the commit). */
  emit(change: DataSourceChange): void;
  subscribe(listener: (change: DataSourceChange) => void): () => void;
  /** Resolves once other connections' changes are heard (LISTEN is in place; at once before any `subscribe`). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

let sources = 0;

export function createChanges(db: Db, orgId: string): Changes {
  const source = `${process.pid}.${++sources}.${Math.random().toString(36).slice(2, 8)}`;
  const listeners = new Set<(change: DataSourceChange) => void>();
  let stop: Promise<() => Promise<void>> | undefined;

  const emit = (change: DataSourceChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's mistake is its own.
      }
    }
  };
  const onPayload = (payload: string) => {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.o !== orgId || notice.s === source) return;
    emit({ key: notice.k, accountIds: notice.a, remote: true });
  };

  return {
    async notify(tx, changes) {
      const payloads = changes.map((c) => {
        const text = JSON.stringify({ o: orgId, s: source, k: c.key, a: c.accountIds } satisfies Notice);
        return text.length <= MAX_PAYLOAD ? text : JSON.stringify({ o: orgId, s: source, k: c.key.slice(0, 1000), a: [] } satisfies Notice);
      });
      if (payloads.length === 0) return;
      const after = (tx as Partial<Transaction>).afterCommit;
      if (typeof after === "function") {
        // After the COMMIT, in its own transaction: a transaction that NOTIFYs holds the database's notify lock
        // through its commit's WAL flush, which would serialise every commit of every account. A notice is not
        // money: its transaction does not wait for the flush (a crash right after a commit may lose a notice).
        after.call(tx, "SELECT pg_notify($1, p), set_config('synchronous_commit', 'off', true) FROM unnest($2::text[]) AS p", [
          CHANNEL,
          payloads,
        ]);
      } else await tx.query("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p", [CHANNEL, payloads]);
    },
    emit,
    subscribe(listener) {
      listeners.add(listener);
      stop ??= db.listen(CHANNEL, onPayload).catch(() => async () => undefined);
      return () => {
        listeners.delete(listener);
      };
    },
    async listening() {
      await stop;
    },
    async close() {
      listeners.clear();
      if (stop) await (await stop)();
      stop = undefined;
    },
  };
}

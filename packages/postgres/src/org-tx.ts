/**
 * One organisation's transactions: each runs as the `creditkit_app` role
 * (not a superuser, so row-level security applies) with `creditkit.org_id`
 * set for this transaction only, with a statement time-out, and is retried a
 * bounded number of times on a serialization failure, a deadlock or a lost
 * race on a unique key. Whatever still fails is a typed `CreditKitError`;
 * a failed transaction is rolled back whole, so nothing is half-written.
 */
import { type Db, prepared, type Queryable, type Transaction } from "./db.js";
import { isRetryable, toCreditKitError } from "./failures.js";

export interface OrgScope {
  readonly db: Db;
  readonly orgId: string;
  /** Tries after the first on a retryable failure. Default 8. */
  readonly retries?: number;
  /** Per statement, in ms (0: no limit). Default 30000. */
  readonly statementTimeoutMs?: number;
}

const SETTINGS =
  "SELECT set_config('role', 'creditkit_app', true), set_config('creditkit.org_id', $1, true), set_config('statement_timeout', $2, true), set_config('creditkit.owners', $3, true)";
/** A keyed transaction's settings (see `keyed`): prepared statements run their generic plan, and no table is scanned. */
const KEYED_SETTINGS = prepared(
  `${SETTINGS}, set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)`,
);

/** A snapshot id as PostgreSQL exports it (hex groups and dashes), checked before it is written into the statement. */
function snapshotId(id: string): string {
  if (!/^[0-9A-F]+(-[0-9A-F]+)+$/i.test(id)) throw new TypeError(`Not a snapshot id: ${JSON.stringify(id)}`);
  return id;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` in one transaction of the organisation (see the module comment). */
export async function inOrg<T>(
  scope: OrgScope,
  fn: (tx: Transaction) => Promise<T>,
  options: {
    readonly readOnly?: boolean;
    /** The settlements this transaction commits for: only they may commit under a key they own (migration 003). */
    readonly owners?: readonly string[];
    /**
     * Every statement finds its rows by key (an account, a key): its prepared statements run their generic
     * plan, and no table is scanned. A custom plan is made for the organisation's value, and for an
     * organisation newer than the table's statistics (one importing or settling its first 100k rows) the
     * planner thinks it has one row: any index starting with org_id looks as good, and it read all of the
     * organisation's entries by date for each account. Reservations, inserted and deleted by the thousand
     * between two vacuums, look like a few rows while the table holds thousands of dead ones (docs/decisions/0019).
     */
    readonly keyed?: boolean;
    /**
     * With `readOnly`: the snapshot to read at, exported by another open transaction (`pg_export_snapshot()`), so
     * two connections read one moment (PostgreSQL's `SET TRANSACTION SNAPSHOT`).
     */
    readonly snapshot?: string;
  } = {},
): Promise<T> {
  const retries = scope.retries ?? 8;
  const timeout = String(scope.statementTimeoutMs ?? 30000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await scope.db.transaction(async (tx) => {
        // Not awaited: these go out with `fn`'s first statements (one round trip on a server). A read sees one
        // snapshot of every table it reads (a report never mixes two moments).
        const head = [
          ...(options.readOnly ? [tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")] : []),
          ...(options.snapshot !== undefined ? [tx.query(`SET TRANSACTION SNAPSHOT '${snapshotId(options.snapshot)}'`)] : []),
          tx.query(options.keyed ? KEYED_SETTINGS : SETTINGS, [scope.orgId, timeout, (options.owners ?? []).join(",")]),
        ];
        for (const h of head) h.catch(() => undefined);
        try {
          return await fn(tx);
        } finally {
          // A failed head fails what follows it: its own error is the one to report.
          for (const h of head) await h;
        }
      });
    } catch (error) {
      if (attempt < retries && isRetryable(error)) {
        // Back off a little, with jitter, so the racers do not meet again at once.
        await sleep(Math.random() * 2 ** Math.min(attempt, 6));
        continue;
      }
      throw toCreditKitError(error);
    }
  }
}

/** Takes the transaction's advisory locks on `names` of the organisation, in one sorted order (no deadlocks). */
export async function lockNames(tx: Queryable, orgId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.query("SELECT creditkit_lock($1, $2::text[])", [orgId, names]);
}

/** The lock name of an account: commits to one account serialize on it. */
export const accountLock = (accountId: string) => `a/${accountId}`;

/**
 * Settlement's first read of an invoice, grouped (docs/decisions/0015): the
 * key's entries, its reservation and what its fees owe (through the kept
 * account), for the invoices that ask together, in one read-only
 * transaction at one snapshot and one round trip. Each invoice still reads
 * under its account's mutex (account-cache.ts) and gets its own answer; a
 * group that fails is read again one invoice at a time.
 */
import type { Journal, LedgerEntry, Reservation } from "@creditkit/core";
import type { AccountCache } from "./account-cache.js";
import { prepared } from "./db.js";
import { accountRows, json } from "./ledger-rows.js";
import { sendLoadMany } from "./load-many.js";
import { cacheOf, type LedgerScope } from "./money-ops.js";
import { inOrg } from "./org-tx.js";
import { KEYS_ENTRIES } from "./reads.js";
import { GROUPS, WriteQueue } from "./write-queue.js";

export type FeesOwed = ReturnType<Journal["feesOwed"]>;

/** A reservation row as the core's `Reservation`: a constant expression, no input in it, spliced into queries. */
export const AS_RESERVATION = `jsonb_build_object('key', key, 'accountId', account_id, 'feeIds', to_jsonb(fee_ids), 'grants', grants, 'credit', credit::text)`;

/** An invoice of the batch a ledger serves: its key's account and fees. */
export interface InvoiceHint {
  readonly accountId: string;
  readonly feeIds: readonly string[];
}

/** What the fees owe, or what reading it threw. */
export interface Owed {
  readonly value?: FeesOwed;
  readonly error?: unknown;
}

export interface InvoiceRead {
  /** The entries written under the key (undefined: never committed). */
  readonly entries: LedgerEntry[] | undefined;
  readonly reservation: Reservation | undefined;
  readonly owed: Owed;
}

export function owedOf(journal: Journal, hint: InvoiceHint, key: string): Owed {
  try {
    return { value: journal.feesOwed(hint.accountId, hint.feeIds, key) };
  } catch (error) {
    return { error };
  }
}

type Rows = Record<string, unknown>[];

const KEYS_RESERVATIONS = prepared(`SELECT key, ${AS_RESERVATION} AS r FROM reservations WHERE org_id = $1 AND key = ANY($2::text[])`);

/** One invoice waiting for its group (under its account's mutex, at its kept seq). */
interface Asking {
  readonly key: string;
  readonly accountId: string;
  readonly seq: string;
  readonly resolve: (rows: { load: Rows; entries: Rows; reservations: Rows }) => void;
  readonly reject: (error: unknown) => void;
}

async function readGroup(scope: LedgerScope, group: readonly Asking[]): Promise<void> {
  try {
    const sent = await inOrg(
      scope,
      async (tx) => {
        const keys = group.map((a) => a.key);
        return {
          loads: sendLoadMany(
            tx,
            scope.orgId,
            group.map((a) => ({ accountId: a.accountId, seq: a.seq, keys: [] })),
            true,
          ),
          entries: tx.later(KEYS_ENTRIES, [scope.orgId, keys]),
          reservations: tx.later(KEYS_RESERVATIONS, [scope.orgId, keys]),
        };
      },
      { readOnly: true, keyed: true },
    );
    const loads = await sent.loads;
    const entries = await sent.entries;
    const reservations = await sent.reservations;
    for (const [i, a] of group.entries()) {
      a.resolve({
        load: [loads[i] as Rows[number]],
        entries: entries.filter((r) => r.key === a.key),
        reservations: reservations.filter((r) => r.key === a.key),
      });
    }
  } catch (error) {
    if (group.length === 1) (group[0] as Asking).reject(error);
    else for (const a of group) await readGroup(scope, [a]);
  }
}

const queues = new WeakMap<LedgerScope, WriteQueue<Asking>>();

/** Reads one invoice (see the module comment); undefined when the data source keeps no accounts (then read plainly). */
export function readInvoice(scope: LedgerScope, key: string, hint: InvoiceHint): Promise<InvoiceRead> | undefined {
  const cache: AccountCache | null = cacheOf(scope);
  if (!cache) return undefined;
  let queue = queues.get(scope);
  if (!queue) {
    queue = new WriteQueue<Asking>((group) => readGroup(scope, group), GROUPS);
    queues.set(scope, queue);
  }
  const q = queue;
  const { accountId } = hint;
  return cache.exclusive(accountId, async () => {
    const rows = await new Promise<{ load: Rows; entries: Rows; reservations: Rows }>((resolve, reject) =>
      q.push({ key, accountId, seq: cache.seqOf(accountId), resolve, reject }),
    );
    const { rows: account } = accountRows(scope.orgId, accountId, rows.load[0]);
    const { journal } = cache.refresh(accountId, account);
    const row = rows.reservations[0];
    return {
      entries: rows.entries.length === 0 ? undefined : rows.entries.map((r) => json<LedgerEntry>(r.entry)),
      reservation: row ? json<Reservation>(row.r) : undefined,
      owed: owedOf(journal, hint, key),
    };
  });
}

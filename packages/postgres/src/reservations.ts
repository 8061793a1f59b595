/**
 * Settlement's ledger port over the database (core settlement/types.ts,
 * docs/decisions/0011): reservations are rows with an owner and a lease.
 * `reserve` is a money operation (the core decides what is held); `claim`
 * takes a kept reservation whose owner let go of it or whose lease ran out
 * (the process died); `disown` lets go; `release` drops it, by its owner only.
 *
 * Fewer round trips (docs/decisions/0015): a batch's ledger knows each
 * invoice's account, so `committed(key)` reads, at one snapshot in one round
 * trip, the key's entries, its reservation and what the fees owe (the kept
 * account); the `reservation` and `feesOwed` asked next are answered from
 * that read (an async read is as old as that anyway: the core holds the fees
 * before it trusts what they owe). `reserve` answers the `feesOwed` asked
 * right after it from its own transaction (held fees cannot change).
 * Any write under the key forgets what was read.
 */
import {
  assertInput,
  CreditKitError,
  fromAmountString,
  isPositive,
  type Reservation,
  type ReserveRequest,
  type SettlementLedger,
  subtract,
  toAmountString,
  zero,
} from "@creditkit/core";
import type { Queryable } from "./db.js";
import { json } from "./ledger-rows.js";
import { commit, type LedgerScope, readKept, underAccounts } from "./money-ops.js";
import { inOrg } from "./org-tx.js";
import { readCommitted, readSnapshot } from "./reads.js";
import { AS_RESERVATION, type FeesOwed, type InvoiceHint, type Owed, readInvoice } from "./settlement-reads.js";

/** What one read (or the reserve) saw, for the calls that follow it. */
interface Seen {
  readonly at: number;
  readonly accountId: string;
  readonly feeIds: readonly string[];
  /** Undefined after the reserve (only `owed` is known then). */
  reservation?: { readonly held: Reservation | undefined };
  owed?: Owed;
}

/** A memo older than this is not used (a settlement asks within microseconds). */
const FRESH_MS = 2000;

const sameFees = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** A reservation with what the database keeps beside it. */
export interface StoredReservation extends Reservation {
  /** The card amount pinned to the key (what the fees owed when held, less the credit held). */
  readonly cardAmount: string;
  readonly owner?: string;
  /** ISO time the owner's lease ends. */
  readonly ownerUntil?: string;
}

/** Settlement's transactions find reservations by key only (org-tx.ts `keyed`). */
const KEYED = { keyed: true } as const;

const isText = (v: unknown): v is string => typeof v === "string" && v !== "";

async function find(tx: Queryable, orgId: string, key: string): Promise<Reservation | undefined> {
  const [row] = await tx.query(`SELECT ${AS_RESERVATION} AS r FROM reservations WHERE org_id = $1 AND key = $2`, [orgId, key]);
  return row ? json<Reservation>(row.r) : undefined;
}

/**
 * The settlement ledger of one organisation; `leaseMs` is how long an owner
 * keeps a reservation without a word. `hints`: the batch's invoices by key
 * (their reads are combined; see the module comment).
 */
export function settlementLedger(scope: LedgerScope, leaseMs: number, hints?: ReadonlyMap<string, InvoiceHint>): SettlementLedger {
  const lease = String(leaseMs);
  // The core's owner tokens are unique in one process only: prefixed with this process's, they are unique across processes.
  const me = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
  const own = (owner: string) => `${me}/${owner}`;
  const seen = new Map<string, Seen>();
  const recent = (key: string) => {
    const s = seen.get(key);
    if (s && performance.now() - s.at > FRESH_MS) seen.delete(key);
    return seen.get(key);
  };
  return {
    currency: scope.currency,
    async committed(key) {
      seen.delete(key);
      const hint = typeof key === "string" ? hints?.get(key) : undefined;
      const reading = hint ? readInvoice(scope, key, hint) : undefined;
      if (hint && reading) {
        try {
          const read = await reading;
          seen.set(key, {
            at: performance.now(),
            accountId: hint.accountId,
            feeIds: [...hint.feeIds],
            reservation: { held: read.reservation },
            owed: read.owed,
          });
          return read.entries;
        } catch {
          // An unknown account or a failed read: the plain read answers (and the core's next reads report the rest).
        }
      }
      return readCommitted(scope, key);
    },
    commit: (key, entries, owner) => {
      seen.delete(key);
      return commit(scope, key, entries, owner === undefined ? undefined : own(owner));
    },
    snapshot: (accountId) => readSnapshot(scope, accountId),
    async reserve(request) {
      const key = request?.key;
      if (typeof key === "string") seen.delete(key);
      const { held, owed } = await reserveHeld(scope, { ...request, owner: own(String(request?.owner)) }, leaseMs);
      seen.set(held.key, { at: performance.now(), accountId: held.accountId, feeIds: [...held.feeIds], owed: { value: owed } });
      return held;
    },
    feesOwed(accountId, feeIds, key) {
      const s = typeof key === "string" ? recent(key) : undefined;
      if (s?.owed && s.accountId === accountId && Array.isArray(feeIds) && sameFees(s.feeIds, feeIds)) {
        const { owed } = s;
        s.owed = undefined;
        if (owed.error !== undefined) return Promise.reject(owed.error);
        return Promise.resolve(owed.value as FeesOwed);
      }
      return readKept(scope, accountId, (journal) => journal.feesOwed(accountId, feeIds, key));
    },
    async reservation(key) {
      const s = typeof key === "string" ? recent(key) : undefined;
      if (s?.reservation) {
        const { held } = s.reservation;
        s.reservation = undefined;
        return held;
      }
      // Sent with the COMMIT: one round trip on a server.
      const { read } = await inOrg(
        scope,
        async (tx) => ({
          read: tx.later(`SELECT ${AS_RESERVATION} AS r FROM reservations WHERE org_id = $1 AND key = $2`, [scope.orgId, key]),
        }),
        { readOnly: true, keyed: true },
      );
      const [row] = await read;
      return row ? json<Reservation>(row.r) : undefined;
    },
    claim(key, owner) {
      seen.delete(key);
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      return inOrg(
        scope,
        async (tx) => {
          const [row] = await tx.query(
            `UPDATE reservations SET owner = $3, owner_until = clock_timestamp() + $4::int * interval '1 millisecond'
           WHERE org_id = $1 AND key = $2 AND (owner IS NULL OR owner = $3 OR owner_until < clock_timestamp())
           RETURNING ${AS_RESERVATION} AS r`,
            [scope.orgId, key, own(owner), lease],
          );
          if (row) return json<Reservation>(row.r);
          if (await find(tx, scope.orgId, key)) throw new CreditKitError("settlement-in-progress", { key });
          return undefined;
        },
        KEYED,
      );
    },
    async disown(key, owner) {
      seen.delete(key);
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      await inOrg(
        scope,
        (tx) =>
          tx.query("UPDATE reservations SET owner = NULL, owner_until = NULL WHERE org_id = $1 AND key = $2 AND owner = $3", [
            scope.orgId,
            key,
            own(owner),
          ]),
        KEYED,
      );
    },
    async release(key, owner) {
      seen.delete(key);
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      const accountId = await inOrg(
        scope,
        async (tx) => {
          const [row] = await tx.query<{ account_id: string }>(
            `DELETE FROM reservations WHERE org_id = $1 AND key = $2 AND (owner IS NULL OR owner = $3 OR owner_until < clock_timestamp())
           RETURNING account_id`,
            [scope.orgId, key, own(owner)],
          );
          if (!row && (await find(tx, scope.orgId, key))) throw new CreditKitError("settlement-in-progress", { key });
          if (row) await scope.changes.notify(tx, [{ key, accountIds: [row.account_id] }]);
          return row?.account_id;
        },
        KEYED,
      );
      if (accountId !== undefined) scope.changes.emit({ key, accountIds: [accountId] });
    },
  };
}

/** Every reservation held now, with its owner, lease and pinned card amount. */
export async function listReservations(scope: LedgerScope): Promise<StoredReservation[]> {
  return inOrg(
    scope,
    async (tx) => {
      const rows = await tx.query(
        `SELECT ${AS_RESERVATION} AS r, card_amount::text AS card, owner, to_char(owner_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS until
         FROM reservations WHERE org_id = $1 ORDER BY created_at, key`,
        [scope.orgId],
      );
      return rows.map((row) => ({
        ...json<Reservation>(row.r),
        cardAmount: String(row.card),
        ...(typeof row.owner === "string" ? { owner: row.owner, ownerUntil: String(row.until) } : {}),
      }));
    },
    { readOnly: true },
  );
}

/**
 * Holds fees and credit for a settlement (the core's `journal.reserve`
 * decides what is held) and stores it with its owner, a lease of `leaseMs`
 * and the pinned card amount (what the fees owe now less the credit held).
 * Also answers what the held fees owe, read in the same transaction.
 */
export function reserveHeld(scope: LedgerScope, request: ReserveRequest, leaseMs: number): Promise<{ held: Reservation; owed: FeesOwed }> {
  assertInput(request !== null && typeof request === "object", "request");
  assertInput(typeof request.accountId === "string" && request.accountId !== "", "accountId");
  assertInput(typeof request.owner === "string" && request.owner !== "", "owner");
  const { owner } = request;
  return underAccounts(scope, [request.accountId], [request.key], ({ journal }) => {
    const held = journal.reserve({ key: request.key, accountId: request.accountId, feeIds: request.feeIds, credit: request.credit });
    const owed = journal.feesOwed(held.accountId, held.feeIds, held.key);
    const credit = fromAmountString(held.credit, scope.currency);
    const rest = subtract(owed.total, credit);
    const card = toAmountString(isPositive(rest) ? rest : zero(scope.currency));
    return {
      value: { held, owed },
      changes: [{ key: held.key, accountIds: [held.accountId] }],
      reservation: { held, cardAmount: card, owner, leaseMs },
    };
  });
}

/** The batch's invoices by key (`batchId/invoiceId`, the core's settlement key); the first of a repeated id. */
export function invoiceHints(request: unknown): Map<string, InvoiceHint> {
  const hints = new Map<string, InvoiceHint>();
  const r = request as { batchId?: unknown; invoices?: unknown } | null;
  if (r === null || typeof r !== "object" || typeof r.batchId !== "string" || !Array.isArray(r.invoices)) return hints;
  for (const invoice of r.invoices as { invoiceId?: unknown; accountId?: unknown; feeIds?: unknown }[]) {
    if (invoice === null || typeof invoice !== "object") continue;
    const { invoiceId, accountId, feeIds } = invoice;
    if (typeof invoiceId !== "string" || typeof accountId !== "string" || !Array.isArray(feeIds)) continue;
    const key = `${r.batchId}/${invoiceId}`;
    if (!hints.has(key)) hints.set(key, { accountId, feeIds: [...(feeIds as string[])] });
  }
  return hints;
}

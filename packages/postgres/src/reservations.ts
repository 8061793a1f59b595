/**
 * Settlement's ledger port over the database (core settlement/types.ts,
 * docs/decisions/0011): reservations are rows with an owner and a lease.
 * `reserve` is a money operation (the core decides what is held); `claim`
 * takes a kept reservation whose owner let go of it or whose lease ran out
 * (the process died); `disown` lets go; `release` drops it, by its owner only.
 */
import { assertInput, CreditKitError, type Reservation, type SettlementLedger } from "@creditkit/core";
import type { Queryable } from "./db.js";
import { json } from "./ledger-rows.js";
import { commit, type LedgerScope, readKept, reserve } from "./money-ops.js";
import { inOrg } from "./org-tx.js";
import { readCommitted, readSnapshot } from "./reads.js";

/** A reservation row as the core's `Reservation`. */
const AS_RESERVATION = `jsonb_build_object('key', key, 'accountId', account_id, 'feeIds', to_jsonb(fee_ids), 'grants', grants, 'credit', credit::text)`;

/** A reservation with what the database keeps beside it. */
export interface StoredReservation extends Reservation {
  /** The card amount pinned to the key (what the fees owed when held, less the credit held). */
  readonly cardAmount: string;
  readonly owner?: string;
  /** ISO time the owner's lease ends. */
  readonly ownerUntil?: string;
}

const isText = (v: unknown): v is string => typeof v === "string" && v !== "";

async function find(tx: Queryable, orgId: string, key: string): Promise<Reservation | undefined> {
  const [row] = await tx.query(`SELECT ${AS_RESERVATION} AS r FROM reservations WHERE org_id = $1 AND key = $2`, [orgId, key]);
  return row ? json<Reservation>(row.r) : undefined;
}

/** The settlement ledger of one organisation; `leaseMs` is how long an owner keeps a reservation without a word. */
export function settlementLedger(scope: LedgerScope, leaseMs: number): SettlementLedger {
  const lease = String(leaseMs);
  // The core's owner tokens are unique in one process only: prefixed with this process's, they are unique across processes.
  const me = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
  const own = (owner: string) => `${me}/${owner}`;
  return {
    currency: scope.currency,
    committed: (key) => readCommitted(scope, key),
    commit: (key, entries) => commit(scope, key, entries),
    snapshot: (accountId) => readSnapshot(scope, accountId),
    reserve: (request) => reserve(scope, { ...request, owner: own(String(request?.owner)) }, leaseMs),
    feesOwed: (accountId, feeIds, key) => readKept(scope, accountId, (journal) => journal.feesOwed(accountId, feeIds, key)),
    async reservation(key) {
      // Sent with the COMMIT: one round trip on a server.
      const { read } = await inOrg(
        scope,
        async (tx) => ({
          read: tx.later(`SELECT ${AS_RESERVATION} AS r FROM reservations WHERE org_id = $1 AND key = $2`, [scope.orgId, key]),
        }),
        { readOnly: true },
      );
      const [row] = await read;
      return row ? json<Reservation>(row.r) : undefined;
    },
    claim(key, owner) {
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      return inOrg(scope, async (tx) => {
        const [row] = await tx.query(
          `UPDATE reservations SET owner = $3, owner_until = clock_timestamp() + $4::int * interval '1 millisecond'
           WHERE org_id = $1 AND key = $2 AND (owner IS NULL OR owner = $3 OR owner_until < clock_timestamp())
           RETURNING ${AS_RESERVATION} AS r`,
          [scope.orgId, key, own(owner), lease],
        );
        if (row) return json<Reservation>(row.r);
        if (await find(tx, scope.orgId, key)) throw new CreditKitError("settlement-in-progress", { key });
        return undefined;
      });
    },
    async disown(key, owner) {
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      await inOrg(scope, (tx) =>
        tx.query("UPDATE reservations SET owner = NULL, owner_until = NULL WHERE org_id = $1 AND key = $2 AND owner = $3", [
          scope.orgId,
          key,
          own(owner),
        ]),
      );
    },
    async release(key, owner) {
      assertInput(isText(key), "key");
      assertInput(isText(owner), "owner");
      const accountId = await inOrg(scope, async (tx) => {
        const [row] = await tx.query<{ account_id: string }>(
          `DELETE FROM reservations WHERE org_id = $1 AND key = $2 AND (owner IS NULL OR owner = $3 OR owner_until < clock_timestamp())
           RETURNING account_id`,
          [scope.orgId, key, own(owner)],
        );
        if (!row && (await find(tx, scope.orgId, key))) throw new CreditKitError("settlement-in-progress", { key });
        if (row) await scope.changes.notify(tx, [{ key, accountIds: [row.account_id] }]);
        return row?.account_id;
      });
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

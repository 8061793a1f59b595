/**
 * The kept-account load (ledger-rows' LOAD_ONE) of several accounts in one
 * statement, for a group (docs/decisions/0015): one row per account, in the
 * order asked, with LOAD_ONE's columns, so `accountRows` reads each.
 */
import { prepared, type Queryable, type Row, type Transaction } from "./db.js";
import { committedAmong } from "./probes.js";

const LOAD_MANY = prepared(`WITH o AS (SELECT settings FROM organisations WHERE org_id = $1)
SELECT a.n::int AS n,
  (SELECT settings FROM o) AS settings,
  (SELECT record FROM accounts WHERE org_id = $1 AND account_id = a.id) AS record,
  (SELECT jsonb_build_object('entries', coalesce(jsonb_agg(entry ORDER BY seq), '[]'), 'seq', max(seq)::text)
     FROM entries WHERE org_id = $1 AND account_id = a.id AND seq > a.seq) AS fresh,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'accountId', account_id, 'feeIds', to_jsonb(fee_ids),
      'grants', grants, 'credit', credit::text) ORDER BY created_at, key), '[]')
     FROM reservations WHERE org_id = $1 AND account_id = a.id) AS reservations,
  ${committedAmong("ARRAY(SELECT jsonb_array_elements_text($4::jsonb -> (a.n::int - 1)))")} AS committed
FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS a(id, seq, n)
ORDER BY a.n`);

/** One account to load: its id, the seq its kept journal holds ("0": none), the keys to ask about. */
export interface LoadAsk {
  readonly accountId: string;
  readonly seq: string;
  readonly keys: readonly string[];
}

/** Sends the load of `asks` (not awaited: it shares a round trip; `later`: with the COMMIT); one row per ask, in order. */
export function sendLoadMany(tx: Queryable | Transaction, orgId: string, asks: readonly LoadAsk[], later = false): Promise<Row[]> {
  const params = [orgId, asks.map((a) => a.accountId), asks.map((a) => a.seq), JSON.stringify(asks.map((a) => a.keys))];
  return later ? (tx as Transaction).later(LOAD_MANY, params) : tx.query(LOAD_MANY, params);
}

/**
 * What each fee of the listed families owes now, read from the ledger with
 * one aggregate query (docs/decisions/0015, "The cold preview"): a fee owes
 * its amount less what payments and credit payments that were not reversed
 * paid to it and less what voids of the fee took. A reversed payment (a Void
 * of kind "payment") gives back exactly what it paid (the core refuses any
 * other reversal), so it counts for nothing. These are the figures the
 * core's fold of the same entries gives (`journal.feeBalances`); the
 * accepted entries are the core's, so nothing here decides a rule, and
 * test/postgres/data-set-fees.test.ts compares both on a ledger with
 * payments, credit payments, voids and reversals.
 */
import { type FeeBalance, type FeeLedger, fromAmountString, toAmountString } from "@creditkit/core";
import type { Queryable } from "./db.js";

/**
 * One statement: `[account, feeId, category, remainder]` for every Fee entry
 * on a listed family's account, by account then in posting order, as one
 * JSON text.
 */
export const READ_FEES = `WITH
  fees AS (
    SELECT e.account_id, e.seq, e.entry->>'feeId' AS fee_id, e.entry->>'category' AS category, e.amount
    FROM entries e
    WHERE e.org_id = $1 AND e.type = 'Fee'
      AND e.account_id IN (SELECT family_id FROM data_set_families WHERE org_id = $1)),
  reversed AS (
    SELECT account_id, entry->'target'->>'entryId' AS entry_id FROM entries
    WHERE org_id = $1 AND type = 'Void' AND entry->'target'->>'kind' = 'payment'),
  taken AS (
    SELECT e.account_id, a->>'feeId' AS fee_id, (a->>'amount')::numeric AS amount
      FROM entries e CROSS JOIN LATERAL jsonb_array_elements(e.entry->'allocations') AS a
      WHERE e.org_id = $1 AND e.type = 'Payment'
        AND NOT EXISTS (SELECT 1 FROM reversed r WHERE r.account_id = e.account_id AND r.entry_id = e.entry_id)
    UNION ALL
    SELECT e.account_id, e.entry->>'feeId', e.amount FROM entries e
      WHERE e.org_id = $1 AND e.type = 'Payment (AC)'
        AND NOT EXISTS (SELECT 1 FROM reversed r WHERE r.account_id = e.account_id AND r.entry_id = e.entry_id)
    UNION ALL
    SELECT account_id, entry->'target'->>'feeId', amount FROM entries
      WHERE org_id = $1 AND type = 'Void' AND entry->'target'->>'kind' = 'fee'),
  per_fee AS (SELECT account_id, fee_id, sum(amount) AS amount FROM taken GROUP BY account_id, fee_id)
SELECT json_agg(json_build_array(f.account_id, f.fee_id, f.category, (f.amount - coalesce(p.amount, 0))::text)
         ORDER BY f.account_id, f.seq)::text AS fees
FROM fees f LEFT JOIN per_fee p ON p.account_id = f.account_id AND p.fee_id = f.fee_id`;

export type FeeRow = [accountId: string, feeId: string, category: string, remainder: string];

/** Runs READ_FEES (in the caller's transaction, so at the data set's snapshot). */
export async function readFeeRows(tx: Queryable, orgId: string): Promise<readonly FeeRow[]> {
  const [row] = await tx.query<{ fees: string | null }>(READ_FEES, [orgId]);
  return typeof row?.fees === "string" ? (JSON.parse(row.fees) as FeeRow[]) : [];
}

/**
 * The rows as what `withLedgerFees` reads of a ledger: an account "is in the
 * ledger" when it holds a fee (one without keeps its listed fees as listed,
 * the same answer as an empty fee list), its fees in posting order with
 * their remainders as canonical amounts of `currency`.
 */
export function feeLedger(rows: readonly FeeRow[], currency: string): FeeLedger {
  const byAccount = new Map<string, FeeBalance[]>();
  let list: FeeBalance[] = [];
  let account: string | undefined;
  for (const [accountId, feeId, category, remainder] of rows) {
    if (accountId !== account) {
      account = accountId;
      list = byAccount.get(accountId) ?? [];
      byAccount.set(accountId, list);
    }
    list.push({ feeId, category, remainder: toAmountString(fromAmountString(remainder, currency)) });
  }
  return {
    hasAccount: (accountId) => byAccount.has(accountId),
    feeBalances: (accountId) => byAccount.get(accountId) ?? [],
  };
}

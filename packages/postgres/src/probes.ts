/**
 * SQL fragments that find rows by a list of accounts or keys with one index
 * probe per item (docs/decisions/0024).
 *
 * Written as `col = ANY($n)`, such a lookup is planned for an array of
 * unknown length against the table's statistics: with a generic plan, or an
 * organisation newer than the statistics, the planner may read every row of
 * the organisation through an index led by `org_id` and test each against
 * the array. A mass-credit chunk of 2,000 accounts read 74,000 entries
 * (2.1 s) and 36,000 commits rows (1.0 s) that way, more with every chunk.
 * A LATERAL subquery per item leaves one way to answer it: the index on
 * (`org_id`, the item). `OFFSET 0` keeps the planner from flattening the
 * subquery back into a join, where the same scan would be possible again.
 *
 * Every argument is a constant SQL fragment written in this package (a
 * parameter reference such as `$2::text[]`, a table name, a column list),
 * never data: the keys and accounts themselves always travel as parameters.
 */

/**
 * `FROM` items (aliases `a` and `r`): the rows of `table`, columns `select`, of each distinct account in the text
 * array `ids` (each account's in `orderBy` order); `$1` is the organisation.
 */
export function ofAccounts(ids: string, table: string, select: string, orderBy?: string): string {
  const order = orderBy === undefined ? "" : ` ORDER BY ${orderBy}`;
  return `(SELECT DISTINCT unnest(${ids}) AS id) AS a
     CROSS JOIN LATERAL (SELECT ${select} FROM ${table} WHERE org_id = $1 AND account_id = a.id${order} OFFSET 0) AS r`;
}

/**
 * `ofAccounts` for `entries`, each account's in seq order: the order the account index (`org_id, account_id, seq`)
 * reads them in, so no other index can look cheaper. Statistics skewed by a few accounts with thousands of entries
 * each once made the planner estimate an account's rows as the organisation's and read them by date (3.7 ms per
 * account instead of 0.01).
 */
export const entriesOfAccounts = (ids: string, select: string): string => ofAccounts(ids, "entries", select, "seq");

/**
 * A scalar subquery: which of the keys in the text array `keys` are committed, as a JSON array of `{ key, accounts }`
 * (`json_agg` as text, NULL for none; or `jsonb_agg`, `[]` for none); `$1` is the organisation.
 */
export function committedAmong(keys: string, kind: "json" | "jsonb" = "jsonb"): string {
  const agg = `${kind}_agg(${kind}_build_object('key', c.key, 'accounts', to_${kind}(c.account_ids)))`;
  const list = kind === "jsonb" ? `coalesce(${agg}, '[]')` : `${agg}::text`;
  return `(SELECT ${list} FROM (SELECT DISTINCT unnest(${keys}) AS key) AS k
     CROSS JOIN LATERAL (SELECT key, account_ids FROM commits WHERE org_id = $1 AND key = k.key LIMIT 1) AS c)`;
}

/**
 * A statement: the entries (`key`, `entry`) of the keys in the text array `keys` that are committed, in seq order.
 * Each key's commits row is probed first (the commits primary key, that table's only index, so no plan can read
 * the table another way), so a key never committed reads no entry at all; a committed key's entries come from the
 * key index in seq order. As `key = ANY($n) ORDER BY seq`, a generic plan made on a young table walked the
 * primary key (organisation, seq) for its order and tested every entry of the organisation against the keys:
 * 75–810 ms per settlement group (docs/decisions/0024).
 */
export function entriesOfKeys(keys: string): string {
  return `SELECT e.key, e.entry FROM (SELECT DISTINCT unnest(${keys}) AS key) AS k
  CROSS JOIN LATERAL (SELECT 1 FROM commits WHERE org_id = $1 AND key = k.key LIMIT 1) AS c
  CROSS JOIN LATERAL (SELECT key, entry, seq FROM entries WHERE org_id = $1 AND key = k.key ORDER BY seq OFFSET 0) AS e
  ORDER BY e.seq`;
}

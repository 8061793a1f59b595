-- An account's entries are a small share of the ledger: a family's fees, payments and credits. ANALYZE
-- samples the table, and a sample taken while a few accounts held most rows (a busy account, a bench's hot
-- account) estimated that one account's entries are about all of its organisation's. A generic plan made
-- then read a mass-credit chunk's 2,000 accounts through the organisation's date index, every entry of the
-- organisation tested against each account (8.4 s per chunk instead of 10 ms; decision 0024). The planner's
-- distinct count for account_id is fixed here as a share of the rows (each account ~20 entries on average),
-- so a lookup by account is always estimated as what it is: a few rows, found by the account index. It
-- takes effect at the next ANALYZE, run now.
ALTER TABLE entries ALTER COLUMN account_id SET (n_distinct = -0.05);
ANALYZE entries;

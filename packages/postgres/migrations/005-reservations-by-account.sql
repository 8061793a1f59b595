-- Reservations are found by key (a settlement's: the primary key, org_id then key) or by account (a
-- load). The account index led by org_id let the planner answer a lookup by keys from it, reading every
-- index entry of the organisation and filtering the keys; reservations are inserted and deleted by the
-- thousand between two vacuums, so that was every reservation a batch had made so far, dead ones
-- included, for each group (decision 0019). Led by account_id, it serves lookups by account only.
-- (Citus: an index need not start with the distribution column; only unique keys must contain it.)
CREATE INDEX reservations_by_account_idx ON reservations (account_id, org_id);
DROP INDEX reservations_account_idx;

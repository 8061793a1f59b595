-- A reversed mass-credit run says so after a reload (issue #17 item 12): the core's `reversalMark` (when it
-- was reversed, the voids' date, issued / voided / already spent / held, how many credits had been spent,
-- how many could not be reversed) kept beside the run's record. Null for a run never reversed, and for the
-- runs reversed before this column (their voids are on the ledger; reversing again voids nothing twice and
-- records the mark).
ALTER TABLE runs ADD COLUMN reversal jsonb;

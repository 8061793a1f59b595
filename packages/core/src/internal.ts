/**
 * @creditkit/core/internal — the working parts that creditkit's own packages
 * share (the embedded store, the PostgreSQL data source, the server and the
 * elements): the journal's per-account books and tallies, the credit
 * waterfall, the entry checks a data source runs before its own commit path,
 * and the keys and helpers of mass-credit runs.
 *
 * Internal: not part of the public API and without a semver promise; a name
 * here can change or go in any release. A host imports from
 * `@creditkit/core` (whose surface is recorded in api/core.api.md) and never
 * from here. See docs/decisions/0030.
 */
export {
  applyEntry,
  type Book,
  byGrantAge,
  type DraftTallies,
  draftTallies,
  emptyBook,
  type FeeTally,
  feeRemainder,
  type GrantTally,
  grantRemainder,
  type ReservationGuard,
  snapshotOf,
  type Tallies,
  TallyList,
  unpaidFeesOldestFirst,
  unpaidOldestFirst,
  usableGrants,
} from "./ledger/account-state.js";
export { carryOwners } from "./ledger/journal.js";
export { canonicalAmount, validateEntry, validateJournalData } from "./ledger/validate-entry.js";
export { type CreditSource, drawCredit, poolTotal } from "./ledger/waterfall.js";
export { isMassCreditIndex, NAME_COLLATOR } from "./mass-credit/data-index.js";
export { assertRunId, nextMacrotask, runKey } from "./mass-credit/run-support.js";

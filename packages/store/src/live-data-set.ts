/**
 * The mass-credit data set as a preview should read it: the stored one, with
 * its fees as the ledger has them now. The rule is the core's
 * (`withLedgerFees`, docs/decisions/0010), shared with the PostgreSQL data
 * source; the store passes its journal.
 */
export { withLedgerFees } from "@creditkit/core";

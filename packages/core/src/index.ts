/**
 * @creditkit/core — the public surface. Framework-free: runs unchanged in
 * Node, a browser and a Web Worker.
 *
 * Modules that hold only public names are re-exported whole; modules that
 * also hold the ledger's working parts are listed name by name, and those
 * parts live in `./internal.ts` (`@creditkit/core/internal`, for creditkit's
 * own packages). The surface is recorded in api/core.api.md: `npm run
 * api:check` fails when it changes and the report was not regenerated.
 */
export * from "./amount-text.js";
export * from "./checkout/index.js";
export * from "./csv.js";
export * from "./dates.js";
export * from "./errors.js";
export * from "./gateway.js";
export { type AccountSnapshot, deriveAccount, type FeeState, type GrantState, type Reservation } from "./ledger/account-state.js";
export * from "./ledger/builders.js";
export * from "./ledger/entries.js";
export type { FeeOwed, FeesOwed } from "./ledger/holds.js";
export {
  type CommitResult,
  createJournal,
  type FeeBalance,
  type Journal,
  type JournalChange,
  type JournalData,
  type JournalOptions,
  type ReserveRequest,
  restoreJournal,
} from "./ledger/journal.js";
export * from "./ledger/reversal.js";
export * from "./ledger/sweep.js";
export { DERIVED_MARK, sweepKey } from "./ledger/validate-entry.js";
export * from "./mass-credit/index.js";
export * from "./money.js";
export * from "./money-format.js";
export type * from "./ports.js";
export * from "./reports/index.js";
export * from "./settings.js";
export * from "./settlement/index.js";

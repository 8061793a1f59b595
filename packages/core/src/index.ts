/**
 * @creditkit/core — the public surface. Framework-free: runs unchanged in
 * Node, a browser and a Web Worker.
 */
export * from "./checkout/index.js";
export * from "./csv.js";
export * from "./dates.js";
export * from "./errors.js";
export * from "./gateway.js";
export * from "./ledger/account-state.js";
export * from "./ledger/builders.js";
export * from "./ledger/entries.js";
export * from "./ledger/journal.js";
export * from "./ledger/reversal.js";
export * from "./ledger/sweep.js";
export { canonicalAmount, DERIVED_MARK, sweepKey, validateEntry, validateJournalData } from "./ledger/validate-entry.js";
export * from "./ledger/waterfall.js";
export * from "./mass-credit/index.js";
export * from "./money.js";
export * from "./money-format.js";
export type * from "./ports.js";
export * from "./reports/index.js";
export * from "./settings.js";
export * from "./settlement/index.js";

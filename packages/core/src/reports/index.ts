/**
 * Reports (§7): balance display state, legacy balance conversion, the
 * members report, transaction lines, the payment summary and credits by
 * credit type. Pure functions over plain data; no DOM.
 */
export { type BalanceDisplay, type BalanceFigures, balanceDisplay, type CreditDisplay, type DueDisplay } from "./balance-display.js";
export * from "./credits-by-type.js";
export * from "./legacy-balance.js";
export * from "./members-report.js";
export * from "./payment-summary.js";
export * from "./payment-types.js";
export { checkPeriod, inPeriod, type ReportPeriod } from "./period.js";
export * from "./transaction-lines.js";

export * from "./apply-existing-credit.js";
export * from "./apply-existing-credit-job.js";
export { checkoutDefaults, payableFeeIds } from "./defaults.js";
export { applyCreditDefault, planCheckout } from "./plan.js";
export { recordCheckout } from "./record.js";
export { parseTenders, type SplitTender, splitTenders, type TenderSplit } from "./tenders.js";
export * from "./types.js";

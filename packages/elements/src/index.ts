/**
 * @creditkit/elements — the public surface. Importing it registers every
 * element; import a class module (`./pay-window/pay-window.js`) to register
 * under your own name instead.
 */
export { CkBalance } from "./balance/define.js";
export { dataSourceContext, type KitSettings, settingsContext } from "./context.js";
export { CkCreditToggle } from "./credit-toggle/define.js";
export * from "./events.js";
export type { FieldErrors, PayInputs, PaymentPlan, TenderRow } from "./pay-window/checkout-form.js";
export { CkPayWindow } from "./pay-window/define.js";
export type { RecordState } from "./pay-window/pay-window.js";
export { CkProvider } from "./provider/define.js";
export { themeStyles } from "./theme.js";

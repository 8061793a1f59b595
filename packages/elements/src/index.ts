/**
 * @creditkit/elements — the public surface. Importing it registers every
 * element; import a class module (`./pay-window/pay-window.js`) to register
 * under your own name instead.
 */
export type { SearchableAccount } from "./account-search/account-match.js";
export * from "./account-search/account-search.events.js";
export { CkAccountSearch } from "./account-search/define.js";
export { CkBalance } from "./balance/define.js";
export * from "./batch-collect/batch-collect.events.js";
export type { BatchPhase } from "./batch-collect/batch-collect.js";
export { CkBatchCollect } from "./batch-collect/define.js";
export type { AccountPreview, BatchPreview, PreviewKind } from "./batch-collect/preview.js";
export { dataSourceContext, type KitSettings, settingsContext } from "./context.js";
export { CkCreditToggle } from "./credit-toggle/define.js";
export * from "./events.js";
export { CkMassCreditWizard } from "./mass-credit-wizard/define.js";
export * from "./mass-credit-wizard/events.js";
export { endWizardSession, type WizardStep } from "./mass-credit-wizard/session.js";
export { CkMembersReport } from "./members-report/define.js";
export * from "./members-report/members-report.events.js";
export type { FieldErrors, PayInputs, PaymentPlan, TenderRow } from "./pay-window/checkout-form.js";
export { CkPayWindow } from "./pay-window/define.js";
export type { RecordState } from "./pay-window/pay-window.js";
export { CkProvider } from "./provider/define.js";
export { type CsvExportDetail, CsvExportEvent } from "./shared/csv-download.js";
export { kitLanguageFor, kitLocale, kitLocales, registerKitLocale, setKitLocale } from "./shared/localize.js";
export { themeStyles } from "./theme.js";
export { CkTransactions } from "./transactions/define.js";

/**
 * @creditkit/elements/classes — every element's class, registering nothing,
 * for a host that names the elements itself:
 *
 *   import { CkBalance, CkCreditToggle, CkPayWindow, CkProvider } from "@creditkit/elements/classes";
 *   customElements.define("acme-provider", CkProvider);
 *   customElements.define("acme-credit-toggle", CkCreditToggle);
 *   customElements.define("acme-pay-window", CkPayWindow);
 *
 * A composite element writes its inner elements under the names their
 * classes are registered with: register `CkCreditToggle` for the pay window,
 * `CkAccountSearch` and `CkBalance` for the members report (under any names),
 * before the composite renders. Events, types and the theme come from the
 * package's main entry, which registers the default `ck-` names; import them
 * from here instead when that must not happen.
 */
export type { SearchableAccount } from "./account-search/account-match.js";
export * from "./account-search/account-search.events.js";
export { CkAccountSearch } from "./account-search/account-search.js";
export { CkBalance } from "./balance/balance.js";
export * from "./batch-collect/batch-collect.events.js";
export { CkBatchCollect } from "./batch-collect/batch-collect.js";
export { dataSourceContext, type KitSettings, settingsContext } from "./context.js";
export { CkCreditToggle } from "./credit-toggle/credit-toggle.js";
export * from "./events.js";
export * from "./mass-credit-wizard/events.js";
export { CkMassCreditWizard } from "./mass-credit-wizard/mass-credit-wizard.js";
export * from "./members-report/members-report.events.js";
export { CkMembersReport } from "./members-report/members-report.js";
export { CkPayWindow } from "./pay-window/pay-window.js";
export { CkProvider } from "./provider/provider.js";
export { type CsvExportDetail, CsvExportEvent } from "./shared/csv-download.js";
export { themeStyles } from "./theme.js";
export { CkTransactions } from "./transactions/transactions.js";

/**
 * Every element for the framework types (issue #16): its tag, its class, the public properties a host may set and the
 * events it fires. `react.ts` and `vue.ts` are generated from this one map, so a property or an event added to an
 * element is added here once; a name that is not on the class, or an event missing from
 * `GlobalEventHandlersEventMap`, is a compile error. Types only: nothing here runs.
 */
import type { CkAccountSearch } from "../account-search/account-search.js";
import type { CkBalance } from "../balance/balance.js";
import type { CkBatchCollect } from "../batch-collect/batch-collect.js";
import type { CkCreditToggle } from "../credit-toggle/credit-toggle.js";
import type { CkMassCreditWizard } from "../mass-credit-wizard/mass-credit-wizard.js";
import type { CkMembersReport } from "../members-report/members-report.js";
import type { CkPayWindow } from "../pay-window/pay-window.js";
import type { CkProvider } from "../provider/provider.js";
import type { CkTransactions } from "../transactions/transactions.js";

type PayWindowProps =
  | "channel"
  | "accountId"
  | "snapshot"
  | "charges"
  | "settings"
  | "locale"
  | "date"
  | "heading"
  | "hideBalances"
  | "dataSource";

/** One element: its class, the names of its public (`@property`) fields, the names of the events it fires. */
interface Entry<Element extends HTMLElement, Props extends keyof Element, Events extends keyof GlobalEventHandlersEventMap> {
  readonly element: Element;
  readonly props: Props;
  readonly events: Events;
}

export interface CkElementMap {
  "ck-account-search": Entry<
    CkAccountSearch,
    "label" | "placeholder" | "value" | "accounts" | "dataSource",
    "ck-account-select" | "ck-account-query"
  >;
  "ck-balance": Entry<CkBalance, "accountId" | "amountDue" | "accountCredit" | "currency" | "locale" | "dataSource", never>;
  "ck-batch-collect": Entry<
    CkBatchCollect,
    "batchId" | "date" | "applyCredit" | "invoices" | "concurrency" | "timeoutMs" | "heading" | "locale" | "dataSource",
    "ck-batch-start" | "ck-batch-progress" | "ck-batch-complete" | "ck-csv-export"
  >;
  "ck-credit-toggle": Entry<
    CkCreditToggle,
    | "checked"
    | "defaultChecked"
    | "disabled"
    | "name"
    | "value"
    | "availableCredit"
    | "appliedAmount"
    | "remainingDue"
    | "currency"
    | "locale",
    "ck-apply-credit-change"
  >;
  "ck-mass-credit-wizard": Entry<
    CkMassCreditWizard,
    "location" | "locale" | "heading" | "today" | "dataSource",
    "ck-mass-credit-preview" | "ck-mass-credit-processed" | "ck-mass-credit-reversed" | "ck-csv-export"
  >;
  "ck-members-report": Entry<
    CkMembersReport,
    | "hasAmountDue"
    | "hasCredit"
    | "match"
    | "sortBy"
    | "sortDirection"
    | "snapshots"
    | "heading"
    | "searchLabel"
    | "actionLabel"
    | "locale"
    | "dataSource",
    "ck-member-action" | "ck-csv-export"
  >;
  "ck-pay-window": Entry<CkPayWindow, PayWindowProps, "ck-plan-change" | "ck-record-request" | "ck-payment-recorded">;
  "ck-provider": Entry<CkProvider, "dataSource" | "locale" | "settings", never>;
  "ck-transactions": Entry<
    CkTransactions,
    | "from"
    | "to"
    | "paymentType"
    | "transactionType"
    | "accountId"
    | "entries"
    | "accounts"
    | "creditTypes"
    | "currency"
    | "audience"
    | "allowReverse"
    | "heading"
    | "locale"
    | "dataSource",
    "ck-payment-reversed" | "ck-csv-export"
  >;
}

export type CkTag = keyof CkElementMap;

/** The class behind a tag. */
export type CkElementOf<Tag extends CkTag> = CkElementMap[Tag]["element"];

/** The public properties of a tag, each optional, typed from the class. */
export type CkPropsOf<Tag extends CkTag> = Partial<Pick<CkElementOf<Tag>, Extract<CkElementMap[Tag]["props"], keyof CkElementOf<Tag>>>>;

/** The names of the events a tag fires. */
export type CkEventNameOf<Tag extends CkTag> = CkElementMap[Tag]["events"];

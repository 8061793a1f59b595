// A Vue 3 host compiled against the built packages (issue #16): `npm run build` first, then `tsc -p test/hosts/vue`
// checks the `GlobalComponents` entries `@creditkit/elements/vue` adds (what a template type-checker reads) and `h()`.
import type { PaymentRecordedEvent } from "@creditkit/elements";
import type {} from "@creditkit/elements/vue";
import { type GlobalComponents, h, type VNode } from "vue";

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>["$props"];

export const payWindow: PropsOf<"ck-pay-window"> = {
  channel: "admin",
  accountId: "fam-1",
  class: "pay",
  "onCk-payment-recorded": (e) => e.detail.entries.length,
  "onCk-record-request": (e) => e.detail.plan,
};
export const toggle: PropsOf<"ck-credit-toggle"> = { checked: true, "onCk-apply-credit-change": (e) => e.detail.checked };
export const search: PropsOf<"ck-account-search"> = { label: "Find a family", "onCk-account-select": (e) => e.detail.accountId };
export const report: PropsOf<"ck-members-report"> = { match: "all", "onCk-member-action": (e) => e.detail.amountDue };
export const wizard: PropsOf<"ck-mass-credit-wizard"> = { "onCk-mass-credit-processed": (e) => e.detail.record.status };
export const batch: PropsOf<"ck-batch-collect"> = { concurrency: 2, "onCk-batch-complete": (e) => e.detail.summary };
export const transactions: PropsOf<"ck-transactions"> = { allowReverse: true, "onCk-payment-reversed": (e) => e.detail.entryId };
export const balance: PropsOf<"ck-balance"> = { accountId: "fam-1", currency: "USD" };
export const provider: PropsOf<"ck-provider"> = { locale: "en-US" };

// @ts-expect-error channel is "admin" | "pos" | "portal"
export const wrongChannel: PropsOf<"ck-pay-window"> = { channel: "kiosk" };
// @ts-expect-error the pay window's payment-recorded detail has no `query`
export const wrongDetail: PropsOf<"ck-pay-window"> = { "onCk-payment-recorded": (e) => e.detail.query };

const recorded = (event: PaymentRecordedEvent): number => event.detail.entries.length;
export function render(): VNode {
  return h("ck-provider", provider, [h("ck-pay-window", { ...payWindow, "onCk-payment-recorded": recorded })]);
}

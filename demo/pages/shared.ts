/** Helpers the demo's pages share: account names and a searchable account chooser. */
import { type CommitResult, type CreditKitDataSource, formatMoney, fromAmountString } from "@creditkit/core";
import { h } from "../dom.js";

/** The demo ledger's currency. */
export const DEMO_CURRENCY = "USD";

/** "$12.00": an amount string as people read it, in the provider's locale (else the page's). */
export function money(amount: string): string {
  const locale = document.querySelector("ck-provider")?.getAttribute("locale") || document.documentElement.lang || undefined;
  return formatMoney(fromAmountString(amount, DEMO_CURRENCY), locale);
}

export async function accountName(source: CreditKitDataSource, accountId: string): Promise<string> {
  const snapshot = await source.getAccount(accountId);
  return snapshot.account.name;
}

/** A labelled select of every account, sorted by name (ids tell namesakes apart). Calls `onChange` now and on each choice. */
export async function accountChooser(
  source: CreditKitDataSource,
  id: string,
  label: string,
  onChange: (accountId: string) => void,
  selected = "",
): Promise<HTMLElement> {
  const accounts = [...(await source.listAccounts())].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const select = h(
    "select",
    { id },
    h("option", { value: "" }, "Choose an account…"),
    ...accounts.map((a) => h("option", { value: a.id, selected: a.id === selected }, `${a.name} (${a.id})`)),
  );
  select.addEventListener("change", () => onChange(select.value));
  if (selected) onChange(selected);
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
}

/** The host's own words after a payment. */
export function paymentMessage(who: string, status: CommitResult["status"], appliedCredit: string): string {
  if (status === "duplicate") return `${who}: this payment was already recorded; nothing was recorded twice.`;
  return !/^0(\.0+)?$/.test(appliedCredit)
    ? `${who}: payment recorded, ${money(appliedCredit)} of Account Credit applied.`
    : `${who}: payment recorded.`;
}

/** Helpers the demo's pages share: account names and a searchable account chooser. */
import { type CommitResult, type CreditKitDataSource, formatMoney, fromAmountString } from "@creditkit/core";
import { h } from "../dom.js";
import { t } from "../language.js";

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

/**
 * The kit's account search (`<ck-account-search>`: type a name or id, arrow
 * keys, Enter) over every account of the data source. Calls `onChange` now
 * (with `selected`) and on each pick.
 */
export async function accountChooser(
  _source: CreditKitDataSource,
  id: string,
  label: string,
  onChange: (accountId: string) => void,
  selected = "",
): Promise<HTMLElement> {
  const search = h("ck-account-search", { id, label, value: selected });
  search.addEventListener("ck-account-select", (event) => onChange(event.detail.accountId));
  if (selected) onChange(selected);
  return search;
}

/** The host's own words after a payment. */
export function paymentMessage(who: string, status: CommitResult["status"], appliedCredit: string): string {
  if (status === "duplicate") return t("{who}: this payment was already recorded; nothing was recorded twice.", { who });
  return !/^0(\.0+)?$/.test(appliedCredit)
    ? t("{who}: payment recorded, {amount} of Account Credit applied.", { who, amount: money(appliedCredit) })
    : t("{who}: payment recorded.", { who });
}

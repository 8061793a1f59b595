/**
 * The page bench/account-elements.screenshots.mjs opens (served by Vite from the sources): the account
 * elements over forty of the demo's seeded families. `?view=transactions|member-transactions|pay-admin|
 * pay-pos|pay-portal|members|balance`; `&plain` keeps the page itself white (a host without a dark theme).
 */
import "@creditkit/elements";
import { createMemoryDataSource, seedDemoData } from "@creditkit/store";

declare global {
  interface Window {
    viewReady?: boolean;
  }
}

const params = new URLSearchParams(location.search);
const view = params.get("view") ?? "transactions";
if (params.has("plain")) document.body.classList.add("plain");
const stage = document.getElementById("stage") as HTMLElement;
const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
await seedDemoData(source, { seed: 7, families: Number(params.get("families") ?? 40) });
const accounts = await source.getAccounts();
const featured =
  accounts.find((a) => Number(a.amountDue) > 0 && Number(a.accountCredit) > 0) ?? accounts.find((a) => Number(a.amountDue) > 0);
const id = featured?.account.id ?? "";

const provider = document.createElement("ck-provider");
provider.setAttribute("locale", "en-US");
Object.assign(provider, { dataSource: source });
const markup: Record<string, string> = {
  transactions: `<ck-transactions allow-reverse></ck-transactions>`,
  "member-transactions": `<ck-transactions audience="member" account-id="${id}"></ck-transactions>`,
  "pay-admin": `<ck-pay-window channel="admin" account-id="${id}"></ck-pay-window>`,
  "pay-pos": `<ck-pay-window channel="pos" account-id="${id}"></ck-pay-window>`,
  "pay-portal": `<ck-pay-window channel="portal" account-id="${id}"></ck-pay-window>`,
  members: `<ck-members-report></ck-members-report>`,
  balance: `<ck-balance account-id="${id}"></ck-balance> <ck-balance amount-due="0.00" account-credit="0.00"></ck-balance>`,
};
provider.innerHTML = markup[view] ?? "";
stage.append(provider);
await new Promise((r) => setTimeout(r, 1200));
window.viewReady = true;

/**
 * The page bench/account-elements.screenshots.mjs opens (served by Vite from the sources): the account
 * elements over forty of the demo's seeded families. `?view=transactions|transactions-wide|member-transactions|pay-admin|
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

if (view === "transactions-wide") {
  // Large credits of three types, two partly voided (a reversed run): the summaries are wider than a phone.
  const grants: [string, string, string][] = [
    ["Weather closure", "123456.78", "23456.78"],
    ["Goodwill gesture", "98765.43", "8765.43"],
    ["Facility maintenance closure", "45678.90", ""],
  ];
  for (const [i, [creditType, amount, voided]] of grants.entries()) {
    await source.commit(`wide-g${i}`, [
      {
        id: `wide-g${i}#0`,
        key: `wide-g${i}`,
        type: "Account Credit",
        accountId: id,
        grantId: `wide-${i}`,
        amount,
        date: "2026-11-02",
        description: `${creditType} credit`,
        creditType,
        source: { kind: "manual" },
      },
    ]);
    if (voided) {
      await source.commit(`wide-v${i}`, [
        {
          id: `wide-v${i}#0`,
          key: `wide-v${i}`,
          type: "Void",
          accountId: id,
          amount: voided,
          date: "2026-11-05",
          description: "Void: reversed run",
          target: { kind: "grant", grantId: `wide-${i}` },
        },
      ]);
    }
  }
}

const provider = document.createElement("ck-provider");
provider.setAttribute("locale", "en-US");
Object.assign(provider, { dataSource: source });
const markup: Record<string, string> = {
  transactions: `<ck-transactions allow-reverse></ck-transactions>`,
  "transactions-wide": `<ck-transactions allow-reverse></ck-transactions>`,
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

/** The admin area: members report → member page, point of sale, mass credit, batch collection, transactions. */
import type { NewCharge } from "@creditkit/core";
import { announce, h, page, panel } from "../dom.js";
import { t } from "../language.js";
import type { DemoContext } from "../main.js";
import { accountChooser, accountName, money, paymentMessage } from "./shared.js";

export function membersPage(): Node {
  const report = h("ck-members-report", { "action-label": t("Open account"), "sort-by": "name" });
  // The report's row action is a ck- event: the host decides what it opens.
  report.addEventListener("ck-member-action", (event) => {
    location.hash = `#/admin/member/${encodeURIComponent(event.detail.accountId)}`;
  });
  return page(
    t("Members"),
    t(
      "Every family account with its Amount Due (red when owed) and Account Credit (blue when available). Filter, sort, and open an account.",
    ),
    report,
  );
}

export async function memberPage(ctx: DemoContext, accountId: string): Promise<Node> {
  const name = await accountName(ctx.source, accountId);
  const pay = h("ck-pay-window", { channel: "admin", "account-id": accountId, heading: t("Take a payment"), "hide-balances": true });
  pay.addEventListener("ck-payment-recorded", (event) =>
    announce(paymentMessage(name, event.detail.status, event.detail.plan.appliedCredit)),
  );
  return page(
    name,
    undefined,
    h(
      "p",
      {},
      h("a", { href: "#/admin/members" }, t("← All members")),
      " · ",
      h("a", { href: `#/portal/${encodeURIComponent(accountId)}` }, t("See this account in the member portal")),
    ),
    h("ck-balance", { "account-id": accountId }),
    h("div", { class: "narrow" }, pay),
    h("ck-transactions", { "account-id": accountId, heading: t("This account's transactions"), "allow-reverse": true }),
  );
}

const SHOP: readonly NewCharge[] = [
  { itemId: "swim-cap", category: "merchandise", description: "Swim cap", amount: "12.00" },
  { itemId: "goggles", category: "merchandise", description: "Goggles", amount: "18.50" },
  { itemId: "day-pass", category: "membership", description: "Day pass", amount: "8.00" },
  { itemId: "towel", category: "merchandise", description: "Club towel", amount: "22.00" },
];

export async function posPage(ctx: DemoContext): Promise<Node> {
  const pay = h("ck-pay-window", { channel: "pos", heading: t("Sale") });
  const cart: NewCharge[] = [];
  const cartList = h("ul", { class: "cart" });
  const showCart = () => {
    pay.charges = cart.map((item, i) => ({ ...item, itemId: `${item.itemId}-${i + 1}` }));
    cartList.replaceChildren(
      ...(cart.length
        ? cart.map((item) => h("li", {}, `${item.description} · ${money(item.amount)}`))
        : [h("li", { class: "muted" }, t("Nothing rung up yet."))]),
    );
  };
  showCart();
  const chooser = await accountChooser(ctx.source, "pos-account", t("Customer"), (accountId) => {
    if (accountId) pay.setAttribute("account-id", accountId);
    else pay.removeAttribute("account-id");
  });
  const items = h(
    "div",
    { class: "shop", role: "group", "aria-label": t("Items") },
    ...SHOP.map((item) => {
      const button = h("button", { type: "button", class: "secondary" }, `${item.description} ${money(item.amount)}`);
      button.addEventListener("click", () => {
        cart.push(item);
        showCart();
        announce(t("{item} added to the sale.", { item: item.description }));
      });
      return button;
    }),
  );
  const clear = h("button", { type: "button", class: "link" }, t("Clear the sale"));
  clear.addEventListener("click", () => {
    cart.length = 0;
    showCart();
  });
  pay.addEventListener("ck-payment-recorded", (event) => {
    announce(paymentMessage(t("The sale"), event.detail.status, event.detail.plan.appliedCredit));
    cart.length = 0;
    showCart();
  });
  return page(
    t("Point of sale"),
    t(
      "Pick a customer, ring up items, and take payment. The account's credit is applied by default; an unpaid rest can go on the account with Charge to Account.",
    ),
    h("div", { class: "columns" }, panel(t("Customer and items"), chooser, items, h("h3", {}, t("This sale")), cartList, clear), pay),
  );
}

export async function massCreditPage(ctx: DemoContext): Promise<Node> {
  // The lists alone (on the shared ledger the data set never comes to the page); the wizard defaults to the first location anyway.
  const lists = ctx.source.getLists ? await ctx.source.getLists() : (await ctx.source.getDataSet())?.lists;
  const wizard = h("ck-mass-credit-wizard", {
    location: lists?.locations[0]?.id,
    heading: t("Issue a mass credit"),
    // The demo's "today" (its data is generated around it): a credit date more than a year from it asks first.
    today: ctx.date,
  });
  const after = h("div", { class: "after-run", "aria-live": "polite" });
  wizard.addEventListener("ck-mass-credit-processed", (event) => {
    const { record } = event.detail;
    const families = [...new Map(record.credits.map((c) => [c.familyId, c.familyName])).entries()].slice(0, 5);
    after.replaceChildren(
      panel(
        t("Issued — see it where members see it"),
        h(
          "p",
          {},
          t("{count} credits, {total} in all. Open a credited family in the member portal:", {
            count: String(record.count),
            total: money(record.total),
          }),
        ),
        h("ul", {}, ...families.map(([id, name]) => h("li", {}, h("a", { href: `#/portal/${encodeURIComponent(id)}` }, name)))),
      ),
    );
  });
  return page(
    t("Mass credit"),
    t(
      "Credit many families, students or enrollments at once — for a closed pool, a holiday or goodwill. Answer the questions, preview, review, process.",
    ),
    after,
    wizard,
  );
}

export function batchPage(ctx: DemoContext): Node {
  const batch = h("ck-batch-collect", { "batch-id": `dues-${ctx.date.slice(0, 7)}`, heading: t("Collect unpaid fees by card on file") });
  batch.addEventListener("ck-batch-complete", (event) => {
    const { counts } = event.detail.summary;
    const paid = (counts["paid-by-credit"] ?? 0) + (counts["paid-by-charge-and-credit"] ?? 0) + (counts["paid-by-charge"] ?? 0);
    announce(
      t("Batch finished: {paid} invoices paid, {declined} declined.", { paid: String(paid), declined: String(counts.declined ?? 0) }),
    );
  });
  return page(
    t("Batch collection"),
    t(
      "Charge every unpaid fee to the card on file, using Account Credit first when the option is on. Each invoice is paid in full or not at all; a re-run charges nothing twice.",
    ),
    batch,
  );
}

export function transactionsPage(): Node {
  return page(
    t("Transactions"),
    t("Every ledger line with its filters, the grants each Payment (AC) used, and the payment summary by payment type."),
    h("ck-transactions", { heading: t("Transactions and payment summary"), "allow-reverse": true }),
  );
}

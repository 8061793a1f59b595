/** The member portal: a member sees their balance and transactions and pays with credit. */
import { DEMO_LISTS } from "@creditkit/core/demo";
import { announce, h, page, panel } from "../dom.js";
import { t } from "../language.js";
import type { DemoContext } from "../main.js";
import { accountChooser, accountName, paymentMessage } from "./shared.js";

const REMEMBERED = "creditkit-demo:portal-member";

export async function portalHome(ctx: DemoContext): Promise<Node> {
  const open = h("button", { type: "button", disabled: true }, t("Sign in"));
  let chosen = "";
  const chooser = await accountChooser(
    ctx.source,
    "portal-account",
    ctx.person ? t("Family") : t("Sign in as"),
    (accountId) => {
      chosen = accountId;
      open.disabled = !accountId;
    },
    localStorage.getItem(REMEMBERED) ?? "",
  );
  open.addEventListener("click", () => {
    if (chosen) location.hash = `#/portal/${encodeURIComponent(chosen)}`;
  });
  if (ctx.person) {
    // Shared ledger: the admin previews a family's portal; being the family is a sign-in of its own.
    open.textContent = t("Preview");
    return page(
      t("Member portal"),
      t("Preview what a family sees, as the admin. To be a family yourself, sign in as one in another tab: each tab signs in on its own."),
      panel(t("Preview a family's portal"), h("div", { class: "pick" }, chooser, open)),
      h("p", {}, h("a", { href: "#/sign-in", target: "_blank" }, t("Open the sign-in page in a new tab"))),
    );
  }
  return page(
    t("Member portal"),
    t("What a family sees when it signs in to the club's site. The demo has no passwords: pick a family."),
    panel(t("Sign in"), h("div", { class: "pick" }, chooser, open)),
  );
}

export async function portalMember(ctx: DemoContext, accountId: string): Promise<Node> {
  const name = await accountName(ctx.source, accountId);
  localStorage.setItem(REMEMBERED, accountId);
  const member = ctx.person?.role === "member";
  const pay = h("ck-pay-window", { channel: "portal", "account-id": accountId, heading: t("Pay my fees"), "hide-balances": true });
  pay.addEventListener("ck-payment-recorded", (event) =>
    announce(paymentMessage(t("Thank you"), event.detail.status, event.detail.plan.appliedCredit)),
  );
  const transactions = h("ck-transactions", { "account-id": accountId, heading: t("My transactions"), audience: "member" });
  // A member may not read the organisation's data set: the host names its credit types itself.
  if (member) transactions.creditTypes = DEMO_LISTS.creditTypes;
  return page(
    t("Welcome, {name}", { name: greetingName(name) }),
    t("Your balance, your payments and credits, and paying your fees — with your Account Credit first."),
    // A family signed in to the shared ledger has no other family and no admin view to go to.
    ctx.person?.role === "admin"
      ? h(
          "p",
          { class: "notice" },
          t("A preview as the admin. To be this family, "),
          h("a", { href: "#/sign-in", target: "_blank" }, t("sign in as it in a new tab")),
          ".",
        )
      : null,
    member
      ? null
      : h(
          "p",
          {},
          h("a", { href: "#/portal" }, t("Switch family")),
          " · ",
          h("a", { href: `#/admin/member/${encodeURIComponent(accountId)}` }, t("Admin view of this account")),
        ),
    h("ck-balance", { "account-id": accountId }),
    h("div", { class: "narrow" }, pay),
    transactions,
  );
}

/** Billing names read "Surname, Given"; a greeting reads "Given Surname". */
function greetingName(name: string): string {
  const [surname, given] = name.split(", ");
  return given ? `${given} ${surname}` : name;
}

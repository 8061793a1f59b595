import type { CkBalance } from "@creditkit/elements";
import "@creditkit/elements";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { ACCOUNT, accountSource } from "./helpers.js";

function figureOf(el: CkBalance, name: "due" | "credit") {
  const part = el.shadowRoot?.querySelector(`[part~=${name}]`) as HTMLElement;
  return { text: part.textContent?.replace(/\s+/g, " ").trim(), state: part.dataset.state };
}

describe("<ck-balance>", () => {
  it("is accessible", async () => {
    const el = await fixture<CkBalance>(html`<ck-balance amount-due="20.00" account-credit="5.00" locale="en-US"></ck-balance>`);
    await expect(el).to.be.accessible();
  });

  it("shows Amount Due as owed and Account Credit as available, read as words", async () => {
    const el = await fixture<CkBalance>(html`<ck-balance amount-due="20.00" account-credit="5.00" locale="en-US"></ck-balance>`);
    expect(figureOf(el, "due")).to.deep.equal({ text: "Amount Due: $20.00", state: "owed" });
    expect(figureOf(el, "credit")).to.deep.equal({ text: "Account Credit: $5.00", state: "available" });
  });

  it("shows a zero figure as neutral 0.00", async () => {
    const el = await fixture<CkBalance>(html`<ck-balance amount-due="0.00" account-credit="0.00" locale="en-US"></ck-balance>`);
    expect(figureOf(el, "due")).to.deep.equal({ text: "Amount Due: $0.00", state: "neutral" });
    expect(figureOf(el, "credit").state).to.equal("neutral");
    const owed = getComputedStyle(el.shadowRoot?.querySelector("[part~=due] dd") as Element).color;
    expect(owed).to.equal("rgb(95, 99, 104)");
  });

  it("formats money in the host's locale", async () => {
    const el = await fixture<CkBalance>(
      html`<ck-balance amount-due="1234.50" account-credit="0.00" currency="EUR" locale="de-DE"></ck-balance>`,
    );
    expect(figureOf(el, "due").text).to.equal("Amount Due: 1.234,50 €");
  });

  it("reads the account from the provided data source and updates when it changes", async () => {
    const source = await accountSource({ fees: [{ id: "f1", amount: "20.00" }], credit: "5.00" });
    const wrapper = await fixture<HTMLElement>(html`
      <ck-provider .dataSource=${source} locale="en-US"><ck-balance account-id=${ACCOUNT}></ck-balance></ck-provider>
    `);
    const el = wrapper.querySelector("ck-balance") as CkBalance;
    await waitUntil(() => el.shadowRoot?.querySelector("[part~=due]"), "balance shows");
    expect(figureOf(el, "due").text).to.equal("Amount Due: $20.00");
    expect(figureOf(el, "credit").text).to.equal("Account Credit: $5.00");
    await source.commit("more", [
      {
        id: "more#0",
        key: "more",
        type: "Fee",
        accountId: ACCOUNT,
        feeId: "f2",
        amount: "7.50",
        date: "2026-11-02",
        dueDate: "2026-11-30",
        category: "Tuition",
        description: "Extra",
      },
    ]);
    await waitUntil(() => figureOf(el, "due").text === "Amount Due: $27.50", "balance refreshed");
    await expect(wrapper).to.be.accessible();
  });

  it("shows a hostile account name's balances without rendering HTML", async () => {
    const el = await fixture<CkBalance>(html`<ck-balance amount-due="<img src=x onerror=alert(1)>" account-credit="0.00"></ck-balance>`);
    expect(el.shadowRoot?.querySelector("img")).to.equal(null);
    expect(el.shadowRoot?.textContent).to.contain("Not an amount in USD");
  });

  it("forgets a read still under way when its account is cleared: no stale error appears", async () => {
    let fail: (error: unknown) => void = () => undefined;
    const source = {
      currency: "USD",
      subscribe: () => () => undefined,
      getSettings: async () => ({}),
      getAccount: () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    };
    const el = await fixture<CkBalance>(html`<ck-balance account-id="gone" .dataSource=${source as never}></ck-balance>`);
    el.accountId = undefined;
    await el.updateComplete;
    fail(Object.assign(new Error("No account has that id."), { name: "CreditKitError", code: "unknown-account", details: {} }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(el.shadowRoot?.textContent?.trim()).to.equal("");
  });

  it("words a failure when it is shown, once the words are fetched", async () => {
    const source = {
      currency: "USD",
      subscribe: () => () => undefined,
      getSettings: async () => ({}),
      getAccount: async () => {
        throw Object.assign(new Error("No account has that id."), { name: "CreditKitError", code: "unknown-account", details: {} });
      },
    };
    const el = await fixture<CkBalance>(html`<ck-balance account-id="gone" .dataSource=${source as never}></ck-balance>`);
    await waitUntil(() => el.shadowRoot?.querySelector("[role=alert]"), "the failure is shown");
    expect(el.shadowRoot?.querySelector("[role=alert]")?.textContent?.trim()).to.equal("No account has that id.");
  });
});

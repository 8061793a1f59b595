/**
 * #16 "The class modules are exported": a host registers the classes from
 * `@creditkit/elements/classes` under its own tag names, without the default
 * `ck-` ones, and the composite elements use the host's names for what they
 * contain (the pay window's Apply Credit switch, the members report's search
 * and balances). This file imports nothing that registers a `ck-` name.
 */
import { CkAccountSearch, CkBalance, CkCreditToggle, CkMembersReport, CkPayWindow, CkProvider } from "@creditkit/elements/classes";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { accountSourceWithoutElements } from "./own-tag-names.helpers.js";

customElements.define("acme-provider", CkProvider);
customElements.define("acme-credit-toggle", CkCreditToggle);
customElements.define("acme-pay-window", CkPayWindow);
customElements.define("acme-balance", CkBalance);
customElements.define("acme-account-search", CkAccountSearch);
customElements.define("acme-members-report", CkMembersReport);

describe("elements under the host's own tag names (#16)", () => {
  it("no ck- name is registered by the class entry", () => {
    for (const tag of ["ck-provider", "ck-pay-window", "ck-credit-toggle", "ck-balance", "ck-account-search", "ck-members-report"])
      expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it("the pay window writes the host's switch, and applying credit with it works", async () => {
    const source = await accountSourceWithoutElements();
    const wrapper = await fixture<HTMLElement>(html`
      <acme-provider .dataSource=${source} locale="en-US"><acme-pay-window channel="admin" account-id="fam-1" date="2026-11-20"></acme-pay-window></acme-provider>
    `);
    const pw = wrapper.querySelector("acme-pay-window") as CkPayWindow;
    await waitUntil(() => pw.shadowRoot?.querySelector("[part~=toggle]"), "the switch shows");
    const toggle = pw.shadowRoot?.querySelector("[part~=toggle]") as CkCreditToggle;
    expect(toggle.localName).to.equal("acme-credit-toggle");
    expect(toggle).to.be.instanceOf(CkCreditToggle);
    expect(pw.shadowRoot?.querySelector("ck-credit-toggle"), "no default-named switch").to.equal(null);
    await toggle.updateComplete;
    const button = toggle.shadowRoot?.querySelector("[part~=switch]") as HTMLButtonElement;
    const before = button.getAttribute("aria-checked");
    button.click();
    await toggle.updateComplete;
    await pw.updateComplete;
    expect(button.getAttribute("aria-checked"), "the switch changed").not.to.equal(before);
  });

  it("the members report writes the host's search and balances, each showing its figures", async () => {
    const source = await accountSourceWithoutElements();
    const wrapper = await fixture<HTMLElement>(html`
      <acme-provider .dataSource=${source} locale="en-US"><acme-members-report></acme-members-report></acme-provider>
    `);
    const report = wrapper.querySelector("acme-members-report") as CkMembersReport;
    await waitUntil(() => report.shadowRoot?.querySelector("acme-balance"), "a row's balance shows");
    expect(report.shadowRoot?.querySelector("acme-account-search")).to.be.instanceOf(CkAccountSearch);
    const balance = report.shadowRoot?.querySelector("acme-balance") as CkBalance;
    await balance.updateComplete;
    expect(balance.shadowRoot?.textContent).to.contain("$40.00");
    expect(report.shadowRoot?.querySelector("ck-balance, ck-account-search")).to.equal(null);
  });
});

/**
 * Issue #16: elements written in the page before the kit's script get their
 * data. This file imports the kit only after the markup is in the page (a
 * test page of its own, so nothing is registered before), as a host's HTML
 * with the script at the end of the body does.
 */
import { createMemoryDataSource } from "@creditkit/store";
import { expect, waitUntil } from "@open-wc/testing";

describe("markup parsed before the kit registers its elements", () => {
  it("a <ck-balance> inside a <ck-provider> written before the script shows the account's balances", async () => {
    expect(customElements.get("ck-balance"), "nothing registered yet").to.equal(undefined);
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
    await source.commit("fee/fam-1", [
      {
        type: "Fee",
        id: "fee/fam-1#0",
        key: "fee/fam-1",
        accountId: "fam-1",
        feeId: "f1",
        amount: "40.00",
        date: "2026-11-01",
        dueDate: "2026-11-15",
        category: "Tuition",
        description: "Tuition",
      } as never,
    ]);
    const page = document.createElement("div");
    // The host's markup, as written in its HTML: the balance comes before the provider is defined.
    page.innerHTML = `<ck-provider locale="en-US"><h2>Your account</h2><ck-balance account-id="fam-1"></ck-balance></ck-provider>`;
    document.body.append(page);
    (page.querySelector("ck-provider") as HTMLElement & { dataSource?: unknown }).dataSource = source;

    await import("@creditkit/elements");
    const balance = page.querySelector("ck-balance") as HTMLElement;
    await waitUntil(
      () => balance.shadowRoot?.querySelector("[part~=due] [part~=amount]")?.textContent?.trim() === "$40.00",
      "the balance shows the account's Amount Due",
      { timeout: 5000 },
    );
    page.remove();
  });
});

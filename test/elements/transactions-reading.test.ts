/** #17 items 9, 10 and 11 in <ck-transactions>: one sign convention, explained; a summary that says what it follows; a family's own view. */
import type { LedgerEntry } from "@creditkit/core";
import type { CkTransactions } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { button, rowsOf, textIn } from "./report-helpers.js";

const A = "fam-1";

/**
 * One family: November tuition 40.00, a pool-closure credit of 20.00 of which
 * 15.00 pays the tuition (Payment (AC)) and 5.00 is later voided, a card
 * payment of 25.00 for the rest, and a second family's cash payment.
 */
async function ledgerSource(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([
    { id: A, name: "Rivera family", kind: "family" },
    { id: "fam-2", name: "Okafor family", kind: "family" },
  ]);
  const entries: LedgerEntry[] = [
    {
      id: "k1#0",
      key: "k1",
      type: "Fee",
      accountId: A,
      feeId: "f1",
      amount: "40.00",
      date: "2026-11-01",
      dueDate: "2026-11-01",
      category: "Tuition",
      description: "November tuition",
    },
    {
      id: "k2#0",
      key: "k2",
      type: "Account Credit",
      accountId: A,
      grantId: "g1",
      amount: "20.00",
      date: "2026-11-02",
      description: "Pool closure credit",
      creditType: "weather",
      source: { kind: "manual" },
    },
    {
      id: "k3#0",
      key: "k3",
      type: "Payment (AC)",
      accountId: A,
      feeId: "f1",
      amount: "15.00",
      date: "2026-11-03",
      description: "Account credit applied: November tuition",
      grants: [{ grantId: "g1", amount: "15.00" }],
    },
    {
      id: "k4#0",
      key: "k4",
      type: "Payment",
      accountId: A,
      method: "card",
      amount: "25.00",
      date: "2026-11-04",
      description: "Card payment",
      allocations: [{ feeId: "f1", amount: "25.00" }],
    },
    {
      id: "k5#0",
      key: "k5",
      type: "Void",
      accountId: A,
      amount: "5.00",
      date: "2026-11-05",
      description: "Void: pool closure credit",
      target: { kind: "grant", grantId: "g1" },
    },
    {
      id: "k6#0",
      key: "k6",
      type: "Fee",
      accountId: "fam-2",
      feeId: "f2",
      amount: "30.00",
      date: "2026-11-06",
      dueDate: "2026-11-06",
      category: "Tuition",
      description: "Swim lessons",
    },
    {
      id: "k7#0",
      key: "k7",
      type: "Payment",
      accountId: "fam-2",
      method: "cash",
      amount: "30.00",
      date: "2026-11-07",
      description: "Cash at the desk",
      allocations: [{ feeId: "f2", amount: "30.00" }],
    },
  ];
  for (const e of entries) await source.commit(e.key, [e]);
  return source;
}

async function mount(source: StoreDataSource, attrs: { audience?: string; accountId?: string; reverse?: boolean } = {}) {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-transactions audience=${attrs.audience ?? "admin"} account-id=${attrs.accountId ?? ""} ?allow-reverse=${attrs.reverse}></ck-transactions>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-transactions") as CkTransactions;
  if (!attrs.accountId) el.accountId = undefined;
  await waitUntil(() => el.lines.length > 0, "the lines show");
  await el.updateComplete;
  return el;
}

/** Picks a filter's value as a person does: focus, choose, change. */
async function choose(el: CkTransactions, label: string, value: string): Promise<void> {
  const found = [...(el.shadowRoot?.querySelectorAll("label.field") ?? [])].find((l) => l.firstChild?.textContent?.trim() === label);
  const input = found?.querySelector<HTMLInputElement | HTMLSelectElement>("input, select");
  if (!input) throw new Error(`No field ${label}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await el.updateComplete;
}

const summaryRows = (el: CkTransactions) =>
  [...(el.shadowRoot?.querySelectorAll("[part~=summary] tr") ?? [])].map((row) =>
    [...row.children].map((c) => c.textContent?.trim()).join(" "),
  );

describe("<ck-transactions>: one sign convention, explained (#17.9)", () => {
  beforeEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 1280, height: 800 });
  });

  it("every Void reads negative, the legend beneath the table says why, and a reversed payment is not 'Card 2 $0.00'", async () => {
    const source = await ledgerSource();
    const el = await mount(source, { reverse: true });
    // Reverse the card payment as an admin does: its Reverse button, then the dialog's confirm.
    button(el, "Reverse Card payment of $25.00 on Nov 4, 2026 by Rivera family").click();
    await waitUntil(() => el.shadowRoot?.querySelector("dialog")?.open, "the confirmation opens");
    const confirm = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>("dialog button") ?? [])].find(
      (b) => b.textContent?.trim() === "Reverse payment",
    );
    confirm?.click();
    await waitUntil(() => el.lines.some((l) => l.reverses !== undefined), "the reversal shows");
    const amounts = rowsOf(el, "line").map((r) => [r[2], r[4], r.at(-1)]);
    expect(amounts).to.deep.include(["Void", "Void: pool closure credit", "-$5.00"]);
    expect(amounts).to.deep.include(["Void", "Reversal of Card payment", "-$25.00"]);
    expect(amounts).to.deep.include(["Payment", "Card payment", "$25.00"]);
    const legend = textIn(el, "[part~=legend]");
    expect(legend).to.contain("A minus sign marks a Void: it takes that amount back off the payment, credit or fee it names");
    expect(el.shadowRoot?.querySelector("[part~=table]")?.getAttribute("aria-describedby")).to.equal("amount-legend");
    const rows = summaryRows(el);
    expect(rows[0]).to.equal("Payment type Payments Reversed Net");
    expect(rows).to.include("Card 1 1 $0.00");
    expect(rows).to.include("Cash 1 0 $30.00");
    expect(rows.at(-1)).to.equal("Total 3 1 $45.00");
    await expect(el).to.be.accessible();
  });
});

describe("<ck-transactions>: the summary says which filters it follows (#17.10)", () => {
  it("follows the payment type chosen, and says the transaction type filters the lines only", async () => {
    const el = await mount(await ledgerSource());
    expect(textIn(el, "[part~=summary-scope]")).to.equal("Follows the dates and the payment type.");
    expect(summaryRows(el)).to.have.length(8);
    await choose(el, "Payment type", "card");
    expect(summaryRows(el)).to.deep.equal(["Payment type Payments Net", "Card 1 $25.00", "Total 1 $25.00"]);
    expect(textIn(el, "[part~=summary-scope]")).to.equal("Follows the dates and the payment type (Card).");
    expect(textIn(el, "[part~=credits-scope]")).to.equal("Follows the dates only: the type filters apply to the lines.");
    await choose(el, "Payment type", "");
    await choose(el, "Transaction type", "Fee");
    expect(textIn(el, "[part~=summary-scope]")).to.equal(
      "Follows the dates and the payment type. The transaction type (Fee) filters the lines only.",
    );
    expect(summaryRows(el).at(-1)).to.equal("Total 3 $70.00");
    await choose(el, "To", "2026-11-03");
    expect(summaryRows(el).at(-1)).to.equal("Total 1 $15.00");
    await expect(el).to.be.accessible();
  });
});

describe("<ck-transactions audience=member>: a family's own lines, in words (#17.11)", () => {
  for (const [name, scheme, width] of [
    ["light", "light", 1024],
    ["dark", "dark", 1024],
    ["at a phone's width", "light", 390],
  ] as const) {
    it(`no summaries, no Account column, no Void lines; voids are notes on their lines — ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const source = await ledgerSource();
      await source.reversePayment({ accountId: A, entryId: "k4#0", date: "2026-11-08" });
      const el = await mount(source, { audience: "member", accountId: A, reverse: true });
      await waitUntil(() => el.lines.length === 4, "the family's four lines");
      expect(el.shadowRoot?.querySelector("[part~=summary], [part~=credits], [part~=reverse], [part~=legend]")).to.equal(null);
      const headers = [...(el.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].map((h) => h.textContent?.trim());
      expect(headers).to.deep.equal(["Date", "What", "Description", "Amount"]);
      expect(rowsOf(el, "line").map((r) => r.map((c) => c.replace(/\s*(Show|Hide) credit used$/, "")))).to.deep.equal([
        ["Nov 1, 2026", "Charge", "November tuition", "$40.00"],
        ["Nov 2, 2026", "Credit", "Pool closure credit ($5.00 of it cancelled on Nov 5, 2026)", "$20.00"],
        ["Nov 3, 2026", "Paid from account credit", "Account credit applied: November tuition", "$15.00"],
        ["Nov 4, 2026", "Payment by card", "Card payment (Reversed on Nov 8, 2026)", "$25.00"],
      ]);
      expect(el.shadowRoot?.querySelectorAll("select")).to.have.length(0);
      await expect(el).to.be.accessible();
      const table = el.shadowRoot?.querySelector<HTMLElement>("[part~=table]");
      expect(table && table.scrollWidth <= table.clientWidth + 1, "nothing runs off the side").to.equal(true);
    });
  }

  it("the date filters still work from the keyboard, and Clear dates brings every line back", async () => {
    const el = await mount(await ledgerSource(), { audience: "member", accountId: A });
    await choose(el, "From", "2026-11-03");
    expect(rowsOf(el, "line").map((r) => r[1])).to.deep.equal(["Paid from account credit", "Payment by card"]);
    button(el, "Clear dates").focus();
    await sendKeys({ press: "Enter" });
    await el.updateComplete;
    expect(rowsOf(el, "line")).to.have.length(4);
  });
});

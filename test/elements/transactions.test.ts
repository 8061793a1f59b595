import type { CommitResult, LedgerEntry } from "@creditkit/core";
import { DEMO_LISTS } from "@creditkit/core/demo";
import type { CkTransactions, PaymentReversedEvent } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { button, captureDownload, rowsOf, textIn } from "./report-helpers.js";

type Draft = Omit<LedgerEntry, "id" | "key"> & { key: string };

const fee = (key: string, accountId: string, feeId: string, amount: string, date: string, description: string): Draft =>
  ({ key, type: "Fee", accountId, feeId, amount, date, dueDate: date, category: "Tuition", description }) as Draft;
const grant = (
  key: string,
  accountId: string,
  type: string,
  grantId: string,
  amount: string,
  date: string,
  description: string,
  creditType = "General",
): Draft => ({ key, type, accountId, grantId, amount, date, description, creditType, source: { kind: "manual" } }) as Draft;

/**
 * Two families' ledgers over November and December: fees, a preloaded credit
 * and a pool-closure credit (credit type Weather closure; the others are
 * General) that pay one fee together (one `Payment (AC)` using two grants)
 * beside a card payment, a cash payment, a refund to account credit and a
 * `Payment (AC)` from it.
 */
const LEDGER: readonly Draft[] = [
  fee("k1", "fam-1", "f1", "40.00", "2026-11-01", "November tuition"),
  grant("k2", "fam-1", "Preloaded Credit", "g-pre", "10.00", "2026-11-02", "Preloaded credit"),
  fee("k3", "fam-2", "f2", "30.00", "2026-11-03", "Swim lessons"),
  grant("k4", "fam-1", "Account Credit", "g-ac", "15.00", "2026-11-05", "Pool closure credit", "Weather closure"),
  {
    key: "k5",
    type: "Payment (AC)",
    accountId: "fam-1",
    feeId: "f1",
    amount: "20.00",
    date: "2026-11-10",
    description: "Account credit applied: November tuition",
    grants: [
      { grantId: "g-pre", amount: "10.00" },
      { grantId: "g-ac", amount: "10.00" },
    ],
  } as Draft,
  {
    key: "k6",
    type: "Payment",
    accountId: "fam-1",
    method: "card",
    amount: "20.00",
    date: "2026-11-10",
    description: "Card payment",
    allocations: [{ feeId: "f1", amount: "20.00" }],
  } as Draft,
  {
    key: "k7",
    type: "Payment",
    accountId: "fam-2",
    method: "cash",
    amount: "30.00",
    date: "2026-11-20",
    description: "Cash at the desk",
    allocations: [{ feeId: "f2", amount: "30.00" }],
  } as Draft,
  grant("k8", "fam-2", "Refund - Account Credit", "g-ref", "12.00", "2026-12-02", "Refund of camp deposit"),
  fee("k9", "fam-2", "f3", "8.00", "2026-12-03", "Locker"),
  {
    key: "k10",
    type: "Payment (AC)",
    accountId: "fam-2",
    feeId: "f3",
    amount: "8.00",
    date: "2026-12-04",
    description: "Account credit applied: Locker",
    grants: [{ grantId: "g-ref", amount: "8.00" }],
  } as Draft,
];

async function ledgerSource(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([
    { id: "fam-1", name: "Rivera family", kind: "family" },
    { id: "fam-2", name: "Okafor family", kind: "family" },
  ]);
  for (const draft of LEDGER) await source.commit(draft.key, [{ ...draft, id: `${draft.key}#0` } as LedgerEntry]);
  return source;
}

/** Mounts the element in a provider over `source`; `width` fixes the space it has (wider than the page if need be); `reverse` sets allow-reverse. */
async function mount(source: StoreDataSource, width = "", reverse = false): Promise<CkTransactions> {
  const wrapper = await fixture<HTMLElement>(html`
    <div style=${width ? `width:${width}` : ""}>
      <ck-provider .dataSource=${source} locale="en-US"><ck-transactions ?allow-reverse=${reverse}></ck-transactions></ck-provider>
    </div>
  `);
  const el = wrapper.querySelector("ck-transactions") as CkTransactions;
  await waitUntil(() => el.lines.length >= LEDGER.length, "the ledger's lines show");
  await el.updateComplete;
  return el;
}

/** The lines' descriptions, as shown. */
const shown = (el: CkTransactions) => rowsOf(el, "line").map((r) => r[4]?.replace(/ (Show|Hide) grants? used$/, ""));

function control<T extends HTMLInputElement | HTMLSelectElement>(el: CkTransactions, label: string): T {
  const found = [...(el.shadowRoot?.querySelectorAll("label.field") ?? [])].find((l) => l.firstChild?.textContent?.trim() === label);
  const input = found?.querySelector<T>("input, select");
  if (!input) throw new Error(`No field ${label}`);
  return input;
}

/** Sets a filter as a person does: picks the value, the control fires change. */
async function choose(el: CkTransactions, label: string, value: string): Promise<void> {
  const input = control(el, label);
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await el.updateComplete;
}

/** A summary row's cells, joined by spaces ("Card 1 $20.00"); `tfoot tr` for the total. */
function summaryRow(el: CkTransactions, type: string): string {
  const row = el.shadowRoot?.querySelector(type === "total" ? "[part~=summary] tfoot tr" : `[part~=summary] tr[data-type="${type}"]`);
  return [...(row?.children ?? [])].map((c) => c.textContent?.trim()).join(" ");
}

/** The credits-by-type rows as read, header first, total last. */
function creditRows(el: CkTransactions): string[] {
  const rows = [...(el.shadowRoot?.querySelectorAll("[part~=credits] tr") ?? [])];
  return rows.map((row) => [...row.children].map((c) => c.textContent?.trim()).join(" "));
}

/** The ledger plus a large tuition fee, for the widest amounts. */
async function largeSource(): Promise<StoreDataSource> {
  const source = await ledgerSource();
  await source.commit("k20", [{ ...fee("k20", "fam-1", "f20", "25063.70", "2026-12-06", "Season tuition"), id: "k20#0" } as LedgerEntry]);
  return source;
}

/** Where an amount cell (the last of a row) is cut off: its text overflows it, or it lies outside the table's visible box. */
function clippedAmounts(el: CkTransactions): string[] {
  const table = el.shadowRoot?.querySelector<HTMLElement>("[part~=table]");
  if (!table) throw new Error("No table");
  const box = table.getBoundingClientRect();
  const right = box.left + table.clientLeft + table.clientWidth;
  const cells = [...table.querySelectorAll<HTMLElement>("[role=row] > :last-child")];
  expect(cells.length).to.be.greaterThan(2);
  return cells
    .filter(
      (c) => c.scrollWidth > c.clientWidth || c.getBoundingClientRect().right > right + 0.5 || c.getBoundingClientRect().left < box.left,
    )
    .map((c) => c.textContent?.trim() ?? "");
}

describe("<ck-transactions>", () => {
  it("is accessible, with grants shown and with an error", async () => {
    const el = await mount(await ledgerSource());
    await expect(el).to.be.accessible();
    button(el, "Show grants used").click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await choose(el, "From", "2026-12-10");
    await choose(el, "To", "2026-12-01");
    await expect(el).to.be.accessible();
  });

  it("lists every line in date order with account, type, payment type and amount", async () => {
    const el = await mount(await ledgerSource());
    const rows = rowsOf(el, "line");
    expect(rows[0]).to.deep.equal(["Nov 1, 2026", "Rivera family", "Fee", "", "November tuition", "$40.00"]);
    expect(rows[4]?.slice(0, 4)).to.deep.equal(["Nov 10, 2026", "Rivera family", "Payment (AC)", "Account Credit"]);
    expect(rows[5]).to.deep.equal(["Nov 10, 2026", "Rivera family", "Payment", "Card", "Card payment", "$20.00"]);
    expect(textIn(el, ".count")).to.equal("10 lines");
  });

  it("the footer adds the lines up only when they are all of one transaction type", async () => {
    const el = await mount(await ledgerSource());
    expect(rowsOf(el, "totals")[0], "fees, credits and payments together: a count only").to.deep.equal(["10 lines", ""]);
    await choose(el, "Payment type", "account-credit");
    expect(rowsOf(el, "totals")[0]).to.deep.equal(["Total of 2 lines of type Payment (AC)", "$28.00"]);
    await expect(el).to.be.accessible();
    await choose(el, "Payment type", "");
    await choose(el, "Transaction type", "Payment");
    expect(rowsOf(el, "totals")[0], "card and cash payments").to.deep.equal(["Total of 2 lines of type Payment", "$50.00"]);
    await choose(el, "Transaction type", "Preloaded Credit");
    expect(rowsOf(el, "totals")[0]).to.deep.equal(["Total of 1 line of type Preloaded Credit", "$10.00"]);
    await choose(el, "Transaction type", "");
    await choose(el, "From", "2026-12-01");
    expect(rowsOf(el, "totals")[0]).to.deep.equal(["3 lines", ""]);
    await choose(el, "Payment type", "check");
    expect(rowsOf(el, "totals")[0]).to.deep.equal(["0 lines", ""]);
  });

  it("payment type Account Credit returns exactly the Payment (AC) lines", async () => {
    const el = await mount(await ledgerSource());
    await choose(el, "Payment type", "account-credit");
    expect(shown(el)).to.deep.equal(["Account credit applied: November tuition", "Account credit applied: Locker"]);
    await choose(el, "Payment type", "card");
    expect(shown(el)).to.deep.equal(["Card payment"]);
    await choose(el, "Payment type", "cash");
    expect(shown(el)).to.deep.equal(["Cash at the desk"]);
    await choose(el, "Payment type", "check");
    expect(shown(el)).to.deep.equal([]);
    expect(textIn(el, "[part~=empty]")).to.equal("No line passes these filters.");
  });

  it("transaction type returns exactly the lines of that type", async () => {
    const el = await mount(await ledgerSource());
    await choose(el, "Transaction type", "Preloaded Credit");
    expect(shown(el)).to.deep.equal(["Preloaded credit"]);
    await choose(el, "Transaction type", "Refund - Account Credit");
    expect(shown(el)).to.deep.equal(["Refund of camp deposit"]);
    await choose(el, "Transaction type", "Fee");
    expect(shown(el)).to.deep.equal(["November tuition", "Swim lessons", "Locker"]);
    await choose(el, "Transaction type", "Payment (AC)");
    expect(shown(el)).to.have.length(2);
  });

  it("the date range is inclusive and combines with the other filters", async () => {
    const el = await mount(await ledgerSource());
    await choose(el, "From", "2026-11-02");
    await choose(el, "To", "2026-11-10");
    expect(rowsOf(el, "line").map((r) => r[0])).to.deep.equal([
      "Nov 2, 2026",
      "Nov 3, 2026",
      "Nov 5, 2026",
      "Nov 10, 2026",
      "Nov 10, 2026",
    ]);
    await choose(el, "From", "2026-12-01");
    await choose(el, "To", "2026-12-31");
    await choose(el, "Payment type", "account-credit");
    expect(shown(el)).to.deep.equal(["Account credit applied: Locker"]);
    button(el, "Clear filters").click();
    await el.updateComplete;
    expect(shown(el)).to.have.length(10);
  });

  it("a range that ends before it starts is refused in words", async () => {
    const el = await mount(await ledgerSource());
    await choose(el, "From", "2026-12-10");
    await choose(el, "To", "2026-12-01");
    expect(textIn(el, "[role=alert]")).to.not.equal("");
    expect(control(el, "From").getAttribute("aria-invalid")).to.equal("true");
    expect(rowsOf(el, "line")).to.have.length(0);
  });

  it("a Payment (AC) line shows which grants it used", async () => {
    const el = await mount(await ledgerSource());
    const toggle = button(el, "Show grants used");
    expect(toggle.getAttribute("aria-expanded")).to.equal("false");
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute("aria-expanded")).to.equal("true");
    const list = el.shadowRoot?.getElementById(toggle.getAttribute("aria-controls") ?? "") as HTMLElement;
    expect([...list.querySelectorAll("li")].map((li) => li.textContent?.replace(/\s+/g, " ").trim())).to.deep.equal([
      "Preloaded credit (Preloaded Credit, General, Nov 2, 2026) $10.00",
      "Pool closure credit (Account Credit, Weather closure, Nov 5, 2026) $10.00",
    ]);
    button(el, "Hide grants used").click();
    await el.updateComplete;
    expect(list.hidden).to.equal(true);
  });

  it("the payment summary has its own Account Credit category and follows the period", async () => {
    const el = await mount(await ledgerSource());
    expect(summaryRow(el, "card")).to.equal("Card 1 $20.00");
    expect(summaryRow(el, "cash")).to.equal("Cash 1 $30.00");
    expect(summaryRow(el, "account-credit")).to.equal("Account Credit 2 $28.00");
    expect(summaryRow(el, "total")).to.equal("Total 4 $78.00");
    await choose(el, "To", "2026-11-30");
    expect(summaryRow(el, "account-credit")).to.equal("Account Credit 1 $20.00");
    expect(summaryRow(el, "total")).to.equal("Total 3 $70.00");
  });

  it("shows the credits by credit type for the same period, voids included", async () => {
    const source = await ledgerSource();
    const voided: LedgerEntry = {
      id: "k12#0",
      key: "k12",
      type: "Void",
      accountId: "fam-1",
      amount: "5.00",
      date: "2026-12-05",
      description: "Void: pool closure credit",
      target: { kind: "grant", grantId: "g-ac" },
    };
    await source.commit("k12", [voided]);
    const el = await mount(source, "360px");
    expect(creditRows(el)).to.deep.equal([
      "Credit type Issued Voided Net",
      "General $22.00 $0.00 $22.00",
      "Weather closure $15.00 $5.00 $10.00",
      "Total $37.00 $5.00 $32.00",
    ]);
    for (const part of ["summary", "credits"]) {
      const side = el.shadowRoot?.querySelector(`[part~=${part}]`) as HTMLElement;
      expect(side.scrollWidth, `the ${part} fits 360 px`).to.be.at.most(side.clientWidth);
    }
    await expect(el).to.be.accessible();
    await choose(el, "To", "2026-11-30");
    expect(creditRows(el), "no void in the period: no Voided column").to.deep.equal([
      "Credit type Issued Net",
      "General $10.00 $10.00",
      "Weather closure $15.00 $15.00",
      "Total $25.00 $25.00",
    ]);
    await choose(el, "From", "2026-11-20");
    expect(creditRows(el)).to.deep.equal(["Credit type Issued Net", "No credit issued or voided in this period.", "Total $0.00 $0.00"]);
    await expect(el).to.be.accessible();
  });

  it("refreshes when the ledger changes", async () => {
    const source = await ledgerSource();
    const el = await mount(source);
    await source.commit("k11", [{ ...fee("k11", "fam-1", "f9", "5.00", "2026-12-05", "Towel"), id: "k11#0" } as LedgerEntry]);
    await waitUntil(() => el.lines.length === 11, "the new line shows");
  });

  for (const [width, reverse] of [
    [360, false],
    [768, false],
    [1060, false],
    [1400, false],
    [360, true],
    [1060, true],
  ] as const) {
    it(`at ${width} px${reverse ? " with the Action column" : ""} no amount is cut off and the columns line up`, async () => {
      const el = await mount(await largeSource(), `${width}px`, reverse);
      expect(el.getBoundingClientRect().width).to.equal(width);
      expect(clippedAmounts(el)).to.deep.equal([]);
      const table = el.shadowRoot?.querySelector("[part~=table]") as HTMLElement;
      expect(table.scrollWidth, "the table needs no sideways scrolling").to.be.at.most(table.clientWidth);
      const lefts = (row: Element | null | undefined) => [...(row?.children ?? [])].map((c) => Math.round(c.getBoundingClientRect().left));
      const [head, line, foot] = [".head .row", ".body .row", ".foot .row"].map((s) => lefts(table.querySelector(s)));
      expect(head, "the header's columns line up with the lines'").to.deep.equal(line);
      expect(foot?.at(-1), "so do the totals'").to.equal(line?.at(-1));
      await expect(el).to.be.accessible();
      await choose(el, "Transaction type", "Fee");
      expect(rowsOf(el, "totals")[0]?.[1]).to.equal("$25,141.70");
      expect(clippedAmounts(el), "with the fees' total").to.deep.equal([]);
    });
  }

  it("saves the lines shown as a CSV file", async () => {
    const el = await mount(await ledgerSource());
    await choose(el, "Payment type", "account-credit");
    const file = await captureDownload(() => button(el, "Save to CSV").click());
    expect(file.name).to.equal("transactions.csv");
    expect(file.text.trim().split("\r\n")).to.deep.equal([
      "Date,Account,Account ID,Type,Payment type,Description,Amount,Grants used,Entry ID,Reverses",
      "2026-11-10,Rivera family,fam-1,Payment (AC),Account Credit,Account credit applied: November tuition,20.00,g-pre 10.00; g-ac 10.00,k5#0,",
      "2026-12-04,Okafor family,fam-2,Payment (AC),Account Credit,Account credit applied: Locker,8.00,g-ref 8.00,k10#0,",
    ]);
  });

  it("shows a payment's reversal as a negative amount, in the table and in the CSV, naming the payment", async () => {
    const source = await ledgerSource();
    const card = (await source.listEntries()).find((e) => e.type === "Payment") as LedgerEntry;
    await source.reversePayment({ accountId: card.accountId, entryId: card.id, date: "2026-12-05" });
    const el = await mount(source);
    await waitUntil(() => el.lines.length === LEDGER.length + 1, "the reversal shows");
    await choose(el, "Payment type", "card");
    expect(rowsOf(el, "line").map((r) => [r[2], r.at(-1)])).to.deep.equal([
      ["Payment", "$20.00"],
      ["Void", "-$20.00"],
    ]);
    const file = await captureDownload(() => button(el, "Save to CSV").click());
    // Amount, grants used (none), the reversal's own entry id (under the default key reverse/<payment id>), the payment it reverses.
    const last = file.text.trim().split("\r\n").at(-1) ?? "";
    expect(last.endsWith(`,Card,Reversal of Card payment,-20.00,,reverse/${card.id}#0,${card.id}`), last).to.equal(true);
  });
});

describe("<ck-transactions>: reversing a payment", () => {
  const CARD = "Reverse Card payment of $20.00 on Nov 10, 2026 by Rivera family";

  const dialogOf = (el: CkTransactions) => el.shadowRoot?.querySelector("dialog") as HTMLDialogElement;
  const focused = (el: CkTransactions) => el.shadowRoot?.activeElement as HTMLElement | null;
  const lineOf = (el: CkTransactions, description: string) => rowsOf(el, "line").find((r) => r[4]?.startsWith(description));
  const reversedEvents = (el: CkTransactions) => {
    const seen: PaymentReversedEvent[] = [];
    el.parentElement?.parentElement?.addEventListener("ck-payment-reversed", (e) => seen.push(e));
    return seen;
  };

  /** Focuses the line's Reverse button and presses Enter, as a keyboard user does; the confirmation opens. */
  async function askWithKeyboard(el: CkTransactions, label: string): Promise<HTMLDialogElement> {
    button(el, label).focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => dialogOf(el)?.open, "the confirmation opens");
    return dialogOf(el);
  }

  it("reverses a card payment with the keyboard: the fee is owed again, the line shows Reversed, one composed event", async () => {
    const source = await ledgerSource();
    const el = await mount(source, "", true);
    const events = reversedEvents(el);
    expect((await source.getAccount("fam-1")).amountDue).to.equal("0.00");
    expect(lineOf(el, "Card payment")?.[5]).to.equal("Reverse");

    const dialog = await askWithKeyboard(el, CARD);
    expect(focused(el)?.textContent?.trim(), "focus moves into the confirmation, on the safe choice").to.equal("Cancel");
    expect(dialog.contains(focused(el))).to.equal(true);
    await sendKeys({ press: "Shift+Tab" });
    expect(focused(el)?.textContent?.trim()).to.equal("Reverse payment");
    expect(dialog.querySelector("#reverse-body")?.textContent?.replace(/\s+/g, " ")).to.contain(
      "The Card payment of $20.00 on Nov 10, 2026 by Rivera family (“Card payment”) will be reversed",
    );
    await expect(el).to.be.accessible();
    await sendKeys({ press: "Enter" });

    await waitUntil(() => textIn(el, "[part~=reverse-status][role=status]") !== "", "the outcome shows");
    expect(textIn(el, "[part~=reverse-status][role=status]")).to.equal(
      "Reversed the Card payment of $20.00 on Nov 10, 2026 by Rivera family.",
    );
    expect(dialog.open).to.equal(false);
    expect((await source.getAccount("fam-1")).amountDue, "the fee the card paid is owed again").to.equal("20.00");
    await waitUntil(() => el.lines.length === LEDGER.length + 1, "the reversal's line shows");
    await el.updateComplete;
    expect(lineOf(el, "Card payment")?.[5], "the payment shows as reversed").to.equal("Reversed");
    expect(() => button(el, CARD), "no Reverse on it any more").to.throw();
    expect(lineOf(el, "Reversal of Card payment")?.slice(2)).to.deep.equal(["Void", "Card", "Reversal of Card payment", "", "-$20.00"]);
    expect(focused(el)?.textContent?.trim(), "focus comes back to the line").to.equal("Reversed");
    expect(button(el, "Reverse Account Credit payment of $20.00 on Nov 10, 2026 by Rivera family").part.contains("reverse")).to.equal(true);

    expect(events).to.have.length(1);
    expect(events[0]?.composed).to.equal(true);
    expect(events[0]?.bubbles).to.equal(true);
    expect(events[0]?.detail.accountId).to.equal("fam-1");
    expect(events[0]?.detail.entryId).to.equal("k6#0");
    expect(events[0]?.detail.result.status).to.equal("committed");
    await expect(el).to.be.accessible();
  });

  it("Escape and Cancel reverse nothing, and focus goes back to the Reverse button", async () => {
    const source = await ledgerSource();
    const el = await mount(source, "", true);
    const events = reversedEvents(el);
    const before = (await source.listEntries()).length;

    const dialog = await askWithKeyboard(el, CARD);
    await sendKeys({ press: "Escape" });
    await waitUntil(() => !dialog.open, "Escape closes the confirmation");
    await el.updateComplete;
    expect(focused(el)?.getAttribute("aria-label")).to.equal(CARD);

    await askWithKeyboard(el, CARD);
    expect(focused(el)?.textContent?.trim(), "the confirmation opens on Cancel").to.equal("Cancel");
    await sendKeys({ press: "Enter" });
    await waitUntil(() => !dialog.open, "Cancel closes the confirmation");
    await el.updateComplete;
    expect(focused(el)?.getAttribute("aria-label")).to.equal(CARD);

    expect((await source.listEntries()).length, "nothing was written").to.equal(before);
    expect((await source.getAccount("fam-1")).amountDue).to.equal("0.00");
    expect(lineOf(el, "Card payment")?.[5]).to.equal("Reverse");
    expect(events).to.have.length(0);
    expect(textIn(el, "[part~=reverse-status]")).to.equal("");
  });

  it("says why in an alert when the ledger refuses, and fires nothing", async () => {
    const source = await ledgerSource();
    // Another desk reverses the payment a moment before this one does.
    const racing = {
      ...source,
      reversePayment: async (request: Parameters<StoreDataSource["reversePayment"]>[0]): Promise<CommitResult> => {
        await source.reversePayment({ ...request, key: "other-desk" });
        return source.reversePayment(request);
      },
    };
    const el = await mount(racing as StoreDataSource, "", true);
    const events = reversedEvents(el);
    await askWithKeyboard(el, CARD);
    await sendKeys({ press: "Shift+Tab" });
    await sendKeys({ press: "Enter" });
    await waitUntil(() => textIn(el, "[role=alert]") !== "", "the error shows");
    expect(textIn(el, "[part~=reverse-status][role=alert]")).to.match(
      /^The Card payment of \$20\.00 on Nov 10, 2026 by Rivera family was not reversed: ./,
    );
    expect(events).to.have.length(0);
    expect((await source.listEntries()).filter((e) => e.type === "Void")).to.have.length(1);
    await waitUntil(() => lineOf(el, "Card payment")?.[5] === "Reversed", "the other desk's reversal shows");
  });

  it("in a long, windowed list, the Reverse of a line scrolled to reverses that line", async () => {
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
    for (let i = 1; i <= 200; i++) {
      const day = `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`;
      await source.commit(`f${i}`, [{ ...fee(`f${i}`, "fam-1", `fee${i}`, "1.00", day, `Fee ${i}`), id: `f${i}#0` } as LedgerEntry]);
      await source.commit(`p${i}`, [
        {
          id: `p${i}#0`,
          key: `p${i}`,
          type: "Payment",
          accountId: "fam-1",
          method: "cash",
          amount: "1.00",
          date: day,
          description: `Cash ${i}`,
          allocations: [{ feeId: `fee${i}`, amount: "1.00" }],
        },
      ]);
    }
    const wrapper = await fixture<HTMLElement>(html`
      <ck-provider .dataSource=${source} locale="en-US"><ck-transactions allow-reverse></ck-transactions></ck-provider>
    `);
    const el = wrapper.querySelector("ck-transactions") as CkTransactions;
    await waitUntil(() => el.lines.length === 400, "every line is read");
    await el.updateComplete;
    expect(rowsOf(el, "line").length, "windowed").to.be.below(100);
    const table = el.shadowRoot?.querySelector("[part~=table]") as HTMLElement;
    table.scrollTop = table.scrollHeight;
    table.dispatchEvent(new Event("scroll"));
    await waitUntil(() => rowsOf(el, "line").some((r) => r[4] === "Cash 27"), "the last lines show");
    const last = el.lines.at(-1) as (typeof el.lines)[number];
    const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(last.date));
    const label = `Reverse Cash payment of $1.00 on ${day} by Rivera family`;
    const mine = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>("[part~=reverse]") ?? [])].filter(
      (b) => b.dataset.reverse === last.entryId,
    );
    expect(mine).to.have.length(1);
    expect(mine[0]?.getAttribute("aria-label")).to.equal(label);
    mine[0]?.click();
    await waitUntil(() => dialogOf(el)?.open, "the confirmation opens");
    expect(textIn(el, "#reverse-body")).to.contain(`(“${last.description}”)`);
    button(el, "Reverse payment").click();
    await waitUntil(() => el.lines.length === 401, "the reversal's line shows");
    const voids = (await source.listEntries()).filter((e) => e.type === "Void");
    expect(voids.map((v) => (v.type === "Void" && v.target.kind === "payment" ? v.target.entryId : ""))).to.deep.equal([last.entryId]);
  });

  it("says, when auto-apply is on, that the next posting may apply credit to the fee a reversal reopens", async () => {
    const source = await ledgerSource();
    await source.updateSettings({ autoApply: true });
    const el = await mount(source, "", true);
    await waitUntil(() => el.shadowRoot?.querySelector(`[aria-label="${CARD}"]`), "the Reverse button shows");
    const dialog = await askWithKeyboard(el, CARD);
    expect(dialog.querySelector("#reverse-auto")?.textContent?.replace(/\s+/g, " ").trim()).to.equal(
      "Auto-apply is on: the next time a fee or a credit is posted to this account, available credit will be applied to its unpaid fees, this one included.",
    );
    expect(dialog.getAttribute("aria-describedby")).to.equal("reverse-body reverse-auto");
    await sendKeys({ press: "Escape" });
  });

  it("offers no Reverse on a payment that put part of itself on account as credit (the ledger refuses those)", async () => {
    const source = await ledgerSource();
    await source.commit("over", [
      {
        id: "over#0",
        key: "over",
        type: "Payment",
        accountId: "fam-2",
        date: "2026-11-12",
        amount: "30.00",
        description: "Card with overpayment",
        method: "card",
        allocations: [],
      },
      {
        id: "over#1",
        key: "over",
        type: "Account Credit",
        accountId: "fam-2",
        date: "2026-11-12",
        amount: "30.00",
        description: "Overpayment put on account",
        grantId: "over:overpayment:0",
        creditType: "Overpayment",
        source: { kind: "overpayment", paymentId: "over#0" },
      },
    ]);
    const el = await mount(source, "", true);
    await waitUntil(() => lineOf(el, "Card with overpayment"), "the payment shows");
    expect(lineOf(el, "Card with overpayment")?.[5]).to.equal("");
    expect(lineOf(el, "Card payment")?.[5]).to.equal("Reverse");
  });

  it("without allow-reverse (a member's screen) there is no Action column, even over a data source that can reverse", async () => {
    const el = await mount(await ledgerSource());
    expect(rowsOf(el, "line")[5]).to.deep.equal(["Nov 10, 2026", "Rivera family", "Payment", "Card", "Card payment", "$20.00"]);
    expect(el.shadowRoot?.querySelector("[part~=reverse], dialog")).to.equal(null);
  });

  it("a data source without reversePayment gets no Action column", async () => {
    const source = await ledgerSource();
    const el = await mount({ ...source, reversePayment: undefined } as unknown as StoreDataSource, "", true);
    expect(rowsOf(el, "line")[5]).to.deep.equal(["Nov 10, 2026", "Rivera family", "Payment", "Card", "Card payment", "$20.00"]);
    expect(el.shadowRoot?.querySelector("[part~=reverse], dialog")).to.equal(null);
  });

  it("shows a credit type by its name from the organisation's lists, not by its id", async () => {
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
    await source.putDataSet({ currency: "USD", lists: DEMO_LISTS, families: [], students: [], enrollments: [], fees: [] });
    const drafts: Draft[] = [
      fee("k1", "fam-1", "f1", "40.00", "2026-11-01", "November tuition"),
      grant("k2", "fam-1", "Account Credit", "g-w", "15.00", "2026-11-02", "Pool closure credit", "weather"),
      grant("k3", "fam-1", "Account Credit", "g-g", "5.00", "2026-11-03", "Sorry for the wait", "goodwill"),
      {
        key: "k4",
        type: "Payment (AC)",
        accountId: "fam-1",
        feeId: "f1",
        amount: "15.00",
        date: "2026-11-04",
        description: "Account credit applied",
        grants: [{ grantId: "g-w", amount: "15.00" }],
      } as Draft,
    ];
    for (const d of drafts) await source.commit(d.key, [{ ...d, id: `${d.key}#0` } as LedgerEntry]);
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${source} locale="en-US"><ck-transactions></ck-transactions></ck-provider>`,
    );
    const el = wrapper.querySelector("ck-transactions") as CkTransactions;
    await waitUntil(() => creditRows(el).some((r) => r.startsWith("Weather closure")), "the credit types show by name");
    expect(creditRows(el)).to.deep.equal([
      "Credit type Issued Net",
      "Goodwill $5.00 $5.00",
      "Weather closure $15.00 $15.00",
      "Total $20.00 $20.00",
    ]);
    button(el, "Show grant used").click();
    await el.updateComplete;
    expect(textIn(el, "[part~=grants] li").replace(/\s+/g, " ")).to.equal(
      "Pool closure credit (Account Credit, Weather closure, Nov 2, 2026) $15.00",
    );

    // Controlled, the element's own list names them.
    const own = await fixture<CkTransactions>(
      html`<ck-transactions currency="USD" .entries=${await source.listEntries()} .creditTypes=${[{ id: "goodwill", name: "Goodwill gesture" }]}></ck-transactions>`,
    );
    expect(creditRows(own)[1]).to.equal("Goodwill gesture $5.00 $5.00");
    expect(creditRows(own)[2], "an id with no name is shown as it is").to.equal("weather $15.00 $15.00");
  });

  it("reads only the lists when the data source offers them (a server's remote source), never the whole data set", async () => {
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
    await source.commit("k2", [
      {
        ...grant("k2", "fam-1", "Account Credit", "g-w", "15.00", "2026-11-02", "Pool closure credit", "weather"),
        id: "k2#0",
      } as LedgerEntry,
    ]);
    let dataSetReads = 0;
    const remoteLike = new Proxy(source, {
      get: (target, key) =>
        key === "getLists"
          ? async () => DEMO_LISTS
          : key === "getDataSet"
            ? async () => {
                dataSetReads++;
                return undefined;
              }
            : Reflect.get(target, key),
    });
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${remoteLike} locale="en-US"><ck-transactions></ck-transactions></ck-provider>`,
    );
    const el = wrapper.querySelector("ck-transactions") as CkTransactions;
    await waitUntil(() => creditRows(el).some((r) => r.startsWith("Weather closure")), "the credit type shows by name from the lists");
    expect(dataSetReads).to.equal(0);
  });
});

import type { BatchCompleteEvent, CkBatchCollect } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import {
  button,
  captureDownload,
  confirmBatch,
  type Family,
  familiesSource,
  OKAFOR,
  RIVERA,
  rowsOf,
  textIn,
  waitForRows,
} from "./report-helpers.js";

async function mount(source: StoreDataSource, batchId = "dues-2026-12"): Promise<CkBatchCollect> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-batch-collect batch-id=${batchId} date="2026-12-01"></ck-batch-collect>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
  await waitForRows(el, "preview-row", await accountsWithFees(source));
  return el;
}

/** The source with its runs held at a gate until `open()`: the run is still going while the test looks. */
function gated(source: StoreDataSource): { source: StoreDataSource; open: () => void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const settleBatch: StoreDataSource["settleBatch"] = async (request) => {
    await gate;
    return source.settleBatch(request);
  };
  const held = new Proxy(source, { get: (target, key) => (key === "settleBatch" ? settleBatch : Reflect.get(target, key)) });
  return { source: held, open };
}

/** The label of each figure in a `<dl>` of the element, as read. */
function figureLabels(el: CkBatchCollect, selector: string): string[] {
  return [...(el.shadowRoot?.querySelectorAll(`${selector} dt`) ?? [])].map((d) => (d.textContent ?? "").trim());
}

/** The column headers of the table in `section`. */
function headersOf(el: CkBatchCollect, section: string): string[] {
  return [...(el.shadowRoot?.querySelectorAll(`${section} [role=columnheader]`) ?? [])].map((h) =>
    (h.textContent ?? "").replace(/\s+/g, " ").trim(),
  );
}

async function accountsWithFees(source: StoreDataSource): Promise<number> {
  return (await source.getAccounts()).filter((s) => s.amountDue !== "0.00").length;
}

/** Presses Run (or Run again) and waits for the results. */
async function run(el: CkBatchCollect): Promise<void> {
  const again = [...(el.shadowRoot?.querySelectorAll("button") ?? [])].some((b) => b.textContent?.trim() === "Run again");
  button(el, again ? "Run again" : "Run batch").click();
  await confirmBatch(el);
  await waitUntil(() => el.status === "done", "the batch has run");
  await el.updateComplete;
}

function applyCreditBox(el: CkBatchCollect): HTMLInputElement {
  const box = el.shadowRoot?.querySelector<HTMLInputElement>("[part~=apply-credit] input");
  if (!box) throw new Error("No apply-credit checkbox");
  return box;
}

async function balances(source: StoreDataSource, id: string) {
  const s = await source.getAccount(id);
  return { due: s.amountDue, credit: s.accountCredit, reserved: s.reservedCredit };
}

const both: readonly Family[] = [RIVERA, OKAFOR];

describe("<ck-batch-collect>", () => {
  it("is accessible before, while and after running", async () => {
    const el = await mount(await familiesSource(both));
    await expect(el).to.be.accessible();
    button(el, "Run batch").click();
    await confirmBatch(el);
    expect(button(el, "Running…").disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await waitUntil(() => el.status === "done");
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it("previews per account what will happen: card for due − credit, the credit for the rest", async () => {
    const el = await mount(
      await familiesSource([...both, { id: "fam-c", name: "Chen family", fees: [["f", "10.00", "Swim"]], credit: "25.00" }]),
    );
    expect(rowsOf(el, "preview-row")).to.deep.equal([
      ["Rivera family", "1", "$20.00", "$5.00", "$15.00", "Card and credit"],
      ["Okafor family", "1", "$200.00", "$50.00", "$150.00", "Card and credit"],
      ["Chen family", "1", "$10.00", "$10.00", "$0.00", "Credit only"],
    ]);
    expect(textIn(el, ".preview .lead")).to.equal("3 invoices on 3 accounts: 1 to be paid by credit, 2 by card and credit.");
    const checkbox = applyCreditBox(el);
    expect(textIn(el, "[part~=apply-credit]")).to.equal("Apply Account Credit when Auto Collecting Invoice Payments");
    expect(checkbox.checked).to.equal(true);
    checkbox.click();
    await waitUntil(() => rowsOf(el, "preview-row")[0]?.[5] === "Card only", "the preview follows the option");
    expect(rowsOf(el, "preview-row").map((r) => r.slice(3))).to.deep.equal([
      ["$0.00", "$20.00", "Card only"],
      ["$0.00", "$200.00", "Card only"],
      ["$0.00", "$10.00", "Card only; no card on file: the charge will be declined"],
    ]);
  });

  it("gateway succeeds: 20/5 charges 15.00 then applies 5.00; 200/50 charges 150.00 then applies 50.00", async () => {
    const source = await familiesSource(both);
    const el = await mount(source);
    const complete = oneEvent(el, "ck-batch-complete") as Promise<BatchCompleteEvent>;
    await run(el);
    expect(rowsOf(el, "result-row")).to.deep.equal([
      ["Rivera family", "fam-20:tuition-nov", "Paid by card and credit", "$20.00", "$5.00", "$15.00"],
      ["Okafor family", "fam-200:dues-dec", "Paid by card and credit", "$200.00", "$50.00", "$150.00"],
    ]);
    expect(rowsOf(el, "totals").at(-1)).to.deep.equal(["Total: 2 invoices", "$220.00", "$55.00", "$165.00"]);
    expect(textIn(el, "[data-total=charged] dd")).to.equal("$165.00");
    expect(textIn(el, "[data-total=credit] dd")).to.equal("$55.00");
    expect(textIn(el, "[data-outcome=paid-by-charge-and-credit] dd")).to.equal("2");
    expect(source.gateway.charges().map((c) => [c.accountId, c.amount])).to.deep.equal([
      ["fam-20", "15.00"],
      ["fam-200", "150.00"],
    ]);
    expect(await balances(source, "fam-20")).to.deep.equal({ due: "0.00", credit: "0.00", reserved: "0.00" });
    expect(await balances(source, "fam-200")).to.deep.equal({ due: "0.00", credit: "0.00", reserved: "0.00" });
    const event = await complete;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.summary.counts["paid-by-charge-and-credit"]).to.equal(2);
    // The progress bar is full and the outcome was announced; focus moved to the results.
    const bar = el.shadowRoot?.querySelector("progress") as HTMLProgressElement;
    expect([bar.value, bar.max]).to.deep.equal([2, 2]);
    expect(textIn(el, "[role=status].announcement")).to.equal("Done: 2 invoices, 2 paid, 0 left unpaid.");
    expect(el.shadowRoot?.activeElement?.id).to.equal("results-title");
  });

  it("gateway declines: each invoice stays wholly unpaid and the credit unchanged", async () => {
    const source = await familiesSource(both);
    await source.gateway.script("fam-20", ["decline"]);
    await source.gateway.script("fam-200", ["decline"]);
    const el = await mount(source);
    await run(el);
    expect(rowsOf(el, "result-row").map((r) => r.slice(2))).to.deep.equal([
      ["Declined: left unpaid Card declined (simulated).", "$20.00", "$0.00", "$0.00"],
      ["Declined: left unpaid Card declined (simulated).", "$200.00", "$0.00", "$0.00"],
    ]);
    expect(textIn(el, "[data-outcome=declined] dd")).to.equal("2");
    expect(textIn(el, "[data-total=charged] dd")).to.equal("$0.00");
    expect(source.gateway.charges()).to.have.length(0);
    expect(await balances(source, "fam-20")).to.deep.equal({ due: "20.00", credit: "5.00", reserved: "0.00" });
    expect(await balances(source, "fam-200")).to.deep.equal({ due: "200.00", credit: "50.00", reserved: "0.00" });
    expect((await source.listEntries()).filter((e) => e.type === "Payment" || e.type === "Payment (AC)")).to.have.length(0);
    expect(textIn(el, "[role=status].announcement")).to.equal("Done: 2 invoices, 0 paid, 2 left unpaid.");
    // The accounts now: what a re-run would do, with why the last run left them unpaid.
    await waitUntil(() => rowsOf(el, "preview-row").length === 2, "the preview shows the accounts now");
    expect(rowsOf(el, "preview-row").map((r) => r[5])).to.deep.equal([
      "Card and credit; declined in the last run: Card declined (simulated)",
      "Card and credit; declined in the last run: Card declined (simulated)",
    ]);
  });

  it("one declined, one paid: one failure does not stop the other", async () => {
    const source = await familiesSource(both);
    await source.gateway.script("fam-200", ["decline"]);
    const el = await mount(source);
    await run(el);
    expect(rowsOf(el, "result-row").map((r) => r[2])).to.deep.equal([
      "Paid by card and credit",
      "Declined: left unpaid Card declined (simulated).",
    ]);
    expect(await balances(source, "fam-200")).to.deep.equal({ due: "200.00", credit: "50.00", reserved: "0.00" });
  });

  it("a time-out shows as unresolved: not paid, credit held", async () => {
    const source = await familiesSource(both);
    await source.gateway.script("fam-20", ["timeout-no-charge", "timeout-no-charge"]);
    const el = await mount(source);
    await run(el);
    const [rivera] = rowsOf(el, "result-row");
    expect(rivera?.[2]).to.match(/^Unresolved: not paid, credit held/);
    expect(rivera?.slice(4)).to.deep.equal(["$0.00", "$0.00"]);
    expect(textIn(el, "[data-outcome=unresolved] dd")).to.equal("1");
    expect(await balances(source, "fam-20")).to.deep.equal({ due: "20.00", credit: "5.00", reserved: "5.00" });
    expect(textIn(el, "[role=status].announcement")).to.equal("Done: 2 invoices, 1 paid, 0 left unpaid, 1 unresolved.");
    // The preview now says the invoice awaits the unresolved charge; a re-run reconciles it (the gateway answers this time).
    await waitUntil(
      () => rowsOf(el, "preview-row")[0]?.[5] === "Nothing due; 1 invoice awaiting an unresolved charge",
      "the preview shows the invoice held by the unresolved charge",
    );
    await run(el);
    expect(rowsOf(el, "result-row").map((r) => r[2])).to.deep.equal(["Paid by card and credit", "Already settled: nothing charged"]);
    expect(await balances(source, "fam-20")).to.deep.equal({ due: "0.00", credit: "0.00", reserved: "0.00" });
  });

  it("a re-run charges nothing twice", async () => {
    const source = await familiesSource(both);
    const el = await mount(source);
    await run(el);
    const charges = source.gateway.charges().length;
    expect(charges).to.equal(2);
    expect(button(el, "Run again")).to.exist;
    await run(el);
    expect(rowsOf(el, "result-row").map((r) => r[2])).to.deep.equal([
      "Already settled: nothing charged",
      "Already settled: nothing charged",
    ]);
    expect(source.gateway.charges()).to.have.length(charges);
    expect(textIn(el, "[data-total=charged] dd")).to.equal("$0.00");
  });

  it("a re-run after a decline tries the declined invoice again and leaves the paid one alone", async () => {
    const source = await familiesSource(both);
    await source.gateway.script("fam-20", ["decline"]);
    const el = await mount(source);
    await run(el);
    await run(el);
    expect(rowsOf(el, "result-row").map((r) => r[2])).to.deep.equal(["Paid by card and credit", "Already settled: nothing charged"]);
    expect(source.gateway.charges().map((c) => c.amount)).to.deep.equal(["150.00", "15.00"]);
  });

  it("with Apply Account Credit off, the whole due is charged and the credit kept", async () => {
    const source = await familiesSource([RIVERA]);
    const el = await mount(source);
    applyCreditBox(el).click();
    await waitUntil(() => rowsOf(el, "preview-row")[0]?.[5] === "Card only", "the preview follows the option");
    await run(el);
    expect(rowsOf(el, "result-row")[0]?.slice(2)).to.deep.equal(["Paid by card", "$20.00", "$0.00", "$20.00"]);
    expect(await balances(source, "fam-20")).to.deep.equal({ due: "0.00", credit: "5.00", reserved: "0.00" });
  });

  it("saves the results as a CSV file, names as text and formulas neutralised", async () => {
    const hostile = '=HYPERLINK("http://x")<img src=x onerror=alert(1)>';
    const source = await familiesSource([{ ...RIVERA, name: hostile }]);
    const el = await mount(source);
    await run(el);
    expect(rowsOf(el, "result-row")[0]?.[0]).to.equal(hostile);
    expect(el.shadowRoot?.querySelector("img")).to.equal(null);
    const file = await captureDownload(() => button(el, "Save to CSV").click());
    expect(file.name).to.equal("batch-dues-2026-12.csv");
    const lines = file.text.trim().split("\r\n");
    expect(lines[0]).to.equal("Account,Account ID,Invoice,Outcome,Amount Due,Credit used,Charged to card,Charge ID,Message");
    expect(lines[1]).to.equal(
      `"'=HYPERLINK(""http://x"")<img src=x onerror=alert(1)>",fam-20,fam-20:tuition-nov,Paid by card and credit,20.00,5.00,15.00,${source.gateway.charges()[0]?.chargeId},`,
    );
  });

  it("keyboard: Enter on Run, then on Charge, moves focus to Cancel while it runs, then to the results heading", async () => {
    const { source, open } = gated(await familiesSource(both));
    const el = await mount(source);
    button(el, "Run batch").focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot?.activeElement?.id === "confirm-cancel", "the confirmation opens on Cancel");
    await sendKeys({ press: "Shift+Tab" });
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Charge $165.00");
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot?.activeElement === el.shadowRoot?.querySelector("[part~=cancel]"), "focus is on Cancel");
    expect(el.status).to.equal("running");
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Cancel");
    expect(button(el, "Running…").disabled).to.equal(true);
    open();
    await waitUntil(() => el.status === "done", "the batch has run");
    await waitUntil(() => el.shadowRoot?.activeElement?.id === "results-title", "focus is on the results heading");
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Results");
  });

  it("keyboard: Enter on Cancel stops the run and puts focus on the cancelled results", async () => {
    const { source, open } = gated(await familiesSource(both));
    const el = await mount(source);
    button(el, "Run batch").focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot?.activeElement?.id === "confirm-cancel", "the confirmation opens on Cancel");
    await sendKeys({ press: "Shift+Tab" });
    await sendKeys({ press: "Enter" });
    await waitUntil(() => el.shadowRoot?.activeElement?.getAttribute("part") === "cancel", "focus is on Cancel");
    await sendKeys({ press: "Enter" });
    open();
    await waitUntil(() => el.status === "done", "the batch has stopped");
    await waitUntil(() => el.shadowRoot?.activeElement?.id === "results-title", "focus is on the results heading");
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Results (cancelled)");
  });

  it("names card charges one way: to charge (preview), charged (results), to card per row and to cards in total", async () => {
    const el = await mount(await familiesSource(both));
    expect(figureLabels(el, ".preview .figures")).to.deep.equal(["Amount Due", "Credit to use", "To charge to cards"]);
    expect(headersOf(el, ".preview")).to.include("To charge to card");
    await run(el);
    expect(figureLabels(el, ".results .figures").slice(-2)).to.deep.equal(["Charged to cards", "Credit used"]);
    expect(headersOf(el, ".results")).to.deep.equal(["Account", "Invoice", "Outcome", "Amount Due", "Credit used", "Charged to card"]);
    expect(button(el, "Save to CSV")).to.exist;
  });

  it("a cancelled ck-batch-start runs nothing", async () => {
    const source = await familiesSource(both);
    const el = await mount(source);
    el.addEventListener("ck-batch-start", (e) => e.preventDefault(), { once: true });
    button(el, "Run batch").click();
    await confirmBatch(el);
    expect(el.status).to.equal("idle");
    expect(source.gateway.attempts()).to.equal(0);
  });
});

import type { CkMembersReport, MemberActionEvent } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { button, captureDownload, type Family, familiesSource, rowsOf, textIn, waitForRows } from "./report-helpers.js";

/** Due only, credit only, both, neither. */
const FAMILIES: readonly Family[] = [
  { id: "a", name: "Abara family", fees: [["f", "20.00", "Tuition"]] },
  { id: "b", name: "Brandt family", credit: "5.00" },
  { id: "c", name: "Castillo family", fees: [["f", "200.00", "Dues"]], credit: "50.00" },
  { id: "d", name: "Dube family" },
];

async function mount(source: StoreDataSource, rows = FAMILIES.length): Promise<CkMembersReport> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US"><ck-members-report></ck-members-report></ck-provider>
  `);
  const el = wrapper.querySelector("ck-members-report") as CkMembersReport;
  await waitUntil(() => el.rows.length === rows, "the accounts show");
  if (rows < 150) await waitForRows(el, "member-row", rows);
  await el.updateComplete;
  return el;
}

const names = (el: CkMembersReport) => rowsOf(el, "member-row").map((r) => r[0]);

function checkbox(el: CkMembersReport, label: string): HTMLInputElement {
  const found = [...(el.shadowRoot?.querySelectorAll("label.check") ?? [])].find(
    (l) => l.textContent?.replace(/\s+/g, " ").trim() === label,
  );
  const input = found?.querySelector("input");
  if (!input) throw new Error(`No checkbox ${label}`);
  return input;
}

async function tick(el: CkMembersReport, label: string): Promise<void> {
  checkbox(el, label).click();
  await el.updateComplete;
}

function header(el: CkMembersReport, label: string): HTMLElement {
  const found = [...(el.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].find(
    (h) => h.querySelector("button")?.textContent?.replace(/[▲▼↕]/g, "").trim() === label,
  );
  if (!found) throw new Error(`No column ${label}`);
  return found as HTMLElement;
}

/**
 * The row window watches its scroller with a ResizeObserver; when a measurement
 * changes the layout in the same frame the browser reports the benign
 * "ResizeObserver loop completed with undelivered notifications", which
 * mocha would take for a failure.
 */
let mochaOnError: OnErrorEventHandler = null;
before(() => {
  mochaOnError = window.onerror;
  window.onerror = (message, ...rest) =>
    String(message).includes("ResizeObserver loop") ? true : (mochaOnError?.(message, ...rest) ?? false);
});
after(() => {
  window.onerror = mochaOnError;
});

describe("<ck-members-report>", () => {
  it("is accessible", async () => {
    const el = await mount(await familiesSource(FAMILIES));
    await expect(el).to.be.accessible();
  });

  it("lists every account with its balances coloured by <ck-balance>", async () => {
    const el = await mount(await familiesSource(FAMILIES));
    expect(rowsOf(el, "member-row")).to.deep.equal([
      ["Abara family", "$20.00 / $0.00", "Take payment"],
      ["Brandt family", "$0.00 / $5.00", "Take payment"],
      ["Castillo family", "$200.00 / $50.00", "Take payment"],
      ["Dube family", "$0.00 / $0.00", "Take payment"],
    ]);
    const castillo = el.shadowRoot?.querySelectorAll("ck-balance")[2];
    const states = [...(castillo?.shadowRoot?.querySelectorAll("[data-state]") ?? [])].map((f) => (f as HTMLElement).dataset.state);
    expect(states).to.deep.equal(["owed", "available"]);
    expect(textIn(el, ".count")).to.equal("Showing 4 of 4 accounts");
    expect(rowsOf(el, "totals")[0]).to.deep.equal(["Total: 4 accounts", "$220.00 $55.00", ""]);
  });

  it("filters by Amount Due > 0, Account Credit > 0, either or both", async () => {
    const el = await mount(await familiesSource(FAMILIES));
    const either = checkbox(el, "Either");
    expect(either.disabled).to.equal(true);
    await tick(el, "Amount Due > 0");
    expect(names(el)).to.deep.equal(["Abara family", "Castillo family"]);
    await tick(el, "Account Credit > 0");
    expect(either.disabled).to.equal(false);
    expect(names(el)).to.deep.equal(["Abara family", "Brandt family", "Castillo family"]);
    await tick(el, "Both");
    expect(names(el)).to.deep.equal(["Castillo family"]);
    await tick(el, "Amount Due > 0");
    expect(names(el)).to.deep.equal(["Brandt family", "Castillo family"]);
    expect(textIn(el, ".count")).to.equal("Showing 2 of 4 accounts");
    await tick(el, "Account Credit > 0");
    expect(names(el)).to.have.length(4);
  });

  it("sorts with header buttons (mouse and keyboard) and says so with aria-sort", async () => {
    const el = await mount(await familiesSource(FAMILIES));
    expect(header(el, "Name").getAttribute("aria-sort")).to.equal("ascending");
    expect(header(el, "Amount Due").getAttribute("aria-sort")).to.equal("none");
    header(el, "Amount Due").querySelector("button")?.click();
    await el.updateComplete;
    expect(header(el, "Amount Due").getAttribute("aria-sort")).to.equal("descending");
    expect(header(el, "Name").getAttribute("aria-sort")).to.equal("none");
    expect(names(el)).to.deep.equal(["Castillo family", "Abara family", "Brandt family", "Dube family"]);
    header(el, "Amount Due").querySelector("button")?.focus();
    await sendKeys({ press: "Enter" });
    await el.updateComplete;
    expect(header(el, "Amount Due").getAttribute("aria-sort")).to.equal("ascending");
    expect(names(el)).to.deep.equal(["Brandt family", "Dube family", "Abara family", "Castillo family"]);
    header(el, "Account Credit").querySelector("button")?.focus();
    await sendKeys({ press: "Space" });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(["Castillo family", "Brandt family", "Abara family", "Dube family"]);
  });

  it("a row's Take payment fires ck-member-action for the host's pay window", async () => {
    const el = await mount(await familiesSource(FAMILIES));
    setTimeout(() => button(el, "Take payment: Castillo family").click());
    const event = (await oneEvent(el, "ck-member-action")) as MemberActionEvent;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({
      action: "pay",
      accountId: "c",
      name: "Castillo family",
      amountDue: "200.00",
      accountCredit: "50.00",
    });
  });

  it("refreshes when a balance changes", async () => {
    const source = await familiesSource(FAMILIES);
    const el = await mount(source);
    await tick(el, "Account Credit > 0");
    await source.postCredits("extra", [
      {
        id: "extra#0",
        key: "extra",
        type: "Account Credit",
        accountId: "d",
        grantId: "g-extra",
        amount: "7.50",
        date: "2026-11-20",
        description: "Goodwill",
        creditType: "General",
        source: { kind: "manual" },
      },
    ]);
    await waitUntil(() => el.rows.length === 3, "Dube family now has credit");
    expect(names(el)).to.include("Dube family");
  });

  it("shows hostile names as text and neutralises them in the CSV", async () => {
    const hostile = '=cmd|"/c calc"!A1 <img src=x onerror=alert(1)>';
    const el = await mount(await familiesSource([{ id: "h", name: hostile, fees: [["f", "1.00", "x"]] }]), 1);
    expect(names(el)).to.deep.equal([hostile]);
    expect(el.shadowRoot?.querySelector("img")).to.equal(null);
    const file = await captureDownload(() => button(el, "Save to CSV").click());
    expect(file.name).to.equal("members-report.csv");
    expect(file.text.trim().split("\r\n")).to.deep.equal([
      "Name,Account ID,Kind,Amount Due,Account Credit,Currency",
      `"'=cmd|""/c calc""!A1 <img src=x onerror=alert(1)>",h,family,1.00,0.00,USD`,
    ]);
  });

  it("windows a long list: 2,000 accounts keep a few rows in the page and stay accessible", async () => {
    const many: Family[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `m${i}`,
      name: `Family ${String(i).padStart(4, "0")}`,
      ...(i % 3 === 0 ? { credit: "5.00" } : {}),
    }));
    const el = await mount(await familiesSource(many), 2000);
    await waitUntil(() => (el.shadowRoot?.querySelectorAll("[part~=member-row]").length ?? 0) > 0, "some rows render");
    const rendered = el.shadowRoot?.querySelectorAll("[part~=member-row]").length ?? 0;
    expect(rendered).to.be.below(200);
    expect(el.shadowRoot?.querySelector("[role=table]")?.getAttribute("aria-rowcount")).to.equal("2002");
    expect(names(el)[0]).to.equal("Family 0000");
    await expect(el).to.be.accessible();
    // Scrolled to the end (as the keyboard's End key does), the last rows are there, with their row numbers.
    const table = el.shadowRoot?.querySelector("[role=table]") as HTMLElement;
    table.scrollTop = table.scrollHeight;
    await waitUntil(() => names(el).at(-1) === "Family 1999", "the last rows render");
    const last = [...(el.shadowRoot?.querySelectorAll("[part~=member-row]") ?? [])].at(-1);
    expect(last?.getAttribute("aria-rowindex")).to.equal("2001");
    expect(el.shadowRoot?.querySelectorAll("[part~=member-row]").length).to.be.below(200);
  });
});

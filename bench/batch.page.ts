/**
 * The page `npm run bench:batch` and bench/batch.screenshots.mjs open (served
 * by Vite from the sources). `?view=<name>` renders one screen on generated
 * data for a screenshot; otherwise `window.benchBatch(n)` runs a batch of n
 * invoices through `<ck-batch-collect>` against the stored simulated gateway
 * at 0 ms latency, watching the main thread for long tasks.
 */
import type { CreditKitDataSource, FeeEntry, GrantEntry, KeyedEntries, LedgerEntry } from "@creditkit/core";
import "@creditkit/elements";
import type { CkBatchCollect, CkTransactions } from "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import { html, render } from "lit";
import { journalSource } from "./batch.journal-source.js";
import { watchLongTasks } from "./main-thread-watch.js";

const stage = document.getElementById("stage") as HTMLElement;
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const wait = async (test: () => boolean, what: string, timeout = 120_000) => {
  const start = performance.now();
  while (!test()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** n accounts with one fee each (20.00 or 200.00): a third covered by credit, a third with 5.00 of credit, a third with none. */
function batchData(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `A${i + 1}`);
  const accounts = ids.map((id, i) => ({ id, name: `Family ${i + 1}`, kind: "family" as const }));
  const items: { key: string; entries: LedgerEntry[] }[] = [];
  for (const [i, id] of ids.entries()) {
    const fee: FeeEntry = {
      id: `fee/${id}#0`,
      key: `fee/${id}`,
      type: "Fee",
      accountId: id,
      feeId: `dues-${id}`,
      amount: i % 2 === 0 ? "20.00" : "200.00",
      date: "2026-11-01",
      dueDate: "2026-12-01",
      category: "Dues",
      description: "Membership dues, December",
    };
    items.push({ key: fee.key, entries: [fee] });
    if (i % 3 !== 2) {
      const amount = i % 3 === 0 ? "250.00" : "5.00";
      const grant: GrantEntry = {
        id: `credit/${id}#0`,
        key: `credit/${id}`,
        type: "Account Credit",
        accountId: id,
        grantId: `g-${id}`,
        amount,
        date: "2026-10-20",
        description: "Pool closure credit",
        creditType: "Weather closure",
        source: { kind: "manual" },
      };
      items.push({ key: grant.key, entries: [grant as LedgerEntry] });
    }
  }
  return { accounts, items };
}

/** The batch's accounts in the embedded memory store; every account has a card on its stored gateway. */
async function storeSource(n: number): Promise<StoreDataSource> {
  const { accounts, items } = batchData(n);
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts(accounts);
  for (let at = 0; at < items.length; at += 2000) await source.commitChunk(items.slice(at, at + 2000) as KeyedEntries[]);
  await source.gateway.addCards(accounts.map((a) => a.id));
  return source;
}

async function mountBatch(source: CreditKitDataSource, batchId: string): Promise<CkBatchCollect> {
  render(
    html`<ck-provider .dataSource=${source} locale="en-US"><ck-batch-collect batch-id=${batchId} date="2026-12-01"></ck-batch-collect></ck-provider>`,
    stage,
  );
  const el = stage.querySelector("ck-batch-collect") as CkBatchCollect;
  return el;
}

async function timedRun(el: CkBatchCollect, label: string) {
  await frame();
  await new Promise((r) => setTimeout(r, 50)); // start watching in a fresh task
  const watch = watchLongTasks();
  const start = performance.now();
  const done = new Promise((resolve) => el.addEventListener("ck-batch-complete", resolve, { once: true }));
  const button = el.shadowRoot?.querySelector<HTMLButtonElement>("[part~=run]");
  button?.click();
  // Run asks first: press the confirmation's charge button.
  await el.updateComplete;
  el.shadowRoot?.querySelector<HTMLButtonElement>("#confirm-run")?.click();
  await done;
  const settled = performance.now() - start;
  await el.updateComplete;
  await frame();
  await frame();
  const shown = performance.now() - start;
  await new Promise((r) => setTimeout(r, 100));
  const tasks = watch.stop();
  return { label, settled, shown, ...tasks, counts: el.lastResult?.summary.counts, charged: el.lastResult?.summary.charged };
}

/**
 * Runs n invoices through the element twice (the second run is a re-run:
 * nothing is charged), over the core's journal (`journal`) or the embedded
 * memory store and its stored gateway (`store`).
 */
async function benchBatch(n: number, over: "journal" | "store") {
  let source: CreditKitDataSource;
  let charges: () => number;
  if (over === "store") {
    const store = await storeSource(n);
    source = store;
    charges = () => store.gateway.charges().length;
  } else {
    const { accounts, items } = batchData(n);
    ({ source, charges } = journalSource(accounts, items));
  }
  await new Promise((r) => setTimeout(r, 50)); // start watching in a fresh task, after the set-up
  const watchLoad = watchLongTasks();
  const loadStart = performance.now();
  const el = await mountBatch(source, "bench");
  await wait(() => (el.shadowRoot?.querySelectorAll("[part~=preview-row]").length ?? 0) > 0, "the preview");
  const load = { ms: performance.now() - loadStart, ...watchLoad.stop() };
  const first = await timedRun(el, "run");
  const charged = charges();
  const again = await timedRun(el, "re-run");
  render(html``, stage);
  return { n, over, load, runs: [first, again], charges: charged, chargesAfterRerun: charges() };
}

async function seeded(families: number): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed: 7, families });
  return source;
}

async function view(name: string): Promise<void> {
  const source = await seeded(name.startsWith("members-many") ? 5000 : 60);
  if (name.startsWith("batch")) {
    const el = await mountBatch(source, "dues-2026-12");
    await wait(() => (el.shadowRoot?.querySelectorAll("[part~=preview-row]").length ?? 0) > 0, "the preview");
    const ids = (await source.listAccounts()).map((a) => a.id);
    await source.gateway.script(ids[1] as string, ["decline"]);
    await source.gateway.script(ids[3] as string, ["timeout-no-charge", "timeout-no-charge"]);
    if (name === "batch-done") {
      await el.run();
      await el.updateComplete;
      window.scrollTo(0, 0);
    }
  } else if (name.startsWith("transactions")) {
    // Some Payment (AC) lines first: a batch with credit applied.
    const ids = (await source.listAccounts()).map((a) => a.id);
    render(
      html`<ck-provider .dataSource=${source} locale="en-US"><ck-batch-collect batch-id="nov"></ck-batch-collect></ck-provider>`,
      stage,
    );
    const batch = stage.querySelector("ck-batch-collect") as CkBatchCollect;
    await wait(() => batch.pendingInvoices.length > 0, "the invoices");
    await batch.run();
    void ids;
    render(html`<ck-provider .dataSource=${source} locale="en-US"><ck-transactions></ck-transactions></ck-provider>`, stage);
    const el = stage.querySelector("ck-transactions") as CkTransactions;
    await wait(() => el.lines.length > 0, "the lines");
    if (name === "transactions-ac") {
      el.paymentType = "account-credit";
      await el.updateComplete;
      el.shadowRoot?.querySelector<HTMLButtonElement>("button[aria-expanded]")?.click();
    }
  } else {
    render(
      html`<ck-provider .dataSource=${source} locale="en-US"><ck-members-report has-amount-due has-credit></ck-members-report></ck-provider>`,
      stage,
    );
    const el = stage.querySelector("ck-members-report");
    await wait(() => (el?.shadowRoot?.querySelectorAll("[part~=member-row]").length ?? 0) > 0, "the rows");
    if (name === "members-sorted" && el) {
      el.sortBy = "amountDue";
      el.sortDirection = "desc";
    }
  }
  await frame();
  await frame();
  await new Promise((r) => setTimeout(r, 300));
}

/** The same batch over the journal source without the element: one `settleBatch` call (the floor the element is compared with). */
async function benchCore(n: number, parts: number) {
  const { accounts, items } = batchData(n);
  const { source } = journalSource(accounts, items);
  const invoices = accounts.map((a) => ({ invoiceId: a.id, accountId: a.id, feeIds: [`dues-${a.id}`] }));
  await new Promise((r) => setTimeout(r, 50));
  const watch = watchLongTasks();
  const start = performance.now();
  const size = Math.ceil(n / parts);
  for (let at = 0; at < n; at += size) {
    await source.settleBatch({
      batchId: "core",
      invoices: invoices.slice(at, at + size),
      applyCredit: true,
      date: "2026-12-01",
      concurrency: 4,
    });
  }
  const ms = performance.now() - start;
  await new Promise((r) => setTimeout(r, 50));
  return { n, parts, ms, ...watch.stop() };
}

declare global {
  interface Window {
    benchBatch: typeof benchBatch;
    benchCore: typeof benchCore;
    viewReady?: boolean;
  }
}

window.benchBatch = benchBatch;
window.benchCore = benchCore;
const requested = new URLSearchParams(location.search).get("view");
if (requested) {
  view(requested).then(
    () => {
      window.viewReady = true;
    },
    (error) => console.error(error),
  );
}

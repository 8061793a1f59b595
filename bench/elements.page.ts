/**
 * The page `npm run bench:elements` and the screenshot script open (served by
 * Vite from the sources). `?view=<name>` renders one screen for a screenshot;
 * otherwise `window.benchElements()` times the pay window.
 */
import type { LedgerEntry, NewCharge, OrgSettings } from "@creditkit/core";
import "@creditkit/elements";
import type { CkPayWindow } from "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";

const ACCOUNT = "fam-1";
const stage = document.getElementById("stage") as HTMLElement;

async function source(
  name: string,
  fees: readonly (readonly [string, string, string])[],
  credit: string,
  settings: Partial<OrgSettings> = {},
) {
  const s = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false, ...settings } });
  await s.openAccounts([{ id: ACCOUNT, name, kind: "family" }]);
  const items = fees.map(([description, amount, dueDate], i) => {
    const key = `fee/${i}`;
    const entry: LedgerEntry = {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: ACCOUNT,
      feeId: `fee-${i}`,
      amount,
      date: "2026-10-01",
      dueDate,
      category: "Tuition",
      description,
    };
    return { key, entries: [entry] };
  });
  if (items.length > 0) await s.commitChunk(items);
  if (credit !== "0.00") {
    await s.commit("credit", [
      {
        id: "credit#0",
        key: "credit",
        type: "Account Credit",
        accountId: ACCOUNT,
        grantId: "g1",
        amount: credit,
        date: "2026-09-20",
        description: "Pool closure credit",
        creditType: "Weather closure",
        source: { kind: "manual" },
      },
    ]);
  }
  return s;
}

const BUSY = [
  ["October swim lessons", "85.00", "2026-10-01"],
  ["November swim lessons", "85.00", "2026-11-01"],
  ["Winter camp deposit", "40.00", "2026-11-15"],
] as const;
const RACKET: NewCharge = { itemId: "restring", category: "Pro shop", description: "Racket restring", amount: "12.00" };

async function mount(s: StoreDataSource, channel: string, charges: readonly NewCharge[] = []): Promise<CkPayWindow> {
  const provider = document.createElement("ck-provider");
  provider.dataSource = s;
  provider.locale = "en-US";
  const pw = document.createElement("ck-pay-window");
  pw.channel = channel as CkPayWindow["channel"];
  pw.accountId = ACCOUNT;
  pw.date = "2026-11-20";
  pw.charges = charges;
  provider.append(pw);
  stage.replaceChildren(provider);
  await until(() => pw.shadowRoot?.querySelector("[part~=fees]"));
  await pw.updateComplete;
  return pw;
}

async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (;;) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const $ = <T extends Element>(pw: Element, selector: string) => pw.shadowRoot?.querySelector(selector) as T;

async function type(pw: CkPayWindow, selector: string, text: string) {
  const input = $<HTMLInputElement>(pw, selector);
  input.value = text;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
  await pw.updateComplete;
}

async function switchOff(pw: CkPayWindow) {
  const toggle = $<HTMLElement>(pw, "ck-credit-toggle");
  $<HTMLButtonElement>(toggle, "[role=switch]").click();
  await pw.updateComplete;
}

/** The screens the screenshot script takes. */
const VIEWS: Record<string, () => Promise<unknown>> = {
  admin: async () => mount(await source("Nguyen family", BUSY, "25.00"), "admin"),
  "admin-error": async () => {
    const pw = await mount(await source("Nguyen family", BUSY, "25.00"), "admin");
    await type(pw, "#tender-0", "12.345");
  },
  pos: async () => {
    const pw = await mount(await source("Rivera family", [["November tuition", "20.00", "2026-11-15"]], "5.00"), "pos");
    await type(pw, "#tender-0", "10.00");
    $<HTMLButtonElement>(pw, "button.add").click();
    await pw.updateComplete;
    await type(pw, "#tender-1", "10.00");
  },
  "pos-warning": async () => {
    const pw = await mount(await source("Silva family", [], "5.00", { autoApply: true }), "pos", [RACKET]);
    await switchOff(pw);
    $<HTMLInputElement>(pw, "#charge-to-account").click();
    await pw.updateComplete;
  },
  portal: async () => mount(await source("Okafor family", [["Membership dues, December", "200.00", "2026-12-01"]], "50.00"), "portal"),
  "portal-phone": async () => mount(await source("Nguyen family", BUSY, "25.00"), "portal"),
  done: async () => {
    const pw = await mount(await source("Rivera family", [["November tuition", "20.00", "2026-11-15"]], "5.00"), "pos");
    $<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await until(() => pw.status === "done");
    await pw.updateComplete;
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median first render (to a laid-out window with 50 fees) and median re-plan after one keystroke, in ms. */
async function benchElements(fees = 50, runs = 40, keystrokes = 200) {
  const list = Array.from(
    { length: fees },
    (_, i) => [`Fee ${i + 1}`, `${10 + (i % 7)}.50`, `2026-${String(1 + (i % 12)).padStart(2, "0")}-15`] as const,
  );
  const s = await source("Bench family", list, "100.00");
  const snapshot = await s.getAccount(ACCOUNT);
  const controlled: number[] = [];
  const provided: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    const pw = document.createElement("ck-pay-window");
    pw.channel = "pos";
    pw.locale = "en-US";
    pw.date = "2026-11-20";
    pw.snapshot = snapshot;
    stage.replaceChildren(pw);
    await pw.updateComplete;
    pw.getBoundingClientRect();
    if (i >= 5) controlled.push(performance.now() - t0);
  }
  for (let i = 0; i < Math.min(runs, 20) + 3; i++) {
    const t0 = performance.now();
    const pw = await mount(s, "pos");
    pw.getBoundingClientRect();
    if (i >= 3) provided.push(performance.now() - t0);
  }
  const pw = await mount(s, "pos");
  const input = $<HTMLInputElement>(pw, "#tender-0");
  const times: number[] = [];
  for (let i = 0; i < keystrokes + 20; i++) {
    const t0 = performance.now();
    input.value = `${100 + (i % 50)}.${i % 10}0`;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await pw.updateComplete;
    pw.getBoundingClientRect();
    if (i >= 20) times.push(performance.now() - t0);
  }
  stage.replaceChildren();
  return {
    fees,
    firstRenderControlled: median(controlled),
    firstRenderWithDataSource: median(provided),
    keystroke: median(times),
    runs,
    keystrokes,
  };
}

declare global {
  interface Window {
    benchElements: typeof benchElements;
    viewReady?: boolean;
  }
}
window.benchElements = benchElements;

const view = new URLSearchParams(location.search).get("view");
if (view) {
  const render = VIEWS[view];
  if (render) void render().then(() => (window.viewReady = true));
}

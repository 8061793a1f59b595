/** Builders shared by the element tests: a small account in a memory data source, a mounted pay window, and what a person sees. */
import type { Channel, LedgerEntry, NewCharge, OrgSettings } from "@creditkit/core";
import type { CkPayWindow } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { fixture, html, waitUntil } from "@open-wc/testing";

export const ACCOUNT = "fam-1";
export const DATE = "2026-11-20";

export interface FeeSpec {
  readonly id: string;
  readonly amount: string;
  readonly description?: string;
  readonly dueDate?: string;
}

export interface AccountSpec {
  readonly name?: string;
  readonly fees?: readonly FeeSpec[];
  /** Account credit granted (after the fees). */
  readonly credit?: string;
  readonly settings?: Partial<OrgSettings>;
}

/** A memory data source with one family account holding the given fees and credit. */
export async function accountSource(spec: AccountSpec = {}): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false, ...spec.settings } });
  await source.openAccounts([{ id: ACCOUNT, name: spec.name ?? "Rivera family", kind: "family" }]);
  for (const f of spec.fees ?? []) {
    const key = `fee/${f.id}`;
    const entry: LedgerEntry = {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: ACCOUNT,
      feeId: f.id,
      amount: f.amount,
      date: "2026-11-01",
      dueDate: f.dueDate ?? "2026-11-15",
      category: "Tuition",
      description: f.description ?? `Fee ${f.id}`,
    };
    await source.commit(key, [entry]);
  }
  if (spec.credit) {
    const key = "credit/1";
    await source.commit(key, [
      {
        id: `${key}#0`,
        key,
        type: "Account Credit",
        accountId: ACCOUNT,
        grantId: "grant-1",
        amount: spec.credit,
        date: "2026-10-20",
        description: "Pool closure credit",
        creditType: "Weather closure",
        source: { kind: "manual" },
      },
    ]);
  }
  return source;
}

/**
 * Mounts a pay window for the account inside a provider and waits until its fees show. At the point of sale a sale
 * holds only what the admin puts in it: unless `pick` is false, every unpaid fee is ticked into the sale, by click.
 */
export async function mountPayWindow(
  source: StoreDataSource | undefined,
  channel: Channel,
  options: { charges?: readonly NewCharge[]; locale?: string; pick?: boolean } = {},
): Promise<CkPayWindow> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale=${options.locale ?? "en-US"}>
      <ck-pay-window channel=${channel} account-id=${ACCOUNT} date=${DATE} .charges=${options.charges ?? []}></ck-pay-window>
    </ck-provider>
  `);
  const pw = wrapper.querySelector("ck-pay-window") as CkPayWindow;
  await waitUntil(() => pw.shadowRoot?.querySelector("[part~=fees], [part~=nothing-owed]"), "the pay window shows the fees");
  await pw.updateComplete;
  if (channel === "pos" && options.pick !== false) {
    for (const box of pw.shadowRoot?.querySelectorAll<HTMLInputElement>("[part~=fee] input[type=checkbox]:not(:checked)") ?? []) {
      box.click();
      await pw.updateComplete;
    }
  }
  return pw;
}

/** The first element in the pay window's shadow root matching `selector`. */
export function q<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

/** The text a person reads for a labelled figure in the summary ("Applied Amount" → "$5.00"). */
export function figure(pw: Element, label: string): string {
  const row = pw.shadowRoot?.querySelector(`[part~=summary] [data-figure="${label}"] dd`);
  return (row?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Visible text of the shadow root (whitespace collapsed). */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The toggle's switch button inside the pay window. */
export function creditSwitch(pw: Element): HTMLButtonElement {
  const toggle = q(pw, "ck-credit-toggle");
  return q<HTMLButtonElement>(toggle, "[role=switch]");
}

/**
 * Replaces an input's text as typing (or pasting) does, then commits it as leaving the field does (`change`:
 * an amount's problem shows then), and waits for the element to re-render.
 */
export async function typeInto(pw: CkPayWindow, input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertText", data: text }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await pw.updateComplete;
}

/** Entries of one type in the data source. */
export async function entriesOf(source: StoreDataSource, type: LedgerEntry["type"]): Promise<LedgerEntry[]> {
  return (await source.listEntries()).filter((e) => e.type === type);
}

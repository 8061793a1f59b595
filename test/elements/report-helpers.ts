/** Builders for the batch and report element tests: accounts in a memory data source, rows as a person reads them, downloads. */
import type { LedgerEntry } from "@creditkit/core";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { waitUntil } from "@open-wc/testing";

export interface Family {
  readonly id: string;
  readonly name: string;
  /** [fee id, amount, description] of each unpaid fee. */
  readonly fees?: readonly (readonly [string, string, string])[];
  readonly credit?: string;
  readonly card?: boolean;
}

/** The help article's batch examples: 20.00 due with 5.00 of credit, and 200.00 of dues with 50.00 of credit; both with a card on file. */
export const RIVERA: Family = {
  id: "fam-20",
  name: "Rivera family",
  fees: [["tuition-nov", "20.00", "November tuition"]],
  credit: "5.00",
  card: true,
};
export const OKAFOR: Family = {
  id: "fam-200",
  name: "Okafor family",
  fees: [["dues-dec", "200.00", "Membership dues, December"]],
  credit: "50.00",
  card: true,
};

/** A memory data source (auto-apply off) holding the families. */
export async function familiesSource(families: readonly Family[]): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts(families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
  for (const family of families) {
    for (const [feeId, amount, description] of family.fees ?? []) {
      const key = `fee/${family.id}/${feeId}`;
      await source.commit(key, [
        {
          id: `${key}#0`,
          key,
          type: "Fee",
          accountId: family.id,
          feeId,
          amount,
          date: "2026-11-01",
          dueDate: "2026-11-15",
          category: "Tuition",
          description,
        } satisfies LedgerEntry,
      ]);
    }
    if (family.credit) {
      const key = `credit/${family.id}`;
      await source.commit(key, [
        {
          id: `${key}#0`,
          key,
          type: "Account Credit",
          accountId: family.id,
          grantId: `grant-${family.id}`,
          amount: family.credit,
          date: "2026-10-20",
          description: "Pool closure credit",
          creditType: "Weather closure",
          source: { kind: "manual" },
        } satisfies LedgerEntry,
      ]);
    }
  }
  await source.gateway.addCards(families.filter((f) => f.card).map((f) => f.id));
  return source;
}

function clean(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Each row of the elements' table whose rows carry `part`, as the cells' texts (for a `<ck-balance>`, its figures). */
export function rowsOf(el: Element, part: string): string[][] {
  const rows = [...(el.shadowRoot?.querySelectorAll(`[part~=${part}]`) ?? [])];
  return rows.map((row) =>
    [...row.querySelectorAll(":scope > [role=cell]")].map((c) => {
      const balance = c.querySelector("ck-balance");
      if (balance) return [...(balance.shadowRoot?.querySelectorAll("dd") ?? [])].map((d) => clean(d.textContent)).join(" / ");
      return clean((c as HTMLElement).innerText);
    }),
  );
}

/** Waits until the element shows `n` rows with `part`. */
export async function waitForRows(el: Element, part: string, n: number, what = `${n} ${part} rows`): Promise<void> {
  await waitUntil(() => (el.shadowRoot?.querySelectorAll(`[part~=${part}]`).length ?? -1) === n, `the element shows ${what}`);
}

/** The visible text of a shadow-root descendant. */
export function textIn(el: Element, selector: string): string {
  return clean(el.shadowRoot?.querySelector(selector)?.textContent);
}

/** The button in the element whose text (or accessible label) is `label`. */
export function button(el: Element, label: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll("button") ?? [])].find(
    (b) => clean(b.textContent) === label || b.getAttribute("aria-label") === label,
  );
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

/** Runs `action` with `<a download>` clicks caught: returns the file's name and text (read back from its Blob URL). */
export async function captureDownload(action: () => unknown): Promise<{ name: string; text: string }> {
  const original = HTMLAnchorElement.prototype.click;
  let caught: HTMLAnchorElement | undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    caught = this;
  };
  try {
    await action();
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  if (!caught) throw new Error("Nothing was downloaded");
  const text = await (await fetch(caught.href)).text();
  return { name: caught.download, text };
}

/** Waits for `<ck-batch-collect>`'s confirmation and presses its charge button, as a person does after Run. */
export async function confirmBatch(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await el.updateComplete;
  const dialog = el.shadowRoot?.querySelector<HTMLDialogElement>("dialog[part~=confirm-dialog]");
  await waitUntil(() => dialog?.open, "the confirmation opens");
  const charge = el.shadowRoot?.querySelector<HTMLButtonElement>("#confirm-run");
  if (!charge) throw new Error("No charge button in the confirmation");
  charge.click();
  await el.updateComplete;
}

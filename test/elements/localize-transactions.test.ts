/**
 * `<ck-transactions>` in Spanish and Arabic (issue #16): its headers, its
 * lines' types and dates (Intl, in the provider's locale), the Reverse
 * button's accessible name and the confirmation dialog, and right to left:
 * the first column sits at the right edge.
 */
import type { LedgerEntry } from "@creditkit/core";
import type { CkProvider, CkTransactions } from "@creditkit/elements";
import { setKitLocale } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { rowsOf } from "./report-helpers.js";

type Draft = Omit<LedgerEntry, "id" | "key"> & { key: string };

const LEDGER: readonly Draft[] = [
  {
    key: "k1",
    type: "Fee",
    accountId: "fam-1",
    feeId: "f1",
    amount: "40.00",
    date: "2026-11-01",
    dueDate: "2026-11-15",
    category: "Tuition",
    description: "November tuition",
  } as Draft,
  {
    key: "k2",
    type: "Preloaded Credit",
    accountId: "fam-1",
    grantId: "g1",
    amount: "10.00",
    date: "2026-11-02",
    description: "Preloaded credit",
    creditType: "General",
    source: { kind: "manual" },
  } as Draft,
  {
    key: "k3",
    type: "Payment (AC)",
    accountId: "fam-1",
    feeId: "f1",
    amount: "10.00",
    date: "2026-11-10",
    description: "Account credit applied",
    grants: [{ grantId: "g1", amount: "10.00" }],
  } as Draft,
  {
    key: "k4",
    type: "Payment",
    accountId: "fam-1",
    method: "card",
    amount: "30.00",
    date: "2026-11-12",
    description: "Card payment",
    allocations: [{ feeId: "f1", amount: "30.00" }],
  } as Draft,
];

async function ledgerSource(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
  for (const draft of LEDGER) await source.commit(draft.key, [{ ...draft, id: `${draft.key}#0` } as LedgerEntry]);
  return source;
}

const headersOf = (el: CkTransactions) =>
  [...(el.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].map((h) => h.textContent?.trim());
const dayIn = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
const reverseButton = (el: CkTransactions) => el.shadowRoot?.querySelector<HTMLButtonElement>("button[part~=reverse]") ?? null;

async function mount(locale: string, dir = ""): Promise<{ provider: CkProvider; el: CkTransactions }> {
  const source = await ledgerSource();
  const wrapper = await fixture<HTMLElement>(html`
    <div dir=${dir || "ltr"} style="width: 60rem">
      <ck-provider .dataSource=${source} locale=${locale}><ck-transactions allow-reverse></ck-transactions></ck-provider>
    </div>
  `);
  const provider = wrapper.querySelector("ck-provider") as CkProvider;
  const el = wrapper.querySelector("ck-transactions") as CkTransactions;
  await waitUntil(() => el.lines.length === LEDGER.length, "the ledger's lines show");
  return { provider, el };
}

describe("<ck-transactions> in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  it("speaks Spanish: headers, types, Intl dates, the Reverse button's name and its dialog", async () => {
    const { el } = await mount("es-MX");
    await waitUntil(() => headersOf(el)[0] === "Fecha", "Spanish headers");
    await expect(el).to.be.accessible();
    expect(headersOf(el)).to.deep.equal(["Fecha", "Cuenta", "Tipo", "Tipo de pago", "Descripción", "Acción", "Importe"]);
    expect(el.shadowRoot?.querySelector("h2")?.textContent).to.equal("Transacciones");
    const rows = rowsOf(el, "line");
    expect(rows[0]?.[0]).to.equal(dayIn("es-MX", "2026-11-01"));
    expect(rows[0]?.[0]).to.not.contain("2026-11-01");
    expect(rows.map((r) => r[2])).to.deep.equal(["Cargo", "Crédito precargado", "Pago (AC)", "Pago"]);
    expect(rows[3]?.[3]).to.equal("Tarjeta");

    const reverse = reverseButton(el) as HTMLButtonElement;
    expect(reverse.textContent?.trim()).to.equal("Revertir");
    expect(reverse.getAttribute("aria-label")).to.match(/^Revertir el pago \((Crédito en cuenta|Tarjeta)\) de /);
    expect(reverse.getAttribute("aria-label")).to.contain(dayIn("es-MX", "2026-11-10"));
    reverse.click();
    const dialog = el.shadowRoot?.querySelector("dialog") as HTMLDialogElement;
    await waitUntil(() => dialog.open, "the confirmation opens");
    expect(dialog.querySelector("h3")?.textContent).to.equal("¿Revertir este pago?");
    const buttons = [...dialog.querySelectorAll("button")].map((b) => b.textContent?.trim());
    expect(buttons).to.deep.equal(["Revertir pago", "Cancelar"]);
    dialog.close();
  });

  it("speaks Arabic: headers, types, Intl dates, the Reverse button's name and its dialog", async () => {
    const { el } = await mount("ar", "rtl");
    await waitUntil(() => headersOf(el)[0] === "التاريخ", "Arabic headers");
    await expect(el).to.be.accessible();
    expect(headersOf(el)).to.deep.equal(["التاريخ", "الحساب", "النوع", "نوع الدفع", "الوصف", "الإجراء", "المبلغ"]);
    const rows = rowsOf(el, "line");
    expect(rows[0]?.[0]).to.equal(dayIn("ar", "2026-11-01"));
    expect(rows.map((r) => r[2])).to.deep.equal(["رسوم", "رصيد مدفوع مسبقًا", "دفعة (AC)", "دفعة"]);
    const reverse = reverseButton(el) as HTMLButtonElement;
    expect(reverse.textContent?.trim()).to.equal("عكس");
    expect(reverse.getAttribute("aria-label")).to.match(/^عكس دفعة \(/);
    reverse.click();
    const dialog = el.shadowRoot?.querySelector("dialog") as HTMLDialogElement;
    await waitUntil(() => dialog.open, "the confirmation opens");
    expect(dialog.querySelector("h3")?.textContent).to.equal("هل تريد عكس هذه الدفعة؟");
    expect([...dialog.querySelectorAll("button")].map((b) => b.textContent?.trim())).to.deep.equal(["عكس الدفعة", "إلغاء الأمر"]);
    dialog.close();
  });

  it("switches back to English when the provider's locale changes", async () => {
    const { provider, el } = await mount("es");
    await waitUntil(() => headersOf(el)[0] === "Fecha", "Spanish headers");
    provider.locale = "en-US";
    await waitUntil(() => headersOf(el)[0] === "Date", "English headers");
    expect(rowsOf(el, "line")[0]?.[0]).to.equal("Nov 1, 2026");
    expect(rowsOf(el, "totals")[0]?.[0]).to.equal("4 lines");
  });

  it("right to left: the date column is at the right edge, the amount at the left, and the grants' bar on the right", async () => {
    const { el } = await mount("ar", "rtl");
    await waitUntil(() => headersOf(el)[0] === "التاريخ", "Arabic headers");
    const headers = [...(el.shadowRoot?.querySelectorAll<HTMLElement>("[role=columnheader]") ?? [])];
    const date = headers[0]?.getBoundingClientRect() as DOMRect;
    const amount = headers.at(-1)?.getBoundingClientRect() as DOMRect;
    const table = el.shadowRoot?.querySelector("[part~=table]")?.getBoundingClientRect() as DOMRect;
    expect(date.left, "the date column is right of the amount column").to.be.greaterThan(amount.left);
    expect(table.right - date.right, "the date column starts at the table's right edge").to.be.below(4);
    // The grants a Payment (AC) used: their bar is on the inline start, the right.
    const show = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>("button.link") ?? [])][0] as HTMLButtonElement;
    show.click();
    await el.updateComplete;
    const grants = getComputedStyle(el.shadowRoot?.querySelector(".grants") as HTMLElement);
    expect(grants.borderRightWidth).to.equal("3px");
    expect(grants.borderLeftWidth).to.equal("0px");
  });
});

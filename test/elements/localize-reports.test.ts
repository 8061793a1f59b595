/** The members report and the account search in Spanish and Arabic, right to left, and the kit's errors in Spanish. */
import { CreditKitError, type CreditKitErrorCode, ERROR_CODES, messageFor } from "@creditkit/core";
import type { CkAccountSearch, CkMembersReport } from "@creditkit/elements";
import { setKitLocale } from "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";

/** A language switch loads its module first: give it time on a busy machine. */
const SWITCH = { timeout: 5000 };

import { errorText } from "../../packages/elements/src/shared/error-text.js";
import { messageOf } from "../../packages/elements/src/shared/money-text.js";

/** Two families: one owes $20.00, one holds $5.00 of credit. */
async function snapshots() {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([
    { id: "fam-1", name: "Rivera family", kind: "family" },
    { id: "fam-2", name: "Okafor family", kind: "family" },
  ]);
  await source.commit("fee/a", [
    {
      id: "fee/a#0",
      key: "fee/a",
      type: "Fee",
      accountId: "fam-1",
      feeId: "a",
      amount: "20.00",
      date: "2026-11-01",
      dueDate: "2026-11-15",
      category: "Tuition",
      description: "Swim lessons",
    },
  ]);
  await source.commit("credit/1", [
    {
      id: "credit/1#0",
      key: "credit/1",
      type: "Account Credit",
      accountId: "fam-2",
      grantId: "grant-1",
      amount: "5.00",
      date: "2026-10-20",
      description: "Pool closure credit",
      creditType: "Weather closure",
      source: { kind: "manual" },
    },
  ]);
  const all = await source.getAccounts();
  source.close();
  return all;
}

async function reportIn(locale: string, heading: string, dir = "ltr"): Promise<CkMembersReport> {
  const all = await snapshots();
  const wrapper = await fixture<HTMLElement>(html`
    <div dir=${dir}>
      <ck-provider locale=${locale}><ck-members-report .snapshots=${all}></ck-members-report></ck-provider>
    </div>
  `);
  const report = wrapper.querySelector("ck-members-report") as CkMembersReport;
  await waitUntil(() => report.shadowRoot?.querySelector("h2")?.textContent?.trim() === heading, `the report speaks ${locale}`, SWITCH);
  return report;
}

const inReport = (report: CkMembersReport, selector: string) => report.shadowRoot?.querySelector(selector) as HTMLElement;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, " ").trim();
const headers = (report: CkMembersReport) =>
  [...(report.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].map((h) => text(h)?.replace(/[▲▼↕]/g, "").trim());

describe("the members report in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  it("Spanish: heading, columns, filters, row button and its aria-label, totals, the CSV button", async () => {
    const report = await reportIn("es", "Miembros");
    await expect(report).to.be.accessible();
    expect(headers(report)).to.deep.equal(["Nombre", "Importe adeudado", "Crédito en cuenta", "Acción"]);
    expect(text(inReport(report, ".filters legend"))).to.equal("Mostrar cuentas con");
    expect(text(inReport(report, ".count"))).to.equal("Se muestran 2 de 2 cuentas");
    const action = inReport(report, "[part~=action]");
    expect(text(action)).to.equal("Cobrar");
    expect(action.getAttribute("aria-label")).to.equal("Cobrar: Okafor family");
    expect(inReport(report, "[role=table]").getAttribute("aria-label")).to.equal("Miembros");
    expect(text(inReport(report, "[part~=totals] [role=cell]"))).to.equal("Total: 2 cuentas");
    expect(text(inReport(report, "[part~=export]"))).to.equal("Guardar como CSV");
    // The search above the table speaks Spanish too.
    const search = inReport(report, "[part~=search]") as CkAccountSearch;
    expect(text(search.shadowRoot?.querySelector("label"))).to.equal("Buscar un miembro");
  });

  it("Arabic: heading, columns and the row button", async () => {
    const report = await reportIn("ar", "الأعضاء");
    expect(headers(report)[0]).to.equal("الاسم");
    expect(headers(report)[3]).to.equal("الإجراء");
    expect(text(inReport(report, "[part~=action]"))).to.equal("تحصيل دفعة");
    expect(text(inReport(report, "[part~=export]"))).to.equal("حفظ بصيغة CSV");
  });

  it("right to left: the Name column is at the right, the Action column at the left", async () => {
    const report = await reportIn("ar", "الأعضاء", "rtl");
    const cells = [...(report.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].map((h) => h.getBoundingClientRect());
    const [name, due, , action] = cells as DOMRect[];
    expect(name?.left).to.be.greaterThan(due?.left ?? Number.POSITIVE_INFINITY);
    expect(action?.right).to.be.lessThan(due?.left ?? Number.NEGATIVE_INFINITY);
  });
});

describe("the account search in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  const accounts = [
    { id: "fam-1", name: "Rivera family" },
    { id: "fam-2", name: "Okafor family" },
  ];

  async function searchIn(locale: string) {
    const provider = await fixture<HTMLElement>(
      html`<ck-provider locale=${locale}><ck-account-search .accounts=${accounts}></ck-account-search></ck-provider>`,
    );
    return provider.querySelector("ck-account-search") as CkAccountSearch;
  }

  const statusOf = (search: CkAccountSearch) => text(search.shadowRoot?.querySelector("[part~=status]"));
  const input = (search: CkAccountSearch) => search.shadowRoot?.querySelector("input") as HTMLInputElement;

  it("Spanish: label, placeholder, and the status as a person types", async () => {
    const search = await searchIn("es");
    await waitUntil(() => statusOf(search) === "2 cuentas: escriba para buscar.", "Spanish", SWITCH);
    await expect(search).to.be.accessible();
    expect(text(search.shadowRoot?.querySelector("label"))).to.equal("Buscar una cuenta");
    expect(input(search).placeholder).to.equal("Escriba un nombre o un ID de cuenta");
    expect(search.shadowRoot?.querySelector("[role=listbox]")?.getAttribute("aria-label")).to.equal("Buscar una cuenta");
    input(search).value = "rivera";
    input(search).dispatchEvent(new Event("input"));
    await search.updateComplete;
    expect(statusOf(search)).to.equal("1 cuenta coincide.");
    input(search).value = "zzz";
    input(search).dispatchEvent(new Event("input"));
    await search.updateComplete;
    expect(statusOf(search)).to.equal("Ninguna cuenta coincide con «zzz».");
  });

  it("Arabic: label and status", async () => {
    const search = await searchIn("ar");
    await waitUntil(() => text(search.shadowRoot?.querySelector("label")) === "البحث عن حساب", "Arabic", SWITCH);
    expect(statusOf(search)).to.equal("عدد الحسابات: 2. اكتب للبحث.");
  });
});

describe("the kit's errors in the page's language", () => {
  afterEach(() => setKitLocale("en"));

  it("English is the core's own sentence, for every code", () => {
    for (const code of ERROR_CODES) expect(errorText(new CreditKitError(code)), code).to.equal(messageFor(code));
    expect(errorText(new CreditKitError("invalid-input", { field: "tenders[0].amount" }))).to.equal(
      "The request is not valid (tenders[0].amount).",
    );
    expect(errorText("boom")).to.equal("Something went wrong.");
  });

  it("English keeps a relayed sentence (a server's job failure) rather than the code's general one", () => {
    const relayed = new CreditKitError("settlement-in-progress", { job: "j1" }, "The batch b1 is being settled by another job.");
    expect(errorText(relayed)).to.equal("The batch b1 is being settled by another job.");
    expect(errorText(new CreditKitError("invalid-input", null as never, "Run r1 has an unknown status."))).to.equal(
      "Run r1 has an unknown status.",
    );
  });

  it("words an error from another copy of the core by its shape, and reads null details as none", async () => {
    // As thrown by a second copy of @creditkit/core (the one-file kit beside @creditkit/remote from npm).
    const foreign = Object.assign(new Error("That fee is already paid."), {
      name: "CreditKitError",
      code: "fee-already-paid",
      details: null,
    });
    await setKitLocale("es");
    expect(errorText(foreign)).to.not.equal("That fee is already paid.");
    expect(errorText(foreign)).to.equal(errorText(new CreditKitError("fee-already-paid")));
    expect(messageOf(foreign)).to.equal(errorText(foreign));
  });

  it("Spanish: every code in the core's list reads differently from the English, variables filled in", async () => {
    await setKitLocale("es");
    const same = ERROR_CODES.filter((code: CreditKitErrorCode) => errorText(new CreditKitError(code)) === messageFor(code));
    expect(same, "codes still in English").to.deep.equal([]);
    expect(ERROR_CODES.length).to.be.greaterThan(60);
    expect(errorText(new CreditKitError("invalid-input", { field: "tenders[0].amount" }))).to.equal(
      "La solicitud no es válida (tenders[0].amount).",
    );
    expect(errorText(new CreditKitError("too-many-decimals", { currency: "JPY", maxDecimals: 0, reason: "whole-numbers" }))).to.equal(
      "Los importes en JPY son números enteros: sin decimales.",
    );
    expect(errorText(new CreditKitError("too-many-decimals", { currency: "USD", maxDecimals: 2 }))).to.equal(
      "Los importes en USD tienen como máximo 2 decimales.",
    );
    expect(errorText(new Error("x"))).to.equal("Algo salió mal.");
    // A host's own Error keeps the host's words; a kit error is translated.
    expect(messageOf(new Error("La conexión se perdió."))).to.equal("La conexión se perdió.");
    expect(messageOf(new CreditKitError("nothing-to-pay"))).to.equal("Elija al menos un cargo para pagar.");
  });

  it("a members report's load failure reads in Spanish", async () => {
    const failing = await createMemoryDataSource({ currency: "USD" });
    failing.getAccounts = () => Promise.reject(new CreditKitError("storage-blocked"));
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${failing} locale="es"><ck-members-report></ck-members-report></ck-provider>`,
    );
    const report = wrapper.querySelector("ck-members-report") as CkMembersReport;
    await waitUntil(
      () =>
        text(report.shadowRoot?.querySelector("[role=alert]")) ===
        "El almacenamiento del navegador está bloqueado por otra pestaña abierta.",
      "the failure in Spanish",
      SWITCH,
    );
    failing.close();
  });
});

/** The mass-credit wizard and batch collection in Spanish and Arabic (#16): questions, buttons, column headers, announcements, dates, right to left. */
import { CreditKitError } from "@creditkit/core";
import type { CkBatchCollect, CkMassCreditWizard } from "@creditkit/elements";
import { setKitLocale } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { rowPhrase } from "../../packages/elements/src/mass-credit-wizard/summary-lines.js";
import { errorText } from "../../packages/elements/src/shared/error-text.js";
import { all, answerRequired, DATE, generatedSource, previewNow, q, rowsShown } from "./mass-credit-wizard.helpers.js";
import { button, confirmBatch, familiesSource, OKAFOR, RIVERA, textIn, waitForRows } from "./report-helpers.js";

const clean = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();
const longDate = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(Date.UTC(2026, 11, 1));

/** The wizard inside a provider speaking `locale` (and laid out `dir`), once its first question reads `description`. */
async function wizardIn(locale: string, description: string, dir = "ltr"): Promise<CkMassCreditWizard> {
  const wrapper = await fixture<HTMLElement>(html`
    <div dir=${dir} style="inline-size: 900px">
      <ck-provider .dataSource=${await generatedSource(12)} locale=${locale}>
        <ck-mass-credit-wizard location="downtown" today=${DATE}></ck-mass-credit-wizard>
      </ck-provider>
    </div>
  `);
  const w = wrapper.querySelector("ck-mass-credit-wizard") as CkMassCreditWizard;
  await waitUntil(
    () => clean(w.shadowRoot?.querySelector("label[for=q-description]")?.textContent) === description,
    `the question reads “${description}”`,
  );
  return w;
}

async function batchIn(source: StoreDataSource, locale: string, heading: string): Promise<CkBatchCollect> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale=${locale}>
      <ck-batch-collect batch-id="dues-2026-12" date=${DATE}></ck-batch-collect>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
  await waitForRows(el, "preview-row", 2);
  await waitUntil(() => textIn(el, "#title") === heading, `the heading reads “${heading}”`);
  return el;
}

const headers = (el: Element, selector: string) => [...(el.shadowRoot?.querySelectorAll(selector) ?? [])].map((h) => clean(h.textContent));

describe("the mass-credit wizard and batch collection in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  it("the wizard in Spanish: questions, Continue, the review's columns and grid label, its live count, and dates through Intl", async () => {
    const w = await wizardIn("es", "Descripción");
    expect(clean(q(w, "#continue-description").textContent)).to.equal("Continuar");
    expect(clean(q(w, "#runs-open").textContent)).to.equal("Ejecuciones anteriores");
    expect(clean(q(w, "#wizard-title").textContent)).to.equal("Créditos masivos");
    await answerRequired(w, { amount: "15" });
    expect(clean(q(w, "[data-question=mode] legend").textContent)).to.equal("Cómo emitir los créditos");
    expect(clean(q(w, "[part~=preview-button]").textContent)).to.equal("Vista previa");
    await previewNow(w);
    await rowsShown(w);
    const count = w.preview?.count ?? 0;
    expect(headers(w, ".head [role=columnheader]")).to.deep.equal(["Acreditar esta fila", "Familia", "Importe"]);
    expect(q(w, "[role=grid]").getAttribute("aria-label")).to.equal("Créditos a emitir");
    expect(clean(q(w, "#review-title").textContent)).to.equal(`Revisar ${count} créditos`);
    const totals = q(w, "[part~=totals]");
    expect(totals.getAttribute("role")).to.equal("status");
    expect(clean(totals.textContent)).to.match(new RegExp(`^${count} de ${count} seleccionados · total `));
    // The filter summary is worded here, with the credit date through Intl (never 2026-12-01).
    q<HTMLButtonElement>(w, "#toggle-summary").click();
    await w.updateComplete;
    const summary = clean(q(w, "#summary-list").textContent);
    expect(summary)
      .to.contain(`Fecha del crédito: ${longDate("es")}`)
      .and.to.contain("Emitir una vez por familia");
    expect(summary).not.to.contain(DATE);
    expect(clean(q(w, "#toggle-summary").textContent)).to.equal("Ocultar el resumen de filtros");
  });

  it("the wizard in Arabic, right to left: its words, and the review grid read from the right", async () => {
    const w = await wizardIn("ar", "الوصف", "rtl");
    expect(clean(q(w, "#continue-description").textContent)).to.equal("متابعة");
    await answerRequired(w, { amount: "15" });
    await previewNow(w);
    await rowsShown(w);
    const cells = all(w, ".head [role=columnheader]");
    expect(cells.map((c) => clean(c.textContent))).to.deep.equal(["إضافة رصيد لهذا الصف", "العائلة", "المبلغ"]);
    expect(q(w, "[role=grid]").getAttribute("aria-label")).to.equal("الأرصدة المراد إصدارها");
    // Right to left, as a person reading Arabic sees it: the checkbox column at the right edge, the family next, the amount at the left.
    const [pick, family, amount] = cells.map((c) => c.getBoundingClientRect());
    if (!pick || !family || !amount) throw new Error("three column headers");
    expect(pick.left).to.be.greaterThan(family.left);
    expect(family.left).to.be.greaterThan(amount.left);
    const firstRow = all(w, ".rows [role=row]")[0];
    const box = firstRow?.querySelector<HTMLInputElement>("input[type=checkbox]");
    expect(box?.getAttribute("aria-label")).to.match(/^إضافة رصيد إلى /);
    expect(box?.getBoundingClientRect().left ?? 0).to.be.greaterThan(family.left);
  });

  it("batch collection in Spanish: heading, date through Intl, column headers, Run, and the announcement when done", async () => {
    const el = await batchIn(await familiesSource([RIVERA, OKAFOR]), "es-MX", "Cobro por lotes");
    expect(textIn(el, "header .muted")).to.equal(`Lote dues-2026-12 · pagos con fecha ${longDate("es-MX")}`);
    expect(headers(el, ".preview [role=columnheader]")).to.deep.equal([
      "Cuenta",
      "Facturas",
      "Importe adeudado",
      "Crédito a usar",
      "A cobrar a la tarjeta",
      "Qué sucede",
    ]);
    expect(textIn(el, ".preview .lead")).to.match(/^2 facturas en 2 cuentas: /);
    button(el, "Ejecutar lote").click();
    await el.updateComplete;
    expect(textIn(el, "#confirm-title")).to.equal("¿Cobrar a 2 cuentas?");
    await confirmBatch(el);
    await waitUntil(() => el.status === "done", "the batch has run");
    await el.updateComplete;
    expect(textIn(el, "[role=status].announcement")).to.match(/^Listo: 2 facturas, \d+ pagadas y \d+ impagas\.$/);
    expect(textIn(el, "#results-title")).to.equal("Resultados");
    expect(button(el, "Guardar como CSV")).to.exist;
  });

  it("batch collection in Arabic: heading, date in Arabic through Intl, column headers and Run", async () => {
    const el = await batchIn(await familiesSource([RIVERA, OKAFOR]), "ar", "التحصيل المجمّع");
    expect(textIn(el, "header .muted")).to.equal(`الدفعة المجمّعة dues-2026-12 · مدفوعات بتاريخ ${longDate("ar")}`);
    expect(headers(el, ".preview [role=columnheader]")[0]).to.equal("الحساب");
    expect(button(el, "تشغيل الدفعة المجمّعة")).to.exist;
    expect(textIn(el, "[part~=apply-credit]")).to.equal("تطبيق رصيد الحساب عند التحصيل التلقائي لمدفوعات الفواتير");
  });
});

describe("an enrollment filter in words", () => {
  afterEach(() => setKitLocale("en"));
  const lists = {
    creditTypes: [],
    chargeCategories: [],
    autopayMethods: [],
    locations: [{ id: "loc-1", name: "Downtown" }],
    offerings: [{ id: "c-1", name: "Swim Level 1" }],
  } as never;
  const row = {
    classIds: ["c-1"],
    campIds: [],
    programIds: [],
    offeringKeywords: ["Beginner"],
    locations: ["loc-1"],
    meetingDays: ["mon"],
  } as never;

  it("is one sentence each qualifier wraps whole, in English and in Spanish", async () => {
    expect(rowPhrase(row, lists, "en-US")).to.equal("Swim Level 1 tagged Beginner at Downtown meeting on Monday");
    await setKitLocale("es");
    expect(rowPhrase(row, lists, "es")).to.equal("Swim Level 1 con la etiqueta Beginner en Downtown que se reúne el lunes");
  });
});

describe("a failure already shown, after a language switch", () => {
  afterEach(() => setKitLocale("en"));

  it("is worded again in the new language (the wizard's data that could not load)", async () => {
    const source = await generatedSource(5);
    source.getDataSet = () => Promise.reject(new CreditKitError("storage-blocked"));
    const wizard = await fixture<CkMassCreditWizard>(html`<ck-mass-credit-wizard .dataSource=${source}></ck-mass-credit-wizard>`);
    const alert = () => wizard.shadowRoot?.querySelector("[role=alert]")?.textContent?.trim();
    await waitUntil(() => alert() === "The browser's storage is blocked by another open tab.", "the failure in English");
    await setKitLocale("es");
    await waitUntil(() => alert() !== undefined && alert() !== "The browser's storage is blocked by another open tab.", "re-worded");
    expect(alert()).to.equal(errorText(new CreditKitError("storage-blocked")));
  });
});

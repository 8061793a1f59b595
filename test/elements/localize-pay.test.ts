/** The pay window and the Apply Credit switch in Spanish and Arabic, and the switch's thumb right to left. */
import type { CkCreditToggle, CkPayWindow } from "@creditkit/elements";
import { setKitLocale } from "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";

/** A language switch loads its module first: give it time on a busy machine. */
const SWITCH = { timeout: 5000 };

import { ACCOUNT, accountSource, mountPayWindow, q, textOf } from "./helpers.js";

const TWO_FEES = {
  fees: [
    { id: "a", amount: "20.00", description: "October tuition", dueDate: "2026-10-15" },
    { id: "b", amount: "8.00", description: "Camp deposit", dueDate: "2026-11-15" },
  ],
  credit: "5.00",
};

/** The date as Intl writes it in `locale` (medium style, UTC). */
const intlDate = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

const legendOf = (pw: CkPayWindow) => q(pw, "[part~=fees] legend").textContent?.trim();
const confirmText = (pw: CkPayWindow) => q(pw, "[part~=confirm]").textContent?.trim();
const dueTexts = (pw: CkPayWindow) =>
  [...(pw.shadowRoot?.querySelectorAll("[part~=fee] .fee-text .muted") ?? [])].map((s) => s.textContent?.trim());

async function payWindowIn(locale: string, legend: string): Promise<CkPayWindow> {
  const pw = await mountPayWindow(await accountSource(TWO_FEES), "admin", { locale });
  await waitUntil(() => legendOf(pw) === legend, `the pay window speaks ${locale}`, SWITCH);
  return pw;
}

/** The toggle's thumb rectangle, off and then on. */
async function thumbOffAndOn(toggle: CkCreditToggle): Promise<[DOMRect, DOMRect]> {
  const thumb = toggle.shadowRoot?.querySelector("[part~=thumb]") as HTMLElement;
  // No transition, so the rectangle read is where the thumb ends up.
  thumb.style.transition = "none";
  const off = thumb.getBoundingClientRect();
  toggle.toggle();
  await toggle.updateComplete;
  return [off, thumb.getBoundingClientRect()];
}

describe("the pay window in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  it("announces its plan once per change: a re-render (a language switch) that plans the same says nothing", async () => {
    const pw = await payWindowIn("en-US", "Unpaid fees");
    const plans: unknown[] = [];
    pw.addEventListener("ck-plan-change", (event) => plans.push(event.detail.plan));
    pw.requestUpdate();
    await pw.updateComplete;
    await setKitLocale("es");
    await waitUntil(() => legendOf(pw) === "Cargos impagos", "Spanish", SWITCH);
    expect(plans, "same fees, same tender: no new plan").to.have.length(0);
    q<HTMLInputElement>(pw, "[part~=fee] input[type=checkbox]").click();
    await pw.updateComplete;
    expect(plans, "a fee left out: one new plan").to.have.length(1);
  });

  it("Spanish: labels, buttons, aria-labels, the due dates through Intl and a placeholder in the locale", async () => {
    const pw = await payWindowIn("es", "Cargos impagos");
    await expect(pw).to.be.accessible();
    expect(q(pw, "header .channel").textContent?.trim()).to.equal("Cobrar");
    expect(
      [...(pw.shadowRoot?.querySelectorAll("[part~=balances] dt") ?? [])].map((d) => d.textContent?.replace(":", "").trim()),
    ).to.deep.equal(["Importe adeudado", "Crédito en cuenta"]);
    expect(q(pw, "label[for=tender-0]").textContent?.trim()).to.equal("Importe del pago");
    expect(q(pw, "label[for=tender-0-method]").textContent?.trim()).to.equal("Método");
    expect([...q<HTMLSelectElement>(pw, "#tender-0-method").options].map((o) => o.textContent)).to.deep.equal([
      "Tarjeta",
      "Efectivo",
      "Cheque",
      "Banco (ACH)",
      "Otro",
    ]);
    expect(confirmText(pw)).to.equal("Registrar pago");
    expect(q(pw, ".add").textContent?.trim()).to.equal("Agregar método de pago");
    const moves = [...(pw.shadowRoot?.querySelectorAll("[part~=move-button]") ?? [])].map((b) => b.getAttribute("aria-label"));
    expect(moves).to.deep.equal(["Subir October tuition", "Bajar October tuition", "Subir Camp deposit", "Bajar Camp deposit"]);
    // "Due 2026-11-15" is a date in the reader's words: "15 nov 2026" in Spanish.
    expect(dueTexts(pw)).to.deep.equal([`Vence el ${intlDate("es", "2026-10-15")}`, `Vence el ${intlDate("es", "2026-11-15")}`]);
    expect(dueTexts(pw)[1]).to.match(/^Vence el 15 nov\.? 2026$/);
    expect(textOf(pw)).not.to.contain("2026-11-15");
    // A comma is the decimal separator in Spanish.
    expect(q<HTMLInputElement>(pw, "#tender-0").placeholder).to.equal("0,00");
    // The figures of the switch inside the window.
    const toggle = q(pw, "[part~=toggle]") as CkCreditToggle;
    await waitUntil(
      () => toggle.shadowRoot?.querySelector("[part~=label]")?.textContent?.trim() === "Aplicar crédito",
      "the switch speaks Spanish",
      SWITCH,
    );
    expect(textOf(pw)).to.contain("Importe aplicado").and.to.contain("Saldo pendiente");
  });

  it("Spanish: a yen placeholder has no decimals", async () => {
    const source = await createMemoryDataSource({ currency: "JPY", settings: { autoApply: false } });
    await source.openAccounts([{ id: ACCOUNT, name: "Tanaka family", kind: "family" }]);
    await source.commit("fee/a", [
      {
        id: "fee/a#0",
        key: "fee/a",
        type: "Fee",
        accountId: ACCOUNT,
        feeId: "a",
        amount: "2000",
        date: "2026-11-01",
        dueDate: "2026-11-15",
        category: "Tuition",
        description: "Judo",
      },
    ]);
    const pw = await mountPayWindow(source, "admin", { locale: "es" });
    await waitUntil(() => legendOf(pw) === "Cargos impagos", "Spanish", SWITCH);
    expect(q<HTMLInputElement>(pw, "#tender-0").placeholder).to.equal("0");
    source.close();
  });

  it("Arabic: labels, the confirm button, an aria-label and the due date through Intl", async () => {
    const pw = await payWindowIn("ar", "الرسوم غير المدفوعة");
    expect(q(pw, "label[for=tender-0]").textContent?.trim()).to.equal("مبلغ الدفعة");
    expect(confirmText(pw)).to.equal("تسجيل الدفعة");
    expect(q(pw, "[part~=move-button]").getAttribute("aria-label")).to.equal("نقل October tuition إلى الأعلى");
    expect(dueTexts(pw)[1]).to.equal(`تاريخ الاستحقاق ${intlDate("ar", "2026-11-15")}`);
    expect(textOf(pw)).not.to.contain("2026-11-15");
  });

  it("re-words a shown problem when the language changes", async () => {
    const pw = await mountPayWindow(await accountSource(TWO_FEES), "admin", { locale: "en-US" });
    const amount = q<HTMLInputElement>(pw, "#tender-0");
    amount.value = "10.555";
    amount.dispatchEvent(new Event("input"));
    amount.dispatchEvent(new Event("change"));
    await pw.updateComplete;
    const message = () => pw.shadowRoot?.querySelector("#tender-0-error")?.textContent?.trim();
    expect(message()).to.equal("USD amounts have at most 2 decimal places.");
    await setKitLocale("es");
    await waitUntil(() => message() === "Los importes en USD tienen como máximo 2 decimales.", "the message in Spanish", SWITCH);
  });
});

describe("the Apply Credit switch in Spanish and Arabic", () => {
  afterEach(() => setKitLocale("en"));

  it("speaks the provider's language: its label and its figures", async () => {
    const provider = await fixture<HTMLElement & { locale: string }>(html`
      <ck-provider locale="es-MX">
        <ck-credit-toggle available-credit="5.00" applied-amount="5.00" remaining-due="15.00" currency="USD"></ck-credit-toggle>
      </ck-provider>
    `);
    const toggle = provider.querySelector("ck-credit-toggle") as CkCreditToggle;
    const label = () => toggle.shadowRoot?.querySelector("[part~=label]")?.textContent?.trim();
    const terms = () => [...(toggle.shadowRoot?.querySelectorAll("dt") ?? [])].map((d) => d.textContent?.replace(":", "").trim());
    await waitUntil(() => label() === "Aplicar crédito", "Spanish", SWITCH);
    expect(terms()).to.deep.equal(["Crédito disponible", "Importe aplicado", "Saldo pendiente"]);
    await expect(toggle).to.be.accessible();
    provider.locale = "ar";
    await waitUntil(() => label() === "تطبيق الرصيد", "Arabic", SWITCH);
    expect(terms()).to.deep.equal(["الرصيد المتاح", "المبلغ المطبَّق", "المبلغ المتبقي المستحق"]);
  });

  it("moves its thumb toward the inline end: right, and left under dir=rtl", async () => {
    const page = await fixture<HTMLElement>(html`
      <div>
        <div dir="ltr"><ck-credit-toggle available-credit="5.00"></ck-credit-toggle></div>
        <div dir="rtl"><ck-credit-toggle available-credit="5.00"></ck-credit-toggle></div>
      </div>
    `);
    const [ltr, rtl] = [...page.querySelectorAll("ck-credit-toggle")] as CkCreditToggle[];
    const [ltrOff, ltrOn] = await thumbOffAndOn(ltr as CkCreditToggle);
    expect(ltrOn.left - ltrOff.left, "left to right: the thumb goes right").to.be.closeTo(20, 1);
    const [rtlOff, rtlOn] = await thumbOffAndOn(rtl as CkCreditToggle);
    expect(rtlOn.left - rtlOff.left, "right to left: the thumb goes left").to.be.closeTo(-20, 1);
    // Off, the thumb sits at the start of the track: its right end under rtl.
    const track = rtl?.shadowRoot?.querySelector("[part~=track]")?.getBoundingClientRect() as DOMRect;
    expect(rtlOff.left).to.be.greaterThan(track.left + track.width / 2);
    expect(rtlOn.right).to.be.lessThan(track.left + track.width / 2);
  });

  it("lays the pay window out right to left: the title at the right, the balances at the left", async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div dir="rtl" style="inline-size: 720px">
        <ck-provider .dataSource=${await accountSource(TWO_FEES)} locale="ar">
          <ck-pay-window channel="admin" account-id=${ACCOUNT} date="2026-11-20"></ck-pay-window>
        </ck-provider>
      </div>
    `);
    const pw = wrapper.querySelector("ck-pay-window") as CkPayWindow;
    await waitUntil(() => pw.shadowRoot?.querySelector("[part~=balances]"), "the balances show", SWITCH);
    const title = q(pw, "#title").getBoundingClientRect();
    const balances = q(pw, "[part~=balances]").getBoundingClientRect();
    expect(title.right).to.be.greaterThan(balances.right);
    expect(balances.left).to.be.lessThan(title.left);
  });
});

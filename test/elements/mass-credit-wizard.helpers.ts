/** Builders for the mass-credit wizard tests: data sources with generated or hand-made data, a mounted wizard, and a person's actions. */
import type { MassCreditDataSet, Offering } from "@creditkit/core";
import { DEMO_LISTS } from "@creditkit/core/demo";
import type { CkMassCreditWizard } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import { fixture, html, waitUntil } from "@open-wc/testing";

export const DATE = "2026-12-01";

/**
 * The virtualiser lays rows out inside a ResizeObserver callback, so Chromium
 * reports the harmless "ResizeObserver loop completed with undelivered
 * notifications" to window.onerror, which mocha would count as a failure.
 */
before(() => {
  const original = window.onerror;
  window.onerror = (message, ...rest) => {
    if (String(message).includes("ResizeObserver loop")) return true;
    return original ? original.call(window, message, ...rest) : false;
  };
});

/** A memory data source seeded with the demo generator (auto-apply off, so credits stay unspent). */
export async function generatedSource(families = 40, seed = 7): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed, families });
  return source;
}

const offering = (id: string, name: string): Offering => ({ kind: "class", id, name, keywords: [] });
const CLASS_A = offering("A", "Swim A");
const CLASS_B = offering("B", "Swim B");

/**
 * The seed's AND example: Ada is enrolled in class A only, Ben in A and B,
 * Cy in B only (one student per family, all active on DATE).
 */
export async function andExampleSource(adamsName = "Adams family"): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  const families = [
    ["FA", adamsName, "SA", "Ada Adams", ["A"]],
    ["FB", "Brown family", "SB", "Ben Brown", ["A", "B"]],
    ["FC", "Clark family", "SC", "Cy Clark", ["B"]],
  ] as const;
  const data: MassCreditDataSet = {
    currency: "USD",
    lists: { ...DEMO_LISTS, offerings: [CLASS_A, CLASS_B] },
    families: families.map(([id, name]) => ({ id, name, status: "active", keywords: [], autopayMethods: [], location: "downtown" })),
    students: families.map(([familyId, , id, name]) => ({ id, familyId, name, status: "active", keywords: [] })),
    enrollments: families.flatMap(([, , studentId, , classes]) =>
      classes.map((c) => {
        const o = c === "A" ? CLASS_A : CLASS_B;
        return {
          id: `E-${studentId}-${c}`,
          studentId,
          offering: { kind: o.kind, id: o.id, name: o.name, keywords: o.keywords },
          location: "downtown",
          meetingDays: ["mon" as const],
          startDate: "2026-09-01",
          endDate: "2027-05-31",
        };
      }),
    ),
    fees: [],
  };
  await source.openAccounts(families.map(([id, name]) => ({ id, name, kind: "family" as const })));
  await source.putDataSet(data);
  return source;
}

/** Mounts the wizard in a provider and waits until the first question shows. */
export async function mountWizard(source: StoreDataSource, location = "downtown"): Promise<CkMassCreditWizard> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-mass-credit-wizard location=${location} today=${DATE}></ck-mass-credit-wizard>
    </ck-provider>
  `);
  const wizard = wrapper.querySelector("ck-mass-credit-wizard") as CkMassCreditWizard;
  await waitUntil(
    () => wizard.shadowRoot?.querySelector("#q-description, [part~=review], [part~=done], [part~=resume]"),
    "the wizard shows",
  );
  await wizard.updateComplete;
  return wizard;
}

export function q<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** The focused element inside the wizard's shadow root. */
export function focused(el: Element): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Moves on from a question as a person does: its Continue button when shown, else Enter in the field. */
export async function continueFrom(w: CkMassCreditWizard, field: HTMLElement): Promise<void> {
  const question = field.closest<HTMLElement>("[data-question]")?.dataset.question;
  const button = question ? w.shadowRoot?.querySelector<HTMLButtonElement>(`#continue-${question}`) : null;
  if (button) button.click();
  else field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, cancelable: true }));
  await w.updateComplete;
}

/** Types into a text field as a person does, leaves it (change), then moves on (Continue). */
export async function typeAnswer(w: CkMassCreditWizard, selector: string, text: string): Promise<void> {
  const input = q<HTMLInputElement>(w, selector);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, inputType: "insertText", data: text }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  await w.updateComplete;
  await continueFrom(w, input);
}

/** Picks an option of a select, or a date, as a person does, then moves on (Continue). */
export async function pick(w: CkMassCreditWizard, selector: string, value: string): Promise<void> {
  const field = q<HTMLInputElement | HTMLSelectElement>(w, selector);
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
  await w.updateComplete;
  await continueFrom(w, field);
}

export interface RequiredAnswers {
  readonly description?: string;
  readonly creditType?: string;
  readonly date?: string;
  readonly amount?: string;
  readonly mode?: "family" | "student" | "enrollment";
}

/** Answers questions 1–5 in order (each reveals the next). */
export async function answerRequired(w: CkMassCreditWizard, a: RequiredAnswers = {}): Promise<void> {
  await typeAnswer(w, "#q-description", a.description ?? "Pool closed for storm");
  await pick(w, "#q-creditType", a.creditType ?? "weather");
  await pick(w, "#q-date", a.date ?? DATE);
  await typeAnswer(w, "#q-amount", a.amount ?? "15.00");
  const mode = q<HTMLInputElement>(w, `#q-mode-${a.mode ?? "family"}`);
  mode.click();
  await w.updateComplete;
  await continueFrom(w, mode);
}

/** Clicks Preview and waits for the review. */
export async function previewNow(w: CkMassCreditWizard): Promise<void> {
  q<HTMLButtonElement>(w, "[part~=preview-button]").click();
  await waitUntil(() => w.step === "review", "the review shows", { timeout: 10000 });
  await w.updateComplete;
}

/** Waits until the virtualised table has rendered its first rows. */
export async function rowsShown(w: CkMassCreditWizard): Promise<HTMLElement[]> {
  await waitUntil(() => all(w, ".rows [role=row]").length > 0, "the table shows rows");
  return all(w, ".rows [role=row]");
}

/** Confirms Process in the dialog and waits for the done summary. */
export async function processNow(w: CkMassCreditWizard): Promise<void> {
  q<HTMLButtonElement>(w, "[part~=process-button]").click();
  await w.updateComplete;
  await waitUntil(() => q<HTMLDialogElement>(w, "dialog").open, "the confirmation opens");
  q<HTMLButtonElement>(w, "#dialog-confirm").click();
  await waitUntil(() => w.step === "done", "the run is done", { timeout: 10000 });
  await w.updateComplete;
}

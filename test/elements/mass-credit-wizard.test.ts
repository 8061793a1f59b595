import { type GrantEntry, previewMassCredit } from "@creditkit/core";
import { expect } from "@open-wc/testing";
import {
  all,
  answerRequired,
  focused,
  generatedSource,
  mountWizard,
  pick,
  previewNow,
  processNow,
  q,
  rowsShown,
  textOf,
} from "./mass-credit-wizard.helpers.js";

const grantsOf = async (source: Awaited<ReturnType<typeof generatedSource>>) =>
  (await source.listEntries()).filter((e) => e.type === "Account Credit") as GrantEntry[];

describe("<ck-mass-credit-wizard>", () => {
  it("drives the whole flow: questions, preview in the worker, deselect two rows, process", async () => {
    const source = await generatedSource(40);
    const w = await mountWizard(source);
    await expect(w).to.be.accessible();
    await answerRequired(w, { mode: "student", amount: "12.50" });
    await pick(w, "#q-location", "northside");
    await expect(w).to.be.accessible();
    await previewNow(w);
    expect(w.session?.client.inWorker).to.equal(true);
    await expect(w).to.be.accessible();
    expect(focused(w)?.id).to.equal("review-title");
    const rows = await rowsShown(w);
    expect(rows.length).to.be.greaterThan(3);
    expect(rows.every((r) => r.classList.contains("selected"))).to.equal(true);
    const preview = w.preview;
    if (!preview) throw new Error("no preview");
    const dataSet = await source.getDataSet();
    if (!dataSet) throw new Error("no data set");
    // The rows the page rebuilt from the worker's keys and positions are the core's rows.
    expect(preview.rows).to.deep.equal(previewMassCredit(preview.request, dataSet).rows);
    const boxes = all<HTMLInputElement>(w, ".rows input[type=checkbox]");
    const dropped = [boxes[0], boxes[2]].map((b) => b?.dataset.rowKey ?? "");
    boxes[0]?.click();
    boxes[2]?.click();
    await w.updateComplete;
    expect(all(w, ".rows [role=row]")[0]?.classList.contains("selected")).to.equal(false);
    expect(textOf(w)).to.contain(`${preview.count - 2} of ${preview.count} selected`);
    expect(textOf(w)).to.contain(`total $${((preview.count - 2) * 12.5).toFixed(2)}`);
    await expect(w).to.be.accessible();
    q<HTMLButtonElement>(w, "[part~=process-button]").click();
    await w.updateComplete;
    await expect(w).to.be.accessible();
    expect(q(w, "#dialog-body").textContent?.replace(/\s+/g, " ")).to.contain(
      `${preview.count - 2} credits totalling $${((preview.count - 2) * 12.5).toFixed(2)}`,
    );
    q<HTMLButtonElement>(w, "#dialog-cancel").click();
    await processNow(w);
    await expect(w).to.be.accessible();
    expect(focused(w)?.id).to.equal("done-title");
    const record = w.record;
    if (!record) throw new Error("no record");
    const grants = await grantsOf(source);
    const expected = preview.rows.filter((r) => !dropped.includes(r.rowKey));
    expect(grants.map((g) => g.key).sort()).to.deep.equal(expected.map((r) => `${record.runId}/${r.rowKey}`).sort());
    for (const g of grants) {
      expect([g.amount, g.creditType, g.location, g.date]).to.deep.equal(["12.50", "weather", "northside", "2026-12-01"]);
      expect(g.accountId).to.equal(expected.find((r) => `${record.runId}/${r.rowKey}` === g.key)?.familyId);
    }
    expect(q(w, "[data-figure=count]").textContent).to.equal(String(expected.length));
    expect(textOf(w)).to.contain("Issue once per student");
  });

  it("shows the filter summary on demand, searches, selects none and all, and counts live", async () => {
    const source = await generatedSource(40);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family" });
    await previewNow(w);
    const preview = w.preview;
    if (!preview) throw new Error("no preview");
    const toggle = q<HTMLButtonElement>(w, "#toggle-summary");
    expect(toggle.getAttribute("aria-expanded")).to.equal("false");
    expect(q(w, "#summary-list").hidden).to.equal(true);
    toggle.click();
    await w.updateComplete;
    expect(toggle.textContent).to.contain("Hide");
    expect(q(w, "#summary-list").hidden).to.equal(false);
    expect(q(w, "#summary-list").textContent).to.contain("Issue once per family");
    q<HTMLButtonElement>(w, "#select-none").click();
    await w.updateComplete;
    expect(q(w, "[part~=totals]").textContent?.replace(/\s+/g, " ")).to.contain(`0 of ${preview.count} selected`);
    expect(q<HTMLButtonElement>(w, "[part~=process-button]").disabled).to.equal(true);
    q<HTMLButtonElement>(w, "#select-all").click();
    await w.updateComplete;
    expect(q(w, "[part~=totals]").textContent?.replace(/\s+/g, " ")).to.contain(`${preview.count} of ${preview.count} selected`);
    const name = preview.rows[1]?.familyName ?? "";
    const search = q<HTMLInputElement>(w, "#review-search");
    search.value = name;
    search.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await new Promise((r) => setTimeout(r, 250));
    await w.updateComplete;
    const shown = await rowsShown(w);
    expect(shown.length).to.equal(preview.rows.filter((r) => r.familyName.toLowerCase().includes(name.toLowerCase())).length);
    expect(shown.every((r) => r.textContent?.includes(name))).to.equal(true);
  });

  it("explains why a family is not in the preview, through the worker", async () => {
    const source = await generatedSource(40);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family" });
    q<HTMLButtonElement>(w, "#q-outstanding").click();
    await w.updateComplete;
    expect(q(w, "#q-outstanding").getAttribute("aria-checked")).to.equal("true");
    await previewNow(w);
    const preview = w.preview;
    const data = await source.getDataSet();
    const missing = data?.families.find((f) => !preview?.rows.some((r) => r.familyId === f.id));
    if (!missing) throw new Error("every family qualified");
    q<HTMLButtonElement>(w, "#toggle-explain").click();
    await w.updateComplete;
    const input = q<HTMLInputElement>(w, "#explain-query");
    input.value = missing.id;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await w.updateComplete;
    q<HTMLButtonElement>(w, "#explain-body button[type=submit]").click();
    await waitFor(() => all(w, ".why").length > 0);
    expect(q(w, ".why").textContent).to.contain(`${missing.name} gets no credit`);
    await expect(w).to.be.accessible();
  });

  it("leaving the wizard during the preview and coming back shows the finished preview", async () => {
    const source = await generatedSource(60);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "enrollment" });
    q<HTMLButtonElement>(w, "[part~=preview-button]").click();
    await w.updateComplete;
    expect(w.step).to.equal("previewing");
    expect(q(w, "[role=progressbar]").getAttribute("aria-label")).to.equal("Preview");
    expect(q(w, "[part~=progress] [role=status]").getAttribute("aria-live")).to.equal("polite");
    await expect(w).to.be.accessible();
    const provider = w.parentElement as HTMLElement;
    provider.remove();
    await new Promise((r) => setTimeout(r, 300));
    const again = await mountWizard(source);
    expect(again.step).to.equal("review");
    expect(again.preview?.count).to.be.greaterThan(0);
    await rowsShown(again);
    expect(textOf(again)).to.contain("Enrollment");
  });
});

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!predicate()) throw new Error("timed out");
}

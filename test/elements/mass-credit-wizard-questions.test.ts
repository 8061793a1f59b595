import { expect } from "@open-wc/testing";
import {
  all,
  andExampleSource,
  answerRequired,
  continueFrom,
  focused,
  generatedSource,
  mountWizard,
  pick,
  previewNow,
  q,
  textOf,
  typeAnswer,
} from "./mass-credit-wizard.helpers.js";

describe("<ck-mass-credit-wizard> questions", () => {
  it("reveals the questions one by one, on Continue, and moves focus to each new one", async () => {
    const source = await generatedSource(20);
    const w = await mountWizard(source);
    const shown = () => all(w, "[data-question]").map((el) => el.dataset.question);
    expect(shown()).to.deep.equal(["description"]);
    expect(all(w, "[part~=section]")).to.have.length(0);
    await typeAnswer(w, "#q-description", "Pool closed");
    expect(shown()).to.deep.equal(["description", "creditType"]);
    expect(focused(w)?.id).to.equal("q-creditType");
    const options = all<HTMLOptionElement>(w, "#q-creditType option").map((o) => o.textContent);
    expect(options).to.deep.equal(["Choose…", "Weather closure", "Holiday closure", "Goodwill", "Promotion", "Referral"]);
    await pick(w, "#q-creditType", "holiday");
    expect(focused(w)?.id).to.equal("q-date");
    await pick(w, "#q-date", "2026-12-01");
    expect(focused(w)?.id).to.equal("q-amount");
    await typeAnswer(w, "#q-amount", "10");
    expect(focused(w)?.id).to.equal("q-mode-family");
    q<HTMLInputElement>(w, "#q-mode-enrollment").click();
    await w.updateComplete;
    expect(all(w, "#q-outstanding")).to.have.length(0);
    await continueFrom(w, q(w, "#q-mode-enrollment"));
    expect(focused(w)?.id).to.equal("q-outstanding");
    expect(all(w, "[part~=continue]")).to.have.length(0);
    expect(shown()).to.deep.equal(["description", "creditType", "date", "amount", "mode", "outstanding"]);
    const sections = all(w, "[part~=section] .disclosure");
    expect(sections.map((b) => b.getAttribute("aria-expanded"))).to.deep.equal(["false", "false", "false", "false"]);
    expect(all(w, ".section-body").every((b) => (b as HTMLElement).hidden)).to.equal(true);
    await expect(w).to.be.accessible();
  });

  it("explains invalid answers in words next to the field and does not move on", async () => {
    const source = await generatedSource(20);
    const w = await mountWizard(source);
    await typeAnswer(w, "#q-description", "   ");
    const description = q<HTMLInputElement>(w, "#q-description");
    expect(description.getAttribute("aria-invalid")).to.equal("true");
    expect(description.getAttribute("aria-describedby")).to.contain("description-error");
    expect(q(w, "#description-error").textContent).to.equal("Enter a description for the credit.");
    expect(all(w, "[data-question]")).to.have.length(1);
    await typeAnswer(w, "#q-description", "Storm");
    expect(description.hasAttribute("aria-invalid")).to.equal(false);
    await pick(w, "#q-creditType", "weather");
    await pick(w, "#q-date", "2026-12-01");
    await typeAnswer(w, "#q-amount", "10%");
    const amount = q<HTMLInputElement>(w, "#q-amount");
    expect(amount.getAttribute("aria-invalid")).to.equal("true");
    expect(amount.getAttribute("aria-describedby")).to.equal("amount-hint amount-error");
    expect(q(w, "#amount-error").textContent).to.contain("percentages are not supported");
    expect(all(w, "#q-mode-family")).to.have.length(0);
    await expect(w).to.be.accessible();
    await typeAnswer(w, "#q-amount", "-5");
    expect(q(w, "#amount-error").textContent).to.not.equal("");
    await typeAnswer(w, "#q-amount", "12.345");
    expect(q(w, "#amount-error").textContent).to.contain("decimal places");
    await typeAnswer(w, "#q-amount", "12.50");
    expect(all(w, "#amount-error")).to.have.length(0);
    expect(focused(w)?.id).to.equal("q-mode-family");
  });

  it("an empty enrollment filter is refused next to it, with focus on it", async () => {
    const source = await generatedSource(20);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student" });
    q<HTMLButtonElement>(w, "#toggle-enrollments").click();
    await w.updateComplete;
    expect(q(w, "#toggle-enrollments").getAttribute("aria-expanded")).to.equal("true");
    q<HTMLButtonElement>(w, "#add-row").click();
    await w.updateComplete;
    await w.updateComplete;
    expect(focused(w)?.id).to.match(/^row-\d+-meetingDays-0$/);
    q<HTMLButtonElement>(w, "[part~=preview-button]").click();
    await w.updateComplete;
    expect(w.step).to.equal("questions");
    expect(q(w, "#row-0-error").textContent).to.equal("Each enrollment filter needs at least one field filled in.");
    expect(q(w, ".row-filter").getAttribute("aria-describedby")).to.equal("row-0-error");
    await expect(w).to.be.accessible();
  });

  it("the seed's AND example: a student only in class A of A and B does not qualify; OR takes both", async () => {
    const source = await andExampleSource();
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student", amount: "20.00" });
    q<HTMLButtonElement>(w, "#toggle-enrollments").click();
    await w.updateComplete;
    for (const offering of ["0", "1"]) {
      q<HTMLButtonElement>(w, "#add-row").click();
      await w.updateComplete;
      const row = all(w, ".row-filter").at(-1);
      const box = row?.querySelectorAll<HTMLInputElement>(`[id$="-classIds-${offering}"]`)[0];
      box?.click();
      await w.updateComplete;
    }
    expect(q<HTMLInputElement>(w, "#combine-and").checked).to.equal(true);
    await previewNow(w);
    expect(w.preview?.rows.map((r) => r.studentName)).to.deep.equal(["Ben Brown"]);
    expect(textOf(w)).to.contain("Review 1 credit");
    q<HTMLButtonElement>(w, "#toggle-summary").click();
    await w.updateComplete;
    expect(q(w, "#summary-list").textContent).to.contain("Swim A and in Swim B");
    q<HTMLButtonElement>(w, "#toggle-explain").click();
    await w.updateComplete;
    const input = q<HTMLInputElement>(w, "#explain-query");
    input.value = "Adams";
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    q<HTMLButtonElement>(w, "#explain-body button[type=submit]").click();
    for (let i = 0; i < 100 && all(w, ".why").length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(q(w, ".why").textContent).to.contain("Adams family gets no credit");

    q<HTMLButtonElement>(w, "#edit-questions").click();
    await w.updateComplete;
    q<HTMLInputElement>(w, "#combine-or").click();
    await w.updateComplete;
    await previewNow(w);
    expect(w.preview?.rows.map((r) => r.studentName)).to.deep.equal(["Ada Adams", "Ben Brown", "Cy Clark"]);
  });
});

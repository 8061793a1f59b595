/** The wizard's questions move on only on Continue or Enter: a date typed digit by digit stays a date; a far date asks first. */
import type { CkMassCreditWizard } from "@creditkit/elements";
import { expect, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, sendMouse, setViewport } from "@web/test-runner-commands";
import { all, focused, generatedSource, mountWizard, q, typeAnswer } from "./mass-credit-wizard.helpers.js";

const press = (key: string) => sendKeys({ press: key });
const shown = (w: CkMassCreditWizard) => all(w, "[data-question]").map((el) => el.dataset.question);

/** Clicks an element with the mouse, as a person does. */
async function clickOn(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: "click", position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** A wizard with the description answered and the credit type picked with the keyboard: focus on the date. */
async function atTheDate(): Promise<CkMassCreditWizard> {
  const w = await mountWizard(await generatedSource(12));
  await typeAnswer(w, "#q-description", "Pool closed");
  q<HTMLSelectElement>(w, "#q-creditType").focus();
  await press("ArrowDown");
  await press("Enter");
  await w.updateComplete;
  expect(focused(w)?.id).to.equal("q-date");
  return w;
}

describe("<ck-mass-credit-wizard> date and lists", () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  it("a date typed digit by digit stays in the date field; Enter moves on to Amount", async () => {
    const w = await atTheDate();
    for (const digit of "12012026") await sendKeys({ type: digit });
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-date");
    expect(q<HTMLInputElement>(w, "#q-date").value).to.equal("2026-12-01");
    expect(shown(w)).to.deep.equal(["description", "creditType", "date"]);
    expect(all(w, "[part~=date-warning]")).to.have.length(0);
    await press("Enter");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-amount");
    expect(q<HTMLInputElement>(w, "#q-amount").value).to.equal("");
    expect(q<HTMLInputElement>(w, "#q-date").value).to.equal("2026-12-01");
    await expect(w).to.be.accessible();
  });

  it("Continue (clicked) moves on; a date more than a year from today asks first, in words", async () => {
    const w = await atTheDate();
    for (const digit of "12012") await sendKeys({ type: digit });
    await w.updateComplete;
    expect(q<HTMLInputElement>(w, "#q-date").value).to.equal("0002-12-01");
    expect(focused(w)?.id).to.equal("q-date");
    await clickOn(q(w, "#continue-date"));
    await w.updateComplete;
    const warning = q(w, "#date-far");
    expect(warning.getAttribute("role")).to.equal("alert");
    expect(warning.textContent?.replace(/\s+/g, " ").trim()).to.equal(
      "December 1, 0002 is more than a year from today (December 1, 2026), and every credit of the run is dated on it. Correct the date above, or use it as it is.",
    );
    expect(q(w, "#q-date").getAttribute("aria-describedby")).to.equal("date-hint date-far");
    expect(shown(w)).to.deep.equal(["description", "creditType", "date"]);
    expect(focused(w)?.id).to.equal("q-date");
    await expect(w).to.be.accessible();
    // Typing the date again (focus is back on its first part) takes the question away; Enter then moves on.
    for (const digit of "12012026") await sendKeys({ type: digit });
    await w.updateComplete;
    expect(q<HTMLInputElement>(w, "#q-date").value).to.equal("2026-12-01");
    expect(all(w, "[part~=date-warning]")).to.have.length(0);
    await press("Enter");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-amount");
  });

  it("a far date the person means is used after Use <date>", async () => {
    const w = await atTheDate();
    for (const digit of "01152028") await sendKeys({ type: digit });
    await press("Enter");
    await w.updateComplete;
    const use = q<HTMLButtonElement>(w, "#confirm-date");
    expect(use.textContent?.trim()).to.equal("Use January 15, 2028");
    await clickOn(use);
    await w.updateComplete;
    await waitUntil(() => focused(w)?.id === "q-amount", "Amount is next");
    expect(shown(w)).to.deep.equal(["description", "creditType", "date", "amount"]);
  });

  it("the credit-type list works with the arrow keys; only Enter or Continue moves on", async () => {
    const w = await mountWizard(await generatedSource(12));
    await typeAnswer(w, "#q-description", "Pool closed");
    expect(focused(w)?.id).to.equal("q-creditType");
    await press("ArrowDown");
    await press("ArrowDown");
    await press("ArrowDown");
    await press("ArrowUp");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-creditType");
    expect(q<HTMLSelectElement>(w, "#q-creditType").value).to.equal("holiday");
    expect(shown(w)).to.deep.equal(["description", "creditType"]);
    await clickOn(q(w, "#continue-creditType"));
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-date");
  });

  it("the issue-mode radios work with the arrow keys without moving on", async () => {
    const w = await atTheDate();
    for (const digit of "12012026") await sendKeys({ type: digit });
    await press("Enter");
    await sendKeys({ type: "15" });
    await press("Enter");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-mode-family");
    await press("Space");
    await press("ArrowDown");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-mode-student");
    expect(q<HTMLInputElement>(w, "#q-mode-student").checked).to.equal(true);
    expect(all(w, "#q-outstanding")).to.have.length(0);
    await press("Enter");
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("q-outstanding");
  });

  for (const [name, scheme, width] of [
    ["dark", "dark", 800],
    ["a phone's width", "light", 390],
  ] as const) {
    it(`is accessible with Continue and the far-date question, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const w = await atTheDate();
      await expect(w).to.be.accessible();
      for (const digit of "12012") await sendKeys({ type: digit });
      await press("Enter");
      await w.updateComplete;
      expect(all(w, "[part~=date-warning]")).to.have.length(1);
      await expect(w).to.be.accessible();
      const box = q(w, "#confirm-date").getBoundingClientRect();
      expect(box.right).to.be.at.most(window.innerWidth);
    });
  }
});

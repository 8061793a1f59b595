import type { GrantEntry } from "@creditkit/core";
import { expect, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { all, answerRequired, focused, generatedSource, mountWizard, previewNow, rowsShown } from "./mass-credit-wizard.helpers.js";

const press = (key: string) => sendKeys({ press: key });

describe("<ck-mass-credit-wizard> keyboard", () => {
  it("completes the whole flow with the keyboard alone", async () => {
    const source = await generatedSource(12);
    const w = await mountWizard(source);
    const at = () => focused(w)?.id ?? "";
    const tabUntil = async (predicate: () => boolean, max = 120) => {
      for (let i = 0; i < max && !predicate(); i++) await press("Tab");
      expect(predicate()).to.equal(true);
    };

    await tabUntil(() => at() === "q-description");
    await sendKeys({ type: "Pool closed" });
    await press("Enter");
    await w.updateComplete;
    expect(at()).to.equal("q-creditType");
    // Arrowing through the list picks without moving on; Enter moves on.
    await press("ArrowDown");
    await w.updateComplete;
    expect(at()).to.equal("q-creditType");
    await press("Enter");
    await w.updateComplete;
    expect(at()).to.equal("q-date");
    await sendKeys({ type: "12012026" });
    await w.updateComplete;
    expect(at()).to.equal("q-date");
    await press("Enter");
    await w.updateComplete;
    expect(at()).to.equal("q-amount");
    await sendKeys({ type: "15" });
    await press("Enter");
    await w.updateComplete;
    expect(at()).to.equal("q-mode-family");
    await press("Space");
    await w.updateComplete;
    expect(at()).to.equal("q-mode-family");
    await press("Enter");
    await w.updateComplete;
    expect(at()).to.equal("q-outstanding");

    // Open an optional section and close it again, then Preview.
    await press("Tab");
    expect(at()).to.equal("toggle-autopay");
    await press("Enter");
    await w.updateComplete;
    expect(focused(w)?.getAttribute("aria-expanded")).to.equal("true");
    await press("Enter");
    await w.updateComplete;
    await tabUntil(() => focused(w)?.getAttribute("part") === "preview-button");
    await press("Enter");
    await waitUntil(() => w.step === "review", "the review shows", { timeout: 10000 });
    await w.updateComplete;
    expect(at()).to.equal("review-title");
    const preview = w.preview;
    if (!preview) throw new Error("no preview");

    // Deselect the first and third rows with Space (the table is one Tab stop: arrows move between its rows).
    await tabUntil(() => (focused(w) as HTMLInputElement | null)?.type === "checkbox");
    await press("Space");
    await press("ArrowDown");
    await press("ArrowDown");
    await press("Space");
    await w.updateComplete;
    expect(w.deselected.size).to.equal(2);
    expect(w.selectedCount).to.equal(preview.count - 2);
    const dropped = [...w.deselected];
    expect(dropped).to.deep.equal([preview.rows[0]?.rowKey, preview.rows[2]?.rowKey]);
    expect(all(w, ".rows [role=row]:not(.selected)")).to.have.length(2);

    await tabUntil(() => focused(w)?.getAttribute("part") === "process-button");
    await press("Enter");
    await w.updateComplete;
    expect(at(), "the confirmation opens on Cancel, the safe choice").to.equal("dialog-cancel");
    await press("Shift+Tab");
    expect(at()).to.equal("dialog-confirm");
    await press("Enter");
    await waitUntil(() => w.step === "done", "the run is done", { timeout: 10000 });
    await w.updateComplete;
    expect(at()).to.equal("done-title");
    const grants = (await source.listEntries()).filter((e) => e.type === "Account Credit") as GrantEntry[];
    expect(grants).to.have.length(preview.count - 2);
    expect(grants.some((g) => dropped.some((key) => g.key.endsWith(`/${key}`)))).to.equal(false);
    await tabUntil(() => focused(w)?.getAttribute("part") === "csv-button");
  });
});

describe("<ck-mass-credit-wizard> focus between steps", () => {
  it("Change the questions (from the review) puts focus on the wizard's heading, not on the page", async () => {
    const w = await mountWizard(await generatedSource(12));
    await answerRequired(w);
    await previewNow(w);
    await rowsShown(w);
    const change = w.shadowRoot?.querySelector<HTMLButtonElement>("#edit-questions") as HTMLButtonElement;
    change.focus();
    await press("Enter");
    await waitUntil(() => focused(w)?.id === "wizard-title", "the heading has focus");
    expect(w.shadowRoot?.querySelector("#q-description")).to.not.equal(null);
  });
});

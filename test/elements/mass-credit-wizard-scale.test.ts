import { expect, nextFrame, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import {
  all,
  answerRequired,
  focused,
  generatedSource,
  mountWizard,
  previewNow,
  processNow,
  rowsShown,
} from "./mass-credit-wizard.helpers.js";

/** Scrolls the review table and waits until the window has followed. */
async function scrollTo(scroller: HTMLElement, top: number): Promise<void> {
  scroller.scrollTop = top;
  scroller.dispatchEvent(new Event("scroll"));
  await nextFrame();
  await nextFrame();
}

const keyOf = (row: HTMLElement) => row.querySelector("input")?.dataset.rowKey;

describe("<ck-mass-credit-wizard> at scale", () => {
  it("is accessible with a long review table", async () => {
    const w = await mountWizard(await generatedSource(200));
    await answerRequired(w);
    await previewNow(w);
    await rowsShown(w);
    await expect(w).to.be.accessible();
  });

  it("posts a run without rendering once per credit, and still follows the provider's locale", async () => {
    const w = await mountWizard(await generatedSource(120));
    await answerRequired(w);
    await previewNow(w);
    const count = w.preview?.count ?? 0;
    expect(count).to.be.greaterThan(60);
    const element = w as unknown as { update(changed: unknown): void };
    const update = element.update;
    let renders = 0;
    element.update = function (this: unknown, changed: unknown) {
      renders++;
      update.call(this, changed);
    };
    await processNow(w);
    expect(w.record?.count).to.equal(count);
    // The provider publishes after every credit; the wizard renders per step and per frame of progress.
    expect(renders).to.be.lessThan(count / 4);
    const provider = w.parentElement as HTMLElement & { locale: string };
    provider.locale = "de-DE";
    await waitUntil(() => w.resolvedLocale() === "de-DE", "the wizard takes the provider's new locale");
  });

  it("Arrow Down goes down a long review table row after row: focus is kept while the window moves under it", async () => {
    const w = await mountWizard(await generatedSource(300));
    await answerRequired(w);
    await previewNow(w);
    const rows = await rowsShown(w);
    expect(rows.length).to.be.lessThan(30);
    const keys = (w.preview?.rows ?? []).map((r) => r.rowKey);
    (rows[0] as HTMLElement).querySelector("input")?.focus();
    for (let n = 1; n <= 60; n++) {
      await sendKeys({ press: "ArrowDown" });
      await nextFrame();
      const box = focused(w) as HTMLInputElement | null;
      expect(box?.dataset.rowKey, `after ${n} Arrow Downs`).to.equal(keys[n]);
    }
    await sendKeys({ press: "ArrowUp" });
    await nextFrame();
    expect((focused(w) as HTMLInputElement | null)?.dataset.rowKey).to.equal(keys[59]);
  });

  it("a scroll reuses the rows' elements; a focused row keeps focus while in view, and when it leaves focus goes to the table", async () => {
    const w = await mountWizard(await generatedSource(300));
    await answerRequired(w);
    await previewNow(w);
    const rows = await rowsShown(w);
    const scroller = w.shadowRoot?.querySelector<HTMLElement>(".rows") as HTMLElement;
    const rowHeight = (rows[0] as HTMLElement).getBoundingClientRect().height;
    expect(rows.length).to.be.lessThan(30);

    const third = rows[2] as HTMLElement;
    const key = keyOf(third);
    third.querySelector("input")?.focus();
    await scrollTo(scroller, rowHeight);
    expect(focused(w)).to.equal(third.querySelector("input"));
    expect(keyOf(third)).to.equal(key);

    const before = new Set(all(w, ".rows [role=row]"));
    await scrollTo(scroller, rowHeight * 150);
    const after = all(w, ".rows [role=row]");
    expect(after.every((row) => before.has(row))).to.equal(true);
    expect(after.map(keyOf)).not.to.include(key);
    expect(scroller.contains(focused(w))).to.equal(false);
    // Not lost to the page: the table holds focus, and Arrow Down goes on from the row focused last.
    expect(focused(w)).to.equal(w.shadowRoot?.querySelector("[role=grid]"));
    await sendKeys({ press: "ArrowDown" });
    expect(keyOf(focused(w)?.closest("[role=row]") as HTMLElement)).to.equal(w.preview?.rows[3]?.rowKey);

    await scrollTo(scroller, 0);
    const back = all(w, ".rows [role=row]");
    expect(keyOf(back[0] as HTMLElement)).to.equal(w.preview?.rows[0]?.rowKey);
  });
});

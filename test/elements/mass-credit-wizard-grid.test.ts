/**
 * Issue #17 item 16: the review table is one Tab stop (a WAI-ARIA grid with a
 * roving tabindex), arrows inside. It was one Tab stop per row: 568 Tabs to
 * reach Process past a 565-row preview.
 */
import { explainFamily, type PreviewsPort, planRun, previewMassCredit } from "@creditkit/core";
import type { CkMassCreditWizard } from "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, nextFrame, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { contrast } from "./contrast.js";
import { all, answerRequired, focused, generatedSource, mountWizard, previewNow, q, rowsShown } from "./mass-credit-wizard.helpers.js";

const press = async (key: string) => {
  await sendKeys({ press: key });
  await nextFrame();
};

/** A wizard on the review of a few hundred rows (family mode). */
async function longReview(families = 300): Promise<{ w: CkMassCreditWizard; keys: string[] }> {
  const w = await mountWizard(await generatedSource(families));
  await answerRequired(w);
  await previewNow(w);
  await rowsShown(w);
  const keys = (w.preview?.rows ?? []).map((r) => r.rowKey);
  return { w, keys };
}

const grid = (w: CkMassCreditWizard) => q(w, "[role=grid]");
/** The row key of the focused checkbox ("" when focus is not on a row's checkbox). */
const focusedKey = (w: CkMassCreditWizard) => (focused(w) as HTMLInputElement | null)?.dataset.rowKey ?? "";
const focusedRow = (w: CkMassCreditWizard) => focused(w)?.closest("[role=row]") ?? null;
/** The Tab stops inside the grid (the grid's own included). */
const tabStops = (w: CkMassCreditWizard) => [grid(w), ...all(w, "[role=grid] [tabindex]")].filter((e) => e.tabIndex >= 0);

const lastColor = (shadow: string) => (shadow.match(/rgba?\([^)]*\)/g) ?? []).at(-1) ?? "";

describe("<ck-mass-credit-wizard> review grid: one Tab stop, arrows inside (#17.16)", () => {
  it("is accessible: a named grid, its rows' checkboxes labelled, one Tab stop", async () => {
    const { w } = await longReview();
    await expect(w).to.be.accessible();
    expect(grid(w).getAttribute("aria-label")).to.equal("Credits to issue");
    expect(all(w, "[role=grid] [role=row]").every((r) => r.querySelector("[role=gridcell], [role=columnheader]"))).to.equal(true);
    expect(tabStops(w)).to.have.length(1);
  });

  it("a person Tabs in once, arrows down, deselects with Space, goes to the last row with End, and one Tab leaves for the next control", async () => {
    const { w, keys } = await longReview();
    const count = keys.length;
    expect(count, "a few hundred rows").to.be.greaterThan(200);
    expect(all(w, ".rows [role=row]").length, "windowed").to.be.lessThan(40);

    // From the review's heading, Tab until the grid: the controls above it, then one Tab into it, on the first row.
    expect(focused(w)?.id).to.equal("review-title");
    let tabs = 0;
    while (!grid(w).contains(focused(w)) && tabs < 20) {
      await press("Tab");
      tabs++;
    }
    expect(focused(w)?.id === "select-none" || tabs <= 6, `${tabs} Tabs to the grid`).to.equal(true);
    expect(focusedKey(w)).to.equal(keys[0]);

    // Arrow Down N times: focus on row N (the window follows).
    const N = 25;
    for (let i = 1; i <= N; i++) {
      await press("ArrowDown");
      expect(focusedKey(w), `after ${i} ArrowDown`).to.equal(keys[i]);
    }
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal(String(N + 2));
    const box = focused(w) as HTMLInputElement;
    expect(box.matches(":focus-visible"), "the focus shows").to.equal(true);
    expect(tabStops(w)).to.deep.equal([box]);

    // Space deselects it: the row, the announced count and total, and Process say so.
    await press("Space");
    await w.updateComplete;
    expect([...w.deselected]).to.deep.equal([keys[N]]);
    expect(focusedKey(w), "focus stays on the row").to.equal(keys[N]);
    expect(box.checked).to.equal(false);
    expect(focusedRow(w)?.classList.contains("selected")).to.equal(false);
    const totals = q(w, "[part~=totals]");
    expect(totals.getAttribute("role")).to.equal("status");
    expect(totals.textContent?.replace(/\s+/g, " ")).to.contain(`${count - 1} of ${count} selected`);
    expect(q(w, "[part~=process-button]").textContent).to.contain(`Process ${count - 1} credits`);
    // Space again selects it back; Enter submits nothing.
    await press("Space");
    await w.updateComplete;
    expect(w.deselected.size).to.equal(0);
    await press("Space");
    await press("Enter");
    await w.updateComplete;
    expect(w.step).to.equal("review");
    expect(q<HTMLDialogElement>(w, "dialog").open).to.equal(false);
    expect([...w.deselected]).to.deep.equal([keys[N]]);

    // Page Down / Page Up move by the rows on screen, and back.
    await press("PageDown");
    const page = keys.indexOf(focusedKey(w)) - N;
    expect(page, "a page of rows").to.be.within(5, 20);
    await press("PageUp");
    expect(focusedKey(w)).to.equal(keys[N]);

    // End: the last row, rendered and scrolled to although the window held the first ones.
    await press("End");
    expect(focusedKey(w)).to.equal(keys[count - 1]);
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal(String(count + 1));
    const scroller = q(w, ".rows");
    const row = (focusedRow(w) as HTMLElement).getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(row.top).to.be.at.least(view.top - 1);
    expect(row.bottom).to.be.at.most(view.bottom + 1);
    expect((focused(w) as HTMLElement).matches(":focus-visible")).to.equal(true);
    // Arrow Down at the last row stays there; Home goes back to the first.
    await press("ArrowDown");
    expect(focusedKey(w)).to.equal(keys[count - 1]);
    await press("Home");
    expect(focusedKey(w)).to.equal(keys[0]);
    await press("End");

    // One Tab leaves the grid; Tabs from the grid to Process: a few, not one per row (568 before).
    await press("Tab");
    expect(grid(w).contains(focused(w)), "the first Tab leaves the grid").to.equal(false);
    let toProcess = 1;
    while (focused(w)?.getAttribute("part") !== "process-button" && toProcess < 10) {
      await press("Tab");
      toProcess++;
    }
    expect(focused(w)?.getAttribute("part")).to.equal("process-button");
    expect(toProcess, "Tabs from the grid to Process").to.be.at.most(3);
    // Shift+Tab back into the grid lands on the row focused last.
    for (let i = 0; i < toProcess; i++) await press("Shift+Tab");
    expect(focusedKey(w)).to.equal(keys[count - 1]);
  });

  it("the focused row is clearly marked: the checkbox's ring and the row's, both at least 3:1", async () => {
    for (const scheme of ["light", "dark"] as const) {
      await emulateMedia({ colorScheme: scheme });
      const { w } = await longReview(60);
      q(w, "#select-none").focus();
      await press("Tab");
      await press("ArrowDown");
      const box = focused(w) as HTMLInputElement;
      const surface = getComputedStyle(q(w, "[part~=base]")).backgroundColor;
      const ring = lastColor(getComputedStyle(box).boxShadow);
      expect(contrast(ring, surface), `${scheme}: checkbox ring ${ring} on ${surface}`).to.be.at.least(3);
      const row = focusedRow(w) as HTMLElement;
      const rowStyle = getComputedStyle(row);
      const rowRing = lastColor(rowStyle.boxShadow);
      expect(rowStyle.boxShadow, "the row is outlined").to.contain("inset");
      expect(contrast(rowRing, rowStyle.backgroundColor), `${scheme}: row ring ${rowRing} on ${rowStyle.backgroundColor}`).to.be.at.least(
        3,
      );
    }
    await emulateMedia({ colorScheme: "light" });
  });

  it("Tab comes back to the row focused last after the table was scrolled away from it", async () => {
    const { w, keys } = await longReview();
    q(w, "#select-none").focus();
    await press("Tab");
    for (let i = 0; i < 4; i++) await press("ArrowDown");
    expect(focusedKey(w)).to.equal(keys[4]);
    const toggle = q(w, "#toggle-explain");
    toggle.focus();
    // Scrolled by the wheel far down: row 4 is no longer rendered; the grid itself holds the Tab stop.
    const scroller = q(w, ".rows");
    scroller.scrollTop = scroller.scrollHeight / 2;
    scroller.dispatchEvent(new Event("scroll"));
    await nextFrame();
    expect(all<HTMLInputElement>(w, ".rows input").map((b) => b.dataset.rowKey)).not.to.include(keys[4]);
    expect(tabStops(w)).to.deep.equal([grid(w)]);
    await press("Shift+Tab");
    expect(focusedKey(w)).to.equal(keys[4]);
    expect(tabStops(w)).to.have.length(1);
    await press("ArrowDown");
    expect(focusedKey(w)).to.equal(keys[5]);
  });

  it("a click on a row's checkbox still toggles it and moves the Tab stop to that row; a click on its text too", async () => {
    const { w, keys } = await longReview(60);
    const third = all<HTMLInputElement>(w, ".rows input[type=checkbox]")[3] as HTMLInputElement;
    third.click();
    await w.updateComplete;
    expect([...w.deselected]).to.deep.equal([keys[3]]);
    expect(tabStops(w)).to.deep.equal([third]);
    q(w, "#select-none").focus();
    await press("Tab");
    expect(focusedKey(w)).to.equal(keys[3]);
    await press("ArrowDown");
    expect(focusedKey(w)).to.equal(keys[4]);
  });

  it("focus stays on the row while the window moves and after toggles re-render it", async () => {
    const { w, keys } = await longReview();
    q(w, "#select-none").focus();
    await press("Tab");
    for (let i = 1; i <= 40; i++) {
      await press("ArrowDown");
      if (i % 10 === 0) {
        await press("Space");
        await w.updateComplete;
        await nextFrame();
      }
      expect(focusedKey(w), `row ${i}`).to.equal(keys[i]);
    }
    expect(w.deselected.size).to.equal(4);
    await press("PageDown");
    await press("PageDown");
    await nextFrame();
    await nextFrame();
    const at = keys.indexOf(focusedKey(w));
    expect(at).to.be.greaterThan(45);
    await press("Space");
    await w.updateComplete;
    await nextFrame();
    expect(focusedKey(w)).to.equal(keys[at]);
    expect(w.deselected.has(keys[at] as string)).to.equal(true);
  });

  it("a search starts the grid again on its first match; a search with no match leaves no stop in it", async () => {
    const { w, keys } = await longReview(60);
    q(w, "#select-none").focus();
    await press("Tab");
    await press("End");
    expect(focusedKey(w)).to.equal(keys.at(-1));
    const search = q<HTMLInputElement>(w, "#review-search");
    search.focus();
    const name = w.preview?.rows.at(-1)?.familyName ?? "";
    await sendKeys({ type: name });
    await waitUntil(() => w.ui.search === name, "the search applies");
    await w.updateComplete;
    expect(all(w, ".rows [role=row]").length).to.be.greaterThan(0);
    await press("Tab");
    await press("Tab");
    await press("Tab");
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal("2");
    expect(focusedRow(w)?.textContent).to.contain(name);
    search.focus();
    await sendKeys({ type: "zzzz-none" });
    await waitUntil(() => w.ui.search.endsWith("zzzz-none"), "the search applies");
    await w.updateComplete;
    await nextFrame();
    expect(all(w, ".rows [role=row]")).to.have.length(0);
    expect(tabStops(w)).to.have.length(0);
  });
});

/** A data source whose previews run "on the server" (a test double of the port): the first page comes with the preview, later pages when `release()` is called. */
async function serverSource(families = 300) {
  const store = await generatedSource(families);
  const data = await store.getDataSet();
  if (!data) throw new Error("no data set");
  const kept = new Map<string, ReturnType<typeof previewMassCredit>>();
  const keptPreview = (id: string) => kept.get(id) ?? previewMassCredit({} as never, data);
  const state = { failing: false };
  let open = () => {};
  let gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const previews: PreviewsPort = {
    context: async () => ({
      currency: data.currency,
      lists: data.lists,
      families: data.families.length,
      keywords: { student: [], family: [], offering: [] },
    }),
    async start(request, { limit = 100 } = {}) {
      const preview = previewMassCredit(request, data);
      const previewId = `preview-${kept.size + 1}`;
      kept.set(previewId, preview);
      const { count, total, summary } = preview;
      return {
        previewId,
        asOf: new Date().toISOString(),
        request: preview.request,
        count,
        total,
        summary,
        rows: preview.rows.slice(0, limit),
      };
    },
    async rows(previewId, offset, limit) {
      await gate;
      if (state.failing) throw new Error("The preview is no longer kept.");
      return keptPreview(previewId).rows.slice(offset, offset + limit);
    },
    explain: async (previewId, familyId) => explainFamily(keptPreview(previewId).request, data, familyId),
    run: async (previewId, { runId, deselected = [], ...options }) =>
      store.processRun(planRun(keptPreview(previewId), { runId, lists: data.lists, deselected }), options),
  };
  const source = new Proxy(store, {
    get(target, name) {
      if (name === "previews") return previews;
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as StoreDataSource;
  const release = () => {
    open();
    gate = Promise.resolve();
  };
  return { source, release, state };
}

describe("<ck-mass-credit-wizard> review grid over a preview on the server", () => {
  it("End reaches a row not read yet (its cell holds focus), and focus stays on the row once it is read", async () => {
    const { source, release } = await serverSource();
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student" });
    await previewNow(w);
    await rowsShown(w);
    const count = w.preview?.count ?? 0;
    expect(count).to.be.greaterThan(200);
    q(w, "#select-none").focus();
    await press("Tab");
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal("2");
    await press("End");
    const row = focusedRow(w) as HTMLElement;
    expect(row.getAttribute("aria-rowindex")).to.equal(String(count + 1));
    expect(row.classList.contains("unread")).to.equal(true);
    expect(focused(w)?.textContent).to.contain("Loading");
    expect(tabStops(w)).to.have.length(1);
    release();
    await waitUntil(() => (focused(w) as HTMLInputElement | null)?.type === "checkbox", "the row is read, focus on its checkbox");
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal(String(count + 1));
    expect(tabStops(w)).to.have.length(1);
    await press("Space");
    await w.updateComplete;
    expect(w.selectedCount).to.equal(count - 1);
    await press("ArrowUp");
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal(String(count));
  });

  it("a row whose read failed: its cell holds focus, and Enter is its Try again", async () => {
    const { source, release, state } = await serverSource();
    state.failing = true;
    release();
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student" });
    await previewNow(w);
    await rowsShown(w);
    q(w, "#select-none").focus();
    await press("Tab");
    await press("End");
    await waitUntil(() => focused(w)?.textContent?.includes("Not read"), "the read failed, focus on the row's cell");
    expect(tabStops(w)).to.have.length(1);
    await expect(w).to.be.accessible();
    state.failing = false;
    await press("Enter");
    await waitUntil(() => (focused(w) as HTMLInputElement | null)?.type === "checkbox", "read again, focus on the row's checkbox");
    expect(focusedRow(w)?.getAttribute("aria-rowindex")).to.equal(String((w.preview?.count ?? 0) + 1));
  });
});

const SETTINGS = [
  ["light", "light", 1024],
  ["dark", "dark", 1024],
  ["at a phone's width (390 px)", "light", 390],
  ["dark at a phone's width", "dark", 390],
] as const;

describe("<ck-mass-credit-wizard> review grid under axe", () => {
  after(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  for (const [name, scheme, width] of SETTINGS) {
    it(`${name}: axe finds nothing with a row focused and one deselected`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const { w } = await longReview(200);
      q(w, "#select-none").focus();
      await press("Tab");
      await press("ArrowDown");
      await press("Space");
      await w.updateComplete;
      await expect(w).to.be.accessible();
      expect(w.getBoundingClientRect().right).to.be.at.most(window.innerWidth + 0.5);
    });
  }
});

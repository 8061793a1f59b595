/**
 * The wizard over a data source whose previews run on the server
 * (`dataSource.previews`). The port here is a test double for the network,
 * made of the core's own functions over a memory data source; the real
 * server path is covered by test/server/remote-previews.test.ts.
 */
import {
  explainFamily,
  type GrantEntry,
  type MassCreditPreview,
  type MassCreditRequest,
  type PreviewsPort,
  planRun,
  previewMassCredit,
} from "@creditkit/core";
import type { StoreDataSource } from "@creditkit/store";
import { expect, waitUntil } from "@open-wc/testing";
import { emulateMedia, setViewport } from "@web/test-runner-commands";
import {
  all,
  answerRequired,
  generatedSource,
  mountWizard,
  previewNow,
  processNow,
  q,
  rowsShown,
  textOf,
} from "./mass-credit-wizard.helpers.js";

/** Today at 10:42 (local time): the review says "as of 10:42". */
const AS_OF = (() => {
  const at = new Date();
  at.setHours(10, 42, 0, 0);
  return at.toISOString();
})();

interface Calls {
  getDataSet: number;
  starts: MassCreditRequest[];
  pages: [offset: number, limit: number][];
  explained: string[];
  runs: { runId: string; deselected: readonly string[] }[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** A memory data source whose wizard previews, explains and runs through a `previews` port; `getDataSet` is counted. */
async function serverSource(families = 300) {
  const store = await generatedSource(families);
  const data = await store.getDataSet();
  if (!data) throw new Error("no data set");
  const calls: Calls = { getDataSet: 0, starts: [], pages: [], explained: [], runs: [] };
  const kept = new Map<string, MassCreditPreview>();
  const keptPreview = (id: string) => {
    const preview = kept.get(id);
    if (!preview) throw new Error(`unknown preview ${id}`);
    return preview;
  };
  const previews: PreviewsPort = {
    context: async () => ({
      currency: data.currency,
      lists: data.lists,
      families: data.families.length,
      keywords: {
        student: sorted(data.students.flatMap((s) => s.keywords)),
        family: sorted(data.families.flatMap((f) => f.keywords)),
        offering: sorted(data.lists.offerings.flatMap((o) => o.keywords)),
      },
    }),
    async start(request, { limit = 100 } = {}) {
      calls.starts.push(request);
      const preview = previewMassCredit(request, data);
      const previewId = `preview-${kept.size + 1}`;
      kept.set(previewId, preview);
      const { count, total, summary } = preview;
      return { previewId, asOf: AS_OF, request: preview.request, count, total, summary, rows: preview.rows.slice(0, limit) };
    },
    async rows(previewId, offset, limit) {
      calls.pages.push([offset, limit]);
      return keptPreview(previewId).rows.slice(offset, offset + limit);
    },
    async explain(previewId, familyId) {
      calls.explained.push(familyId);
      return explainFamily(keptPreview(previewId).request, data, familyId);
    },
    async run(previewId, { runId, deselected = [], ...options }) {
      calls.runs.push({ runId, deselected: [...deselected] });
      const plan = planRun(keptPreview(previewId), { runId, lists: data.lists, deselected });
      return store.processRun(plan, options);
    },
  };
  const source = new Proxy(store, {
    get(target, name) {
      if (name === "previews") return previews;
      if (name === "getDataSet") {
        return () => {
          calls.getDataSet++;
          return target.getDataSet();
        };
      }
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as StoreDataSource;
  return { source, store, calls, kept };
}

const grantsOf = async (store: StoreDataSource) => (await store.listEntries()).filter((e) => e.type === "Account Credit") as GrantEntry[];

/** Scrolls the review table to its end and waits for the last row to be read and shown. */
async function scrollToEnd(w: HTMLElement, lastName: string): Promise<void> {
  const scroller = q(w, ".rows");
  await waitUntil(
    () => {
      scroller.scrollTop = scroller.scrollHeight;
      scroller.dispatchEvent(new Event("scroll"));
      return all(w, ".rows [role=row]").some((r) => r.textContent?.includes(lastName) && !r.classList.contains("unread"));
    },
    "the last rows are read and shown",
    { timeout: 5000 },
  );
}

describe("<ck-mass-credit-wizard> with previews on the server", () => {
  before(async () => {
    await setViewport({ width: 1000, height: 800 });
  });
  afterEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 1000, height: 800 });
  });

  it("asks, previews, pages, deselects and processes through the port, never reading the data set", async () => {
    const { source, store, calls, kept } = await serverSource();
    const w = await mountWizard(source);
    await expect(w).to.be.accessible();
    await answerRequired(w, { mode: "student", amount: "12.50" });
    // The questions' lists and keywords come from the port's context.
    q<HTMLButtonElement>(w, "#toggle-keywords").click();
    await w.updateComplete;
    expect(all(w, "#studentKeywords input[type=checkbox]").length).to.be.greaterThan(0);
    await expect(w).to.be.accessible();
    await previewNow(w);
    await expect(w).to.be.accessible();
    expect(calls.starts).to.have.length(1);
    const preview = kept.get("preview-1");
    if (!preview) throw new Error("no preview");
    expect(preview.count).to.be.greaterThan(400);
    // The server's figures.
    const n = preview.count.toLocaleString("en-US");
    expect(q(w, "#review-title").textContent).to.contain(`Review ${n} credits`);
    expect(q(w, "[part~=totals]").textContent?.replace(/\s+/g, " ")).to.contain(`${n} of ${n} selected`);
    expect(q(w, "[part~=as-of]").textContent).to.contain("10:42");
    q<HTMLButtonElement>(w, "#toggle-summary").click();
    await w.updateComplete;
    expect(q(w, "#summary-list").textContent).to.contain("Issue once per student");
    // The first page came with the preview; the first rows are its rows.
    const rows = await rowsShown(w);
    expect(rows[0]?.textContent).to.contain(preview.rows[0]?.familyName ?? "?");
    expect(calls.pages).to.have.length(0);
    // Scrolling to the end reads the last page only.
    const last = preview.rows.at(-1);
    if (!last?.studentName) throw new Error("no last row");
    await scrollToEnd(w, last.studentName);
    expect(calls.pages.length).to.be.greaterThan(0);
    expect(calls.pages.every(([offset, limit]) => offset >= 200 && limit <= 200)).to.equal(true);
    expect(w.session?.previewTask.server?.complete).to.equal(false);
    await expect(w).to.be.accessible();
    // Deselect the last row shown, and the first row.
    const lastBox = all<HTMLInputElement>(w, ".rows input[type=checkbox]").at(-1);
    const lastKey = lastBox?.dataset.rowKey;
    lastBox?.click();
    q(w, ".rows").scrollTop = 0;
    q(w, ".rows").dispatchEvent(new Event("scroll"));
    await w.updateComplete;
    await waitUntil(() => all<HTMLInputElement>(w, ".rows input[type=checkbox]")[0]?.dataset.rowKey === preview.rows[0]?.rowKey);
    all<HTMLInputElement>(w, ".rows input[type=checkbox]")[0]?.click();
    await w.updateComplete;
    const dropped = [preview.rows[0]?.rowKey, lastKey].sort();
    expect(q(w, "[part~=totals]").textContent?.replace(/\s+/g, " ")).to.contain(`${(preview.count - 2).toLocaleString("en-US")} of ${n}`);
    await processNow(w);
    await expect(w).to.be.accessible();
    // The run got exactly what was deselected, and its result shows.
    expect(calls.runs).to.have.length(1);
    expect([...(calls.runs[0]?.deselected ?? [])].sort()).to.deep.equal(dropped);
    const record = w.record;
    if (!record) throw new Error("no record");
    expect(record.runId).to.equal(calls.runs[0]?.runId);
    expect(q(w, "[data-figure=count]").textContent).to.equal(String(preview.count - 2));
    const grants = await grantsOf(store);
    expect(grants).to.have.length(preview.count - 2);
    expect(grants.some((g) => dropped.some((key) => g.key === `${record.runId}/${key}`))).to.equal(false);
    expect(calls.getDataSet).to.equal(0);
    // No preview worker was started (its module was never fetched).
    expect(performance.getEntriesByType("resource").some((e) => e.name.includes("preview.worker"))).to.equal(false);
  });

  it("after Select none, runs the few rows chosen (every other key sent as deselected)", async () => {
    const { source, store, calls, kept } = await serverSource(120);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student" });
    await previewNow(w);
    const preview = kept.get("preview-1");
    if (!preview) throw new Error("no preview");
    q<HTMLButtonElement>(w, "#select-none").click();
    await w.updateComplete;
    all<HTMLInputElement>(w, ".rows input[type=checkbox]")[1]?.click();
    await w.updateComplete;
    expect(q(w, "[part~=totals]").textContent?.replace(/\s+/g, " ")).to.contain(`1 of ${preview.count} selected`);
    await processNow(w);
    const kept1 = preview.rows[1]?.rowKey ?? "";
    expect(calls.runs[0]?.deselected).to.have.length(preview.count - 1);
    expect(calls.runs[0]?.deselected).not.to.include(kept1);
    const grants = await grantsOf(store);
    expect(grants.map((g) => g.key)).to.deep.equal([`${w.record?.runId}/${kept1}`]);
    expect(calls.getDataSet).to.equal(0);
  });

  it("explains a family by id through the port, and searches every row (reading the rest)", async () => {
    const { source, store, calls, kept } = await serverSource(300);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family" });
    q<HTMLButtonElement>(w, "#q-outstanding").click();
    await w.updateComplete;
    await previewNow(w);
    const preview = kept.get("preview-1");
    if (!preview) throw new Error("no preview");
    // A family left out: explained by its id.
    const families = (await store.getDataSet())?.families ?? [];
    const out = families.find((f) => !preview.rows.some((r) => r.familyId === f.id));
    if (!out) throw new Error("every family qualifies");
    q<HTMLButtonElement>(w, "#toggle-explain").click();
    await w.updateComplete;
    const input = q<HTMLInputElement>(w, "#explain-query");
    input.value = out.id;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await w.updateComplete;
    q<HTMLFormElement>(w, ".explain-form").requestSubmit();
    await waitUntil(() => all(w, ".why").length === 1, "the explanation shows");
    expect(calls.explained).to.deep.equal([out.id]);
    expect(q(w, ".why").textContent).to.contain(out.name);
    expect(q(w, ".why").classList.contains("out")).to.equal(true);
    await expect(w).to.be.accessible();
    // An unknown id: no family.
    input.value = "no-such-family";
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    q<HTMLFormElement>(w, ".explain-form").requestSubmit();
    await waitUntil(() => textOf(w).includes("No family has that ID"), "no family is said");
    // A search finds a row that is not read yet.
    const far = preview.rows.at(-1);
    if (!far) throw new Error("no rows");
    const search = q<HTMLInputElement>(w, "#review-search");
    search.value = far.familyName;
    search.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await waitUntil(() => w.session?.previewTask.server?.complete === true, "every row is read", { timeout: 5000 });
    await waitUntil(() => all(w, ".rows [role=row]").some((r) => r.textContent?.includes(far.familyName)), "the far row shows");
    expect(textOf(w)).to.match(/rows? match/);
    // Select none shown: every match, read from every page.
    expect(q<HTMLButtonElement>(w, "#select-none").disabled).to.equal(false);
    q<HTMLButtonElement>(w, "#select-none").click();
    await w.updateComplete;
    const matches = preview.rows.filter((r) => r.familyName.toLocaleLowerCase().includes(far.familyName.toLocaleLowerCase()));
    expect(w.selectedCount).to.equal(preview.count - matches.length);
    expect(calls.getDataSet).to.equal(0);
  });

  it("says when the server refuses the preview or a page of rows", async () => {
    const { source, calls } = await serverSource(300);
    const previews = source.previews;
    if (!previews) throw new Error("no previews");
    const { start, rows } = previews;
    let down = true;
    previews.start = (request, options) => (down ? Promise.reject(new Error("The server could not be reached.")) : start(request, options));
    let failures = 0;
    previews.rows = () => {
      failures++;
      return Promise.reject(new Error("The preview is no longer kept."));
    };
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "student" });
    q<HTMLButtonElement>(w, "[part~=preview-button]").click();
    await waitUntil(() => textOf(w).includes("The server could not be reached."), "the refusal shows");
    expect(w.step).to.equal("questions");
    await expect(w).to.be.accessible();
    down = false;
    await previewNow(w);
    await rowsShown(w);
    const scroller = q(w, ".rows");
    scroller.scrollTop = scroller.scrollHeight;
    scroller.dispatchEvent(new Event("scroll"));
    await waitUntil(() => textOf(w).includes("Some rows could not be read: The preview is no longer kept."), "the page's failure shows");
    expect(all(w, ".rows .unread").length).to.be.greaterThan(0);
    // A page that failed is not asked for again and again.
    const asked = failures;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failures).to.equal(asked);
    expect(calls.getDataSet).to.equal(0);
    await expect(w).to.be.accessible();
    // Try again reads them once the server answers.
    previews.rows = rows;
    const again = all<HTMLButtonElement>(w, ".rows .unread button")[0];
    if (!again) throw new Error("no Try again");
    again.click();
    await waitUntil(() => all(w, ".rows .unread").length === 0, "the rows are read");
    expect(textOf(w)).not.to.contain("Some rows could not be read");
  });

  for (const [name, scheme, width] of [
    ["dark", "dark", 1000],
    ["a phone's width", "light", 390],
  ] as const) {
    it(`is accessible on the review with the time and the explain hint, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const { source } = await serverSource(60);
      const w = await mountWizard(source);
      await answerRequired(w, { mode: "enrollment" });
      await previewNow(w);
      q<HTMLButtonElement>(w, "#toggle-explain").click();
      await w.updateComplete;
      expect(all(w, "#explain-hint")).to.have.length(1);
      expect(all(w, "[part~=as-of]")).to.have.length(1);
      await expect(w).to.be.accessible();
      const box = q(w, "[part~=as-of]").getBoundingClientRect();
      expect(box.right).to.be.at.most(window.innerWidth);
    });
  }
});

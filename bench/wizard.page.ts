/**
 * The page `npm run bench:wizard` and `bench/wizard.screenshots.mjs` open
 * (served by Vite from the sources). `?view=<scene>` renders the wizard at one
 * step for a screenshot; otherwise `window.benchWizard(families)` times the
 * wizard over generated data. Reports figures only.
 */
import "@creditkit/elements";
import type { CreditKitDataSource } from "@creditkit/core";
import type { CkMassCreditWizard } from "@creditkit/elements";
import { prepareScene, seededSource, type WizardScene, withServerJob } from "../stories/mass-credit-wizard.data.js";
import { watchMainThread } from "./main-thread-watch.js";

declare global {
  interface Window {
    wizardReady?: boolean;
    benchWizard?: (families: number) => Promise<Record<string, number>>;
  }
}

const stage = document.getElementById("stage") as HTMLElement;
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => unknown, timeout = 600_000): Promise<void> {
  const end = performance.now() + timeout;
  while (!predicate()) {
    if (performance.now() > end) throw new Error("timed out");
    await sleep(5);
  }
}

function mount(source: CreditKitDataSource): CkMassCreditWizard {
  const provider = document.createElement("ck-provider");
  provider.dataSource = source;
  provider.locale = "en-US";
  const wizard = document.createElement("ck-mass-credit-wizard");
  wizard.location = "downtown";
  provider.append(wizard);
  stage.replaceChildren(provider);
  return wizard;
}

const inside = (w: CkMassCreditWizard, selector: string) => w.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

async function benchWizard(families: number): Promise<Record<string, number>> {
  const seedStart = performance.now();
  const source = await seededSource(families, 7);
  const seedMs = performance.now() - seedStart;
  await prepareScene(source, "answered");
  const w = mount(source);
  await until(() => inside(w, "[part~=preview-button]"));
  const session = w.session;
  if (!session) throw new Error("no session");
  session.answers = { ...session.answers, mode: "family" };

  // Preview, cold: the data set goes to the worker in parts, is indexed there, then previewed.
  const preview = await watchMainThread(async () => {
    inside(w, "[part~=preview-button]")?.click();
    await until(() => w.step === "review");
  }, "cold preview");
  const rows = w.preview?.count ?? 0;

  // The review table's first render: from showing the review to rows on screen.
  session.editQuestions();
  await w.updateComplete;
  await nextFrame();
  const renderStart = performance.now();
  session.step = "review";
  session.changed();
  await w.updateComplete;
  while (!inside(w, ".rows [role=row]")) await nextFrame();
  const firstRender = performance.now() - renderStart;

  const timeClick = async (selector: string) => {
    await nextFrame();
    const start = performance.now();
    inside(w, selector)?.click();
    await w.updateComplete;
    return performance.now() - start;
  };
  const selectNone = await timeClick("#select-none");
  const selectAll = await timeClick("#select-all");

  // A scroll through the table: 150 frames, 1,500 px each.
  const scroller = inside(w, ".rows");
  const frames: number[] = [];
  const scrollStart = performance.now();
  let last = await nextFrame();
  for (let i = 0; i < 150 && scroller; i++) {
    scroller.scrollTop += 1500;
    const now = await nextFrame();
    frames.push(now - last);
    last = now;
  }
  performance.measure("scroll", { start: scrollStart });
  frames.sort((a, b) => a - b);

  // Preview again, warm (the worker holds the index).
  session.editQuestions();
  await w.updateComplete;
  const warm = await watchMainThread(async () => {
    inside(w, "[part~=preview-button]")?.click();
    await until(() => w.step === "review");
  }, "warm preview");

  // Process every row through the memory data source.
  const processing = await watchMainThread(async () => {
    inside(w, "[part~=process-button]")?.click();
    await w.updateComplete;
    inside(w, "#dialog-confirm")?.click();
    await until(() => w.step === "done" || w.session?.run.status === "stopped");
  }, "processing");

  return {
    families,
    rows,
    seedMs,
    indexMs: session.client.indexMs,
    previewWorkerMs: session.client.previewMs,
    previewWallMs: preview.ms,
    previewLongestTask: preview.longestTask,
    previewLongTasks: preview.longTasks,
    previewLongestGap: preview.longestGap,
    warmPreviewWallMs: warm.ms,
    warmPreviewLongestTask: warm.longestTask,
    firstRender,
    selectNone,
    selectAll,
    scrollFrames: frames.length,
    scrollLongestFrame: frames.at(-1) ?? 0,
    scrollMedianFrame: frames[Math.floor(frames.length / 2)] ?? 0,
    processMs: processing.ms,
    processLongestTask: processing.longestTask,
    processLongTasks: processing.longTasks,
    processLongestGap: processing.longestGap,
    credits: w.record?.count ?? 0,
  };
}

/** One screen for a screenshot, with what a person clicked to get there. */
async function view(scene: WizardScene): Promise<void> {
  const source = await seededSource(Number(new URLSearchParams(location.search).get("families") ?? 300), 7);
  await prepareScene(source, scene);
  const w = mount(scene === "server-job" ? withServerJob(source, 0) : source);
  await until(() => inside(w, "h2"));
  if ((scene === "past-runs" || scene === "server-job") && !new URLSearchParams(location.search).has("start")) {
    inside(w, "#runs-open")?.click();
    await until(() => inside(w, "[part~=past-run]"));
  }
  await w.updateComplete;
  if (scene === "errors") inside(w, "[part~=preview-button]")?.click();
  if (scene === "explain") {
    inside(w, "#toggle-explain")?.click();
    await w.updateComplete;
    const input = inside(w, "#explain-query") as HTMLInputElement;
    const missing = (await source.getDataSet())?.families.find((f) => !w.preview?.rows.some((r) => r.familyId === f.id));
    input.value = missing?.name ?? "";
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    await w.updateComplete;
    inside(w, "#explain-body button[type=submit]")?.click();
    await until(() => inside(w, ".why"));
  }
  if (scene === "confirm") inside(w, "[part~=process-button]")?.click();
  await w.updateComplete;
  if (w.step === "review") await until(() => inside(w, ".rows [role=row]"));
  await sleep(300);
  window.wizardReady = true;
}

const scene = new URLSearchParams(location.search).get("view");
if (scene) void view(scene as WizardScene);
window.benchWizard = benchWizard;

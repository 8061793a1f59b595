/**
 * `node bench/wizard.trace.mjs [trace.json]` — runs the wizard bench page
 * (bench/wizard.page.ts) under a Chromium trace (devtools.timeline, GC, the
 * V8 sampling profiler, user timings) and says what runs in each main-thread
 * task over 50 ms: the phase it falls in (cold preview, scroll, warm
 * preview, processing), its time in GC, its top timeline events and the JS
 * functions with the most self time. BENCH_FAMILIES changes the size.
 */
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "../scripts/chromium.mjs";
import { serveWizardPage } from "./wizard.serve.mjs";

const families = Number(process.env.BENCH_FAMILIES ?? 100_000);
const path = process.argv[2] ?? "/tmp/wizard-trace.json";
const categories = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.execute",
  "disabled-by-default-v8.gc",
  "disabled-by-default-v8.cpu_profiler",
  "blink.user_timing",
  "toplevel",
].join(",");

if (!process.argv.includes("--analyse-only")) {
  const server = await serveWizardPage();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.setDefaultTimeout(0);
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.benchWizard === "function");
    await browser.startTracing(page, { path, categories: categories.split(",") });
    const r = await page.evaluate((n) => window.benchWizard(n), families);
    await browser.stopTracing();
    console.log(
      `longest task: cold ${r.previewLongestTask.toFixed(0)} ms, warm ${r.warmPreviewLongestTask.toFixed(0)} ms, processing ${r.processLongestTask.toFixed(0)} ms, scroll frame ${r.scrollLongestFrame.toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

const raw = JSON.parse(readFileSync(path, "utf8"));
const events = raw.traceEvents ?? raw;
const threadName = new Map();
for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args.name);
const mainKey = [...threadName].find(([, name]) => name === "CrRendererMain")?.[0];
const onMain = (e) => `${e.pid}:${e.tid}` === mainKey;
const spans = events
  .filter((e) => e.cat?.includes("blink.user_timing") && (e.ph === "b" || e.ph === "e"))
  .reduce((acc, e) => {
    const span = acc.get(e.name) ?? { name: e.name };
    if (e.ph === "b") span.start = e.ts;
    else span.end = e.ts;
    acc.set(e.name, span);
    return acc;
  }, new Map());
const phaseOf = (ts) => [...spans.values()].find((s) => s.start <= ts && ts <= s.end)?.name ?? "-";

// The sampling profiler's nodes and samples (one profile per thread).
const nodes = new Map();
const samples = [];
const profileThread = new Map();
for (const e of events) {
  if (e.name === "Profile") profileThread.set(e.id, { key: `${e.pid}:${e.tid}`, time: e.args.data.startTime });
  if (e.name !== "ProfileChunk") continue;
  const p = profileThread.get(e.id);
  if (!p || p.key !== mainKey) continue;
  const data = e.args.data.cpuProfile ?? {};
  for (const n of data.nodes ?? []) nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas ?? [];
  (data.samples ?? []).forEach((id, i) => {
    p.time += deltas[i] ?? 0;
    samples.push({ id, ts: p.time });
  });
}
const parents = new Map();
for (const n of nodes.values()) if (n.parent !== undefined) parents.set(n.id, n.parent);
const label = (n) => {
  const f = n?.callFrame;
  if (!f) return "?";
  const file = (f.url ?? "").split("/").pop()?.split("?")[0];
  return `${f.functionName || "(anon)"} ${file ? `${file}:${f.lineNumber + 1}` : ""}`.trim();
};

const tasks = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "RunTask" && e.dur >= 50_000);
console.log(`${tasks.length} main-thread tasks ≥ 50 ms`);
for (const task of tasks) {
  const end = task.ts + task.dur;
  const inside = events.filter((e) => onMain(e) && e.ph === "X" && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  const gc = inside
    .filter((e) => /^(MajorGC|MinorGC|V8\.GC_MARK_COMPACTOR|V8\.GC_SCAVENGER|V8\.GC_MC_BACKGROUND|BlinkGC\.AtomicPhase)$/.test(e.name))
    .reduce((n, e) => n + e.dur, 0);
  const byName = new Map();
  for (const e of inside) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`);
  const self = new Map();
  const stacks = new Map();
  for (const s of samples) {
    if (s.ts < task.ts || s.ts > end) continue;
    const n = nodes.get(s.id);
    const l = label(n);
    self.set(l, (self.get(l) ?? 0) + 1);
    const chain = [];
    for (let id = s.id; id !== undefined && chain.length < 6; id = parents.get(id)) {
      const name = label(nodes.get(id));
      if (name !== "(root)" && name !== "(program)") chain.push(name);
    }
    const k = chain.slice(0, 4).join(" < ");
    stacks.set(k, (stacks.get(k) ?? 0) + 1);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const hot = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([l, c]) => `${l} ${((100 * c) / total).toFixed(0)}%`);
  const hotStacks = [...stacks]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([l, c]) => `${((100 * c) / total).toFixed(0)}% ${l}`);
  console.log(`\n${(task.dur / 1000).toFixed(0)} ms [${phaseOf(task.ts)}] GC ${(gc / 1000).toFixed(0)} ms`);
  console.log(`  events: ${top.join(", ")}`);
  console.log(`  self:   ${hot.join(" | ")}`);
  for (const s of hotStacks) console.log(`  stack:  ${s}`);
}

/**
 * `npm run bench:mass-credit` — the mass-credit preview (§6, issue 3) against
 * three other ways of answering the same eligibility question, on the demo
 * data at 10k, 100k and 300k families. Prints, per size:
 *  - building the index (once per data load) and the preview's median time
 *    over several runs, with the heap and RSS it peaks at;
 *  - a minimal hand-written loop over the same index, for this request only
 *    (the floor: no validation, no compiled tables, the checks inlined). Like
 *    the preview, it reads only the index's typed arrays (the student keyword
 *    bitmasks included) to decide, and ids and names only to make a row;
 *  - SQLite (sql.js, in memory): tables, indexes and ANALYZE at load (timed
 *    apart), then one SQL query for this request, query time only;
 *  - json-rules-engine over the same records: a family rule over facts per
 *    family, then a student rule over facts per student of the families that
 *    passed, with custom operators for keywords and enrollment rows (facts
 *    built at load, timed apart). Above BENCH_JRE_MAX families (default
 *    300,000: all) it runs on the first BENCH_JRE_MAX families only, and says so.
 * It checks that all four return the same set of row keys (the peers on
 * their subset) and prints the ratios. It never asserts timing.
 * Targets (issue 3): preview < 300 ms and < 250 MB at 100k families, within
 * 2× of the floor, faster than SQLite and json-rules-engine, linear growth.
 */

import { generateDataSet } from "../packages/core/src/demo.js";
import {
  indexDataSet,
  type MassCreditIndex,
  type PreviewRow,
  previewMassCredit,
  validateMassCreditRequest,
} from "../packages/core/src/index.js";
import {
  buildFacts,
  DATE,
  KEYWORD,
  loadSqlite,
  loadSqlJs,
  OFFERING_KEYWORD,
  querySqlite,
  REQUEST,
  rulesEngines,
  runRules,
  WEEKEND,
  WEEKEND_MASK,
} from "./mass-credit-peers.js";

const SIZES = (process.env.BENCH_FAMILIES ?? "10000,100000,300000").split(",").map((s) => Number(s.trim()));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const JRE_MAX = Number(process.env.BENCH_JRE_MAX ?? 300_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Heap plus ArrayBuffers (the index's typed arrays live outside the JS heap). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median of RUNS timed calls after two warm-ups, with the peak memory (`used`) and RSS seen after each call. */
function timeRuns<T>(work: () => T): { value: T; median: number; peakHeap: number; peakRss: number } {
  work();
  work();
  gc();
  let peakHeap = used();
  let peakRss = process.memoryUsage().rss;
  const times: number[] = [];
  let value = work();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = work();
    times.push(performance.now() - start);
    peakHeap = Math.max(peakHeap, used());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { value, median: median(times), peakHeap, peakRss };
}

/**
 * The preview and the floor, timed in turns (preview, floor, preview …) so a
 * busy machine slows both alike and the ratio stays fair.
 */
function timeInTurns<A, B>(a: () => A, b: () => B, runs: number): [ReturnType<typeof timeRuns<A>>, ReturnType<typeof timeRuns<B>>] {
  const times: [number[], number[]] = [[], []];
  let peakHeap = 0;
  let peakRss = 0;
  // Warm up until the JIT has settled: at least 5 turns and 300 ms, at most 200 turns.
  const warmUntil = performance.now() + 300;
  for (let turn = 0; turn < 200 && (turn < 5 || performance.now() < warmUntil); turn++) {
    a();
    b();
  }
  gc();
  let valueA = a();
  let valueB = b();
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    valueA = a();
    times[0].push(performance.now() - start);
    peakHeap = Math.max(peakHeap, used());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    start = performance.now();
    valueB = b();
    times[1].push(performance.now() - start);
  }
  return [
    { value: valueA, median: median(times[0]), peakHeap, peakRss },
    { value: valueB, median: median(times[1]), peakHeap: Number.NaN, peakRss: Number.NaN },
  ];
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

// ---------------------------------------------------------------- the floor

/**
 * This request only, checks inlined, over the same index, making the same
 * rows in the same order. It decides from the index's typed arrays alone, as
 * the preview does (the student keyword as a bit of the keyword bitmasks),
 * and reads ids and names only to make a row.
 */
function floorLoop(index: MassCreditIndex): PreviewRow[] {
  const date = Number(DATE.replaceAll("-", ""));
  const swim = Uint8Array.from(index.enrollmentCodes.offerings, (o) => (o.keywords.includes(OFFERING_KEYWORD) ? 1 : 0));
  const { offeringCodes, dayMasks } = index.enrollmentCodes;
  const { familyActive, familyOutstanding, studentStart, studentActive, enrollmentStart, enrollmentFrom, enrollmentTo } = index;
  const { values, masks: keywordMasks } = index.studentKeywordCodes;
  if (keywordMasks === null) throw new Error("the floor expects at most 32 student keywords (bitmasks)");
  const code = values.indexOf(KEYWORD);
  const keywordBit = code < 0 ? 0 : 1 << code;
  const { familyIds, familyNames, studentKeys, studentIds } = index.rowFields;
  const amount = "10.00";
  const rows: PreviewRow[] = [];
  for (let f = 0; f < familyActive.length; f++) {
    if (familyActive[f] !== 1 || familyOutstanding[f] !== 1) continue;
    for (let s = studentStart[f] ?? 0, sEnd = studentStart[f + 1] ?? 0; s < sEnd; s++) {
      if (studentActive[s] !== 1 || ((keywordMasks[s] ?? 0) & keywordBit) === 0) continue;
      let inSwim = false;
      let atWeekend = false;
      for (let e = enrollmentStart[s] ?? 0, eEnd = enrollmentStart[s + 1] ?? 0; e < eEnd; e++) {
        if ((enrollmentFrom[e] ?? 0) > date || date > (enrollmentTo[e] ?? 0)) continue;
        if (swim[offeringCodes[e] ?? 0] === 1) inSwim = true;
        if (((dayMasks[e] ?? 0) & WEEKEND_MASK) !== 0) atWeekend = true;
      }
      if (!inSwim || !atWeekend) continue;
      rows.push({
        rowKey: studentKeys[s] ?? "",
        familyId: familyIds[f] ?? "",
        familyName: familyNames[f] ?? "",
        studentId: studentIds[s] ?? "",
        studentName: index.studentNames[s] ?? "",
        amount,
      });
    }
  }
  return rows;
}

// ------------------------------------------------------------------- SQLite

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return set.size === a.length && b.every((key) => set.has(key));
}

interface SizeResult {
  families: number;
  preview: number;
  floor: number;
  sqlite: number;
  jre: number;
  jreFamilies: number;
}

async function benchSize(families: number): Promise<SizeResult> {
  console.log(`\n── ${families.toLocaleString("en")} families ─────────────────────────────`);
  gc();
  const baseline = used();
  const generated = timed(() => generateDataSet({ seed: 42, families }));
  const data = generated.value;
  console.log(
    `data: ${data.students.length.toLocaleString("en")} students, ${data.enrollments.length.toLocaleString("en")} enrollments, ` +
      `${data.fees.length.toLocaleString("en")} fees (generated in ${ms(generated.ms)})`,
  );
  gc();
  const heapData = used();
  const indexed = timed(() => indexDataSet(data));
  const index = indexed.value;
  gc();
  const heapIndexed = used();
  console.log(`index: built once in ${ms(indexed.ms)}; memory: data set ${mb(heapData - baseline)}, index ${mb(heapIndexed - heapData)}`);

  const previewRuns = families < 50_000 ? RUNS * 5 : RUNS;
  const [preview, floor] = timeInTurns(
    () => previewMassCredit(REQUEST, index),
    () => floorLoop(index),
    previewRuns,
  );
  const rows = preview.value.rows;
  const previewKeys = rows.map((row) => row.rowKey);
  console.log(
    `preview: median ${ms(preview.median)} over ${previewRuns} runs → ${rows.length.toLocaleString("en")} rows; ` +
      `peak memory ${mb(preview.peakHeap - baseline)} (data + index + preview: JS heap and array buffers), process RSS ${mb(preview.peakRss)}`,
  );
  console.log(
    `floor (hand-written loop over the index's typed arrays incl. keyword bitmasks, timed in turns with the preview): ` +
      `median ${ms(floor.median)}`,
  );
  const floorSame = JSON.stringify(floor.value) === JSON.stringify(rows);

  const SQL = await loadSqlJs();
  const loaded = timed(() => loadSqlite(SQL, data));
  const db = loaded.value;
  const sqlite = timeRuns(() => querySqlite(db));
  db.close();
  console.log(`SQLite (sql.js): load + indexes ${ms(loaded.ms)} (not counted); query median ${ms(sqlite.median)}`);

  const jreFamilies = Math.min(families, JRE_MAX);
  const facts = buildFacts(data, jreFamilies);
  const engines = rulesEngines();
  await runRules(engines, facts.slice(0, 200)); // warm-up
  const jreTimes: number[] = [];
  let jreKeys: string[] = [];
  const jreRuns = jreFamilies >= 100_000 ? 1 : 3;
  for (let i = 0; i < jreRuns; i++) {
    const start = performance.now();
    jreKeys = await runRules(engines, facts);
    jreTimes.push(performance.now() - start);
  }
  const jre = median(jreTimes);
  const subset = jreFamilies < families;
  console.log(
    `json-rules-engine: ${jreRuns === 1 ? "one run" : `median of ${jreRuns}`} ${ms(jre)}` +
      (subset
        ? ` on a SUBSET: the first ${jreFamilies.toLocaleString("en")} of ${families.toLocaleString("en")} families (too slow for all)`
        : ""),
  );

  const subsetIds = new Set(facts.map((f) => f.familyId));
  const previewOnSubset = subset ? rows.filter((row) => subsetIds.has(row.familyId)).map((row) => row.rowKey) : previewKeys;
  const checks = {
    floor: floorSame,
    sqlite: sameSet(previewKeys, sqlite.value),
    jre: sameSet(previewOnSubset, jreKeys),
  };
  console.log(
    `same rows: floor ${checks.floor ? "yes" : "NO"}, SQLite ${checks.sqlite ? "yes" : "NO"}, json-rules-engine ${checks.jre ? "yes" : "NO"}` +
      (subset ? ` (on its subset: ${previewOnSubset.length.toLocaleString("en")} rows)` : ""),
  );
  if (!checks.floor || !checks.sqlite || !checks.jre) process.exitCode = 1;
  const jreScaled = subset ? jre * (families / jreFamilies) : jre;
  console.log(
    `ratios: preview / floor ${ratio(preview.median, floor.median)}; SQLite / preview ${ratio(sqlite.median, preview.median)}; ` +
      `json-rules-engine / preview ${ratio(jreScaled, preview.median)}${subset ? " (its subset time × families / subset, linear estimate)" : ""}`,
  );
  return { families, preview: preview.median, floor: floor.median, sqlite: sqlite.median, jre, jreFamilies };
}

async function main(): Promise<void> {
  const valid = validateMassCreditRequest(REQUEST, generateDataSet({ seed: 1, families: 1 }));
  console.log("mass-credit preview benchmark (issue 3)");
  console.log(`request: once per ${valid.mode}; only outstanding; student keyword ${KEYWORD}; enrolled in a ${OFFERING_KEYWORD}`);
  console.log(`  offering AND in something meeting ${WEEKEND.join("/")} on ${DATE}; timed runs after warm-up (≥ 5 runs and 300 ms)`);
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await benchSize(size));

  console.log("\n── summary ──────────────────────────────────────────");
  console.log("families   preview    floor   SQLite   json-rules-engine      preview per 10k families");
  for (const r of results) {
    const jre = r.jreFamilies < r.families ? `${ms(r.jre)} (${r.jreFamilies / 1000}k)` : ms(r.jre);
    console.log(
      `${String(r.families).padStart(8)} ${ms(r.preview).padStart(10)} ${ms(r.floor).padStart(8)} ${ms(r.sqlite).padStart(9)} ` +
        `${jre.padStart(20)}   ${ms((r.preview / r.families) * 10_000).padStart(10)}`,
    );
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1] as SizeResult;
    const b = results[i] as SizeResult;
    console.log(
      `growth ${a.families / 1000}k → ${b.families / 1000}k: families ×${(b.families / a.families).toFixed(1)}, ` +
        `preview ×${(b.preview / a.preview).toFixed(2)}, floor ×${(b.floor / a.floor).toFixed(2)}`,
    );
  }
}

await main();

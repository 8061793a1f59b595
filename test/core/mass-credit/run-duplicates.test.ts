/** Issue #13 item 9 (mass credit): a plan, a preview or a record that lists one row twice is refused before anything is written. */
import { expect } from "chai";
import {
  createJournal,
  isCreditKitError,
  type Journal,
  type KeyedEntries,
  planRun,
  previewMassCredit,
  processRun,
  type RunLedger,
  type RunPlan,
  reverseRun,
} from "../../../packages/core/src/index.js";
import { dataSet, family, request } from "./fixtures.js";

const fast = () => Promise.resolve();
const DATA = dataSet({ families: [family("F1", "Adams"), family("F2", "Baker")] });

function journal(): Journal {
  const j = createJournal({ currency: "USD", settings: { autoApply: false } });
  for (const f of DATA.families) j.openAccount({ id: f.id, name: f.name, kind: "family" });
  return j;
}

/** The plan for both families, with the first post listed again at `at`. */
function planWithRepeat(at: number): RunPlan {
  const plan = planRun(previewMassCredit(request(), DATA), { runId: "dup" });
  const posts = [...plan.posts];
  posts.splice(at, 0, posts[0] as RunPlan["posts"][number]);
  return { ...plan, posts, count: posts.length };
}

async function refusal(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("mass credit: a duplicated row key (issue #13, item 9)", () => {
  it("a plan with a duplicated row key is refused with duplicate-row and nothing is written (row by row and chunked, any chunk size)", async () => {
    for (const at of [1, 2]) {
      for (const chunkSize of [1, 2, 500]) {
        for (const chunked of [false, true]) {
          const j = journal();
          const before = JSON.stringify(j.toData());
          const ledger: RunLedger = {
            currency: "USD",
            committed: (key) => j.committed(key),
            commit: (key, entries) => j.commit(key, entries),
            ...(chunked ? { commitChunk: (items: readonly KeyedEntries[]) => items.map((i) => j.commit(i.key, i.entries)) } : {}),
          };
          const error = await refusal(processRun(ledger, planWithRepeat(at), { chunkSize, yieldControl: fast }));
          expect(isCreditKitError(error, "duplicate-row"), `at ${at}, chunk ${chunkSize}, chunked ${chunked}: ${String(error)}`).to.equal(
            true,
          );
          expect((error as { details: { rowKey?: string } }).details.rowKey).to.equal("f:F1");
          expect(JSON.stringify(j.toData())).to.equal(before);
        }
      }
    }
  });

  it("planRun refuses a preview that lists a row twice (duplicate-row)", () => {
    const preview = previewMassCredit(request(), DATA);
    const rows = [...preview.rows, preview.rows[1] as (typeof preview.rows)[number]];
    let error: unknown;
    try {
      planRun({ ...preview, rows, count: rows.length }, { runId: "dup" });
    } catch (e) {
      error = e;
    }
    expect(isCreditKitError(error, "duplicate-row")).to.equal(true);
    // Deselecting the row leaves no duplicate.
    expect(planRun({ ...preview, rows, count: rows.length }, { runId: "dup", deselected: ["f:F2"] }).posts).to.have.length(1);
  });

  it("reverseRun refuses a record that lists a credit twice (duplicate-row) and voids nothing", async () => {
    const j = journal();
    const record = await processRun(j, planRun(previewMassCredit(request(), DATA), { runId: "dup" }), { yieldControl: fast });
    expect(record).to.include({ status: "done", count: 2 });
    const before = JSON.stringify(j.toData());
    const twice = { ...record, credits: [...record.credits, record.credits[0] as (typeof record.credits)[number]] };
    const error = await refusal(reverseRun(j, twice, { date: "2026-12-05", yieldControl: fast }));
    expect(isCreditKitError(error, "duplicate-row")).to.equal(true);
    expect(JSON.stringify(j.toData())).to.equal(before);
  });
});

import { creditEntry } from "@creditkit/core";
import { expect } from "chai";
import { databases, demoRun, expectEachRowOnce, uniqueName } from "./helpers.js";

/** What only IndexedDB adds to runs (a reload, a closed connection, chunks without the run lock); the rest is in test/contract/runs.ts. */
describe("store: mass-credit runs on IndexedDB", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a run aborted at a random chunk, with the page closed, is found on the next load and resumed: each row credited exactly once", async () => {
    for (let trial = 0; trial < 3; trial++) {
      const name = uniqueName();
      const first = await dbs.open(name);
      const plan = await demoRun(first, 120);
      const chunkSize = 10;
      const chunks = Math.ceil(plan.posts.length / chunkSize);
      const stopAfter = 1 + Math.floor(Math.random() * (chunks - 1));
      const signal = { aborted: false };
      const cut = await first.processRun(plan, {
        chunkSize,
        signal,
        onProgress: (p) => {
          if (p.done >= stopAfter * chunkSize) signal.aborted = true;
        },
      });
      expect(cut.status).to.equal("interrupted");
      expect(cut.issued).to.equal(stopAfter * chunkSize);
      first.close();

      const again = await dbs.open(name);
      const runs = await again.listRuns();
      expect(runs.map((r) => [r.runId, r.status])).to.deep.equal([[plan.runId, "interrupted"]]);
      const done = await again.resumeRun(plan.runId, { chunkSize });
      expect(done.status).to.equal("done");
      expect(done.skipped).to.equal(stopAfter * chunkSize);
      expect(done.issued).to.equal(plan.posts.length - stopAfter * chunkSize);
      expect(done.count).to.equal(plan.posts.length);
      expectEachRowOnce(await again.listEntries(), plan);
      const saved = await again.getRun(plan.runId);
      expect(saved?.status).to.equal("done");
      expect(saved?.record?.credits.map((c) => c.rowKey)).to.deep.equal(plan.posts.map((p) => p.rowKey));
    }
  });

  it("a run cut off mid-processing (connection closed under it) is listed as processing and resumes exactly once", async () => {
    const name = uniqueName();
    const first = await dbs.open(name);
    const plan = await demoRun(first, 80);
    let closedAt = 0;
    const record = await first
      .processRun(plan, {
        chunkSize: 8,
        onProgress: (p) => {
          if (closedAt === 0 && p.done >= 24) {
            closedAt = p.done;
            first.close();
          }
        },
      })
      .catch((error: unknown) => error);
    expect(closedAt).to.be.greaterThan(0);
    expect(record).to.not.have.property("status", "done");
    const again = await dbs.open(name);
    const saved = await again.getRun(plan.runId);
    expect(saved?.status).to.equal("processing");
    const done = await again.resumeRun(plan.runId, { chunkSize: 8 });
    expect(done.status).to.equal("done");
    expectEachRowOnce(await again.listEntries(), plan);
  });

  it("two connections committing the same rows without the run lock still credit each row once (idempotency keys in one transaction)", async () => {
    const name = uniqueName();
    const a = await dbs.open(name);
    const plan = await demoRun(a, 60);
    const b = await dbs.open(name);
    const items = plan.posts.map((p) => ({ key: p.key, entries: [creditEntry(plan, p)] }));
    const halves = (from: number) => Array.from({ length: 6 }, (_, i) => items.slice(from + i * 10, from + i * 10 + 10));
    await Promise.all([
      ...halves(0).map((chunk) => a.commitChunk(chunk)),
      ...halves(0).map((chunk) => b.commitChunk(chunk)),
      ...items.map((item) => b.commit(item.key, item.entries)),
    ]);
    expectEachRowOnce(await a.listEntries(), plan);
    await b.sync();
    expect((await b.exportLedger()).ledger).to.deep.equal((await a.exportLedger()).ledger);
  });
});

import { creditEntry } from "@creditkit/core";
import { expect } from "chai";
import { databases, demoRun, expectEachRowOnce, fee, grant, openFamilies, uniqueName } from "./helpers.js";

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

  it("a plan that lists a row twice is refused before it is saved: no run is left listed as processing", async () => {
    const source = await dbs.open(uniqueName());
    const plan = await demoRun(source, 6);
    const twice = { ...plan, posts: [...plan.posts, plan.posts[0] as (typeof plan.posts)[number]] };
    const before = JSON.stringify((await source.exportLedger()).ledger);
    let code: unknown;
    try {
      await source.processRun(twice);
    } catch (error) {
      code = (error as { code?: unknown }).code;
    }
    expect(code).to.equal("duplicate-row");
    expect(await source.listRuns()).to.deep.equal([]);
    expect(JSON.stringify((await source.exportLedger()).ledger)).to.equal(before);
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

  it("two connections processing the same run at once credit each row once", async () => {
    const name = uniqueName();
    const a = await dbs.open(name);
    const plan = await demoRun(a, 150);
    const b = await dbs.open(name);
    const [ra, rb] = await Promise.all([a.processRun(plan, { chunkSize: 7 }), b.processRun(plan, { chunkSize: 11 })]);
    expect(ra.status).to.equal("done");
    expect(rb.status).to.equal("done");
    expect(ra.issued + rb.issued).to.equal(plan.posts.length);
    expect(ra.count).to.equal(plan.posts.length);
    expect(rb.count).to.equal(plan.posts.length);
    expectEachRowOnce(await a.listEntries(), plan);
    expectEachRowOnce(await b.listEntries(), plan);
    const c = await dbs.open(name);
    expectEachRowOnce(await c.listEntries(), plan);
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

  it("with auto-apply on, posting credits runs the sweep: the credit pays outstanding fees at once", async () => {
    const source = await dbs.open(uniqueName(), { settings: { autoApply: true } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "8.00")]);
    const result = await source.postCredits("grant/F1/g", [grant("F1", "g", "5.00")]);
    expect(result.swept.map((e) => e.type)).to.deep.equal(["Payment (AC)"]);
    const account = await source.getAccount("F1");
    expect(account.amountDue).to.equal("3.00");
    expect(account.accountCredit).to.equal("0.00");
  });

  it("with auto-apply off, posting credits leaves the fees unpaid and the credit available", async () => {
    const source = await dbs.open(uniqueName(), { settings: { autoApply: false } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "8.00")]);
    const result = await source.postCredits("grant/F1/g", [grant("F1", "g", "5.00")]);
    expect(result.swept).to.deep.equal([]);
    const account = await source.getAccount("F1");
    expect(account.amountDue).to.equal("8.00");
    expect(account.accountCredit).to.equal("5.00");
  });

  it("a mass-credit run with auto-apply on sweeps each credited account; switching it off stops the sweep", async () => {
    const source = await dbs.open(uniqueName());
    const plan = await demoRun(source, 10);
    const familyId = plan.posts[0]?.familyId as string;
    await source.commit("fee/x", [{ ...fee(familyId, "x", "3.00"), key: "fee/x", id: "fee/x#0" }]);
    await source.processRun(plan);
    expect((await source.getAccount(familyId)).amountDue).to.equal("0.00");
    expect((await source.getAccount(familyId)).accountCredit).to.equal("2.00");

    await source.updateSettings({ autoApply: false });
    await source.commit("fee/y", [{ ...fee(familyId, "y", "1.00"), key: "fee/y", id: "fee/y#0" }]);
    expect((await source.getAccount(familyId)).amountDue).to.equal("1.00");
    expect((await source.getAccount(familyId)).accountCredit).to.equal("2.00");
  });
});

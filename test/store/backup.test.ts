import { expect } from "chai";
import { createMemoryDataSource, type LedgerBackup } from "../../packages/store/src/index.js";
import { databases, demoRun, expectCode, expectEachRowOnce, uniqueName } from "./helpers.js";

/** A backup's copy whose runs a test may spoil. */
interface Editable {
  runs: { total: string; posts: { key: string }[]; record: { credits: { entryId: string }[] } }[];
}
const editable = (backup: LedgerBackup) => structuredClone(backup) as unknown as Editable;

describe("store: a backup carries the mass-credit runs", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  /** A database with one run processed and one interrupted after 10 of its rows; returns it and its backup as JSON would. */
  async function withRuns() {
    const source = await dbs.open(uniqueName());
    const done = await demoRun(source, 24, "run-done");
    await source.processRun(done);
    const cut = await demoRun(source, 24, "run-cut", false);
    const signal = { aborted: false };
    const stopAtTen = (p: { done: number }) => {
      if (p.done >= 10) signal.aborted = true;
    };
    await source.processRun(cut, { chunkSize: 5, signal, onProgress: stopAtTen });
    const backup = JSON.parse(JSON.stringify(await source.exportLedger())) as LedgerBackup;
    return { source, done, cut, backup };
  }

  it("imported into a new database, both runs are listed as they were, survive a reload, resume and reverse", async () => {
    const { source, done, cut, backup } = await withRuns();
    expect(backup.version).to.equal(2);
    const rows = done.posts.length;
    expect(rows).to.be.greaterThan(10);
    expect(backup.runs.map((r) => [r.runId, r.status, r.posts.length, r.record?.credits.length])).to.deep.equal([
      ["run-done", "done", rows, rows],
      ["run-cut", "interrupted", rows, 10],
    ]);

    const name = uniqueName();
    const target = await dbs.open(name);
    await target.importLedger(backup);
    expect(await target.listRuns()).to.deep.equal(await source.listRuns());
    target.close();
    const reopened = await dbs.open(name);
    expect(await reopened.listRuns()).to.deep.equal(await source.listRuns());
    expect((await reopened.exportLedger()).runs).to.deep.equal(backup.runs);

    // The interrupted run finishes from where the backup's ledger says it stopped: each row credited once.
    const resumed = await reopened.resumeRun("run-cut");
    expect([resumed.status, resumed.skipped, resumed.issued]).to.deep.equal(["done", 10, rows - 10]);
    expectEachRowOnce(await reopened.listEntries(), cut);
    // The finished run can still be reversed: its record came with it.
    const reversal = await reopened.reverseRun("run-done", { date: "2026-12-02" });
    expect(reversal.totals.voided).to.equal(`${rows * 5}.00`);
    const family = done.posts[0]?.familyId as string;
    expect((await reopened.getAccount(family)).accountCredit).to.equal("5.00");
  });

  it("a reversed run goes with the backup as reversed: imported, it is listed with its reversal's date and totals", async () => {
    const source = await dbs.open(uniqueName());
    const run = await demoRun(source, 12, "run-reversed");
    await source.processRun(run);
    await source.reverseRun("run-reversed", { date: "2026-12-02" });
    const [listed] = await source.listRuns();
    expect([listed?.reversal?.date, listed?.reversal?.totals.used, listed?.reversal?.spent]).to.deep.equal(["2026-12-02", "0.00", 0]);
    const backup = JSON.parse(JSON.stringify(await source.exportLedger())) as LedgerBackup;
    const target = await dbs.open(uniqueName());
    await target.importLedger(backup);
    expect(await target.listRuns()).to.deep.equal(await source.listRuns());
  });

  it("an import asked for while a run is posting waits for the run, then replaces everything: nothing of the run lands in the imported ledger", async () => {
    const { backup } = await withRuns();
    const target = await createMemoryDataSource({ currency: "USD" });
    const plan = await demoRun(target, 40, "local");
    let importing: Promise<void> | undefined;
    const record = await target.processRun(plan, {
      chunkSize: 4,
      onProgress: (p) => {
        // Half way through, someone restores a backup.
        if (p.done >= 8 && importing === undefined) importing = target.importLedger(backup);
      },
    });
    expect(record.status).to.equal("done");
    await importing;
    expect((await target.exportLedger()).ledger).to.deep.equal(backup.ledger);
    expect((await target.listRuns()).map((r) => r.runId).sort()).to.deep.equal(["run-cut", "run-done"]);
  });

  it("reads a version 1 backup (a ledger alone): the runs saved here go with the ledger they credited", async () => {
    const { backup } = await withRuns();
    const { runs: _runs, ...rest } = backup;
    const target = await createMemoryDataSource({ currency: "USD" });
    await demoRun(target, 12, "local").then((plan) => target.processRun(plan));
    expect(await target.listRuns()).to.have.length(1);
    await target.importLedger({ ...rest, version: 1 });
    expect(await target.listRuns()).to.deep.equal([]);
    expect((await target.exportLedger()).ledger).to.deep.equal(backup.ledger);
  });

  it("refuses a run whose credit is not on the backup's ledger, or whose post is keyed for another run, and changes nothing", async () => {
    const { backup } = await withRuns();
    const target = await dbs.open(uniqueName());
    const plan = await demoRun(target, 6, "local");
    await target.processRun(plan);
    const before = await target.exportLedger();

    const lost = editable(backup);
    (lost.runs[0]?.record.credits[3] as { entryId: string }).entryId = "run-done/elsewhere#0";
    await expectCode(target.importLedger(lost), "invalid-input");
    const stray = editable(backup);
    (stray.runs[1]?.posts[0] as { key: string }).key = "run-done/F1";
    await expectCode(target.importLedger(stray), "invalid-input");
    const badTotal = editable(backup);
    (badTotal.runs[0] as { total: string }).total = "12.345";
    await expectCode(target.importLedger(badTotal), "invalid-input");
    const strayPost = editable(backup);
    (strayPost.runs[1]?.posts[0] as unknown as { familyId: string }).familyId = "no-such-family";
    await expectCode(target.importLedger(strayPost), "invalid-input");
    const twice = editable(backup);
    twice.runs.push(twice.runs[0] as Editable["runs"][number]);
    await expectCode(target.importLedger(twice), "invalid-input");

    const after = await target.exportLedger();
    expect(after.ledger).to.deep.equal(before.ledger);
    expect(after.runs).to.deep.equal(before.runs);
  });
});

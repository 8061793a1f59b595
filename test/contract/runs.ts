/** Mass-credit runs: processRun, an interrupted run resumed, two processings of one run at once, listRuns and getRun, a reversal kept. */
import type { CreditKitDataSource, RunReversal } from "@creditkit/core";
import { expect } from "chai";
import { balances, type ContractContext, everything, expectCode, expectEachRowOnce, fee, post, runOver, unique } from "./support.js";

/** A data source that can also reverse a run (the port does not require it; those that cannot skip the test). */
type ReversibleSource = CreditKitDataSource & {
  reverseRun?(runId: string, options: { readonly date: string }): Promise<RunReversal>;
};

export function runsContract(ctx: ContractContext): void {
  describe("mass-credit runs", () => {
    it("processRun credits each row once and is saved as done; processing it again issues nothing", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const plan = await runOver(ctx.ledger, 12);
      const record = await ctx.source.processRun(plan, { chunkSize: 5 });
      expect([record.status, record.issued, record.skipped, record.count, record.total]).to.deep.equal(["done", 12, 0, 12, "60.00"]);
      expect(record.credits.map((c) => c.rowKey)).to.deep.equal(plan.posts.map((p) => p.rowKey));
      await expectEachRowOnce(ctx.source, plan);
      const again = await ctx.source.processRun(plan);
      expect([again.status, again.issued, again.skipped, again.count]).to.deep.equal(["done", 0, 12, 12]);
      await expectEachRowOnce(ctx.source, plan);
      const saved = await ctx.ledger.getRun(plan.runId);
      expect([saved?.status, saved?.selected, saved?.total, saved?.description]).to.deep.equal(["done", 12, "60.00", "Pool closed"]);
      expect(saved?.record?.count).to.equal(12);
      await expectCode(ctx.source.resumeRun(plan.runId, { chunkSize: -1 }), "invalid-input");
      expect((await ctx.ledger.getRun(plan.runId))?.status, "a refused resume leaves the run as it was").to.equal("done");
      const listed = (await ctx.source.listRuns()).find((r) => r.runId === plan.runId);
      expect(listed?.status).to.equal("done");
    });

    it("an interrupted run is listed as interrupted; resumeRun posts only the rows that are missing", async function () {
      if (ctx.ledger.runsReportProgress === false) return this.skip();
      await ctx.source.updateSettings({ autoApply: false });
      const plan = await runOver(ctx.ledger, 30);
      const signal = { aborted: false };
      const cut = await ctx.source.processRun(plan, {
        chunkSize: 5,
        signal,
        onProgress: (p) => {
          if (p.done >= 10) signal.aborted = true;
        },
      });
      expect([cut.status, cut.issued, cut.remaining]).to.deep.equal(["interrupted", 10, 20]);
      expect((await ctx.source.listRuns()).find((r) => r.runId === plan.runId)?.status).to.equal("interrupted");
      const credited = plan.posts.slice(0, 10).map((p) => p.familyId);
      expect((await ctx.source.getAccounts(credited)).every((a) => a.accountCredit === "5.00")).to.equal(true);
      expect((await ctx.source.getAccounts(plan.posts.slice(10).map((p) => p.familyId))).every((a) => a.accountCredit === "0.00")).to.equal(
        true,
      );
      const done = await ctx.source.resumeRun(plan.runId, { chunkSize: 7 });
      expect([done.status, done.issued, done.skipped, done.count]).to.deep.equal(["done", 20, 10, 30]);
      await expectEachRowOnce(ctx.source, plan);
      expect((await ctx.ledger.getRun(plan.runId))?.status).to.equal("done");
    });

    it("two connections processing the same run at once credit each row once", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const plan = await runOver(ctx.ledger, 40);
      const other = await ctx.ledger.connect();
      const [a, b] = await Promise.all([ctx.source.processRun(plan, { chunkSize: 3 }), other.processRun(plan, { chunkSize: 7 })]);
      expect([a.status, b.status]).to.deep.equal(["done", "done"]);
      if (ctx.ledger.runsShared && a.issued === 40 && b.issued === 40) expect(b, "one shared processing, one record").to.deep.equal(a);
      else expect(a.issued + b.issued, "issued between them").to.equal(40);
      expect([a.count, b.count]).to.deep.equal([40, 40]);
      await expectEachRowOnce(ctx.source, plan);
      await expectEachRowOnce(other, plan);
    });

    it("listRuns lists every saved run newest first with its summary; getRun of an unknown id is undefined", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const first = await runOver(ctx.ledger, 2);
      await ctx.source.processRun(first);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await runOver(ctx.ledger, 3, "2.50");
      await ctx.source.processRun(second);
      const runs = (await ctx.source.listRuns()).filter((r) => r.runId === first.runId || r.runId === second.runId);
      expect(runs.map((r) => [r.runId, r.status, r.selected, r.total])).to.deep.equal([
        [second.runId, "done", 3, "7.50"],
        [first.runId, "done", 2, "10.00"],
      ]);
      expect(runs.every((r) => !Number.isNaN(Date.parse(r.savedAt)))).to.equal(true);
      expect(await ctx.ledger.getRun(unique("run"))).to.equal(undefined);
    });

    it("a reversed run is listed as reversed, on every connection: the voids' date, issued, voided and already spent", async function () {
      const source = ctx.source as ReversibleSource;
      if (typeof source.reverseRun !== "function") return this.skip();
      await ctx.source.updateSettings({ autoApply: true });
      const plan = await runOver(ctx.ledger, 3);
      const spender = plan.posts[0]?.familyId ?? "";
      await post(ctx.ledger, fee(spender, "x", "3.00"));
      await ctx.source.processRun(plan);
      await ctx.source.updateSettings({ autoApply: false });
      expect((await ctx.ledger.getRun(plan.runId))?.reversal, "not reversed yet").to.equal(undefined);
      const reversal = await source.reverseRun(plan.runId, { date: "2026-12-05" });
      expect([reversal.date, reversal.totals]).to.deep.equal([
        "2026-12-05",
        { issued: "15.00", voided: "12.00", used: "3.00", reserved: "0.00" },
      ]);
      const other = await ctx.ledger.connect();
      for (const run of [await ctx.ledger.getRun(plan.runId), (await other.listRuns()).find((r) => r.runId === plan.runId)]) {
        expect(run?.status).to.equal("done");
        const { reversedAt = "", ...mark } = run?.reversal ?? {};
        expect(mark).to.deep.equal({
          date: "2026-12-05",
          totals: { issued: "15.00", voided: "12.00", used: "3.00", reserved: "0.00" },
          spent: 1,
          failed: 0,
        });
        expect(Number.isNaN(Date.parse(reversedAt)), "reversedAt is a time").to.equal(false);
      }
    });

    it("with auto-apply on a run's credit pays the family's unpaid fees; with it off the credit stays", async () => {
      await ctx.source.updateSettings({ autoApply: true });
      const plan = await runOver(ctx.ledger, 2);
      const [on, off] = plan.posts.map((p) => p.familyId) as [string, string];
      await post(ctx.ledger, fee(on, "x", "3.00"));
      await ctx.source.processRun(plan);
      expect(await balances(ctx.source, on)).to.deep.equal(["0.00", "2.00", "2.00"]);
      await ctx.source.updateSettings({ autoApply: false });
      await post(ctx.ledger, fee(off, "y", "1.00"));
      expect(await balances(ctx.source, off)).to.deep.equal(["1.00", "5.00", "5.00"]);
    });

    it("a bad plan is refused before it is saved: no run listed, nothing credited", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const plan = await runOver(ctx.ledger, 4);
      const before = await everything(ctx.source);
      const twice = { ...plan, posts: [...plan.posts, plan.posts[0] as (typeof plan.posts)[number]] };
      await expectCode(ctx.source.processRun(twice), "duplicate-row");
      await expectCode(ctx.source.processRun({ ...plan, request: { ...plan.request, currency: "EUR" } }), [
        "currency-mismatch",
        "invalid-input",
      ]);
      await expectCode(ctx.source.processRun({ ...plan, runId: "" }), "invalid-input");
      await expectCode(ctx.source.processRun(null as never), "invalid-input");
      await expectCode(ctx.source.processRun(plan, { chunkSize: 0 }), "invalid-input");
      await expectCode(ctx.source.resumeRun(unique("run")), "unknown-id");
      expect(await everything(ctx.source)).to.deep.equal(before);
      expect(await ctx.ledger.getRun(plan.runId)).to.equal(undefined);
    });
  });
}

/**
 * `<ck-batch-collect>` over a data source whose batches are server jobs
 * (`source.jobs`, the remote data source): the batch goes in one call (the
 * server paces it, and it goes on if the page closes), and a batch started
 * elsewhere is shown, followed to its end and can be cancelled. The jobs port
 * here is a stand-in for the network over the memory data source; the real
 * server path is in test/server/remote-jobs.test.ts and the e2e test.
 */
import type { BatchResult, JobSummary, JobsPort, SettleBatchRequest } from "@creditkit/core";
import type { CkBatchCollect } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { button, confirmBatch, type Family, familiesSource, OKAFOR, RIVERA, rowsOf, textIn, waitForRows } from "./report-helpers.js";

const many: Family[] = Array.from({ length: 40 }, (_, i) => ({
  id: `fam-${i + 1}`,
  name: `Family ${i + 1}`,
  fees: [["dues", "10.00", "Dues"]],
  card: true,
}));

/** The source with a jobs port: `running` is listed as a batch job in progress until `finish()` settles it for real. */
function withJobs(source: StoreDataSource, running?: SettleBatchRequest) {
  const calls: number[] = [];
  let finish = () => {};
  const gate = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let cancelled = false;
  const job: JobSummary | undefined = running && {
    kind: "batch",
    id: running.batchId,
    round: 1,
    status: "running",
    done: 1,
    total: running.invoices.length,
    cancelRequested: false,
    createdAt: "2026-12-01T10:00:00.000Z",
    updatedAt: "2026-12-01T10:00:01.000Z",
  };
  const jobs: JobsPort = {
    list: async () => (job ? [job] : []),
    async follow<R>(_kind: string, _id: string, options: Parameters<JobsPort["follow"]>[2] = {}) {
      options.onProgress?.({ done: 1, total: job?.total ?? 0 });
      await gate;
      cancelled = options.signal?.aborted === true;
      return (await source.settleBatch({ ...(running as SettleBatchRequest), signal: { aborted: cancelled } })) as R;
    },
  };
  const settleBatch: StoreDataSource["settleBatch"] = (request) => {
    calls.push(request.invoices.length);
    return source.settleBatch(request);
  };
  const held = new Proxy(source, {
    get: (target, key) => (key === "jobs" ? jobs : key === "settleBatch" ? settleBatch : Reflect.get(target, key)),
  });
  return { source: held, calls, finish, wasCancelled: () => cancelled };
}

async function mount(source: StoreDataSource, rows: number): Promise<CkBatchCollect> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-batch-collect batch-id="dues-2026-12" date="2026-12-01"></ck-batch-collect>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
  await waitForRows(el, "preview-row", rows);
  return el;
}

describe("<ck-batch-collect> with server jobs", () => {
  it("sends the whole batch in one call (40 invoices: a page on its own source sends them in parts)", async () => {
    const { source, calls } = withJobs(await familiesSource(many));
    const el = await mount(source, 40);
    button(el, "Run batch").click();
    await confirmBatch(el);
    await waitUntil(() => el.status === "done", "the batch has run");
    expect(calls).to.deep.equal([40]);
    expect(el.lastResult?.summary.charged).to.equal("400.00");
  });

  it("shows a batch started elsewhere with its progress, follows it to its results, and is accessible while it does", async () => {
    const families = [RIVERA, OKAFOR];
    const request: SettleBatchRequest = {
      batchId: "dues-from-the-office",
      applyCredit: true,
      date: "2026-12-01",
      invoices: families.map((f) => ({ invoiceId: f.id, accountId: f.id, feeIds: [(f.fees ?? [])[0]?.[0] ?? ""] })),
    };
    const { source, finish } = withJobs(await familiesSource(families), request);
    const el = await mount(source, 2);
    await waitUntil(() => el.status === "running", "the batch started elsewhere is shown");
    await el.updateComplete;
    expect(textIn(el, "#progress-label")).to.equal("Collecting batch dues-from-the-office, started elsewhere");
    expect(el.shadowRoot?.querySelector("progress")?.getAttribute("aria-valuetext")).to.equal("1 of 2 invoices");
    expect(button(el, "Running…").disabled).to.equal(true);
    await expect(el).to.be.accessible();
    finish();
    await waitUntil(() => el.status === "done", "the batch ends");
    await el.updateComplete;
    const result = el.lastResult as BatchResult;
    expect(result.batchId).to.equal("dues-from-the-office");
    expect(result.summary.charged).to.equal("165.00");
    expect(rowsOf(el, "result-row")).to.have.length(2);
  });

  it("Cancel on a batch started elsewhere asks the job to stop", async () => {
    const request: SettleBatchRequest = {
      batchId: "dues-elsewhere",
      applyCredit: false,
      date: "2026-12-01",
      invoices: many.slice(0, 3).map((f) => ({ invoiceId: f.id, accountId: f.id, feeIds: ["dues"] })),
    };
    const { source, finish, wasCancelled } = withJobs(await familiesSource(many.slice(0, 3)), request);
    const el = await mount(source, 3);
    await waitUntil(() => el.status === "running", "the batch started elsewhere is shown");
    await el.updateComplete;
    button(el, "Cancel").click();
    finish();
    await waitUntil(() => el.status === "done", "the batch ends");
    expect(wasCancelled()).to.equal(true);
    expect(el.lastResult?.aborted).to.equal(true);
  });
});

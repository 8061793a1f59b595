import { type CreditKitDataSource, type JobSummary, planRun, type RunRecord, type RunSummary } from "@creditkit/core";
import { type CkMassCreditWizard, endWizardSession } from "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, setViewport } from "@web/test-runner-commands";
import { downloadOf } from "./downloads.js";
import {
  all,
  andExampleSource,
  answerRequired,
  focused,
  mountWizard,
  previewNow,
  processNow,
  q,
  textOf,
} from "./mass-credit-wizard.helpers.js";

/** The rows of the Past runs view, after it opened from the wizard's start with the button a person uses. */
async function openPastRuns(w: CkMassCreditWizard): Promise<void> {
  q<HTMLButtonElement>(w, "#runs-open").click();
  await waitUntil(() => w.shadowRoot?.querySelector("[part~=past-run], .empty"), "the past runs show");
  await w.updateComplete;
}

const rowOf = (w: CkMassCreditWizard, runId: string) => {
  const row = all(w, "[part~=past-run]").find((r) => r.dataset.run === runId);
  if (!row) throw new Error(`no row for ${runId}`);
  return row;
};
const figure = (row: HTMLElement, name: string) => row.querySelector(`[data-figure=${name}]`)?.textContent?.trim();

describe("<ck-mass-credit-wizard> past runs", () => {
  after(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  it("says so when there are no runs, and Back returns to the questions with focus on the button", async () => {
    const source = await createMemoryDataSource({ currency: "USD" });
    const w = await fixture<CkMassCreditWizard>(html`<ck-mass-credit-wizard .dataSource=${source}></ck-mass-credit-wizard>`);
    await waitUntil(() => w.shadowRoot?.querySelector("#runs-open"), "the Past runs button shows");
    await openPastRuns(w);
    expect(focused(w)?.id).to.equal("runs-title");
    expect(textOf(w)).to.contain("No runs yet. A run shows here once it is processed.");
    await expect(w).to.be.accessible();
    q<HTMLButtonElement>(w, "#runs-back").click();
    await w.updateComplete;
    await w.updateComplete;
    expect(focused(w)?.id).to.equal("runs-open");
    endWizardSession(source);
  });

  it("after a reload, lists a processed run with its figures, saves its CSV and reverses it from the list", async () => {
    const source = await andExampleSource("Adams family");
    const first = await mountWizard(source);
    await answerRequired(first, { mode: "family", amount: "5.00", description: "Pool closed for storm" });
    await previewNow(first);
    await processNow(first);
    const runId = first.record?.runId ?? "";

    // A reload: the page's wizard state is gone, the data source keeps the run.
    endWizardSession(source);
    (first.parentElement as HTMLElement).remove();
    const w = await mountWizard(source);
    expect(w.step).to.equal("questions");
    await openPastRuns(w);
    const row = rowOf(w, runId);
    expect(row.querySelector("h4")?.textContent).to.equal("Pool closed for storm");
    expect(figure(row, "status")).to.equal("Done");
    expect(figure(row, "count")).to.equal("3");
    expect(figure(row, "total")).to.equal("$15.00");
    expect(row.textContent).to.contain("Saved");
    expect([...row.querySelectorAll("button")].map((b) => b.textContent?.trim())).to.deep.equal(["Save CSV", "Reverse…"]);
    await expect(w).to.be.accessible();

    const csv = await downloadOf(() => (row.querySelector("button") as HTMLButtonElement).click());
    expect(csv.name).to.equal(`${runId}.csv`);
    expect(csv.text).to.contain(`Run,${runId}\r\nStatus,done\r\nCredits,3\r\nTotal (USD),15.00`);
    await w.updateComplete;
    expect(q(w, "[part~=runs] > [role=status]").textContent).to.equal(`Saved ${runId}.csv.`);
    expect(rowOf(w, runId).querySelector(".said")?.textContent).to.equal(`Saved ${runId}.csv.`);

    let reversed = 0;
    w.addEventListener("ck-mass-credit-reversed", () => reversed++);
    (row.querySelector("button.danger") as HTMLButtonElement).click();
    await w.updateComplete;
    await waitUntil(() => q<HTMLDialogElement>(w, "dialog").open, "the confirmation opens");
    expect(q(w, "#dialog-title").textContent).to.equal("Reverse “Pool closed for storm”?");
    expect(q(w, "#dialog-body").textContent).to.contain("3 credits ($15.00) will be voided");
    q<HTMLButtonElement>(w, "#dialog-confirm").click();
    await waitUntil(() => rowOf(w, runId).dataset.status === "reversed", "the row says the run was reversed");
    await w.updateComplete;
    const after = rowOf(w, runId);
    expect(figure(after, "status")).to.equal("Reversed");
    expect(after.textContent?.replace(/\s+/g, " ")).to.contain("Voided $15.00 of $15.00; $0.00 already spent, not taken back.");
    expect(after.querySelector("button.danger")).to.equal(null);
    expect(reversed).to.equal(1);
    const voids = (await source.listEntries()).filter((e) => e.type === "Void");
    expect(voids).to.have.length(3);
    expect(q(w, "[part~=runs] > [role=status]").textContent).to.equal("“Pool closed for storm” was reversed.");
    await expect(w).to.be.accessible();
    endWizardSession(source);
  });

  it("resumes an interrupted run from the list: the wizard posts only what is missing and shows the run done", async () => {
    const source = await andExampleSource("Adams family");
    const first = await mountWizard(source);
    await answerRequired(first, { mode: "family", amount: "5.00", description: "Heating failure" });
    await previewNow(first);
    const preview = first.preview;
    if (!preview) throw new Error("no preview");
    const stopped = await source.processRun(planRun(preview, { runId: "run-stopped" }), { signal: { aborted: true } });
    expect(stopped.status).to.equal("interrupted");
    endWizardSession(source);
    (first.parentElement as HTMLElement).remove();

    const w = await mountWizard(source);
    await openPastRuns(w);
    const row = rowOf(w, "run-stopped");
    expect(figure(row, "status")).to.equal("Interrupted");
    expect(figure(row, "count")).to.equal("0 of 3");
    expect(figure(row, "total")).to.equal("$0.00 of $15.00");
    expect([...row.querySelectorAll("button")].map((b) => b.textContent?.trim())).to.deep.equal(["Resume"]);
    (row.querySelector("button") as HTMLButtonElement).click();
    await waitUntil(() => w.step === "done", "the resumed run is done", { timeout: 10000 });
    expect(w.record?.count).to.equal(3);
    expect(w.record?.runId).to.equal("run-stopped");
    await openPastRuns(w);
    expect(figure(rowOf(w, "run-stopped"), "status")).to.equal("Done");
    expect(q(w, "#runs-back").textContent).to.equal("Back to the run");
    endWizardSession(source);
  });

  it("follows a run processing as a server job started elsewhere to its end, and offers Resume for one that stopped", async () => {
    const base = await andExampleSource("Adams family");
    const summary = (runId: string, description: string, selected: number, total: string): RunSummary => ({
      runId,
      status: "processing",
      selected,
      total,
      description,
      savedAt: "2026-12-01T09:30:00.000Z",
    });
    const runs: RunSummary[] = [summary("run-server", "Snow day", 5000, "75000.00"), summary("run-stale", "Heating failure", 12, "60.00")];
    let job: JobSummary = {
      kind: "run",
      id: "run-server",
      round: 1,
      status: "running",
      done: 1240,
      total: 5000,
      cancelRequested: false,
      createdAt: "2026-12-01T09:30:00.000Z",
      updatedAt: "2026-12-01T09:31:00.000Z",
    };
    const follows: { id: string; options: Parameters<NonNullable<CreditKitDataSource["jobs"]>["follow"]>[2] }[] = [];
    let finish: (record: RunRecord) => void = () => {};
    const source: CreditKitDataSource = {
      ...base,
      currency: "USD",
      listRuns: async () => runs,
      jobs: {
        list: async () => [job],
        follow: <R>(_kind: JobSummary["kind"], id: string, options?: (typeof follows)[number]["options"]) => {
          follows.push({ id, options });
          return new Promise<R>((resolve) => {
            finish = resolve as (record: RunRecord) => void;
          });
        },
      },
    };
    const w = await fixture<CkMassCreditWizard>(html`<ck-mass-credit-wizard .dataSource=${source} locale="en-US"></ck-mass-credit-wizard>`);
    // The start says a run is processing on the server, and offers Resume only for the one that stopped.
    await waitUntil(() => w.shadowRoot?.querySelector("[part~=on-server]"), "the start says a run is on the server");
    expect(q(w, "[part~=on-server]").textContent?.replace(/\s+/g, " ").trim()).to.equal(
      "“Snow day” is processing on the server. See the progress in Past runs",
    );
    expect(q(w, "[part~=resume]").textContent).to.contain("Heating failure");
    expect(q(w, "[part~=resume]").textContent).not.to.contain("Snow day");
    await expect(w).to.be.accessible();
    q<HTMLButtonElement>(w, "[part~=on-server] button").click();
    await waitUntil(() => w.shadowRoot?.querySelector("[part~=past-run]"), "the past runs show");
    await w.updateComplete;
    const server = rowOf(w, "run-server");
    expect(figure(server, "status")).to.equal("Processing on the server");
    expect(server.querySelector(".progress-text")?.textContent).to.equal("1,240 of 5,000 done");
    const bar = server.querySelector("[role=progressbar]") as HTMLElement;
    expect(bar.getAttribute("aria-label")).to.equal("Progress of “Snow day”");
    expect(bar.getAttribute("aria-valuenow")).to.equal("24");
    expect(server.querySelector("[aria-live=polite]")?.textContent).to.equal("Progress of “Snow day”: 20%");
    expect(server.querySelectorAll("button")).to.have.length(0);
    expect(follows.map((f) => f.id)).to.deep.equal(["run-server"]);
    expect(follows[0]?.options?.signal, "leaving must never cancel the job").to.equal(undefined);
    const stale = rowOf(w, "run-stale");
    expect(figure(stale, "status")).to.equal("Not finished");
    expect([...stale.querySelectorAll("button")].map((b) => b.textContent?.trim())).to.deep.equal(["Resume"]);

    follows[0]?.options?.onProgress?.({ done: 3000, total: 5000 });
    await w.updateComplete;
    expect(rowOf(w, "run-server").textContent).to.contain("3,000 of 5,000");
    expect(bar.getAttribute("aria-valuenow")).to.equal("60");

    for (const [scheme, width] of [
      ["light", 800],
      ["dark", 800],
      ["light", 390],
    ] as const) {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      await expect(w, `${scheme} at ${width}px`).to.be.accessible();
      expect(w.scrollWidth, `no sideways scroll at ${width}px`).to.be.at.most(width);
    }

    const record: RunRecord = {
      runId: "run-server",
      status: "done",
      filters: [],
      request: {
        description: "Snow day",
        creditType: "weather",
        creditTypeName: "Weather closure",
        date: "2026-12-01",
        amount: "15.00",
        currency: "USD",
        mode: "family",
        location: "downtown",
        locationName: "Downtown",
      },
      credits: [],
      count: 5000,
      total: "75000.00",
      issued: 5000,
      skipped: 0,
      selected: 5000,
      remaining: 0,
      errors: [],
    };
    finish(record);
    await waitUntil(() => rowOf(w, "run-server").dataset.status === "done", "the row says Done");
    await w.updateComplete;
    const done = rowOf(w, "run-server");
    expect(figure(done, "status")).to.equal("Done");
    expect(figure(done, "count")).to.equal("5,000");
    expect(figure(done, "total")).to.equal("$75,000.00");
    expect(done.querySelector("[role=progressbar]")).to.equal(null);
    expect(q(w, "[part~=runs] > [role=status]").textContent).to.equal("“Snow day” finished on the server.");

    // Leaving the page stops the listening only: a later report changes nothing and throws nothing.
    job = { ...job, status: "queued", done: 0 };
    q<HTMLButtonElement>(w, "#runs-back").click();
    await w.updateComplete;
    await openPastRuns(w);
    expect(follows).to.have.length(2);
    w.remove();
    follows[1]?.options?.onProgress?.({ done: 10, total: 5000 });
    finish(record);
    expect(follows[1]?.options?.signal).to.equal(undefined);
    endWizardSession(source);
  });
});

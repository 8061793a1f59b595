import type { GrantEntry, LedgerEntry } from "@creditkit/core";
import { type CsvExportEvent, endWizardSession } from "@creditkit/elements";
import { deleteIndexedDbDataSource, openIndexedDbDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import { expect, waitUntil } from "@open-wc/testing";
import { downloadOf } from "./downloads.js";
import {
  all,
  andExampleSource,
  answerRequired,
  generatedSource,
  mountWizard,
  previewNow,
  processNow,
  q,
  rowsShown,
  textOf,
} from "./mass-credit-wizard.helpers.js";

const grantsOf = async (source: StoreDataSource) => (await source.listEntries()).filter((e) => e.type === "Account Credit") as GrantEntry[];

describe("<ck-mass-credit-wizard> runs", () => {
  it("a run cut off mid-way (IndexedDB closed) resumes when the wizard opens again, with no double credit", async () => {
    const name = `wizard-resume-${Math.random().toString(36).slice(2)}`;
    let armed = false;
    let writes = 0;
    let first: StoreDataSource | undefined;
    first = await openIndexedDbDataSource({
      name,
      currency: "USD",
      settings: { autoApply: false },
      runChunkSize: 4,
      onWrite: () => {
        if (armed && ++writes === 3) setTimeout(() => first?.close());
      },
    });
    await seedDemoData(first, { seed: 11, families: 25 });
    const w = await mountWizard(first);
    await answerRequired(w, { mode: "student", amount: "7.00" });
    await previewNow(w);
    const preview = w.preview;
    if (!preview) throw new Error("no preview");
    armed = true;
    q<HTMLButtonElement>(w, "[part~=process-button]").click();
    await w.updateComplete;
    q<HTMLButtonElement>(w, "#dialog-confirm").click();
    await waitUntil(() => w.session?.run.status === "stopped", "the run stops when the data source closes", { timeout: 10000 });
    await w.updateComplete;
    expect(textOf(w)).to.contain("The run stopped");
    const runId = w.session?.run.runId ?? "";

    // The page is gone: a new connection, a new wizard.
    endWizardSession(first);
    (w.parentElement as HTMLElement).remove();
    const second = await openIndexedDbDataSource({ name, currency: "USD", runChunkSize: 4 });
    const before = (await grantsOf(second)).filter((g) => g.key.startsWith(`${runId}/`));
    expect(before.length).to.be.greaterThan(0);
    expect(before.length).to.be.lessThan(preview.count);
    const again = await mountWizard(second);
    await waitUntil(() => again.shadowRoot?.querySelector("[part~=resume]"), "the unfinished run is offered");
    expect(q(again, "[part~=resume]").textContent).to.contain("Pool closed for storm");
    await expect(again).to.be.accessible();
    q<HTMLButtonElement>(again, "[part~=resume] button").click();
    await waitUntil(() => again.step === "done", "the resumed run is done", { timeout: 10000 });
    const record = again.record;
    expect(record?.count).to.equal(preview.count);
    expect(record?.skipped).to.equal(before.length);
    const after = (await grantsOf(second)).filter((g) => g.key.startsWith(`${runId}/`));
    expect(after).to.have.length(preview.count);
    expect(new Set(after.map((g) => g.key)).size).to.equal(preview.count);
    expect(after.map((g) => g.key).sort()).to.deep.equal(preview.rows.map((r) => `${runId}/${r.rowKey}`).sort());
    await expect(again).to.be.accessible();
    endWizardSession(second);
    second.close();
    await deleteIndexedDbDataSource(name);
  });

  it("Save to CSV downloads the run's record as a file, neutralised, and names stay text", async () => {
    const hostile = '=HYPERLINK("http://x") <b>Adams</b>';
    const source = await andExampleSource(hostile);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family", amount: "5.00" });
    await previewNow(w);
    await rowsShown(w);
    expect(all(w, "b")).to.have.length(0);
    expect(textOf(w)).to.contain("<b>Adams</b>");
    await processNow(w);
    const download = await downloadOf(() => q<HTMLButtonElement>(w, "[part~=csv-button]").click());
    const runId = w.record?.runId ?? "";
    expect(download.name).to.equal(`${runId}.csv`);
    expect(download.type).to.equal("text/csv;charset=utf-8");
    const text = download.text;
    const [table = "", summary = ""] = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n\r\n");
    const lines = table.split("\r\n");
    // After the table, the record's summary: its id, status, count, total and filters (§6).
    expect(summary.split("\r\n").slice(0, 4)).to.deep.equal([`Run,${runId}`, "Status,done", "Credits,3", "Total (USD),15.00"]);
    expect(summary).to.contain("Filter,");
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    expect(lines[0]).to.equal("Family,Family ID,Student,Enrollment,Amount (USD),Grant ID,Credit type,Date,Location");
    expect(lines.slice(1)).to.deep.equal(
      [
        `Brown family,FB,,,5.00,${runId}/f:FB,Weather closure,2026-12-01,Downtown`,
        `Clark family,FC,,,5.00,${runId}/f:FC,Weather closure,2026-12-01,Downtown`,
        `"'=HYPERLINK(""http://x"") <b>Adams</b>",FA,,,5.00,${runId}/f:FA,Weather closure,2026-12-01,Downtown`,
      ].sort((a, b) => lines.indexOf(a) - lines.indexOf(b)),
    );
    expect(q(w, "[part~=done] [role=status]").textContent).to.equal(`Saved ${runId}.csv.`);
  });

  it("Save to CSV fires the cancelable ck-csv-export first: a host that takes the CSV gets it and nothing downloads", async () => {
    const w = await mountWizard(await andExampleSource("Adams family"));
    await answerRequired(w, { mode: "family", amount: "5.00" });
    await previewNow(w);
    await processNow(w);
    const taken: CsvExportEvent[] = [];
    w.parentElement?.addEventListener("ck-csv-export", (event) => {
      taken.push(event);
      event.preventDefault();
    });
    const click = HTMLAnchorElement.prototype.click;
    let downloads = 0;
    HTMLAnchorElement.prototype.click = () => void downloads++;
    try {
      q<HTMLButtonElement>(w, "[part~=csv-button]").click();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(taken).to.have.length(1);
    expect(taken[0]?.composed).to.equal(true);
    expect(taken[0]?.detail.filename).to.equal(`${w.record?.runId}.csv`);
    expect(taken[0]?.detail.csv).to.contain("Adams family");
    expect(downloads).to.equal(0);
    await w.updateComplete;
    expect(q(w, "[part~=done] [role=status]").textContent).not.to.contain("Saved");
  });

  it("reverses a finished run and reports the credit already spent", async () => {
    const source = await generatedSource(20);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family", amount: "10.00" });
    await previewNow(w);
    await processNow(w);
    const record = w.record;
    const first = record?.credits[0];
    if (!record || !first) throw new Error("no credits");
    const key = "spend/1";
    const fee: LedgerEntry = {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: first.familyId,
      feeId: "spend-fee",
      amount: "4.00",
      date: "2026-12-02",
      dueDate: "2026-12-02",
      category: "tuition",
      description: "Lesson",
    };
    await source.commit(key, [fee]);
    await source.commit("spend/ac", [
      {
        id: "spend/ac#0",
        key: "spend/ac",
        type: "Payment (AC)",
        accountId: first.familyId,
        date: "2026-12-02",
        amount: "4.00",
        feeId: "spend-fee",
        grants: [{ grantId: first.grantId, amount: "4.00" }],
        description: "Credit applied",
      } as unknown as LedgerEntry,
    ]);
    q<HTMLButtonElement>(w, "button.danger").click();
    await w.updateComplete;
    expect(q(w, "#dialog-title").textContent).to.equal("Reverse this run?");
    await expect(w).to.be.accessible();
    q<HTMLButtonElement>(w, "#dialog-confirm").click();
    await waitUntil(() => w.reversal !== undefined, "the run is reversed");
    await w.updateComplete;
    const reversal = w.reversal;
    expect(reversal?.totals.used).to.equal("4.00");
    const text = textOf(w);
    expect(text).to.contain("Already spent, not taken back$4.00");
    expect(text).to.contain("1 credit had already been spent on fees: $4.00 in all, by 1 family.");
    const voids = (await source.listEntries()).filter((e) => e.type === "Void");
    expect(voids).to.have.length(record.count);
    await expect(w).to.be.accessible();
  });
});

/** Issue #17 item 12: after a run's reversal, the heading, the spent credit, the run's CSV and the Past runs list all say so. */
import type { LedgerEntry, RunRecord } from "@creditkit/core";
import { type CkMassCreditWizard, endWizardSession } from "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, waitUntil } from "@open-wc/testing";
import { downloadOf } from "./downloads.js";
import { all, answerRequired, focused, generatedSource, mountWizard, previewNow, processNow, q } from "./mass-credit-wizard.helpers.js";

/** Lines of a CSV without its BOM and its last empty line (these files quote no line break). */
const linesOf = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n$/, "")
    .split("\r\n");

/** A family pays `amount` of a fee from its run credit (a fee and a Payment (AC) on that grant). */
async function spend(source: StoreDataSource, familyId: string, grantId: string, amount: string, i: number): Promise<void> {
  const fee = `spend-fee-${i}`;
  await source.commit(`spend/${i}`, [
    {
      id: `spend/${i}#0`,
      key: `spend/${i}`,
      type: "Fee",
      accountId: familyId,
      feeId: fee,
      amount,
      date: "2026-12-02",
      dueDate: "2026-12-02",
      category: "tuition",
      description: "Lesson",
    },
  ]);
  await source.commit(`spend/${i}/ac`, [
    {
      id: `spend/${i}/ac#0`,
      key: `spend/${i}/ac`,
      type: "Payment (AC)",
      accountId: familyId,
      date: "2026-12-02",
      amount,
      feeId: fee,
      grants: [{ grantId, amount }],
      description: "Credit applied",
    } as unknown as LedgerEntry,
  ]);
}

const button = (w: CkMassCreditWizard, label: string) => {
  const found = all<HTMLButtonElement>(w, "button").find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
};

describe("<ck-mass-credit-wizard> after a run's reversal (issue #17 item 12)", () => {
  it("the heading says reversed, the spent credit is a summary with its CSV, the run's CSV has the reversal, and Past runs says Reversed after a reload", async () => {
    const source = await generatedSource(40);
    const w = await mountWizard(source);
    await answerRequired(w, { mode: "family", amount: "10.00" });
    await previewNow(w);
    await processNow(w);
    const record = w.record as RunRecord;
    expect(record.count).to.be.greaterThan(20);
    // Twelve families spend part or all of their credit: $1 … $9, then $1, $2, $3 ($51.00 in all).
    const spenders = record.credits.slice(0, 12);
    for (const [i, c] of spenders.entries()) await spend(source, c.familyId, c.grantId, `${(i % 9) + 1}.00`, i);
    const issued = record.count * 10;
    const voided = `$${(issued - 51).toLocaleString("en-US")}.00`;
    expect(q(w, "#done-title").textContent?.trim()).to.equal(`Done: ${record.count} credits issued`);

    q<HTMLButtonElement>(w, "button.danger").click();
    await w.updateComplete;
    await waitUntil(() => q<HTMLDialogElement>(w, "dialog").open, "the confirmation opens");
    q<HTMLButtonElement>(w, "#dialog-confirm").click();
    await waitUntil(() => w.reversal !== undefined, "the run is reversed");
    await w.updateComplete;
    await w.updateComplete;

    // 1. The heading says reversed, with the figures; focus goes to it.
    const heading = `Reversed: ${record.count} credits issued, ${voided} voided, $51.00 already spent`;
    expect(q(w, "#done-title").textContent?.trim()).to.equal(heading);
    expect(focused(w)?.id).to.equal("done-title");
    expect(q(w, "[part~=reversal]").getAttribute("role")).to.equal("status");

    // 2. The spent credit in a few lines, not one per credit; the detail is a CSV.
    const reversal = q(w, "[part~=reversal]");
    expect(reversal.querySelector("[data-figure=spent]")?.textContent?.replace(/\s+/g, " ").trim()).to.equal(
      "12 credits had already been spent on fees: $51.00 in all, by 12 families. Spent credit is reported, never clawed back.",
    );
    const items = [...reversal.querySelectorAll("li")].map((li) => li.textContent?.trim());
    expect(items).to.have.length(3);
    expect(items[0]).to.match(/: \$9\.00 spent of \$10\.00$/);
    await expect(w).to.be.accessible();
    const spentCsv = await downloadOf(() => button(w, "Save spent credits as CSV").click());
    expect(spentCsv.name).to.equal(`${record.runId}-spent-credits.csv`);
    const [header, ...spentRows] = linesOf(spentCsv.text);
    expect(header).to.equal("Family,Family ID,Grant ID,Credit (USD),Used (USD),Left (USD),Voided (USD)");
    expect(spentRows).to.have.length(12);
    const cell = (text = "") => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    expect(spentRows[0]).to.equal(`${cell(spenders[0]?.familyName)},${spenders[0]?.familyId},${spenders[0]?.grantId},10.00,1.00,9.00,9.00`);
    await w.updateComplete;
    expect(q(w, "[part~=done] > [role=status]").textContent).to.equal(`Saved ${record.runId}-spent-credits.csv.`);

    // 3. The run's CSV: status reversed, the reversal's figures, each credit's outcome.
    const runCsv = await downloadOf(() => q<HTMLButtonElement>(w, "[part~=csv-button]").click());
    const lines = linesOf(runCsv.text);
    expect(lines[0]).to.equal(
      "Family,Family ID,Student,Enrollment,Amount (USD),Grant ID,Credit type,Date,Location,Reversal,Voided (USD),Already spent (USD),Held (USD)",
    );
    expect(lines[1]?.endsWith(",voided,9.00,1.00,0.00")).to.equal(true);
    expect(runCsv.text).to.contain(
      `Status,reversed\r\nCredits,${record.count}\r\nTotal (USD),${issued}.00\r\nReversed on,${w.reversal?.date}\r\nIssued (USD),${issued}.00\r\nVoided (USD),${issued - 51}.00\r\nAlready spent (USD),51.00\r\nHeld (USD),0.00\r\nCredits already spent,12\r\n`,
    );

    // 4. A reload: a new wizard on the same data source; Past runs says Reversed, with the date and figures.
    endWizardSession(source);
    (w.parentElement as HTMLElement).remove();
    const again = await mountWizard(source);
    q<HTMLButtonElement>(again, "#runs-open").click();
    await waitUntil(() => again.shadowRoot?.querySelector("[part~=past-run]"), "the past runs show");
    await again.updateComplete;
    const row = all(again, "[part~=past-run]").find((r) => r.dataset.run === record.runId) as HTMLElement;
    expect(row.dataset.status).to.equal("reversed");
    expect(row.querySelector("[data-figure=status]")?.textContent?.trim()).to.equal("Reversed");
    const on = new Date(`${w.reversal?.date}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
    expect(row.querySelector("[data-figure=reversed]")?.textContent?.trim()).to.equal(on);
    expect(row.textContent?.replace(/\s+/g, " ")).to.contain(
      `Voided ${voided} of $${issued.toLocaleString("en-US")}.00; $51.00 already spent (12 credits), not taken back.`,
    );
    expect(row.querySelector("button.danger"), "no second reversal offered").to.equal(null);
    await expect(again).to.be.accessible();
    const saved = await downloadOf(() => (row.querySelector("button") as HTMLButtonElement).click());
    expect(saved.text).to.contain(`Status,reversed\r\nCredits,${record.count}\r\n`);
    expect(saved.text).to.contain("Already spent (USD),51.00\r\nHeld (USD),0.00\r\nCredits already spent,12\r\n");
    endWizardSession(source);
  });
});

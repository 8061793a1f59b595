import { expect } from "chai";
import {
  type CreditReversal,
  createJournal,
  planRun,
  previewMassCredit,
  processRun,
  type RunReversal,
  reversalMark,
  reverseRun,
  runToCsv,
  spentCreditsToCsv,
  summarizeSpent,
} from "../../../packages/core/src/index.js";
import { payFromCredit, postFee } from "../fixtures.js";
import { dataSet, family, LISTS, request } from "./fixtures.js";

const fast = () => Promise.resolve();

/** One credit's reversal: `used` of `amount` spent, the rest voided. */
function credit(i: number, familyId: string, familyName: string, amount: string, used: string, voided: string): CreditReversal {
  return { rowKey: `r${i}`, familyId, familyName, grantId: `run/r${i}`, outcome: "voided", amount, voided, used, reserved: "0.00" };
}

/** A reversal of `credits` (totals as given: these tests read the per-credit report). */
function reversalOf(credits: readonly CreditReversal[]): RunReversal {
  return {
    runId: "run",
    key: "run/reverse",
    date: "2026-12-05",
    credits,
    totals: { issued: "0.00", voided: "0.00", used: "0.00", reserved: "0.00" },
    failed: 0,
  };
}

/** A strict enough reader for these files (no quoted line breaks here). */
const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));

describe("mass credit: what a reversal leaves to tell", () => {
  it("summarises the credit already spent in a few figures: credits, accounts, amount and the accounts that spent most", () => {
    const credits = [
      credit(1, "F1", "Adams", "10.00", "4.00", "6.00"),
      credit(2, "F2", "Baker", "10.00", "0.00", "10.00"),
      credit(3, "F3", "Chen", "10.00", "10.00", "0.00"),
      credit(4, "F1", "Adams", "10.00", "7.25", "2.75"),
      credit(5, "F4", "Diaz", "10.00", "0.01", "9.99"),
      credit(6, "F5", "Evans", "10.00", "4.00", "6.00"),
    ];
    const summary = summarizeSpent(reversalOf(credits), "USD");
    expect(summary).to.deep.include({ credits: 5, accounts: 4, used: "25.26" });
    expect(summary.top.map((a) => [a.familyName, a.credits, a.used, a.amount])).to.deep.equal([
      ["Adams", 2, "11.25", "20.00"],
      ["Chen", 1, "10.00", "10.00"],
      ["Evans", 1, "4.00", "10.00"],
    ]);
    expect(summarizeSpent(reversalOf(credits), "USD", { top: 0 }).top).to.deep.equal([]);
    expect(summarizeSpent(reversalOf([credit(1, "F2", "Baker", "5.00", "0.00", "5.00")]), "USD")).to.deep.equal({
      credits: 0,
      accounts: 0,
      used: "0.00",
      top: [],
    });
  });

  it("saves the spent credits as CSV: one record per spent credit with credit, used, left and voided; names neutralised", () => {
    const credits = [
      credit(1, "F1", '=HYPERLINK("http://evil.example")', "10.00", "4.00", "6.00"),
      credit(2, "F2", "Baker", "10.00", "0.00", "10.00"),
      credit(3, "F3", "-2+3", "10.00", "10.00", "0.00"),
      credit(4, "F4", "@SUM(A1)", "10.00", "2.50", "7.50"),
    ];
    const csv = spentCreditsToCsv(reversalOf(credits), "USD");
    expect(csv.startsWith("\uFEFF")).to.equal(true);
    expect(csv.split("\r\n")).to.deep.equal([
      "\uFEFFFamily,Family ID,Grant ID,Credit (USD),Used (USD),Left (USD),Voided (USD)",
      `"'=HYPERLINK(""http://evil.example"")",F1,run/r1,10.00,4.00,6.00,6.00`,
      "'-2+3,F3,run/r3,10.00,10.00,0.00,0.00",
      "'@SUM(A1),F4,run/r4,10.00,2.50,7.50,7.50",
      "",
    ]);
    expect(spentCreditsToCsv(reversalOf([]), "USD", { bom: false })).to.equal(
      "Family,Family ID,Grant ID,Credit (USD),Used (USD),Left (USD),Voided (USD)\r\n",
    );
    expect(() => spentCreditsToCsv(null as never, "USD"))
      .to.throw()
      .with.property("code", "invalid-input");
  });

  it("a reversed run's CSV says reversed, with issued, voided, already spent and held, and each credit's outcome", async () => {
    const data = dataSet({ families: [family("F1", "Adams"), family("F2", "=Baker"), family("F3", "Chen")] });
    const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
    for (const f of data.families) journal.openAccount({ id: f.id, name: f.name, kind: "family" });
    postFee(journal, "F1", "swim", "4.00");
    const plan = planRun(previewMassCredit(request({ amount: "10.00" }), data), { runId: "rev", lists: LISTS });
    const record = await processRun(journal, plan, { yieldControl: fast });
    const grantOf = (id: string) => record.credits.find((c) => c.familyId === id)?.grantId ?? "";
    payFromCredit(journal, "F1", "swim", [[grantOf("F1"), "4.00"]]);
    journal.reserve({ key: "settle/inv-9", accountId: "F3", feeIds: [], credit: "3.00" });
    const reversal = await reverseRun(journal, record, { date: "2026-12-05", yieldControl: fast });
    expect(reversal.date).to.equal("2026-12-05");

    const [table = "", summary = ""] = runToCsv(record, { reversal }).split("\r\n\r\n");
    expect(rowsOf(summary).slice(0, 11)).to.deep.equal([
      ["Run", "rev"],
      ["Status", "reversed"],
      ["Credits", "3"],
      ["Total (USD)", "30.00"],
      ["Reversed on", "2026-12-05"],
      ["Issued (USD)", "30.00"],
      ["Voided (USD)", "23.00"],
      ["Already spent (USD)", "4.00"],
      ["Held (USD)", "3.00"],
      ["Credits already spent", "1"],
      ["Filter", record.filters[0] ?? ""],
    ]);
    const [header, ...rows] = rowsOf(table);
    expect(header?.slice(9)).to.deep.equal(["Reversal", "Voided (USD)", "Already spent (USD)", "Held (USD)"]);
    expect(rows.map((r) => [r[0], ...r.slice(9)])).to.deep.equal([
      ["'=Baker", "voided", "10.00", "0.00", "0.00"],
      ["Adams", "voided", "6.00", "4.00", "0.00"],
      ["Chen", "voided", "7.00", "0.00", "3.00"],
    ]);

    // After a reload only the saved run's mark is known: the totals, no per-credit columns.
    const mark = reversalMark(reversal, "2026-12-05T10:00:00.000Z", "USD");
    expect(mark).to.deep.equal({
      reversedAt: "2026-12-05T10:00:00.000Z",
      date: "2026-12-05",
      totals: { issued: "30.00", voided: "23.00", used: "4.00", reserved: "3.00" },
      spent: 1,
      failed: 0,
    });
    const fromMark = runToCsv(record, { reversal: mark, bom: false });
    expect(fromMark.split("\r\n")[0]).to.equal("Family,Family ID,Student,Enrollment,Amount (USD),Grant ID,Credit type,Date,Location");
    expect(fromMark).to.contain("Status,reversed\r\nCredits,3\r\nTotal (USD),30.00\r\nReversed on,2026-12-05\r\nIssued (USD),30.00");
    expect(fromMark).to.contain("Credits already spent,1\r\n");
    expect(runToCsv(record)).to.contain("Status,done\r\n");
    expect(() => runToCsv(record, { reversal: { ...mark, failed: -1 } }))
      .to.throw()
      .with.property("code", "invalid-input");
  });
});

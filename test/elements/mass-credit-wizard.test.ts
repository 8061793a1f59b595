import type { GrantEntry } from "@creditkit/core";
import { expect, waitUntil } from "@open-wc/testing";
import {
  all,
  answerRequired,
  focused,
  generatedSource,
  mountWizard,
  previewNow,
  processNow,
  q,
  rowsShown,
  textOf,
} from "./mass-credit-wizard.helpers.js";

describe("<ck-mass-credit-wizard>", () => {
  it("drives the whole flow: questions, preview in the worker, deselect two rows, process", async () => {
    const source = await generatedSource(40);
    const w = await mountWizard(source);
    await expect(w).to.be.accessible();
    await answerRequired(w, { mode: "student", amount: "12.50" });
    await expect(w).to.be.accessible();
    await previewNow(w);
    await expect(w).to.be.accessible();
    const rows = await rowsShown(w);
    expect(rows.length).to.be.greaterThan(3);
    const preview = w.preview;
    if (!preview) throw new Error("no preview");
    const boxes = all<HTMLInputElement>(w, ".rows input[type=checkbox]");
    const dropped = [boxes[0], boxes[2]].map((b) => b?.dataset.rowKey ?? "");
    boxes[0]?.click();
    boxes[2]?.click();
    await w.updateComplete;
    expect(textOf(w)).to.contain(`${preview.count - 2} of ${preview.count} selected`);
    await processNow(w);
    await expect(w).to.be.accessible();
    const grants = (await source.listEntries()).filter((e) => e.type === "Account Credit") as GrantEntry[];
    const record = w.record;
    if (!record) throw new Error("no record");
    expect(grants).to.have.length(preview.count - 2);
    const expected = preview.rows.filter((r) => !dropped.includes(r.rowKey));
    expect(grants.map((g) => g.key).sort()).to.deep.equal(expected.map((r) => `${record.runId}/${r.rowKey}`).sort());
    for (const g of grants) {
      expect(g.amount).to.equal("12.50");
      expect(g.creditType).to.equal("weather");
    }
    expect(focused(w)?.id).to.equal("done-title");
  });
});

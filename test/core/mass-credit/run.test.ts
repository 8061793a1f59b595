import { expect } from "chai";
import fc from "fast-check";
import {
  createJournal,
  creditEntry,
  type GrantEntry,
  isCreditKitError,
  isGrantEntry,
  type Journal,
  type KeyedEntries,
  type MassCreditPreview,
  planRun,
  previewMassCredit,
  processRun,
  type RunLedger,
  type RunPlan,
  type RunProgress,
  type RunRecord,
  reverseRun,
} from "../../../packages/core/src/index.js";
import { isKeyedFor } from "../../../packages/core/src/mass-credit/run-support.js";
import { fromAmountString, sum, toAmountString } from "../../../packages/core/src/money.js";
import { payFromCredit, postFee } from "../fixtures.js";
import { dataSet, enrollment, family, LISTS, request, student } from "./fixtures.js";

const fast = () => Promise.resolve();

/** Three families (Adams with two students, Baker with one, Cole with none). */
const DATA = dataSet({
  families: [family("F1", "Adams"), family("F2", "Baker"), family("F3", "Cole")],
  students: [student("S1", "F1", "Mia Adams"), student("S2", "F1", "Leo Adams"), student("S3", "F2", "Ann Baker")],
  enrollments: [enrollment("E1", "S1", "A"), enrollment("E2", "S1", "B"), enrollment("E3", "S3", "A")],
});

/** A journal with an account per family of DATA (auto-apply on, the default), except those left out. */
function journalFor(leaveOut: readonly string[] = [], settings: { autoApply?: boolean } = {}): Journal {
  const journal = createJournal({ currency: "USD", settings });
  for (const f of DATA.families) if (!leaveOut.includes(f.id)) journal.openAccount({ id: f.id, name: f.name, kind: "family" });
  return journal;
}

/** The run's grants on the ledger, by row key. */
function grantsOfRun(journal: Journal, runId: string): Map<string, GrantEntry[]> {
  const found = new Map<string, GrantEntry[]>();
  for (const entry of journal.entries()) {
    if (!isGrantEntry(entry) || entry.source.kind !== "mass-credit" || entry.source.runId !== runId) continue;
    found.set(entry.source.rowKey, [...(found.get(entry.source.rowKey) ?? []), entry]);
  }
  return found;
}

const sumOf = (amounts: readonly string[]) =>
  toAmountString(
    sum(
      amounts.map((a) => fromAmountString(a, "USD")),
      "USD",
    ),
  );

describe("mass credit: runs (§6 process)", () => {
  it("every credit carries the run's location and credit type, is keyed runId/rowKey, and is dated the credit date", async () => {
    const preview = previewMassCredit(request({ mode: "student", location: "north", creditType: "goodwill", amount: "7.50" }), DATA);
    const plan = planRun(preview, { runId: "run-1", lists: LISTS });
    const journal = journalFor();
    const record = await processRun(journal, plan, { yieldControl: fast });
    expect(record.status).to.equal("done");
    expect(record.credits.map((c) => c.rowKey)).to.deep.equal(["s:S2", "s:S1", "s:S3"]);
    for (const credit of record.credits) {
      const entries = journal.committed(`run-1/${credit.rowKey}`);
      expect(entries).to.have.length(1);
      const grant = entries?.[0] as GrantEntry;
      expect(grant).to.include({ type: "Account Credit", creditType: "goodwill", location: "north", date: "2026-12-01", amount: "7.50" });
      expect(grant).to.include({ key: `run-1/${credit.rowKey}`, grantId: credit.grantId, id: credit.entryId, accountId: credit.familyId });
      expect(grant.source).to.deep.equal({ kind: "mass-credit", runId: "run-1", rowKey: credit.rowKey });
      expect(journal.snapshot(credit.familyId).grants.find((g) => g.grantId === credit.grantId)?.location).to.equal("north");
    }
    expect(record.request).to.include({ creditTypeName: "Goodwill", locationName: "Northside", mode: "student", amount: "7.50" });
  });

  it("a credit's description is the admin's description, plus the student and the enrollment when the mode has them", () => {
    const descriptions = (mode: "family" | "student" | "enrollment") => {
      const plan = planRun(previewMassCredit(request({ mode, description: "Pool closed" }), DATA), { runId: "r" });
      return plan.posts.map((p) => creditEntry(plan, p).description);
    };
    expect(descriptions("family")).to.deep.equal(["Pool closed", "Pool closed", "Pool closed"]);
    expect(descriptions("student")).to.deep.equal(["Pool closed — Leo Adams", "Pool closed — Mia Adams", "Pool closed — Ann Baker"]);
    expect(descriptions("enrollment")).to.deep.equal([
      "Pool closed — Mia Adams, Swim Level 1",
      "Pool closed — Mia Adams, Tennis Juniors",
      "Pool closed — Ann Baker, Swim Level 1",
    ]);
  });

  it("deselected rows are not posted, and the plan's count and total cover only the selected rows", async () => {
    const preview = previewMassCredit(request({ mode: "enrollment" }), DATA);
    const plan = planRun(preview, { runId: "r", deselected: ["e:E2"] });
    expect(plan.posts.map((p) => p.rowKey)).to.deep.equal(["e:E1", "e:E3"]);
    expect(plan).to.include({ count: 2, total: "20.00" });
    const journal = journalFor();
    const record = await processRun(journal, plan, { yieldControl: fast });
    expect([...grantsOfRun(journal, "r").keys()]).to.deep.equal(["e:E1", "e:E3"]);
    expect(journal.committed("r/e:E2")).to.equal(undefined);
    expect(record).to.include({ count: 2, total: "20.00", selected: 2 });
  });

  it("processing the same run twice issues each selected row exactly once", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "student" }), DATA), { runId: "twice" });
    const journal = journalFor();
    const first = await processRun(journal, plan, { chunkSize: 2, yieldControl: fast });
    const second = await processRun(journal, plan, { chunkSize: 2, yieldControl: fast });
    expect(first).to.include({ status: "done", issued: 3, skipped: 0, count: 3, total: "30.00" });
    expect(second).to.include({ status: "done", issued: 0, skipped: 3, count: 3, total: "30.00" });
    expect(second.credits).to.deep.equal(first.credits);
    expect([...grantsOfRun(journal, "twice").values()].map((g) => g.length)).to.deep.equal([1, 1, 1]);
  });

  it("two tabs processing the same run at once credit each row once", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "enrollment" }), DATA), { runId: "tabs" });
    const journal = journalFor();
    const asyncLedger: RunLedger = {
      committed: async (key) => journal.committed(key),
      commit: async (key, entries) => journal.commit(key, entries),
    };
    const [a, b] = await Promise.all([processRun(asyncLedger, plan, { chunkSize: 1 }), processRun(asyncLedger, plan, { chunkSize: 1 })]);
    expect(a.issued + b.issued).to.equal(3);
    expect(a.count).to.equal(3);
    expect(b.count).to.equal(3);
    expect([...grantsOfRun(journal, "tabs").values()].map((g) => g.length)).to.deep.equal([1, 1, 1]);
  });

  it("a row the ledger refuses (unknown account) is reported on its own and the other rows are credited", async () => {
    const plan = planRun(previewMassCredit(request(), DATA), { runId: "bulk" });
    const journal = journalFor(["F2"]);
    const record = await processRun(journal, plan, { yieldControl: fast });
    expect(record.status).to.equal("done");
    expect(record.credits.map((c) => c.familyId)).to.deep.equal(["F1", "F3"]);
    expect(record.errors).to.have.length(1);
    expect(record.errors[0]).to.include({ rowKey: "f:F2", familyId: "F2", code: "unknown-account" });
    expect(record).to.include({ count: 2, total: "20.00", remaining: 0 });
  });

  it("uses the ledger's commitChunk, one transaction per chunk, and falls back to row by row when a chunk is refused", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "enrollment" }), DATA), { runId: "chunks" });
    const journal = journalFor(["F2"]);
    const chunks: string[][] = [];
    const ledger: RunLedger = {
      committed: (key) => journal.committed(key),
      commit: (key, entries) => journal.commit(key, entries),
      commitChunk(items: readonly KeyedEntries[]) {
        chunks.push(items.map((i) => i.key));
        const missing = items.find((i) => i.entries.some((e) => !journal.hasAccount(e.accountId)));
        if (missing) journal.entriesOf(missing.entries[0]?.accountId ?? ""); // throws unknown-account, writes nothing
        return items.map((i) => journal.commit(i.key, i.entries));
      },
    };
    const record = await processRun(ledger, plan, { chunkSize: 2, yieldControl: fast });
    expect(chunks).to.deep.equal([["chunks/e:E1", "chunks/e:E2"], ["chunks/e:E3"]]);
    expect(record.credits.map((c) => c.rowKey)).to.deep.equal(["e:E1", "e:E2"]);
    expect(record.errors.map((e) => [e.rowKey, e.code])).to.deep.equal([["e:E3", "unknown-account"]]);
  });

  it("reports progress after each chunk and gives the event loop a turn between chunks", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "enrollment" }), DATA), { runId: "progress" });
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    const seen: (RunProgress & { timerFired: boolean })[] = [];
    await processRun(journalFor(), plan, { chunkSize: 1, onProgress: (p) => seen.push({ ...p, timerFired }) });
    expect(seen).to.deep.equal([
      { done: 1, total: 3, issued: 1, skipped: 0, failed: 0, timerFired: false },
      { done: 2, total: 3, issued: 2, skipped: 0, failed: 0, timerFired: true },
      { done: 3, total: 3, issued: 3, skipped: 0, failed: 0, timerFired: true },
    ]);
  });

  it("an abort stops before the next chunk (interrupted), and processing again posts only what is missing", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "enrollment" }), DATA), { runId: "stop" });
    const journal = journalFor();
    const controller = new AbortController();
    const first = await processRun(journal, plan, {
      chunkSize: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
      yieldControl: fast,
    });
    expect(first).to.include({ status: "interrupted", issued: 1, count: 1, remaining: 2, total: "10.00" });
    const second = await processRun(journal, plan, { chunkSize: 1, yieldControl: fast });
    expect(second).to.include({ status: "done", issued: 2, skipped: 1, count: 3, remaining: 0, total: "30.00" });
  });

  it("a ledger failure stops the run (failed, with the reason); processing again posts only what is missing", async () => {
    const plan = planRun(previewMassCredit(request({ mode: "enrollment" }), DATA), { runId: "crash" });
    const journal = journalFor();
    let calls = 0;
    const flaky: RunLedger = {
      committed: (key) => journal.committed(key),
      commit(key, entries) {
        if (++calls === 2) throw new Error("the disk is full");
        return journal.commit(key, entries);
      },
    };
    const first = await processRun(flaky, plan, { yieldControl: fast });
    expect(first).to.include({ status: "failed", issued: 1, remaining: 2 });
    expect(first.failure).to.deep.equal({ code: "error", message: "the disk is full" });
    const second = await processRun(flaky, plan, { yieldControl: fast });
    expect(second).to.include({ status: "done", issued: 2, skipped: 1, count: 3 });
  });

  it("refuses a run id that is empty or holds a slash, and a plan in another currency than the ledger, before writing", async () => {
    const preview = previewMassCredit(request(), DATA);
    for (const runId of ["", " ", "a/b"]) {
      expect(() => planRun(preview, { runId }))
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e, "invalid-input"));
    }
    const journal = createJournal({ currency: "EUR" });
    const error = await processRun(journal, planRun(preview, { runId: "r" })).catch((e: unknown) => e);
    expect(isCreditKitError(error, "currency-mismatch")).to.equal(true);
    expect(journal.entries()).to.have.length(0);
    const tampered: RunPlan = { ...planRun(preview, { runId: "r" }), runId: "other" };
    const refused = await processRun(journalFor(), tampered).catch((e: unknown) => e);
    expect(isCreditKitError(refused, "invalid-input")).to.equal(true);
  });

  it("checks every post's key before writing, a slice per turn, a bad key deep in a long plan included", async () => {
    const preview = previewMassCredit(request(), DATA);
    const row = preview.rows[0];
    if (!row) throw new Error("no row");
    const rows = Array.from({ length: 4500 }, (_, i) => ({ ...row, rowKey: `${row.rowKey}-${i}` }));
    const plan = planRun({ ...preview, rows, count: rows.length }, { runId: "long" });
    const posts = [...plan.posts];
    const bad = posts[4321];
    if (!bad) throw new Error("no post");
    posts[4321] = { ...bad, key: "long/another-row" };
    const journal = journalFor();
    let turns = 0;
    const yieldControl = async () => {
      turns++;
    };
    const refused = await processRun(journal, { ...plan, posts }, { yieldControl }).catch((e: unknown) => e);
    expect(isCreditKitError(refused, "invalid-input")).to.equal(true);
    expect(turns).to.be.greaterThan(0);
    expect(journal.entries()).to.have.length(0);
  });

  it("a post is keyed for a run exactly when its key is runId/rowKey (compared without building the key)", () => {
    const part = fc.string({ maxLength: 6 });
    fc.assert(
      fc.property(
        part.filter((s) => s.trim() !== "" && !s.includes("/")),
        part,
        part,
        (runId, rowKey, key) => {
          for (const k of [key, `${runId}/${rowKey}`, `${runId}/${key}`, `${key}/${rowKey}`]) {
            expect(isKeyedFor({ key: k, rowKey }, runId)).to.equal(k === `${runId}/${rowKey}`);
          }
        },
      ),
    );
    expect(isKeyedFor({ key: "r/x", rowKey: undefined }, "r")).to.equal(false);
    expect(isKeyedFor(undefined, "r")).to.equal(false);
  });

  it("the record holds the filters used, the request, the caller's times, and totals equal to the sum of its credits", async () => {
    const preview = previewMassCredit(request({ mode: "enrollment", amount: "3.33" }), DATA);
    const times = ["2026-12-01T10:00:00.000Z", "2026-12-01T10:00:05.000Z"];
    const record = await processRun(journalFor(), planRun(preview, { runId: "rec" }), {
      now: () => times.shift() ?? "",
      yieldControl: fast,
    });
    expect(record.filters).to.deep.equal(preview.summary);
    expect(record).to.include({ startedAt: "2026-12-01T10:00:00.000Z", finishedAt: "2026-12-01T10:00:05.000Z" });
    expect(record.total).to.equal(sumOf(record.credits.map((c) => c.amount)));
    expect(record.total).to.equal("9.99");
    const untimed = await processRun(journalFor(), planRun(preview, { runId: "rec" }), { yieldControl: fast });
    expect(untimed).to.not.have.property("startedAt");
    expect(untimed).to.not.have.property("finishedAt");
  });

  it("resuming after a stop at any chunk (abort, or a ledger that throws on the n-th commit) issues each selected row exactly once", async () => {
    const families = Array.from({ length: 6 }, (_, i) => family(`F${i + 1}`, `Family ${i + 1}`));
    const students = families.flatMap((f, i) =>
      i % 3 === 2 ? [] : [student(`S${i}a`, f.id, `A ${i}`), student(`S${i}b`, f.id, `B ${i}`)],
    );
    const data = dataSet({ families, students });
    const previews: Record<"family" | "student", MassCreditPreview> = {
      family: previewMassCredit(request({ mode: "family" }), data),
      student: previewMassCredit(request({ mode: "student" }), data),
    };
    const stopArb = fc.oneof(
      fc.record({ kind: fc.constant("abort" as const), afterChunks: fc.nat(8) }),
      fc.record({ kind: fc.constant("throw" as const), onCall: fc.integer({ min: 1, max: 10 }), afterWrite: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<"family" | "student">("family", "student"),
        fc.integer({ min: 1, max: 4 }),
        fc.subarray(["F1", "F2", "F3", "F4", "F5", "F6"], { maxLength: 2 }),
        fc.func(fc.boolean()),
        stopArb,
        fc.boolean(),
        fc.boolean(),
        async (mode, chunkSize, closed, deselect, stop, chunked, asynchronous) => {
          const preview = previews[mode];
          const deselected = preview.rows.filter((row) => deselect(row.rowKey)).map((row) => row.rowKey);
          const plan = planRun(preview, { runId: "prop", deselected });
          const journal = createJournal({ currency: "USD" });
          for (const f of families) if (!closed.includes(f.id)) journal.openAccount({ id: f.id, name: f.name, kind: "family" });

          let calls = 0;
          let armed = true; // the stop happens in the first processing only
          const flaky = <T>(write: () => T): T => {
            if (armed) calls++;
            const hit = armed && stop.kind === "throw" && calls === stop.onCall;
            if (hit && !stop.afterWrite) throw new Error("before write");
            const result = write();
            if (hit && stop.afterWrite) throw new Error("answer lost");
            return result;
          };
          const wrap = <T>(value: T) => (asynchronous ? Promise.resolve(value) : value);
          const ledger: RunLedger = {
            currency: "USD",
            committed: (key) => wrap(journal.committed(key)),
            commit: (key, entries) => wrap(flaky(() => journal.commit(key, entries))),
            ...(chunked
              ? {
                  commitChunk: (items: readonly KeyedEntries[]) =>
                    wrap(
                      flaky(() => {
                        const bad = items.find((i) => i.entries.some((e) => !journal.hasAccount(e.accountId)));
                        if (bad) journal.snapshot(bad.entries[0]?.accountId ?? ""); // unknown-account, nothing written
                        return items.map((i) => journal.commit(i.key, i.entries));
                      }),
                    ),
                }
              : {}),
          };
          const controller = new AbortController();
          let chunks = 0;
          const onProgress = () => {
            if (stop.kind === "abort" && ++chunks >= stop.afterChunks) controller.abort();
          };
          if (stop.kind === "abort" && stop.afterChunks === 0) controller.abort();

          const first = await processRun(ledger, plan, { chunkSize, signal: controller.signal, onProgress, yieldControl: fast });
          armed = false;
          const second = await processRun(ledger, plan, { chunkSize, yieldControl: fast });
          const third = await processRun(ledger, plan, { chunkSize: 3, yieldControl: fast });

          const creditable = plan.posts.filter((p) => !closed.includes(p.familyId)).map((p) => p.rowKey);
          const onLedger = grantsOfRun(journal, "prop");
          expect([...onLedger.keys()].sort()).to.deep.equal([...creditable].sort());
          for (const grants of onLedger.values()) expect(grants).to.have.length(1);
          for (const record of [first, second, third] as RunRecord[]) {
            expect(record.total).to.equal(sumOf(record.credits.map((c) => c.amount)));
            expect(record.count).to.equal(record.credits.length);
            expect(record.issued + record.skipped + record.errors.length + record.remaining).to.equal(plan.posts.length);
          }
          expect(second.status).to.equal("done");
          expect(second.credits.map((c) => c.rowKey)).to.deep.equal(creditable);
          expect(second.errors.map((e) => e.familyId).every((id) => closed.includes(id))).to.equal(true);
          expect(third).to.include({ issued: 0, skipped: creditable.length, status: "done" });
          expect(first.issued + second.issued).to.be.at.most(creditable.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("mass credit: reversing a run (§6)", () => {
  async function issued(settings: { autoApply?: boolean }) {
    const journal = journalFor([], settings);
    postFee(journal, "F1", "swim", "4.00");
    const plan = planRun(previewMassCredit(request({ amount: "10.00" }), DATA), { runId: "rev" });
    const record = await processRun(journal, plan, { yieldControl: fast });
    return { journal, record };
  }

  it("voids the unused credit and reports credit already spent by the auto-apply sweep, never clawing it back", async () => {
    const { journal, record } = await issued({ autoApply: true });
    expect(journal.snapshot("F1").amountDue).to.equal("0.00");
    const reversal = await reverseRun(journal, record, { date: "2026-12-05", yieldControl: fast });
    const byFamily = Object.fromEntries(reversal.credits.map((c) => [c.familyId, c]));
    expect(byFamily.F1).to.include({ outcome: "voided", voided: "6.00", used: "4.00", reserved: "0.00" });
    expect(byFamily.F2).to.include({ outcome: "voided", voided: "10.00", used: "0.00" });
    expect(reversal.totals).to.deep.equal({ issued: "30.00", voided: "26.00", used: "4.00", reserved: "0.00" });
    expect(journal.snapshot("F1")).to.include({ accountCredit: "0.00", amountDue: "0.00" });
    const voids = journal.entries().filter((e) => e.type === "Void");
    expect(voids.map((v) => v.key)).to.deep.equal(["rev/reverse/f:F1", "rev/reverse/f:F2", "rev/reverse/f:F3"]);
  });

  it("reports credit spent by a Payment (AC) and leaves credit held by a settlement in flight alone", async () => {
    const { journal, record } = await issued({ autoApply: false });
    const grantOf = (id: string) => record.credits.find((c) => c.familyId === id)?.grantId ?? "";
    payFromCredit(journal, "F1", "swim", [[grantOf("F1"), "2.50"]]);
    journal.reserve({ key: "settle/inv-9", accountId: "F2", feeIds: [], credit: "3.00" });
    const reversal = await reverseRun(journal, record, { date: "2026-12-05", yieldControl: fast });
    const byFamily = Object.fromEntries(reversal.credits.map((c) => [c.familyId, c]));
    expect(byFamily.F1).to.include({ voided: "7.50", used: "2.50", reserved: "0.00" });
    expect(byFamily.F2).to.include({ voided: "7.00", used: "0.00", reserved: "3.00" });
    expect(journal.snapshot("F2")).to.include({ accountCredit: "3.00", reservedCredit: "3.00" });
  });

  it("reversing twice voids nothing twice", async () => {
    const { journal, record } = await issued({ autoApply: true });
    const first = await reverseRun(journal, record, { date: "2026-12-05", yieldControl: fast });
    const count = journal.entries().length;
    const again = await reverseRun(journal, record, { date: "2026-12-05", yieldControl: fast });
    expect(journal.entries()).to.have.length(count);
    expect(again.credits.map((c) => c.outcome)).to.deep.equal(["already-reversed", "already-reversed", "already-reversed"]);
    expect(again.totals).to.deep.equal(first.totals);
  });

  it("a credit that is all spent has nothing to void; a grant missing from the ledger is reported and the others go on", async () => {
    const { journal, record } = await issued({ autoApply: false });
    const f1 = record.credits.find((c) => c.familyId === "F1");
    payFromCredit(journal, "F1", "swim", [[f1?.grantId ?? "", "4.00"]]);
    const withGhost: RunRecord = {
      ...record,
      credits: [...record.credits, { ...(f1 as RunRecord["credits"][number]), rowKey: "f:ghost", grantId: "nope" }],
    };
    journal.commit("spend", [
      {
        id: "spend#0",
        key: "spend",
        type: "Fee",
        accountId: "F2",
        feeId: "camp",
        amount: "10.00",
        date: "2026-12-01",
        dueDate: "2026-12-01",
        category: "Camp",
        description: "Camp",
      },
    ]);
    payFromCredit(journal, "F2", "camp", [[record.credits.find((c) => c.familyId === "F2")?.grantId ?? "", "10.00"]]);
    const reversal = await reverseRun(journal, withGhost, { date: "2026-12-05", yieldControl: fast });
    expect(reversal.credits.map((c) => [c.familyId, c.outcome, c.voided, c.used])).to.deep.equal([
      ["F1", "voided", "6.00", "4.00"],
      ["F2", "nothing-to-void", "0.00", "10.00"],
      ["F3", "voided", "10.00", "0.00"],
      ["F1", "failed", "0.00", "0.00"],
    ]);
    expect(reversal.credits[3]?.error?.code).to.equal("unknown-grant");
    expect(reversal.failed).to.equal(1);
  });
});

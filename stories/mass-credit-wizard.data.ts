/**
 * Wizards at each step, for the stories, the screenshots and the bench: a
 * memory data source seeded with the demo generator, and the wizard's session
 * driven to the step (the same actions a person's clicks call).
 */
import {
  type CreditKitDataSource,
  explainFamily,
  type JobSummary,
  type MassCreditPreview,
  type PreviewsPort,
  planRun,
  previewMassCredit,
  type RunRecord,
  type RunSummary,
} from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import type { WizardAnswers } from "../packages/elements/src/mass-credit-wizard/answers.js";
import {
  newRunId,
  planInSlices,
  processSelection,
  reverseFinishedRun,
  startOver,
} from "../packages/elements/src/mass-credit-wizard/run-actions.js";
import { sessionFor, type WizardSession } from "../packages/elements/src/mass-credit-wizard/session.js";

export type WizardScene =
  | "questions"
  | "far-date"
  | "answered"
  | "errors"
  | "enrollment-filters"
  | "previewing"
  | "review"
  | "explain"
  | "confirm"
  | "processing"
  | "stopped"
  | "resume"
  | "done"
  | "reversed"
  | "past-runs"
  | "server-job";

/** A memory data source with `families` generated families (auto-apply off). */
export async function seededSource(families: number, seed = 7): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed, families, batchSize: 5000 });
  return source;
}

export const STORM_ANSWERS: Partial<WizardAnswers> = {
  description: "Pool closed for storm",
  creditType: "weather",
  date: "2026-12-01",
  amountText: "15.00",
  mode: "student",
  outstandingOnly: false,
  location: "downtown",
};

async function answered(session: WizardSession, patch: Partial<WizardAnswers> = {}): Promise<void> {
  await session.open();
  session.answers = { ...session.answers, ...STORM_ANSWERS, ...patch };
  session.revealed = 6;
  session.changed();
}

async function previewed(session: WizardSession, patch: Partial<WizardAnswers> = {}): Promise<void> {
  await answered(session, patch);
  const dataSet = session.checkData;
  if (!dataSet) throw new Error("no data set");
  const { toRequest } = await import("../packages/elements/src/mass-credit-wizard/answers.js");
  await session.startPreview(toRequest(session.answers, { dataSet, locale: "en-US" }));
}

/** Drives the session of `source` to `scene`; returns what the element should show on top (the dialog, errors). */
export async function prepareScene(source: CreditKitDataSource, scene: WizardScene): Promise<void> {
  const session = sessionFor(source);
  switch (scene) {
    case "questions":
      await session.open();
      return;
    case "far-date":
      // The date typed as 12 01 2 (year 0002): Continue asks whether it is meant.
      await session.open();
      session.answers = { ...session.answers, description: "Pool closed for storm", creditType: "weather", date: "0002-12-01" };
      session.revealed = 3;
      session.changed();
      return;
    case "answered":
      await answered(session);
      session.opened.add("keywords");
      return;
    case "errors":
      await answered(session, { amountText: "10%", description: "" });
      return;
    case "enrollment-filters":
      await answered(session, {
        rows: [
          { id: 1, meetingDays: ["sat"], locations: [], classIds: ["C02"], campIds: [], programIds: [], offeringKeywords: [] },
          { id: 2, meetingDays: [], locations: ["downtown"], classIds: ["C03"], campIds: [], programIds: [], offeringKeywords: [] },
        ],
      });
      session.nextRowId = 3;
      session.opened.add("enrollments");
      return;
    case "previewing":
      await answered(session);
      session.step = "previewing";
      session.previewTask = { status: "running", progress: { phase: "checking", done: 4000, total: 10000 } };
      session.changed();
      return;
    case "review":
    case "explain":
    case "confirm":
      await previewed(session);
      if (scene !== "review")
        for (const row of session.previewTask.preview?.rows.slice(1, 3) ?? []) session.selection.set(row.rowKey, false);
      return;
    case "processing":
      await previewed(session);
      session.step = "processing";
      session.run = { status: "processing", runId: "mass-credit-2026-12-01-demo", done: 1250, total: 2000 };
      session.changed();
      return;
    case "stopped":
      await previewed(session);
      session.step = "processing";
      session.run = {
        status: "stopped",
        runId: "mass-credit-2026-12-01-demo",
        done: 750,
        total: 2000,
        error: "The browser's storage is not available.",
      };
      session.changed();
      return;
    case "resume":
      await session.open();
      session.unfinished = [
        {
          runId: "mass-credit-2026-11-30-a1b2c3d4",
          status: "processing",
          selected: 1843,
          total: "27645.00",
          description: "Holiday closure",
          savedAt: "2026-11-30T17:05:00.000Z",
        },
      ];
      session.changed();
      return;
    case "past-runs":
    case "server-job": {
      // Three runs, newest first: one stopped part way (interrupted), one reversed, one done.
      await previewed(session);
      await processSelection(session);
      await previewed(session, { description: "Heating failure", amountText: "10.00", mode: "family" });
      await processSelection(session);
      await reverseFinishedRun(session);
      await previewed(session, { description: "Coach absent", amountText: "8.00", mode: "family" });
      const preview = session.previewTask.preview;
      if (preview) {
        const plan = await planInSlices(preview, newRunId(preview.request.date), session.selection, session.dataSet?.lists);
        await source.processRun(plan, { signal: { aborted: true } });
      }
      startOver(session);
      return;
    }
    case "done":
    case "reversed":
      await previewed(session);
      await processSelection(session);
      if (scene === "reversed") await reverseFinishedRun(session);
      return;
  }
}

/**
 * `source` as a server data source would show it: a run "Snow day" processing
 * as a job started elsewhere, 1,240 of 5,000 rows done and moving on (a
 * stand-in for the remote data source's `jobs`, for the story and the
 * screenshots). `speed` rows a second; 0 keeps it still.
 */
export function withServerJob(source: CreditKitDataSource, speed = 150): CreditKitDataSource {
  const runId = "mass-credit-2026-12-01-server";
  const started = "2026-12-01T09:30:00.000Z";
  const summary: RunSummary = { runId, status: "processing", selected: 5000, total: "75000.00", description: "Snow day", savedAt: started };
  let done = 1240;
  const job = (): JobSummary => ({
    kind: "run",
    id: runId,
    round: 1,
    status: done < 5000 ? "running" : "done",
    done,
    total: 5000,
    cancelRequested: false,
    createdAt: started,
    updatedAt: new Date().toISOString(),
  });
  const record = (): RunRecord => ({
    runId,
    status: "done",
    filters: ["Once per family"],
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
  });
  return {
    ...source,
    currency: source.currency,
    listRuns: async () => {
      const runs = await source.listRuns();
      return [done < 5000 ? summary : { ...summary, status: "done" as const, record: record() }, ...runs];
    },
    jobs: {
      list: async () => [job()],
      follow: <R>(_kind: JobSummary["kind"], _id: string, options?: { onProgress?: (p: { done: number; total: number }) => void }) =>
        new Promise<R>((resolve) => {
          if (speed <= 0) return;
          const timer = setInterval(() => {
            done = Math.min(5000, done + Math.round(speed / 4));
            options?.onProgress?.({ done, total: 5000 });
            if (done >= 5000) {
              clearInterval(timer);
              resolve(record() as R);
            }
          }, 250);
        }),
    },
  };
}

const sortedNames = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * `source` as the remote data source shows it to the wizard: previews,
 * rows, explanations and runs through `previews` (worked out here by the
 * core's functions, each answer after `latencyMs`), so the wizard never
 * reads the data set. A stand-in for the server, for the story and the
 * screenshots; the real path is packages/remote over packages/server.
 */
export function withServerPreviews(source: StoreDataSource, latencyMs = 120): CreditKitDataSource {
  const later = <T>(value: () => T | Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), latencyMs));
  const kept = new Map<string, MassCreditPreview>();
  const data = async () => {
    const dataSet = await source.getDataSet();
    if (!dataSet) throw new Error("no data set");
    return dataSet;
  };
  const previewOf = (id: string) => {
    const preview = kept.get(id);
    if (!preview) throw new Error(`No preview ${id}.`);
    return preview;
  };
  const previews: PreviewsPort = {
    context: () =>
      later(async () => {
        const d = await data();
        return {
          currency: d.currency,
          lists: d.lists,
          families: d.families.length,
          keywords: {
            student: sortedNames(d.students.flatMap((s) => s.keywords)),
            family: sortedNames(d.families.flatMap((f) => f.keywords)),
            offering: sortedNames(d.lists.offerings.flatMap((o) => o.keywords)),
          },
        };
      }),
    start: (request, { limit = 100 } = {}) =>
      later(async () => {
        const preview = previewMassCredit(request, await data());
        const previewId = `preview-${kept.size + 1}`;
        kept.set(previewId, preview);
        const { count, total, summary } = preview;
        return {
          previewId,
          asOf: new Date().toISOString(),
          request: preview.request,
          count,
          total,
          summary,
          rows: preview.rows.slice(0, limit),
        };
      }),
    rows: (previewId, offset, limit) => later(() => previewOf(previewId).rows.slice(offset, offset + limit)),
    explain: (previewId, familyId) => later(async () => explainFamily(previewOf(previewId).request, await data(), familyId)),
    run: (previewId, { runId, deselected = [], ...options }) =>
      later(async () => source.processRun(planRun(previewOf(previewId), { runId, lists: (await data()).lists, deselected }), options)),
  };
  return { ...source, currency: source.currency, previews };
}

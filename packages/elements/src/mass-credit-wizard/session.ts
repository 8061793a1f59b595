/**
 * A wizard's state, kept per data source outside the element, like a
 * background task: the answers, the preview being computed in the worker
 * (or finished), the selection, and the run. Leaving the wizard (the
 * element is removed) and coming back (a new element on the same data
 * source) shows the same state, including a preview that finished meanwhile.
 */
import type {
  CreditKitDataSource,
  MassCreditDataSet,
  MassCreditPreview,
  MassCreditRequest,
  OrganisationLists,
  PreviewContext,
  RunRecord,
  RunReversal,
  RunSummary,
} from "@creditkit/core";
import { msg } from "../shared/localize.js";
import { messageOf } from "../shared/money-text.js";
import { emptyAnswers, fieldOfError, type WizardAnswers } from "./answers.js";
import { PreviewClient, PreviewError, type PreviewProgressInfo } from "./preview-client.js";
import type { DataKeywords } from "./preview-protocol.js";
import { RowSelection } from "./selection.js";
import { PAGE_SIZE, ServerRows } from "./server-rows.js";

/** Where the wizard stands. */
export type WizardStep = "questions" | "previewing" | "review" | "processing" | "done";

/** The preview's background task. */
export interface PreviewTask {
  readonly status: "idle" | "running" | "done" | "failed";
  readonly progress?: PreviewProgressInfo;
  readonly preview?: MassCreditPreview;
  /**
   * A preview worked out on the server (`dataSource.previews`): its id, time
   * and rows read so far. `preview.rows` then holds only the first page.
   */
  readonly server?: ServerRows;
  /** Why it failed, in words, and the field it is about ("form" when none). */
  readonly error?: string;
  readonly errorField?: string;
}

/** The run: planning, posting (with progress), done, or stopped with a reason. */
export interface RunTask {
  readonly status: "idle" | "planning" | "processing" | "done" | "stopped";
  readonly runId?: string;
  readonly done: number;
  readonly total: number;
  readonly record?: RunRecord;
  readonly error?: string;
  readonly reversing?: boolean;
  readonly reversal?: RunReversal;
  readonly reverseError?: string;
}

export class WizardSession {
  #client: PreviewClient | undefined;
  /** The data set (browser previews only: without `source.previews`). */
  dataSet: MassCreditDataSet | undefined;
  /** What the questions are asked with when previews run on the server (`source.previews`). */
  context: PreviewContext | undefined;
  #contextData: MassCreditDataSet | undefined;
  keywords: DataKeywords | undefined;
  /** Why the customer data could not be loaded, in the kit's language now (worded when read: a language switch re-words it). */
  get loadError(): string {
    return this.#loadFailure === undefined ? "" : messageOf(this.#loadFailure.error);
  }
  #loadFailure: { readonly error: unknown } | undefined;
  answers: WizardAnswers = emptyAnswers();
  /** How many required questions are shown (the next one appears when the last is answered). */
  revealed = 1;
  /** Optional sections a person opened. */
  readonly opened = new Set<string>();
  nextRowId = 1;
  step: WizardStep = "questions";
  previewTask: PreviewTask = { status: "idle" };
  /** Which rows of the preview are selected (all, at first). */
  selection = new RowSelection();
  run: RunTask = { status: "idle", done: 0, total: 0 };
  /** Saved runs that never finished, offered for resume. */
  unfinished: readonly RunSummary[] = [];
  /** Runs processing as server jobs when the wizard opened. */
  onServer: readonly RunSummary[] = [];
  /** Reversals done while the page is open, by run id (a run's record does not say it was reversed). */
  readonly reversals = new Map<string, RunReversal>();

  readonly #listeners = new Set<() => void>();
  #opening: Promise<void> | undefined;
  #previewId = 0;

  constructor(readonly source: CreditKitDataSource) {}

  /** The preview worker's client, started on first use (never when previews run on the server). */
  get client(): PreviewClient {
    this.#client ??= new PreviewClient();
    return this.#client;
  }

  /** Stops the preview worker, if it was started. */
  terminate(): void {
    this.#client?.terminate();
  }

  /** True when previews, explanations and runs are worked out on the server (`source.previews`). */
  get serverPreviews(): boolean {
    return this.source.previews !== undefined;
  }

  /** The organisation's lists the questions offer, once read. */
  get lists(): OrganisationLists | undefined {
    return this.dataSet?.lists ?? this.context?.lists;
  }

  /** The currency of the customer data, once read. */
  get currency(): string | undefined {
    return this.dataSet?.currency ?? this.context?.currency;
  }

  /**
   * What the answers are checked against: the data set, or (previews on the
   * server) its currency and lists with no records, which is all the core's
   * request validation reads.
   */
  get checkData(): MassCreditDataSet | undefined {
    if (this.dataSet || !this.context) return this.dataSet;
    const { currency, lists } = this.context;
    if (this.#contextData?.lists !== lists) this.#contextData = { currency, lists, families: [], students: [], enrollments: [], fees: [] };
    return this.#contextData;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every wizard showing this session to render again. */
  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Reads the data set (and hands it to the worker early), and the runs left unfinished. Once per session. */
  open(): Promise<void> {
    this.#opening ??= (async () => {
      try {
        if (this.serverPreviews) await this.refreshContext();
        else await this.refreshDataSet();
      } catch (error) {
        this.#loadFailure = { error };
      }
      await this.refreshUnfinished();
      this.changed();
    })();
    return this.#opening;
  }

  /** The lists and keywords from the server (`previews.context()`): the data set stays there. */
  async refreshContext(): Promise<void> {
    const context = await this.source.previews?.context();
    if (!context) throw new Error(msg("The data source holds no customer data to preview."));
    this.context = context;
    this.keywords = context.keywords;
  }

  /** The data source's current data set; a different one is sent to the worker (a new preview is then needed). */
  async refreshDataSet(): Promise<MassCreditDataSet | undefined> {
    const dataSet = await this.source.getDataSet();
    if (dataSet !== this.dataSet) {
      this.dataSet = dataSet;
      this.keywords = undefined;
      if (dataSet) {
        void this.client.load(dataSet).then(
          (keywords) => {
            if (this.dataSet !== dataSet) return;
            this.keywords = keywords;
            this.changed();
          },
          (error) => {
            this.#loadFailure = { error };
            this.changed();
          },
        );
      }
    }
    return dataSet;
  }

  /**
   * The runs left unfinished, and (with `source.jobs`) those processing as a
   * server job, here or elsewhere: those are shown as such, not offered for resume.
   */
  async refreshUnfinished(): Promise<void> {
    try {
      const [runs, jobs] = await Promise.all([this.source.listRuns(), this.source.jobs?.list().catch(() => []) ?? []]);
      const running = new Set(jobs.filter((j) => j.kind === "run" && (j.status === "queued" || j.status === "running")).map((j) => j.id));
      this.onServer = runs.filter((run) => running.has(run.runId));
      this.unfinished = runs.filter((run) => run.status !== "done" && run.runId !== this.run.runId && !running.has(run.runId));
    } catch {
      this.unfinished = [];
    }
  }

  /** Starts the preview in the worker; the wizard shows its progress, then the review. */
  async startPreview(request: MassCreditRequest): Promise<void> {
    const id = ++this.#previewId;
    this.step = "previewing";
    this.selection = new RowSelection();
    this.previewTask = { status: "running", progress: { phase: "loading", done: 0, total: 0 } };
    this.changed();
    try {
      const previews = this.source.previews;
      if (previews) {
        this.previewTask = { status: "running", progress: { phase: "server", done: 0, total: this.context?.families ?? 0 } };
        this.changed();
        const started = await previews.start(request, { limit: PAGE_SIZE });
        if (id !== this.#previewId) return;
        const { request: valid, count, total, summary, rows } = started;
        const server = new ServerRows(previews, started, () => this.changed());
        this.previewTask = { status: "done", preview: { request: valid, count, total, summary, rows }, server };
        this.selection = new RowSelection(count);
        this.step = "review";
        this.changed();
        return;
      }
      const dataSet = await this.refreshDataSet();
      if (!dataSet) throw new Error(msg("The data source holds no customer data to preview."));
      const preview = await this.client.preview(dataSet, request, (progress) => {
        if (id !== this.#previewId) return;
        this.previewTask = { status: "running", progress };
        this.changed();
      });
      if (id !== this.#previewId) return;
      this.previewTask = { status: "done", preview };
      this.selection = new RowSelection(preview.count);
      this.step = "review";
    } catch (error) {
      if (id !== this.#previewId) return;
      const field = error instanceof PreviewError || this.serverPreviews ? fieldOfError(error) : "form";
      this.previewTask = {
        status: "failed",
        // Worded when shown, so a language switch re-words it.
        get error() {
          return messageOf(error);
        },
        errorField: field,
      };
      this.step = "questions";
    }
    this.changed();
  }

  /** Stops waiting for the preview and goes back to the questions. */
  cancelPreview(): void {
    this.#previewId++;
    this.previewTask = { status: "idle" };
    this.step = "questions";
    this.changed();
  }

  /** Back to the questions to change them (a new preview is needed). */
  editQuestions(): void {
    this.step = "questions";
    this.changed();
  }
}

const sessions = new WeakMap<CreditKitDataSource, WizardSession>();

/** The session of a data source, made on first use. */
export function sessionFor(source: CreditKitDataSource): WizardSession {
  let session = sessions.get(source);
  if (!session) {
    session = new WizardSession(source);
    sessions.set(source, session);
  }
  return session;
}

/** Forgets a data source's wizard state and stops its worker (a host calls this when it closes the data source). */
export function endWizardSession(source: CreditKitDataSource): void {
  sessions.get(source)?.terminate();
  sessions.delete(source);
}

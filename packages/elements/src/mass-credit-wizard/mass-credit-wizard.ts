import type { CreditKitDataSource, MassCreditPreview, PreviewRow, RunRecord, RunReversal } from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext } from "../context.js";
import { dialogStyles } from "../shared/dialog.styles.js";
import { frameStyles } from "../shared/frame.styles.js";
import { msg } from "../shared/localize.js";
import { todayIso } from "../shared/money-text.js";
import { progressStyles } from "../shared/progress.js";
import { switchStyles } from "../shared/switch.js";
import { themeStyles } from "../theme.js";
import { type AnswerContext, answerErrors, checkQuestion, REQUIRED_QUESTIONS, toRequest } from "./answers.js";
import { MassCreditPreviewEvent } from "./events.js";
import { wizardStyles } from "./mass-credit-wizard.styles.js";
import { ProvidedLocale } from "./provided-locale.js";
import { renderLocation, renderPreviewing, renderQuestions } from "./questions.render.js";
import { renderReview } from "./review.render.js";
import { ReviewGrid } from "./review-grid.js";
import { renderDialog, renderDone, renderProcessing } from "./run.render.js";
import { canReverse } from "./run-actions.js";
import { renderRuns } from "./runs.render.js";
import { RunsList } from "./runs-list.js";
import { searchRows } from "./search-rows.js";
import { sessionFor, type WizardSession, type WizardStep } from "./session.js";
import type { WizardUi, WizardView } from "./view.js";
import { WizardActions } from "./wizard-actions.js";

const STEP_HEADINGS: Readonly<Record<WizardStep, string>> = {
  questions: "#wizard-title",
  previewing: "#previewing-title",
  review: "#review-title",
  processing: "#processing-title",
  done: "#done-title",
};

/**
 * The mass-credit wizard: the questions revealed one by one, each
 * moving on only on an explicit action — its Continue button, or Enter in
 * its field — never while a date is typed or a list is arrowed through
 * (focus then moves to the new question); a date more than a year from
 * `today` is said in words and asks "Use <date>" first; optional sections collapsed
 * until opened, the run's location at the top; Preview runs in a Web Worker
 * with an announced progress bar; the review shows the filter summary
 * (Show/Hide) and a virtualised table of rows with per-row selection, select
 * all / none, search, the live count and total, and "why is a family not
 * here?" — the table one Tab stop, a grid: arrows, Home/End and Page Up/Down
 * move between rows, Space selects; Process (after a confirmation stating count and total) posts
 * through the data source in chunks with progress; an unfinished run is
 * offered for resume; the done summary has Save to CSV and reversal.
 *
 * **Past runs** (a button at the start and on the done summary) lists every
 * run the data source saved, newest first: description, date saved, status
 * in words, count and total, with Save CSV and Reverse (same confirmation)
 * for a processed run and Resume for one that did not finish. With a data
 * source whose runs are server jobs (`dataSource.jobs`), a run queued or
 * running — started here or elsewhere — shows "Processing on the server"
 * with an announced progress bar and is followed to its end; leaving the
 * page only stops listening (the job goes on).
 *
 * With a data source whose previews run on the server (`dataSource.previews`),
 * the data set never comes to the page: the questions' lists and keywords,
 * the preview's figures and summary (with the time the data was read: "as
 * of 10:42"), its rows (a page at a time, as they scroll in), explanations
 * and the run all come from the port (decision 0023).
 *
 * Place it inside a `<ck-provider>` whose data source holds a mass-credit data
 * set. Its state lives with the data source, like a background task: remove
 * the wizard and add it again and it shows where it was (a preview that
 * finished meanwhile included).
 *
 * @summary Issue a fixed credit to many families, students or enrollments at once.
 * @fires {MassCreditPreviewEvent} ck-mass-credit-preview - A preview is ready for review; `detail.preview` (worked out on the server: its `rows` are the first page).
 * @fires {MassCreditProcessedEvent} ck-mass-credit-processed - A run ended: done, interrupted or failed part way (`detail.record.status`); not fired when it could not start (the done step shows why).
 * @fires {MassCreditReversedEvent} ck-mass-credit-reversed - A run was reversed; `detail.reversal` reports voided and spent credit.
 * @fires {CsvExportEvent} ck-csv-export - Cancelable, before the run's CSV downloads; `detail.csv`, `detail.filename`.
 * @csspart base - The wizard.
 * @csspart location - The run's location.
 * @csspart questions - The questions form.
 * @csspart continue - The Continue button under the question answered last.
 * @csspart date-warning - A date more than a year from today, with the button to use it anyway.
 * @csspart section - An optional section.
 * @csspart switch - The outstanding-only switch.
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb.
 * @csspart preview-button - The Preview button.
 * @csspart previewing - The step shown while the preview is worked out.
 * @csspart progress - A progress bar with its text.
 * @csspart review - The review step.
 * @csspart filter-summary - The filter summary and its Show/Hide button.
 * @csspart as-of - A preview worked out on the server: when its customer data was read.
 * @csspart totals - The live count and total of the selection.
 * @csspart table - The review table.
 * @csspart rows - The scrolling body of the review table.
 * @csspart row - A row of the table.
 * @csspart row-selected - A row that will be credited.
 * @csspart explain - "Why is a family not here?".
 * @csspart process-button - The Process button.
 * @csspart dialog - The confirmation dialog.
 * @csspart processing - The step shown while the credits are posted.
 * @csspart done - The done summary.
 * @csspart run-summary - The done summary's figures.
 * @csspart csv-button - Save to CSV.
 * @csspart reversal - The reversal report.
 * @csspart spent-csv-button - After a reversal: Save spent credits as CSV.
 * @csspart resume - The offer to resume an unfinished run.
 * @csspart runs-button - The Past runs button.
 * @csspart on-server - At the start: a run processing on the server, with a link to its progress.
 * @csspart runs - The Past runs view.
 * @csspart past-run - One run of the Past runs view (`data-status`: done, interrupted, failed, processing, server, reversed).
 * @csspart error - A message next to a field.
 * @cssprop --ck-color-accent - Buttons, selected rows, progress, the switch when on.
 * @cssprop --ck-color-surface - The wizard's background.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-danger - Input problems and failures.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-surface-raised - Raised panels.
 * @cssprop --ck-color-text - Text.
 * @cssprop --ck-color-on-accent - Text on accent buttons.
 * @cssprop --ck-color-warning-surface - A warning's background.
 * @cssprop --ck-color-warning-text - A warning's text.
 * @cssprop --ck-color-success - Success messages.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 */
@localized()
export class CkMassCreditWizard extends LitElement {
  static override styles = [themeStyles, frameStyles, dialogStyles, switchStyles, progressStyles, ...wizardStyles];

  /** The location a run is for by default (id from the data set's locations); the admin can change it. */
  @property()
  location: string | undefined;

  /** The locale money and numbers are shown and typed in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The heading's text; default "Mass credits" in the kit's language. */
  @property()
  heading: string | undefined;

  /** Today (YYYY-MM-DD): a credit date more than a year from it asks for confirmation. Default the browser's today. */
  @property()
  today: string | undefined;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The provider's locale (renders again only when it changes). */
  readonly #providedLocale = new ProvidedLocale(this);

  /** The element's own UI state (its actions update it). @internal */
  @state() ui: WizardUi = {
    errors: new Map(),
    summaryShown: false,
    search: "",
    explainOpen: false,
    explainQuery: "",
    explaining: false,
    explained: undefined,
    explainError: "",
    confirm: undefined,
    reverseRunId: "",
    runsOpen: false,
    csvSaved: "",
    farDate: "",
    dateConfirmed: "",
  };

  #session: WizardSession | undefined;
  #unsubscribe: (() => void) | undefined;
  #lastStep: WizardStep | undefined;
  #lastPreview: MassCreditPreview | undefined;
  #shown: { preview: MassCreditPreview | undefined; search: string; loaded: number; rows: readonly (PreviewRow | undefined)[] } = {
    preview: undefined,
    search: "",
    loaded: 0,
    rows: [],
  };
  readonly #actions = new WizardActions(this);
  readonly #grid = new ReviewGrid(this);
  #runs: RunsList | undefined;

  /** Where the wizard stands: questions, previewing, review, processing or done. */
  get step(): WizardStep {
    return this.#session?.step ?? "questions";
  }

  /** The finished preview, if any. */
  get preview(): MassCreditPreview | undefined {
    return this.#session?.previewTask.preview;
  }

  /** Row keys the admin deselected (for a preview on the server after Select none: of the rows read so far). */
  get deselected(): ReadonlySet<string> {
    const session = this.#session;
    if (!session) return new Set();
    const { server, preview } = session.previewTask;
    return session.selection.deselectedOf(server ? server.loadedRows() : (preview?.rows ?? []));
  }

  /** When the customer data of a preview worked out on the server was read (ISO time). */
  get previewAsOf(): string | undefined {
    return this.#session?.previewTask.server?.asOf;
  }

  /** How many rows are selected. */
  get selectedCount(): number {
    return this.#session?.selection.count ?? 0;
  }

  /** The last run's record (done or stopped). */
  get record(): RunRecord | undefined {
    return this.#session?.run.record;
  }

  /** The report of the last reversal. */
  get reversal(): RunReversal | undefined {
    return this.#session?.run.reversal;
  }

  /**
   * The Past runs list, made (and read) when the view opens or the element
   * comes back to the page with it open; `fresh` reads it again. @internal
   */
  runsList(fresh = false): RunsList | undefined {
    const source = this.dataSource;
    if (!source) return undefined;
    if (!this.#runs || this.#runs.source !== source || fresh) {
      this.#runs?.stop();
      this.#runs = new RunsList(source, () => this.requestUpdate());
      void this.#runs.load();
    }
    return this.#runs;
  }

  /** The session behind the wizard (for its actions). @internal */
  get session(): WizardSession | undefined {
    return this.#session;
  }

  /** What the checks of the answers need. @internal */
  answerContext(): AnswerContext | undefined {
    const dataSet = this.#session?.checkData;
    return dataSet ? { dataSet, locale: this.resolvedLocale() } : undefined;
  }

  /** `today`, or the browser's today. @internal */
  currentDate(): string {
    return this.today || todayIso();
  }

  /** @internal */
  resolvedLocale(): string | undefined {
    return this.locale || this.#providedLocale.locale || document.documentElement.lang || undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#actions.dispose();
    // Stop listening to the jobs being followed (they go on; a new list is read on return).
    this.#runs?.stop();
    this.#runs = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("dataSource") || !this.#unsubscribe) this.#attach();
    const session = this.#session;
    const lists = session?.lists;
    if (session && lists && session.answers.location === "") {
      const locations = lists.locations;
      const wanted = locations.find((l) => l.id === this.location) ?? locations[0];
      if (wanted) session.answers = { ...session.answers, location: wanted.id };
    }
  }

  protected override updated(): void {
    const session = this.#session;
    if (!session) return;
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog && this.ui.confirm && !dialog.open) dialog.showModal();
    else if (dialog && !this.ui.confirm && dialog.open) dialog.close();
    const preview = session.previewTask.preview;
    if (preview && preview !== this.#lastPreview && session.previewTask.status === "done") {
      this.#lastPreview = preview;
      const ready = new MassCreditPreviewEvent(preview);
      if (this.#lastStep !== undefined) this.dispatchEvent(ready);
    }
    const before = this.#lastStep;
    this.#lastStep = session.step;
    if (before === undefined || before === session.step) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body && active !== this) return;
    // A preview refused back on the questions: to the field at fault; otherwise to the step's heading.
    if (session.step === "questions" && session.previewTask.status === "failed") {
      this.#actions.focusField(session.previewTask.errorField ?? "form");
    } else this.renderRoot.querySelector<HTMLElement>(STEP_HEADINGS[session.step])?.focus();
  }

  protected override render() {
    const session = this.#session;
    if (!session)
      return html`<section class="wizard ck-frame" part="base"><p class="muted">${msg("Connect a data source to issue mass credits.")}</p></section>`;
    const view = this.#view(session);
    const on = this.#actions.handlers;
    const { step } = session;
    let body: unknown;
    if (this.ui.runsOpen && (step === "questions" || step === "done")) body = renderRuns(view, on);
    else if (session.loadError && !session.lists) body = html`<p class="field-error" role="alert">${session.loadError}</p>`;
    else if (!session.lists) body = html`<p class="muted" role="status">${msg("Loading the customer data…")}</p>`;
    else if (step === "questions") body = renderQuestions(view, on);
    else if (step === "previewing") body = renderPreviewing(view, on);
    else if (step === "review") body = renderReview(view, on, this.#grid);
    else if (step === "processing") body = renderProcessing(view, on);
    else body = renderDone(view, on);
    return html`
      <section class="wizard ck-frame" part="base" aria-labelledby="wizard-title" data-step=${step}>
        <header>
          <div class="title">
            <h2 id="wizard-title" tabindex="-1">${this.heading || msg("Mass credits")}</h2>
            ${
              !this.ui.runsOpen && (step === "questions" || step === "done")
                ? html`<button type="button" class="link" part="runs-button" id="runs-open" @click=${on.openRuns}>${msg("Past runs")}</button>`
                : nothing
            }
          </div>
          ${session.lists && !this.ui.runsOpen ? renderLocation(view, on, step === "questions") : nothing}
        </header>
        ${body}
        ${renderDialog(view, on)}
      </section>
    `;
  }

  /** Re-checks an answered question after an edit, so a fixed answer loses its message at once. @internal */
  recheck(question: string): void {
    const context = this.answerContext();
    const session = this.#session;
    if (!context || !session || !this.ui.errors.has(question)) return;
    const errors = new Map(this.ui.errors);
    if ((REQUIRED_QUESTIONS as readonly string[]).includes(question)) {
      const message = checkQuestion(question as (typeof REQUIRED_QUESTIONS)[number], session.answers, context);
      if (message === undefined) errors.delete(question);
      else errors.set(question, message);
    } else errors.delete(question);
    this.ui = { ...this.ui, errors };
  }

  /** The rows the search shows (those read so far, for a preview on the server). @internal */
  shownRows(): readonly PreviewRow[] {
    return this.#shown.rows.filter((row) => row !== undefined);
  }

  /** Every problem with the answers, placed by field. @internal */
  allErrors(): Map<string, string> {
    const context = this.answerContext();
    const session = this.#session;
    if (!context || !session) return new Map([["form", msg("The customer data is not loaded yet.")]]);
    return answerErrors(session.answers, context);
  }

  /** The answers as the core's request. @internal */
  request() {
    const context = this.answerContext();
    const session = this.#session;
    return context && session ? toRequest(session.answers, context) : undefined;
  }

  #view(session: WizardSession): WizardView {
    const preview = session.previewTask.preview;
    const server = session.previewTask.server;
    const search = this.ui.search.trim().toLocaleLowerCase();
    const loaded = server?.loaded ?? 0;
    if (this.#shown.preview !== preview || this.#shown.search !== search || this.#shown.loaded !== loaded) {
      this.#shown = { preview, search, loaded, rows: searchRows(server ? server.rows : (preview?.rows ?? []), search) };
    }
    return {
      session,
      ui: this.ui,
      locale: this.resolvedLocale(),
      currency: session.currency ?? this.dataSource?.currency ?? "USD",
      shownRows: this.#shown.rows,
      canReverse: canReverse(session.source),
      today: this.currentDate(),
      runs: this.ui.runsOpen ? this.runsList() : undefined,
    };
  }

  #attach(): void {
    const source = this.dataSource;
    if (this.#session?.source === source && this.#unsubscribe) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#session = source ? sessionFor(source) : undefined;
    if (!this.#session) return;
    this.#unsubscribe = this.#session.subscribe(() => this.requestUpdate());
    void this.#session.open().then(() => this.requestUpdate());
  }
}

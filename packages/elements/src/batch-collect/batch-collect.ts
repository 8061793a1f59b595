import type { AccountSnapshot, BatchInvoice, BatchResult, CreditKitDataSource } from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { whole } from "../shared/counts.js";
import { csvText, safeFileName, saveCsv } from "../shared/csv-download.js";
import { dialogStyles } from "../shared/dialog.styles.js";
import { frameStyles } from "../shared/frame.styles.js";
import { localeChanged } from "../shared/kit-locale.js";
import { kitLocale, msg, str } from "../shared/localize.js";
import { messageOf, resolveLocale, todayIso } from "../shared/money-text.js";
import { SourceLoader } from "../shared/source-loader.js";
import { reportStyles } from "../shared/table.styles.js";
import { themeStyles } from "../theme.js";
import { BatchCompleteEvent, BatchProgressEvent, BatchStartEvent } from "./batch-collect.events.js";
import { type BatchView, renderBatch, resultsCsv } from "./batch-collect.render.js";
import { batchCollectStyles } from "./batch-collect.styles.js";
import { type BatchPreview, invoicesFrom, previewBatch } from "./preview.js";
import { batchGoingOn, doneText, runInParts } from "./run.js";
import { invoicesText } from "./words.js";

/** Where a run stands. */
export type BatchPhase = "idle" | "running" | "done" | "failed";

const booleanText = {
  fromAttribute: (value: string | null) => value !== "false",
  toAttribute: (value: boolean) => String(value),
};

/**
 * Batch billing and autopay of membership dues. It lists what the batch
 * will collect with, per account, what will happen — credit only, card and
 * credit, card only — before anything runs; the "Apply Account Credit when
 * Auto Collecting Invoice Payments" option; Run, with a progress bar and
 * progress announced to screen readers; then the results with totals and
 * each invoice's outcome in words, and a CSV of them. Focus follows the run:
 * from Run to Cancel while it runs, then to the results' heading. The rules
 * are the core's `settleBatch` through the data source's gateway: an invoice
 * is paid in full or left wholly unpaid, a time-out is reported as
 * unresolved, and running the same batch again charges nothing twice.
 *
 * Run (and Run again) first asks for confirmation in a modal dialog with the
 * totals — accounts, invoices, the amount to charge to cards and the credit
 * to use. It opens with focus on Cancel; Escape or Cancel charges nothing and
 * puts focus back on Run. The `run()` method runs without asking (a host's
 * own confirmation).
 *
 * The card figures read "To charge to cards" (preview) and "Charged to
 * cards" (results), and per row "To charge to card" / "Charged to card".
 * Both count invoices, in the same words: the preview "6 invoices on 5
 * accounts: 2 to be paid by credit, 3 by card and credit, …", the results
 * "6 invoices on 5 accounts: 5 paid, 1 left unpaid" over the counts by
 * outcome; the preview's table is by account. Headers wrap inside their
 * columns; narrower than the six columns (a phone), each row folds into
 * three lines with its amounts at the end, the header folded the same way.
 *
 * Inside a `<ck-provider>` it collects every unpaid fee (one invoice per fee)
 * unless `invoices` is set.
 *
 * @summary Batch billing / dues autopay: preview, apply-credit option, run with progress, results and totals, CSV.
 * @fires {BatchStartEvent} ck-batch-start - Cancelable, before a run charges anything; `detail.invoices`, `detail.applyCredit`.
 * @fires {BatchProgressEvent} ck-batch-progress - At most once per frame during a run; `detail.done` of `detail.total`.
 * @fires {BatchCompleteEvent} ck-batch-complete - The run finished; `detail` is the `BatchResult` (results in input order, summary).
 * @fires {CsvExportEvent} ck-csv-export - Cancelable, before the results CSV downloads; `detail.csv`, `detail.filename`.
 * @csspart base - The frame.
 * @csspart apply-credit - The apply-credit checkbox's label.
 * @csspart preview - The preview section.
 * @csspart table - Each table (preview, results).
 * @csspart preview-row - One account's preview row.
 * @csspart run - The Run button (opens the confirmation).
 * @csspart confirm-dialog - The confirmation before a run, with its totals.
 * @csspart cancel - The Cancel button.
 * @csspart progress - The progress bar.
 * @csspart results - The results section.
 * @csspart result-row - One invoice's result row.
 * @csspart totals - A table's totals row.
 * @csspart export - The Save to CSV button.
 * @csspart empty - The text shown for an empty table.
 * @cssprop --ck-color-accent - Buttons, the progress bar and focus.
 * @cssprop --ck-color-owed - Amounts still owed, declined and unresolved outcomes.
 * @cssprop --ck-color-available - Credit to use and credit used.
 * @cssprop --ck-color-success - Paid outcomes.
 * @cssprop --ck-color-surface - The background.
 * @cssprop --ck-color-surface-raised - Table headers and totals.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-table-height - The tallest a table grows before it scrolls (default 26rem).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-color-danger - Errors.
 * @cssprop --ck-color-text - Text.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-on-accent - Text on accent buttons.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 * @cssprop --ck-color-neutral - A zero figure.
 */
@localized()
export class CkBatchCollect extends LitElement {
  static override styles = [themeStyles, frameStyles, dialogStyles, reportStyles, batchCollectStyles];

  /** The batch's id (no "/"): with the invoice id it is each charge's idempotency key, so a re-run charges nothing twice. */
  @property({ attribute: "batch-id", reflect: true })
  batchId = "batch";

  /** The payments' date (YYYY-MM-DD); default today. */
  @property()
  date: string | undefined;

  /** "Apply Account Credit when Auto Collecting Invoice Payments"; `apply-credit="false"` turns it off. */
  @property({ attribute: "apply-credit", converter: booleanText })
  applyCredit = true;

  /** The invoices to collect; default one per unpaid fee of every account in the data source. */
  @property({ attribute: false })
  invoices: readonly BatchInvoice[] | undefined;

  /** How many invoices are settled at once. */
  @property({ type: Number })
  concurrency = 4;

  /** How long to wait for each gateway answer before it counts as a time-out (ms); default the core's. */
  @property({ attribute: "timeout-ms", type: Number })
  timeoutMs: number | undefined;

  /** The heading's text; default "Batch collection" in the kit's language. */
  @property()
  heading: string | undefined;

  /** The locale money is shown in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The provider's locale (its settings are not read here). */
  @consume({ context: settingsContext, subscribe: true })
  @state({ hasChanged: localeChanged })
  protected kit: KitSettings | undefined;

  @state() private phase: BatchPhase = "idle";
  @state() private progress = { done: 0, total: 0 };
  @state() private announcement = "";
  @state() private result: BatchResult | undefined;
  /** What stopped the batch, kept as thrown and worded at render (a language switch re-words it). */
  @state() private failure: { readonly error: unknown } | undefined;
  @state() private confirming = false;
  /** The batch started elsewhere that this element follows (a server job), by id. */
  @state() private elsewhere: string | undefined;
  #watched: CreditKitDataSource | undefined;

  readonly #accounts = new SourceLoader<readonly AccountSnapshot[]>(this, (source) =>
    source.getAccounts(this.invoices ? [...new Set(this.invoices.map((i) => i.accountId))] : undefined),
  );
  /** The invoices the last run collected: Run again uses exactly them. */
  #ran: readonly BatchInvoice[] | undefined;
  @state() private preview: BatchPreview | undefined;
  /** The invoices worked out from the accounts, before any run. */
  #derived: readonly BatchInvoice[] = [];
  #previewJob = 0;
  #snapshots = new Map<string, AccountSnapshot>();
  #previewInputs: readonly unknown[] = [];
  #abort: AbortController | undefined;
  #frame = 0;
  #latest = { done: 0, total: 0 };
  #milestone = 0;

  /** The last run's result. */
  get lastResult(): BatchResult | undefined {
    return this.result;
  }

  /** Where the run stands: idle, running, done or failed. */
  get status(): BatchPhase {
    return this.phase;
  }

  /** What the next run will collect. */
  get pendingInvoices(): readonly BatchInvoice[] {
    return this.invoices ?? this.#ran ?? this.#derived;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("invoices") && changed.get("invoices") !== undefined) void this.#accounts.reload();
    if (changed.has("batchId") || changed.has("invoices")) {
      this.#ran = undefined;
      this.#derived = [];
    }
    this.#accounts.track(this.dataSource);
    if (this.dataSource !== this.#watched) {
      this.#watched = this.dataSource;
      void this.#followElsewhere(this.dataSource);
    }
    const snapshots = this.#accounts.value;
    const inputs = [snapshots, this.dataSource, this.invoices, this.#ran, this.batchId, this.applyCredit];
    // The preview is worked out again only when what it reads changed (not on every progress frame), in slices.
    if (inputs.some((value, i) => value !== this.#previewInputs[i])) {
      this.#previewInputs = inputs;
      void this.#workOutPreview(snapshots);
    }
  }

  async #workOutPreview(snapshots: readonly AccountSnapshot[] | undefined): Promise<void> {
    const job = ++this.#previewJob;
    const source = this.dataSource;
    if (!snapshots || !source) {
      this.preview = undefined;
      return;
    }
    const batchId = this.batchId;
    const derived = this.invoices || this.#ran ? undefined : await invoicesFrom(snapshots, batchId);
    if (job !== this.#previewJob) return;
    const invoices = this.invoices ?? this.#ran ?? derived ?? [];
    const byId = new Map(snapshots.map((s) => [s.account.id, s]));
    const preview = await previewBatch(invoices, byId, {
      batchId,
      applyCredit: this.applyCredit,
      currency: source.currency,
      gateway: source.gateway,
    });
    if (job !== this.#previewJob) return;
    this.#derived = derived ?? this.#derived;
    this.#snapshots = byId;
    this.preview = preview;
  }

  protected override render() {
    const view: BatchView = {
      heading: this.heading || msg("Batch collection"),
      language: kitLocale(),
      batchId: this.batchId,
      date: this.date || todayIso(),
      applyCredit: this.applyCredit,
      currency: this.dataSource?.currency ?? "USD",
      locale: resolveLocale(this.locale, this.kit?.locale),
      connected: this.dataSource !== undefined,
      loadState: this.#accounts.state,
      loadError: this.#accounts.error,
      preview: this.preview,
      phase: this.phase,
      progress: this.progress,
      announcement: this.announcement,
      result: this.result,
      failure: this.failure === undefined ? "" : messageOf(this.failure.error),
      names: this.#snapshots,
      rerun: this.#ran !== undefined,
      confirming: this.confirming,
      ...(this.elsewhere !== undefined ? { elsewhere: this.elsewhere } : {}),
    };
    return renderBatch(view, {
      applyCredit: (on) => {
        this.applyCredit = on;
      },
      run: () => {
        if (this.phase !== "running" && this.preview && this.preview.invoices > 0) this.confirming = true;
      },
      confirmRun: () => {
        this.confirming = false;
        // Closing first puts focus back on Run, so the run moves it on to Cancel.
        this.#dialog()?.close();
        void this.run();
      },
      closeConfirm: () => {
        this.confirming = false;
      },
      cancel: () => this.cancel(),
      exportCsv: () => this.exportCsv(),
    });
  }

  protected override updated(): void {
    const dialog = this.#dialog();
    if (dialog && this.confirming && !dialog.open) dialog.showModal();
    else if (dialog && !this.confirming && dialog.open) dialog.close();
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>("dialog[part~=confirm-dialog]");
  }

  /**
   * Runs the batch (again, with the same invoices, after a run) without asking: the Run button asks first.
   * Resolves with the result, or undefined when nothing ran.
   */
  async run(): Promise<BatchResult | undefined> {
    const source = this.dataSource;
    if (!source || this.phase === "running") return undefined;
    const invoices = this.pendingInvoices;
    if (!this.dispatchEvent(new BatchStartEvent({ batchId: this.batchId, invoices, applyCredit: this.applyCredit }))) return undefined;
    // Run is disabled while running: a person who pressed it goes on to Cancel rather than being dropped on the page.
    const followFocus = this.#holdsFocus();
    this.#ran = invoices;
    if (followFocus) {
      void this.updateComplete.then(() => {
        if (this.phase === "running") this.#focusOn("[part~=cancel]");
      });
    }
    return this.#track({ done: 0, total: invoices.length }, undefined, msg(str`Collecting ${invoicesText(invoices.length)}…`), (signal) =>
      runInParts(source, {
        batchId: this.batchId,
        invoices,
        applyCredit: this.applyCredit,
        date: this.date || todayIso(),
        concurrency: this.concurrency,
        ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}),
        signal,
        onProgress: (done, total) => this.#onProgress(done, total),
      }),
    );
  }

  /**
   * With a data source whose batches are server jobs: a batch another admin
   * (or this admin in another page) started and that is still going is shown
   * here, followed to its end, and can be cancelled.
   */
  async #followElsewhere(source: CreditKitDataSource | undefined): Promise<void> {
    const jobs = source?.jobs;
    if (!jobs || this.phase === "running") return;
    const going = await batchGoingOn(jobs);
    // The phase may have changed while the list was read (TS narrowed it before the await).
    if (!going || source !== this.dataSource || (this.phase as BatchPhase) === "running") return;
    const announcement = msg(
      str`Batch ${going.id}, started elsewhere, is being collected: ${whole(going.done)} of ${invoicesText(going.total)}…`,
    );
    await this.#track(going, going.id, announcement, (signal) =>
      jobs.follow<BatchResult>("batch", going.id, { signal, onProgress: ({ done, total }) => this.#onProgress(done, total) }),
    );
  }

  /** Shows `work` running (this page's batch, or one started elsewhere), then its result or its failure. */
  async #track(
    progress: { readonly done: number; readonly total: number },
    elsewhere: string | undefined,
    announcement: string,
    work: (signal: AbortSignal) => Promise<BatchResult>,
  ): Promise<BatchResult | undefined> {
    this.#abort = new AbortController();
    this.elsewhere = elsewhere;
    this.#latest = { done: progress.done, total: progress.total };
    this.#milestone = 0;
    this.progress = this.#latest;
    this.phase = "running";
    this.failure = undefined;
    this.announcement = announcement;
    this.#accounts.pause();
    try {
      const result = await work(this.#abort.signal);
      return await this.#finished(result, elsewhere === undefined ? progress.total : result.results.length);
    } catch (error) {
      await this.#failed(error);
      return undefined;
    } finally {
      this.#abort = undefined;
    }
  }

  async #finished(result: BatchResult, total: number): Promise<BatchResult> {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.progress = { done: result.results.length, total };
    this.result = result;
    this.phase = "done";
    this.announcement = doneText(result);
    this.dispatchEvent(new BatchCompleteEvent(result));
    await this.#accounts.resume();
    await this.updateComplete;
    if (this.#holdsFocus()) this.#focusOn("#results-title");
    return result;
  }

  async #failed(error: unknown): Promise<void> {
    this.failure = { error };
    this.phase = "failed";
    this.announcement = "";
    await this.#accounts.resume();
    await this.updateComplete;
    if (this.#holdsFocus()) this.#focusOn("[part~=run]");
  }

  /** Stops a run: invoices in flight finish, the rest are skipped. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Downloads the last run's results as CSV (after `ck-csv-export`). */
  exportCsv(): boolean {
    if (!this.result) return false;
    const { header, rows, numeric } = resultsCsv(this.result, this.#snapshots);
    return saveCsv(this, `${safeFileName(`batch-${this.batchId}`)}.csv`, csvText(header, rows, numeric));
  }

  /** True when focus is in this element, or nowhere (a control it was on went away): moving it then takes it from no one. */
  #holdsFocus(): boolean {
    const active = document.activeElement;
    return active === null || active === document.body || this.matches(":focus-within");
  }

  #focusOn(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #onProgress(done: number, total: number): void {
    this.#latest = { done, total };
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.phase !== "running") return;
      this.progress = this.#latest;
      const quarter = total === 0 ? 0 : Math.floor((this.#latest.done * 4) / total);
      if (quarter > this.#milestone && this.#latest.done < total) {
        this.#milestone = quarter;
        this.announcement = msg(str`Collected ${whole(this.#latest.done)} of ${invoicesText(total)}…`);
      }
      this.dispatchEvent(new BatchProgressEvent({ batchId: this.batchId, ...this.#latest }));
    });
  }
}

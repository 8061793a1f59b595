/** `<ck-batch-collect>`'s templates: plain functions of what it shows. Data is always bound as text. */
import {
  type AccountSnapshot,
  add,
  type BatchResult,
  fromAmountString,
  type SettlementOutcome,
  type SettlementResult,
  toAmountString,
  zero,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { guard } from "lit/directives/guard.js";
import { formatIsoDate, isOne } from "../mass-credit-wizard/format.js";
import type { LoadState } from "../shared/account-controller.js";
import { whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { cell, renderTable } from "../shared/table.render.js";
import { renderConfirm, zeroOf } from "./confirm.render.js";
import type { AccountPreview, BatchPreview } from "./preview.js";
import { accountsText, invoiceNoun, invoicesText, listText, outcomeParts, outcomeText, previewKindText } from "./words.js";

export interface BatchView {
  readonly heading: string;
  readonly batchId: string;
  readonly date: string;
  readonly applyCredit: boolean;
  readonly currency: string;
  readonly locale: string | undefined;
  /** The kit's language: its words change with it (the guarded parts render again). */
  readonly language: string;
  readonly connected: boolean;
  readonly loadState: LoadState;
  readonly loadError: string;
  readonly preview: BatchPreview | undefined;
  readonly phase: "idle" | "running" | "done" | "failed";
  readonly progress: { readonly done: number; readonly total: number };
  readonly announcement: string;
  readonly result: BatchResult | undefined;
  readonly failure: string;
  readonly names: ReadonlyMap<string, AccountSnapshot>;
  /** True once a run happened: the button reads Run again. */
  readonly rerun: boolean;
  /** True while the confirmation before a run is open. */
  readonly confirming: boolean;
  /** The id of a batch started elsewhere (another admin, another page) that this element is following. */
  readonly elsewhere?: string;
}

export interface BatchHandlers {
  applyCredit(on: boolean): void;
  /** Run (or Run again): asks for confirmation. */
  run(): void;
  /** The confirmation's charge button: runs. */
  confirmRun(): void;
  /** The confirmation closed (Cancel, Escape): nothing runs. */
  closeConfirm(): void;
  cancel(): void;
  exportCsv(): void;
}

/** Each outcome in (canonical English) words for the CSV, and whether it paid (good), left the invoice unpaid (bad) or neither; shown through `outcomeText`. */
export const OUTCOME_WORDS: Readonly<Record<SettlementOutcome, readonly [string, "good" | "bad" | ""]>> = {
  "paid-by-credit": ["Paid by credit", "good"],
  "paid-by-charge-and-credit": ["Paid by card and credit", "good"],
  "paid-by-charge": ["Paid by card", "good"],
  declined: ["Declined: left unpaid", "bad"],
  failed: ["Failed: left unpaid", "bad"],
  unresolved: ["Unresolved: not paid, credit held", "bad"],
  "nothing-due": ["Nothing due", ""],
  "already-settled": ["Already settled: nothing charged", ""],
  skipped: ["Skipped (cancelled)", ""],
};

/** Outcomes always listed in the summary; the others only when they happened. */
const MAIN_OUTCOMES: readonly SettlementOutcome[] = [
  "paid-by-credit",
  "paid-by-charge-and-credit",
  "paid-by-charge",
  "declined",
  "unresolved",
];

export function renderBatch(view: BatchView, on: BatchHandlers) {
  const running = view.phase === "running";
  const preview = guard([view.preview, view.connected, view.loadState, view.rerun, view.locale, view.language, view.result], () =>
    renderPreview(view),
  );
  return html`
    <section class="frame ck-frame" part="base" aria-labelledby="title">
      <header>
        <h2 id="title">${view.heading}</h2>
        <p class="muted">${msg(str`Batch ${view.batchId} · payments dated ${formatIsoDate(view.date, view.locale)}`)}</p>
      </header>
      <label class="check option" part="apply-credit">
        <input
          type="checkbox"
          .checked=${view.applyCredit}
          ?disabled=${running}
          @change=${(e: Event) => on.applyCredit((e.target as HTMLInputElement).checked)}
        />
        ${msg("Apply Account Credit when Auto Collecting Invoice Payments")}
      </label>
      ${
        // Before a run: what will happen, then Run. After one: Run again and the results first, then the accounts as they are now.
        view.result
          ? html`${renderRun(view, on)} ${guard([view.result, view.names, view.locale, view.language], () => renderResults(view, view.result as BatchResult, on))}
            ${preview}`
          : html`${preview} ${renderRun(view, on)}`
      }
      ${renderConfirm(view, on)}
    </section>
  `;
}

function renderPreview(view: BatchView) {
  if (!view.connected) return html`<p class="muted">${msg(str`Place this element inside a ${"<ck-provider>"} with a data source.`)}</p>`;
  if (view.loadState === "error") return html`<p class="failure" role="alert">${view.loadError}</p>`;
  const preview = view.preview;
  if (!preview) return html`<p role="status">${msg("Loading the invoices…")}</p>`;
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const declined = lastDeclines(view.result);
  return html`
    <section class="preview" part="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">${view.rerun ? msg("The batch's accounts now") : msg("What will happen")}</h3>
      <p class="lead">${previewCounts(preview)}</p>
      <dl class="figures">
        <div><dt>${msg("Amount Due")}</dt><dd>${money(preview.due)}</dd></div>
        <div class="available"><dt>${msg("Credit to use")}</dt><dd>${money(preview.credit)}</dd></div>
        <div><dt>${msg("To charge to cards")}</dt><dd>${money(preview.card)}</dd></div>
      </dl>
      ${renderTable<AccountPreview>({
        label: msg("Preview by account"),
        columns: [
          { id: "account", label: msg("Account") },
          { id: "invoices", label: msg("Invoices"), numeric: true },
          { id: "due", label: msg("Amount Due"), numeric: true },
          { id: "credit", label: msg("Credit to use"), numeric: true },
          { id: "card", label: msg("To charge to card"), numeric: true },
          { id: "kind", label: msg("What happens") },
        ],
        template: "minmax(9rem, 2fr) minmax(4.5rem, 0.6fr) repeat(3, minmax(6.5rem, 1fr)) minmax(9rem, 1.6fr)",
        rows: preview.rows,
        key: (r) => r.accountId,
        rowPart: "preview-row",
        empty: msg("Nothing to collect: no account has an unpaid fee."),
        renderCells: (r) => html`
          ${cell(r.name)}
          ${cell(
            // Folded on a phone the count stands under the name: a noun drawn after it says what it counts (the header says it to screen readers).
            html`${whole(r.invoices)}<span class="noun" data-noun=${invoiceNoun(r.invoices)}></span>`,
            true,
          )}
          ${cell(money(r.due), true)}
          ${cell(money(r.credit), true, { cls: r.credit !== zeroOf(r.credit) ? "available" : "" })} ${cell(money(r.card), true)}
          ${cell(whatHappens(r, declined.get(r.accountId)))}
        `,
      })}
    </section>
  `;
}

/**
 * The preview's counts in the results' unit, invoices, and in their words:
 * "3 invoices on 2 accounts: 1 to be paid by credit, 2 by card and credit."
 */
export function previewCounts(preview: BatchPreview): string {
  const c = preview.invoiceCounts;
  const parts: string[] = [];
  // The first way of paying says "to be paid", the ones after it only "by …".
  const paying = (n: number, first: string, next: string) => {
    if (n > 0) parts.push(parts.length === 0 ? first : next);
  };
  const [credit, both, card] = [c["paid-by-credit"], c["paid-by-charge-and-credit"], c["paid-by-charge"]].map(whole);
  paying(c["paid-by-credit"], msg(str`${credit} to be paid by credit`), msg(str`${credit} by credit`));
  paying(c["paid-by-charge-and-credit"], msg(str`${both} to be paid by card and credit`), msg(str`${both} by card and credit`));
  paying(c["paid-by-charge"], msg(str`${card} to be paid by card`), msg(str`${card} by card`));
  if (c.declined > 0) parts.push(msg(str`${whole(c.declined)} to be declined (no card on file)`));
  if (c.held > 0) parts.push(msg(str`${whole(c.held)} awaiting an unresolved charge (a run asks the gateway again)`));
  if (c["nothing-due"] > 0) parts.push(msg(str`${whole(c["nothing-due"])} with nothing due`));
  const invoices = invoicesText(preview.invoices);
  const accounts = accountsText(preview.rows.length);
  return parts.length === 0 ? msg(str`${invoices} on ${accounts}: none.`) : msg(str`${invoices} on ${accounts}: ${listText(parts)}.`);
}

/** The results' counts in a sentence, the preview's unit (invoices) first: "3 invoices on 2 accounts: 2 paid, 1 left unpaid." */
export function resultCounts(result: BatchResult): string {
  const c = result.summary.counts;
  const parts = outcomeParts(result);
  if (c["nothing-due"] > 0) parts.push(msg(str`${whole(c["nothing-due"])} with nothing due`));
  if (c.skipped > 0) parts.push(msg(str`${whole(c.skipped)} skipped`));
  const invoices = invoicesText(result.summary.total);
  const accounts = accountsText(new Set(result.results.map((r) => r.accountId)).size);
  return msg(str`${invoices} on ${accounts}: ${listText(parts)}.`);
}

/**
 * Per account, why the last run left an invoice of it unpaid (the gateway's
 * words): a re-run's preview says so, so "Card only" after 120 declines for
 * "No card on file" does not read as if the card will now be charged.
 */
function lastDeclines(result: BatchResult | undefined): ReadonlyMap<string, string> {
  const why = new Map<string, string>();
  for (const r of result?.results ?? []) {
    if ((r.outcome === "declined" || r.outcome === "failed") && !why.has(r.accountId)) {
      why.set(r.accountId, (r.message ?? "").replace(/\.$/, ""));
    }
  }
  return why;
}

function whatHappens(r: AccountPreview, lastDecline?: string): string {
  const notes = [previewKindText(r.kind)];
  if (r.noCard) notes.push(msg("no card on file: the charge will be declined"));
  else if (lastDecline !== undefined && r.kind !== "nothing-due" && r.kind !== "credit-only") {
    notes.push(lastDecline ? msg(str`declined in the last run: ${lastDecline}`) : msg("declined in the last run"));
  }
  if (r.held > 0) {
    const held = whole(r.held);
    notes.push(
      isOne(r.held) ? msg(str`${held} invoice awaiting an unresolved charge`) : msg(str`${held} invoices awaiting an unresolved charge`),
    );
  }
  return notes.join(msg("; ", { id: "bc-notes-separator", desc: "Separates the notes of a preview row: “Card only; no card on file”." }));
}

function renderRun(view: BatchView, on: BatchHandlers) {
  const running = view.phase === "running";
  const { done, total } = view.progress;
  const nothingToRun = !view.preview || view.preview.invoices === 0;
  return html`
    <div class="run">
      <div class="actions">
        <button type="button" class="primary" part="run" ?disabled=${running || nothingToRun || !view.connected} @click=${on.run}>
          ${running ? msg("Running…") : view.rerun ? msg("Run again") : msg("Run batch")}
        </button>
        ${running ? html`<button type="button" part="cancel" @click=${on.cancel}>${msg("Cancel")}</button>` : nothing}
      </div>
      ${
        running || view.phase === "done"
          ? html`<div class="progress">
              <label for="progress" id="progress-label">${
                view.phase === "done"
                  ? view.result?.aborted
                    ? msg("Collection cancelled")
                    : msg("Collection finished")
                  : view.elsewhere
                    ? msg(str`Collecting batch ${view.elsewhere}, started elsewhere`)
                    : msg("Collecting invoices")
              }</label>
              <progress id="progress" part="progress" max=${Math.max(total, 1)} .value=${done}
                aria-valuetext=${msg(str`${whole(done)} of ${invoicesText(total)}`)}></progress>
              <span class="muted" aria-hidden="true">${msg(str`${whole(done)} of ${whole(total)}`)}</span>
            </div>`
          : nothing
      }
      <!-- Once done, the results' own lead says the same in view: the announcement is for screen readers only. -->
      <p class="announcement ${view.phase === "done" ? "visually-hidden" : ""}" role="status" aria-live="polite">${view.announcement}</p>
      ${view.failure ? html`<p class="failure" role="alert">${view.failure}</p>` : nothing}
    </div>
  `;
}

function renderResults(view: BatchView, result: BatchResult, on: BatchHandlers) {
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const { counts } = result.summary;
  const listed = (Object.keys(OUTCOME_WORDS) as SettlementOutcome[]).filter((o) => MAIN_OUTCOMES.includes(o) || counts[o] > 0);
  const name = (id: string) => view.names.get(id)?.account.name ?? id;
  return html`
    <section class="results" part="results" aria-labelledby="results-title">
      <h3 id="results-title" tabindex="-1">${result.aborted ? msg("Results (cancelled)") : msg("Results")}</h3>
      <p class="lead">${resultCounts(result)}</p>
      <dl class="figures counts">
        ${listed.map((o) => {
          const [, tone] = OUTCOME_WORDS[o];
          return html`<div class=${counts[o] > 0 ? tone : ""} data-outcome=${o}><dt>${outcomeText(o)}</dt><dd>${whole(counts[o])}</dd></div>`;
        })}
        <div data-total="charged"><dt>${msg("Charged to cards")}</dt><dd>${money(result.summary.charged)}</dd></div>
        <div class="available" data-total="credit"><dt>${msg("Credit used")}</dt><dd>${money(result.summary.creditUsed)}</dd></div>
      </dl>
      ${renderTable<SettlementResult>({
        label: msg("Results by invoice"),
        columns: [
          { id: "account", label: msg("Account") },
          { id: "invoice", label: msg("Invoice") },
          { id: "outcome", label: msg("Outcome") },
          { id: "due", label: msg("Amount Due"), numeric: true },
          { id: "credit", label: msg("Credit used"), numeric: true },
          { id: "charged", label: msg("Charged to card"), numeric: true },
        ],
        template: "minmax(9rem, 1.4fr) minmax(8rem, 1.4fr) minmax(10rem, 1.6fr) repeat(3, minmax(6.5rem, 1fr))",
        rows: result.results,
        key: (r) => r.key,
        rowPart: "result-row",
        empty: msg("The batch had no invoices."),
        renderCells: (r) => {
          const [, tone] = OUTCOME_WORDS[r.outcome];
          const words = outcomeText(r.outcome);
          return html`
            ${cell(name(r.accountId))} ${cell(r.invoiceId)}
            ${cell(
              html`<span class="outcome ${tone}" data-outcome=${r.outcome}>${words}</span>${
                r.message ? html`<span class="note">${r.message}</span>` : nothing
              }`,
            )}
            ${cell(money(r.due), true)} ${cell(money(r.creditUsed), true)} ${cell(money(r.charged), true)}
          `;
        },
        totals: html`<div role="cell" class="cell total-label" aria-colspan="3">${msg(str`Total: ${invoicesText(result.summary.total)}`)}</div>
        ${cell(money(dueOf(result, view.currency)), true)} ${cell(money(result.summary.creditUsed), true)}
        ${cell(money(result.summary.charged), true)}`,
      })}
      <div class="actions">
        <button type="button" part="export" @click=${on.exportCsv}>${msg("Save to CSV")}</button>
      </div>
    </section>
  `;
}

/** The results as CSV columns and rows (amounts in the numeric columns). */
export function resultsCsv(result: BatchResult, names: ReadonlyMap<string, AccountSnapshot>) {
  const header = ["Account", "Account ID", "Invoice", "Outcome", "Amount Due", "Credit used", "Charged to card", "Charge ID", "Message"];
  const rows = result.results.map((r) => [
    names.get(r.accountId)?.account.name ?? "",
    r.accountId,
    r.invoiceId,
    OUTCOME_WORDS[r.outcome][0],
    r.due,
    r.creditUsed,
    r.charged,
    r.chargeId ?? "",
    r.message ?? "",
  ]);
  return { header, rows, numeric: [4, 5, 6] };
}

/** The results' Amount Due column added up. */
function dueOf(result: BatchResult, currency: string): string {
  let total = zero(currency);
  for (const r of result.results) total = add(total, fromAmountString(r.due, currency));
  return toAmountString(total);
}

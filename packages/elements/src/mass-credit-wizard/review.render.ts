/** The review step: filter summary (Show/Hide), the windowed grid with selection (one Tab stop: review-grid.ts), search and explain. Data is always bound as text. */
import { fromAmountString, type IssueMode, type MassCreditPreview, multiplyAmount, type PreviewRow, toAmountString } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { windowRows } from "../shared/row-window.js";
import { explainLines } from "./explain-lines.js";
import { formatCount, isOne } from "./format.js";
import type { ReviewGrid } from "./review-grid.js";
import { filterLines } from "./summary-lines.js";
import type { WizardHandlers, WizardView } from "./view.js";

type Column = "family" | "student" | "enrollment" | "amount";

const COLUMNS: Readonly<Record<IssueMode, readonly Column[]>> = {
  family: ["family", "amount"],
  student: ["family", "student", "amount"],
  enrollment: ["family", "student", "enrollment", "amount"],
};

function columnName(column: Column): string {
  if (column === "family") return msg("Family");
  if (column === "student") return msg("Student");
  if (column === "enrollment") return msg("Enrollment");
  return msg("Amount");
}

/** The count and exact total of the selected rows. */
export function selection(view: WizardView): { count: number; total: string } {
  const preview = view.session.previewTask.preview;
  if (!preview) return { count: 0, total: "0" };
  const count = view.session.selection.count;
  const { amount, currency } = preview.request;
  return { count, total: toAmountString(multiplyAmount(fromAmountString(amount, currency), count)) };
}

/** Formatted amounts by amount, currency and locale: a run's rows share one amount, so a scrolled-in row formats nothing. */
const moneyTexts = new Map<string, string>();

function moneyText(amount: string, currency: string, locale: string | undefined): string {
  const id = `${amount}|${currency}|${locale ?? ""}`;
  let text = moneyTexts.get(id);
  if (text === undefined) {
    if (moneyTexts.size >= 256) moneyTexts.clear();
    text = showMoney(amount, currency, locale);
    moneyTexts.set(id, text);
  }
  return text;
}

function rowLabel(row: PreviewRow): string {
  return [row.familyName, row.studentName, row.offeringName].filter((p) => p !== undefined && p !== "").join(", ");
}

function renderRow(
  view: WizardView,
  on: WizardHandlers,
  grid: ReviewGrid,
  mode: IssueMode,
  row: PreviewRow,
  index: number,
): TemplateResult {
  const selected = view.session.selection.has(row.rowKey);
  const money = moneyText(row.amount, view.currency, view.locale);
  return html`
    <div role="row" class="row ${selected ? "selected" : ""}" part="row${selected ? " row-selected" : ""}" aria-rowindex=${index + 2}>
      <span role="gridcell" class="pick">
        <input
          type="checkbox"
          tabindex=${grid.tabIndex(index)}
          .checked=${selected}
          data-row-key=${row.rowKey}
          aria-label=${msg(str`Credit ${rowLabel(row)}`, { desc: "Checkbox: issue a credit to this family/student (verb)." })}
          @change=${(e: Event) => on.toggleRow(row, (e.target as HTMLInputElement).checked)}
        />
      </span>
      <span role="gridcell">${row.familyName}</span>
      ${mode === "family" ? nothing : html`<span role="gridcell">${row.studentName ?? ""}</span>`}
      ${mode === "enrollment" ? html`<span role="gridcell">${row.offeringName ?? ""}</span>` : nothing}
      <span role="gridcell" class="amount">${money}</span>
    </div>
  `;
}

/** A row of a server preview not read yet: asks for its page, and stands in for it meanwhile (its message cell is the row's control). */
function renderUnread(view: WizardView, grid: ReviewGrid, mode: IssueMode, index: number): TemplateResult {
  const server = view.session.previewTask.server;
  server?.want(index);
  const failed = server?.failed(index) === true;
  return html`
    <div role="row" class="row unread" aria-rowindex=${index + 2}>
      <span role="gridcell" class="pick"></span>
      <span role="gridcell" class="muted" tabindex=${grid.tabIndex(index)}>${
        failed
          ? html`${msg("Not read.")} <button type="button" class="link" tabindex="-1" @click=${() => server?.retry()}>${msg("Try again")}</button>`
          : msg("Loading…")
      }</span>
      ${mode === "family" ? nothing : html`<span role="gridcell">\u00a0</span>`}
      ${mode === "enrollment" ? html`<span role="gridcell">\u00a0</span>` : nothing}
      <span role="gridcell" class="amount"></span>
    </div>
  `;
}

/** "as of 10:42" (with the date when it is not today): when a server preview read the customer data. */
export function asOfText(iso: string, locale: string | undefined): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString(locale, { dateStyle: "medium" })} ${time}`;
}

/** The search's note: how many rows match, and (a server preview still being read) of how many. */
function searchNote(view: WizardView, n: (x: number) => string): TemplateResult {
  const server = view.session.previewTask.server;
  const { search } = view.ui;
  const matched = n(view.shownRows.length);
  if (!server || server.complete) {
    return html`<p class="muted">${isOne(view.shownRows.length) ? msg(str`${matched} row matches “${search}”.`) : msg(str`${matched} rows match “${search}”.`)}</p>`;
  }
  return html`<p class="muted">${msg(str`${matched} rows match “${search}” in the ${n(server.loaded)} of ${n(server.count)} rows read so far…`)}</p>`;
}

function renderExplain(view: WizardView, on: WizardHandlers, preview: MassCreditPreview): TemplateResult {
  const { ui } = view;
  return html`
    <section class="explain" part="explain">
      <h4>
        <button
          type="button"
          class="disclosure"
          id="toggle-explain"
          aria-expanded=${ui.explainOpen ? "true" : "false"}
          aria-controls="explain-body"
          @click=${on.toggleExplain}
        >
          <span class="chevron" aria-hidden="true"></span><span>${msg("Why is a family not here?")}</span>
        </button>
      </h4>
      <div id="explain-body" ?hidden=${!ui.explainOpen}>
        ${
          ui.explainOpen
            ? html`
              <form class="explain-form" @submit=${(e: Event) => {
                e.preventDefault();
                on.explain();
              }}>
                <label for="explain-query">${msg("Family name or ID")}</label>
                <input id="explain-query" type="text" autocomplete="off" .value=${ui.explainQuery}
                  aria-describedby=${view.session.previewTask.server ? "explain-hint" : nothing}
                  @input=${(e: Event) => on.explainQuery((e.target as HTMLInputElement).value)} />
                <button type="submit" ?disabled=${ui.explaining}>${ui.explaining ? msg("Explaining…") : msg("Explain")}</button>
                ${
                  view.session.previewTask.server
                    ? html`<p class="hint" id="explain-hint">${msg("A family missing from the rows is found by its ID; a name finds families among the rows read.")}</p>`
                    : nothing
                }
              </form>
              <div class="explained" role="status" aria-live="polite">
                ${ui.explainError ? html`<p class="field-error">${ui.explainError}</p>` : nothing}
                ${
                  ui.explained?.length === 0
                    ? html`<p>${msg(str`No family has that ID or a name containing “${ui.explainQuery}”.`)}</p>`
                    : (ui.explained ?? []).map(
                        (r) => html`<article class="why ${r.qualifies ? "in" : "out"}">
                          <h5>${r.familyName} <span class="muted">(${r.familyId})</span></h5>
                          <ul>${explainLines(r, preview.request, view.session.lists, view.locale).map((line) => html`<li>${line}</li>`)}</ul>
                        </article>`,
                      )
                }
              </div>
            `
            : nothing
        }
      </div>
    </section>
  `;
}

export function renderReview(view: WizardView, on: WizardHandlers, grid: ReviewGrid): TemplateResult {
  const preview = view.session.previewTask.preview;
  if (!preview) return html``;
  const { ui, shownRows, locale } = view;
  const server = view.session.previewTask.server;
  // A search over a server preview still being read: "Select all shown" waits for every match.
  const reading = ui.search.trim() !== "" && server !== undefined && !server.complete;
  const mode = preview.request.mode;
  const { count, total } = selection(view);
  const n = (x: number) => formatCount(x, locale);
  const columns = COLUMNS[mode];
  grid.show(shownRows.length, preview, ui.search);
  return html`
    <section class="step review" part="review" aria-labelledby="review-title" data-mode=${mode}>
      <h3 id="review-title" tabindex="-1">${
        isOne(preview.count) ? msg(str`Review ${n(preview.count)} credit`) : msg(str`Review ${n(preview.count)} credits`)
      }</h3>
      <div class="filter-summary" part="filter-summary">
        <button type="button" class="link" id="toggle-summary" aria-expanded=${ui.summaryShown ? "true" : "false"}
          aria-controls="summary-list" @click=${on.toggleSummary}>${ui.summaryShown ? msg("Hide filter summary") : msg("Show filter summary")}</button>
        <ul id="summary-list" ?hidden=${!ui.summaryShown}>${
          ui.summaryShown ? filterLines(preview.request, view.session.lists, locale).map((line) => html`<li>${line}</li>`) : nothing
        }</ul>
      </div>
      ${
        server
          ? html`<p class="as-of muted" part="as-of">
              ${msg(str`Worked out on the server from the customer data as of ${asOfText(server.asOf, locale)}.`)}
            </p>`
          : nothing
      }
      <p class="totals" part="totals" role="status" aria-live="polite">
        ${msg(str`${n(count)} of ${n(preview.count)} selected · total ${showMoney(total, view.currency, locale)}`)}
      </p>
      <div class="toolbar">
        <label for="review-search">${msg("Search")}</label>
        <input id="review-search" type="search" autocomplete="off" placeholder=${msg("Family, student or class")} .value=${ui.search}
          @input=${(e: Event) => on.search((e.target as HTMLInputElement).value)} />
        <button type="button" id="select-all" ?disabled=${reading} @click=${on.selectAll}>${ui.search ? msg("Select all shown") : msg("Select all")}</button>
        <button type="button" id="select-none" ?disabled=${reading} @click=${on.selectNone}>${ui.search ? msg("Select none shown") : msg("Select none")}</button>
      </div>
      ${ui.search ? searchNote(view, n) : nothing}
      ${server?.error ? html`<p class="field-error" role="alert">${msg(str`Some rows could not be read: ${server.error}`)}</p>` : nothing}
      <div role="grid" class="table" part="table" tabindex="-1" aria-label=${msg("Credits to issue")} aria-rowcount=${shownRows.length + 1}
        @keydown=${grid.onKeydown} @focusin=${grid.onFocusin} @focusout=${grid.onFocusout} @pointerdown=${grid.onPointerdown}
        @click=${grid.onClick}>
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <span role="columnheader" class="pick"><span class="visually-hidden">${msg("Credit this row", { desc: "Column header of the checkboxes: issue a credit for this row (verb)." })}</span></span>
            ${columns.map((c) => html`<span role="columnheader" class=${c === "amount" ? "amount" : ""}>${columnName(c)}</span>`)}
          </div>
        </div>
        <div class="rows" part="rows" role="rowgroup" tabindex="-1">
          <div>${windowRows(
            shownRows,
            (row) => row?.rowKey ?? "",
            (row, i) => (row ? renderRow(view, on, grid, mode, row, i) : renderUnread(view, grid, mode, i)),
            grid.rendered,
          )}</div>
        </div>
      </div>
      ${renderExplain(view, on, preview)}
      <div class="actions">
        <button type="button" id="edit-questions" @click=${on.editQuestions}>${msg("Change the questions")}</button>
        <button type="button" class="primary" part="process-button" ?disabled=${count === 0} @click=${on.askProcess}>
          ${isOne(count) ? msg(str`Process ${n(count)} credit…`) : msg(str`Process ${n(count)} credits…`)}
        </button>
      </div>
    </section>
  `;
}

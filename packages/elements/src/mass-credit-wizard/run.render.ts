/** Processing (progress, or stopped with Resume), the done summary with Save to CSV and reversal, and the confirmation dialog. */
import { type RunRecord, type RunReversal, summarizeSpent } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { renderProgress } from "../shared/progress.js";
import { formatCount, formatIsoDate, isOne } from "./format.js";
import { selection } from "./review.render.js";
import { filterLines } from "./summary-lines.js";
import type { WizardHandlers, WizardView } from "./view.js";

export function renderProcessing(view: WizardView, on: WizardHandlers): TemplateResult {
  const { run } = view.session;
  const n = (x: number) => formatCount(x, view.locale);
  const stopped = run.status === "stopped";
  const text = run.status === "planning" ? msg("Preparing the credits…") : msg(str`Posted ${n(run.done)} of ${n(run.total)} credits`);
  return html`
    <section class="step" part="processing" aria-labelledby="processing-title">
      <h3 id="processing-title" tabindex="-1">${stopped ? msg("The run stopped") : msg("Posting credits")}</h3>
      ${
        stopped
          ? html`
            <p class="field-error" role="alert">${run.error ?? msg("The run stopped.")}</p>
            <p>${msg(str`${n(run.done)} of ${n(run.total)} credits were looked at.`)} ${msg("Resuming posts only the credits that are missing.")}</p>
            <div class="actions">
              ${run.runId ? html`<button type="button" class="primary" @click=${() => on.resume(run.runId ?? "")}>${msg("Resume run")}</button>` : nothing}
              <button type="button" @click=${on.startOver}>${msg("Back to the questions")}</button>
            </div>
          `
          : html`
            <p class="muted">${msg("Each credit is posted exactly once, in chunks: if this stops, resuming posts only the credits that are missing.")}</p>
            ${renderProgress({ id: "run-progress", label: msg("Posting credits"), done: run.done, total: run.status === "planning" ? 0 : run.total, text })}
          `
      }
    </section>
  `;
}

/** The credit already spent, in a few lines (issue #17 item 12: one line per credit was ~350 lines); the detail is the CSV. */
function renderSpent(view: WizardView, on: WizardHandlers, reversal: RunReversal, currency: string): TemplateResult {
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  const n = (x: number) => formatCount(x, view.locale);
  const spent = summarizeSpent(reversal, currency);
  if (spent.credits === 0) return html`<p>${msg("None of the credit had been spent.")}</p>`;
  const credits = n(spent.credits);
  const families = n(spent.accounts);
  const used = money(spent.used);
  let said: string;
  if (isOne(spent.credits)) said = msg(str`${credits} credit had already been spent on fees: ${used} in all, by ${families} family.`);
  else if (isOne(spent.accounts))
    said = msg(str`${credits} credits had already been spent on fees: ${used} in all, by ${families} family.`);
  else said = msg(str`${credits} credits had already been spent on fees: ${used} in all, by ${families} families.`);
  return html`
    <p data-figure="spent">${said} ${msg("Spent credit is reported, never clawed back.")}</p>
    ${
      spent.accounts > 1
        ? html`<p id="spent-most">${msg("Spent the most:")}</p>
          <ul class="spent" aria-labelledby="spent-most">
            ${spent.top.map(
              (a) =>
                html`<li>${
                  a.credits > 1
                    ? msg(str`${a.familyName}: ${money(a.used)} spent of ${money(a.amount)} (${n(a.credits)} credits)`)
                    : msg(str`${a.familyName}: ${money(a.used)} spent of ${money(a.amount)}`)
                }</li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="actions">
      <button type="button" part="spent-csv-button" @click=${on.saveSpentCsv}>${msg("Save spent credits as CSV")}</button>
    </div>
  `;
}

function renderReversal(view: WizardView, on: WizardHandlers, reversal: RunReversal, currency: string): TemplateResult {
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  return html`
    <section class="reversal" part="reversal" aria-labelledby="reversal-title" role="status">
      <h4 id="reversal-title" tabindex="-1">${msg("What the reversal did")}</h4>
      <dl class="figures">
        <div><dt>${msg("Issued", { id: "mcw-figure-issued", desc: "Figure label: the amount of credit the run issued." })}</dt><dd>${money(reversal.totals.issued)}</dd></div>
        <div><dt>${msg("Voided (unused credit)")}</dt><dd>${money(reversal.totals.voided)}</dd></div>
        <div><dt>${msg("Already spent, not taken back")}</dt><dd>${money(reversal.totals.used)}</dd></div>
        ${fromZero(reversal.totals.reserved) ? html`<div><dt>${msg("Held by a payment in progress")}</dt><dd>${money(reversal.totals.reserved)}</dd></div>` : nothing}
      </dl>
      ${renderSpent(view, on, reversal, currency)}
      ${reversal.failed > 0 ? html`<p class="field-error">${msg(str`${formatCount(reversal.failed, view.locale)} credits could not be reversed; reversing again retries them.`)}</p>` : nothing}
    </section>
  `;
}

/** True when a canonical amount is above zero. */
function fromZero(amount: string): boolean {
  return /[1-9]/.test(amount);
}

/** "Done: 1,254 credits issued", or once reversed "Reversed: 1,254 credits issued, $X voided, $Y already spent". */
function doneHeading(view: WizardView, count: number, reversal: RunReversal | undefined): string {
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  const n = formatCount(count, view.locale);
  if (!reversal) return isOne(count) ? msg(str`Done: ${n} credit issued`) : msg(str`Done: ${n} credits issued`);
  const voided = money(reversal.totals.voided);
  const used = money(reversal.totals.used);
  return isOne(count)
    ? msg(str`Reversed: ${n} credit issued, ${voided} voided, ${used} already spent`)
    : msg(str`Reversed: ${n} credits issued, ${voided} voided, ${used} already spent`);
}

/** The run's filters in the kit's language when the preview it came from is at hand; else as the record keeps them (English). */
function filtersUsed(view: WizardView, record: RunRecord): readonly string[] {
  const request = view.session.previewTask.preview?.request;
  const same =
    request !== undefined &&
    request.description === record.request.description &&
    request.date === record.request.date &&
    request.amount === record.request.amount &&
    request.mode === record.request.mode &&
    request.location === record.request.location;
  return same ? filterLines(request, view.session.lists, view.locale) : record.filters;
}

export function renderDone(view: WizardView, on: WizardHandlers): TemplateResult {
  const { run } = view.session;
  const record = run.record;
  if (!record) return html``;
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  const n = (x: number) => formatCount(x, view.locale);
  return html`
    <section class="step done" part="done" aria-labelledby="done-title">
      <h3 id="done-title" tabindex="-1">${doneHeading(view, record.count, run.reversal)}</h3>
      <dl class="figures" part="run-summary">
        <div><dt>${msg("Credits issued")}</dt><dd data-figure="count">${n(record.count)}</dd></div>
        <div><dt>${msg("Total")}</dt><dd data-figure="total">${money(record.total)}</dd></div>
        <div><dt>${msg("Credit type")}</dt><dd>${record.request.creditTypeName}</dd></div>
        <div><dt>${msg("Date")}</dt><dd>${formatIsoDate(record.request.date, view.locale)}</dd></div>
        <div><dt>${msg("Location")}</dt><dd>${record.request.locationName}</dd></div>
        <div><dt>${msg("Run", { id: "mcw-figure-run", desc: "Figure label: the mass-credit run's id." })}</dt><dd>${record.runId}</dd></div>
      </dl>
      <h4>${msg("Filters used")}</h4>
      <ul class="filters-used">${filtersUsed(view, record).map((line) => html`<li>${line}</li>`)}</ul>
      ${
        record.errors.length > 0
          ? html`<p class="field-error">${msg(str`${n(record.errors.length)} rows could not be credited:`)}</p>
            <ul>${record.errors.map((e) => html`<li>${e.familyId}: ${e.message}</li>`)}</ul>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="csv-button" @click=${on.saveCsv}>${msg("Save to CSV")}</button>
        ${
          view.canReverse && !run.reversal
            ? html`<button type="button" class="danger" ?disabled=${run.reversing} @click=${on.askReverse}>
              ${run.reversing ? msg("Reversing…") : msg("Reverse this run…")}</button>`
            : nothing
        }
        <button type="button" @click=${on.startOver}>${msg("Start a new run")}</button>
      </div>
      <p class="muted" role="status">${view.ui.csvSaved}</p>
      ${run.reverseError ? html`<p class="field-error" role="alert">${run.reverseError}</p>` : nothing}
      ${run.reversal ? renderReversal(view, on, run.reversal, record.request.currency) : nothing}
    </section>
  `;
}

/** The confirmation, as a modal dialog stating what will happen. */
export function renderDialog(view: WizardView, on: WizardHandlers): TemplateResult {
  const kind = view.ui.confirm;
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  const n = (x: number) => formatCount(x, view.locale);
  let title = "";
  let body: TemplateResult | string = "";
  let action = "";
  if (kind === "process") {
    const { count, total } = selection(view);
    const location = view.session.lists?.locations.find((l) => l.id === view.session.previewTask.preview?.request.location);
    const one = isOne(count);
    const where = location?.name;
    title = one ? msg(str`Issue ${n(count)} credit?`) : msg(str`Issue ${n(count)} credits?`);
    if (where === undefined) {
      body = one
        ? msg(
            str`${n(count)} credit totalling ${money(total)} will be posted to the customers' accounts, associated with the run's location.`,
          )
        : msg(
            str`${n(count)} credits totalling ${money(total)} will be posted to the customers' accounts, associated with the run's location.`,
          );
    } else {
      body = one
        ? msg(str`${n(count)} credit totalling ${money(total)} will be posted to the customers' accounts, associated with ${where}.`)
        : msg(str`${n(count)} credits totalling ${money(total)} will be posted to the customers' accounts, associated with ${where}.`);
    }
    action = one ? msg(str`Process ${n(count)} credit`) : msg(str`Process ${n(count)} credits`);
  } else if (kind === "reverse") {
    const past = view.ui.reverseRunId;
    const pastRun = past === "" ? undefined : view.runs?.run(past);
    const record = pastRun ? pastRun.record : view.session.run.record;
    title = pastRun ? msg(str`Reverse “${pastRun.description}”?`) : msg("Reverse this run?");
    body = msg(
      str`The unused credit of its ${n(record?.count ?? 0)} credits (${money(record?.total ?? "0")}) will be voided. Credit already spent stays spent and is reported.`,
    );
    action = msg("Reverse the run");
  }
  return html`
    <dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-body" @close=${on.closeDialog}>
      ${
        kind
          ? html`
            <h3 id="dialog-title">${title}</h3>
            <p id="dialog-body">${body}</p>
            <div class="actions">
              <button type="button" class="primary" id="dialog-confirm" @click=${on.confirm}>${action}</button>
              <!-- Processing and reversing move money: the confirmation opens on the safe choice (issue #17 item 18). -->
              <button type="button" id="dialog-cancel" autofocus @click=${on.closeDialog}>${msg("Cancel")}</button>
            </div>
          `
          : nothing
      }
    </dialog>
  `;
}

/** Processing (progress, or stopped with Resume), the done summary with Save to CSV and reversal, and the confirmation dialog. */
import { type RunReversal, summarizeSpent } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { showMoney } from "../shared/money-text.js";
import { renderProgress } from "../shared/progress.js";
import { formatCount } from "./format.js";
import { selection } from "./review.render.js";
import type { WizardHandlers, WizardView } from "./view.js";

export function renderProcessing(view: WizardView, on: WizardHandlers): TemplateResult {
  const { run } = view.session;
  const n = (x: number) => formatCount(x, view.locale);
  const stopped = run.status === "stopped";
  const text = run.status === "planning" ? "Preparing the credits…" : `Posted ${n(run.done)} of ${n(run.total)} credits`;
  return html`
    <section class="step" part="processing" aria-labelledby="processing-title">
      <h3 id="processing-title" tabindex="-1">${stopped ? "The run stopped" : "Posting credits"}</h3>
      ${
        stopped
          ? html`
            <p class="field-error" role="alert">${run.error ?? "The run stopped."}</p>
            <p>${n(run.done)} of ${n(run.total)} credits were looked at. Resuming posts only the credits that are missing.</p>
            <div class="actions">
              ${run.runId ? html`<button type="button" class="primary" @click=${() => on.resume(run.runId ?? "")}>Resume run</button>` : nothing}
              <button type="button" @click=${on.startOver}>Back to the questions</button>
            </div>
          `
          : html`
            <p class="muted">Each credit is posted exactly once, in chunks: if this stops, resuming posts only the credits that are missing.</p>
            ${renderProgress({ id: "run-progress", label: "Posting credits", done: run.done, total: run.status === "planning" ? 0 : run.total, text })}
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
  if (spent.credits === 0) return html`<p>None of the credit had been spent.</p>`;
  const credits = `${n(spent.credits)} credit${spent.credits === 1 ? "" : "s"}`;
  const families = `${n(spent.accounts)} famil${spent.accounts === 1 ? "y" : "ies"}`;
  return html`
    <p data-figure="spent">${credits} had already been spent on fees: ${money(spent.used)} in all, by ${families}. Spent credit is reported, never clawed back.</p>
    ${
      spent.accounts > 1
        ? html`<p id="spent-most">Spent the most:</p>
          <ul class="spent" aria-labelledby="spent-most">
            ${spent.top.map((a) => html`<li>${a.familyName}: ${money(a.used)} spent of ${money(a.amount)}${a.credits > 1 ? ` (${n(a.credits)} credits)` : ""}</li>`)}
          </ul>`
        : nothing
    }
    <div class="actions">
      <button type="button" part="spent-csv-button" @click=${on.saveSpentCsv}>Save spent credits as CSV</button>
    </div>
  `;
}

function renderReversal(view: WizardView, on: WizardHandlers, reversal: RunReversal, currency: string): TemplateResult {
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  return html`
    <section class="reversal" part="reversal" aria-labelledby="reversal-title" role="status">
      <h4 id="reversal-title" tabindex="-1">What the reversal did</h4>
      <dl class="figures">
        <div><dt>Issued</dt><dd>${money(reversal.totals.issued)}</dd></div>
        <div><dt>Voided (unused credit)</dt><dd>${money(reversal.totals.voided)}</dd></div>
        <div><dt>Already spent, not taken back</dt><dd>${money(reversal.totals.used)}</dd></div>
        ${fromZero(reversal.totals.reserved) ? html`<div><dt>Held by a payment in progress</dt><dd>${money(reversal.totals.reserved)}</dd></div>` : nothing}
      </dl>
      ${renderSpent(view, on, reversal, currency)}
      ${reversal.failed > 0 ? html`<p class="field-error">${reversal.failed} credits could not be reversed; reversing again retries them.</p>` : nothing}
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
  const issued = `${formatCount(count, view.locale)} credit${count === 1 ? "" : "s"} issued`;
  if (!reversal) return `Done: ${issued}`;
  return `Reversed: ${issued}, ${money(reversal.totals.voided)} voided, ${money(reversal.totals.used)} already spent`;
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
        <div><dt>Credits issued</dt><dd data-figure="count">${n(record.count)}</dd></div>
        <div><dt>Total</dt><dd data-figure="total">${money(record.total)}</dd></div>
        <div><dt>Credit type</dt><dd>${record.request.creditTypeName}</dd></div>
        <div><dt>Date</dt><dd>${record.request.date}</dd></div>
        <div><dt>Location</dt><dd>${record.request.locationName}</dd></div>
        <div><dt>Run</dt><dd>${record.runId}</dd></div>
      </dl>
      <h4>Filters used</h4>
      <ul class="filters-used">${record.filters.map((line) => html`<li>${line}</li>`)}</ul>
      ${
        record.errors.length > 0
          ? html`<p class="field-error">${n(record.errors.length)} rows could not be credited:</p>
            <ul>${record.errors.map((e) => html`<li>${e.familyId}: ${e.message}</li>`)}</ul>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" part="csv-button" @click=${on.saveCsv}>Save to CSV</button>
        ${
          view.canReverse && !run.reversal
            ? html`<button type="button" class="danger" ?disabled=${run.reversing} @click=${on.askReverse}>
              ${run.reversing ? "Reversing…" : "Reverse this run…"}</button>`
            : nothing
        }
        <button type="button" @click=${on.startOver}>Start a new run</button>
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
    title = `Issue ${n(count)} credit${count === 1 ? "" : "s"}?`;
    body = html`${n(count)} credit${count === 1 ? "" : "s"} totalling <strong>${money(total)}</strong> will be posted to the
      customers' accounts, associated with ${location?.name ?? "the run's location"}.`;
    action = `Process ${n(count)} credit${count === 1 ? "" : "s"}`;
  } else if (kind === "reverse") {
    const past = view.ui.reverseRunId;
    const pastRun = past === "" ? undefined : view.runs?.run(past);
    const record = pastRun ? pastRun.record : view.session.run.record;
    title = pastRun ? `Reverse “${pastRun.description}”?` : "Reverse this run?";
    body = `The unused credit of its ${n(record?.count ?? 0)} credits (${money(record?.total ?? "0")}) will be voided. Credit already spent stays spent and is reported.`;
    action = "Reverse the run";
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
              <button type="button" id="dialog-cancel" autofocus @click=${on.closeDialog}>Cancel</button>
            </div>
          `
          : nothing
      }
    </dialog>
  `;
}

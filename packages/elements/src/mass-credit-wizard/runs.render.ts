/** The Past runs view: every saved run with its status and figures, Save CSV, Reverse and Resume; server jobs with live progress. */
import { type RunReversal, type RunReversalMark, type RunSummary, spentCredits } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { showMoney } from "../shared/money-text.js";
import { renderProgress } from "../shared/progress.js";
import { formatCount } from "./format.js";
import type { RunsList } from "./runs-list.js";
import type { WizardHandlers, WizardView } from "./view.js";

const STATUS_WORDS: Readonly<Record<RunSummary["status"], string>> = {
  processing: "Not finished",
  done: "Done",
  interrupted: "Interrupted",
  failed: "Failed",
};

function savedAt(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  } catch {
    return date.toLocaleString();
  }
}

/** A YYYY-MM-DD date as "Dec 1, 2026". */
function shortDate(iso: string, locale: string | undefined): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(locale, { dateStyle: "medium", timeZone: "UTC" });
}

/** " (350 credits)" after the amount already spent, when any was. */
function spentCount(reversed: RunReversal | RunReversalMark, currency: string, locale: string | undefined): string {
  const count = "spent" in reversed ? reversed.spent : spentCredits(reversed, currency).length;
  return count === 0 ? "" : ` (${formatCount(count, locale)} credit${count === 1 ? "" : "s"})`;
}

function renderRun(view: WizardView, on: WizardHandlers, runs: RunsList, run: RunSummary, i: number): TemplateResult {
  const n = (x: number) => formatCount(x, view.locale);
  const money = (x: string) => showMoney(x, view.currency, view.locale);
  const job = runs.jobs.get(run.runId);
  // Reversed in this page (its full report), or before: the mark the saved run keeps, also after a reload.
  const reversal = view.session.reversals.get(run.runId);
  const reversed = reversal ?? run.reversal;
  const { record } = run;
  const status = job ? "server" : reversed ? "reversed" : run.status;
  const words = job ? "Processing on the server" : reversed ? "Reversed" : STATUS_WORDS[run.status];
  // A run that stopped part way: what it issued of what it was to issue.
  const partial = record !== undefined && record.status !== "done";
  const count = record ? (partial ? `${n(record.count)} of ${n(record.selected)}` : n(record.count)) : n(run.selected);
  const total = record ? (partial ? `${money(record.total)} of ${money(run.total)}` : money(record.total)) : money(run.total);
  const title = `run-${i}-title`;
  const canResume = !job && (run.status === "processing" || run.status === "interrupted");
  return html`
    <li class="past-run" part="past-run" data-run=${run.runId} data-status=${status} aria-labelledby=${title}>
      <h4 id=${title} tabindex="-1">${run.description}</h4>
      <dl class="figures">
        <div><dt>Saved</dt><dd>${savedAt(run.savedAt, view.locale)}</dd></div>
        <div><dt>Status</dt><dd data-figure="status" class="status">${words}</dd></div>
        <div><dt>Credits</dt><dd data-figure="count">${count}</dd></div>
        <div><dt>Total</dt><dd data-figure="total">${total}</dd></div>
        ${record ? html`<div><dt>Credit date</dt><dd>${shortDate(record.request.date, view.locale)}</dd></div>` : nothing}
        ${reversed ? html`<div><dt>Reversed on</dt><dd data-figure="reversed">${shortDate(reversed.date, view.locale)}</dd></div>` : nothing}
      </dl>
      ${
        job
          ? renderProgress({
              id: `run-${i}-progress`,
              label: `Progress of “${run.description}”`,
              done: job.done,
              total: job.total,
              text: `${n(job.done)} of ${n(job.total)} done`,
            })
          : nothing
      }
      ${
        reversed
          ? html`<p class="muted">Voided ${money(reversed.totals.voided)} of ${money(reversed.totals.issued)}; ${money(reversed.totals.used)}
            already spent${spentCount(reversed, record?.request.currency ?? view.currency, view.locale)}, not taken back.${reversal?.credits.some((c) => c.outcome === "already-reversed") ? " It had been reversed before." : ""}</p>
            ${reversed.failed > 0 ? html`<p class="field-error">${n(reversed.failed)} credits could not be reversed; reversing again retries them.</p>` : nothing}`
          : nothing
      }
      ${run.status === "processing" && !job ? html`<p class="muted">It stopped before the end (the page was closed). Resuming posts only the credits that are missing.</p>` : nothing}
      ${runs.messageRun === run.runId && runs.message !== "" ? html`<p class="said">${runs.message}</p>` : nothing}
      <div class="actions">
        ${record && !job && record.count > 0 ? html`<button type="button" aria-describedby=${title} @click=${() => on.saveRunCsv(run.runId)}>Save CSV</button>` : nothing}
        ${
          record && !job && (!reversed || reversed.failed > 0) && view.canReverse && record.count > 0
            ? html`<button type="button" class="danger" aria-describedby=${title} @click=${() => on.askReverseRun(run.runId)}>Reverse…</button>`
            : nothing
        }
        ${canResume ? html`<button type="button" class="primary" aria-describedby=${title} @click=${() => on.resume(run.runId)}>Resume</button>` : nothing}
      </div>
    </li>
  `;
}

export function renderRuns(view: WizardView, on: WizardHandlers): TemplateResult {
  const runs = view.runs;
  const back = view.session.step === "done" ? "Back to the run" : "Back to the questions";
  let body: unknown = html`<p class="muted" role="status">Loading the runs…</p>`;
  if (runs?.status === "failed") body = html`<p class="field-error" role="alert">${runs.error}</p>`;
  else if (runs?.status === "ready") {
    body =
      runs.runs.length === 0
        ? html`<p class="empty">No runs yet. A run shows here once it is processed.</p>`
        : html`<ul class="past-runs">${runs.runs.map((run, i) => renderRun(view, on, runs, run, i))}</ul>`;
  }
  return html`
    <section class="step runs" part="runs" aria-labelledby="runs-title">
      <div class="runs-head">
        <h3 id="runs-title" tabindex="-1">Past runs</h3>
        <button type="button" class="link" id="runs-back" @click=${on.closeRuns}>${back}</button>
      </div>
      <p class="muted">Newest first. Save a processed run's credits as CSV, reverse it, or resume one that did not finish.</p>
      ${body}
      <p class="visually-hidden" role="status">${runs?.message ?? ""}</p>
    </section>
  `;
}

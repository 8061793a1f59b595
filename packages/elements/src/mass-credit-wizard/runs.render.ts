/** The Past runs view: every saved run with its status and figures, Save CSV, Reverse and Resume; server jobs with live progress. */
import { type RunReversal, type RunReversalMark, type RunSummary, spentCredits } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { renderProgress } from "../shared/progress.js";
import { formatCount, formatIsoDate, isOne } from "./format.js";
import type { RunsList } from "./runs-list.js";
import type { WizardHandlers, WizardView } from "./view.js";

function statusWords(status: RunSummary["status"]): string {
  if (status === "processing") return msg("Not finished");
  if (status === "done") return msg("Done", { id: "mcw-status-done", desc: "A past run's status: it finished." });
  if (status === "interrupted") return msg("Interrupted");
  return msg("Failed", { id: "mcw-status-failed", desc: "A past run's status." });
}

function savedAt(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  } catch {
    return date.toLocaleString();
  }
}

/** "Voided $15.00 of $15.00; $4.00 already spent (1 credit), not taken back." */
function reversedText(
  reversed: RunReversal | RunReversalMark,
  currency: string,
  money: (x: string) => string,
  locale: string | undefined,
): string {
  const count = "spent" in reversed ? reversed.spent : spentCredits(reversed, currency).length;
  const voided = money(reversed.totals.voided);
  const issued = money(reversed.totals.issued);
  const used = money(reversed.totals.used);
  const n = formatCount(count, locale);
  if (count === 0) return msg(str`Voided ${voided} of ${issued}; ${used} already spent, not taken back.`);
  return isOne(count)
    ? msg(str`Voided ${voided} of ${issued}; ${used} already spent (${n} credit), not taken back.`)
    : msg(str`Voided ${voided} of ${issued}; ${used} already spent (${n} credits), not taken back.`);
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
  const words = job
    ? msg("Processing on the server")
    : reversed
      ? msg("Reversed", { id: "mcw-status-reversed", desc: "A past run's status." })
      : statusWords(run.status);
  // A run that stopped part way: what it issued of what it was to issue.
  const partial = record !== undefined && record.status !== "done";
  const count = record ? (partial ? msg(str`${n(record.count)} of ${n(record.selected)}`) : n(record.count)) : n(run.selected);
  const total = record ? (partial ? msg(str`${money(record.total)} of ${money(run.total)}`) : money(record.total)) : money(run.total);
  const title = `run-${i}-title`;
  const canResume = !job && (run.status === "processing" || run.status === "interrupted");
  return html`
    <li class="past-run" part="past-run" data-run=${run.runId} data-status=${status} aria-labelledby=${title}>
      <h4 id=${title} tabindex="-1">${run.description}</h4>
      <dl class="figures">
        <div><dt>${msg("Saved", { id: "mcw-figure-saved", desc: "Figure label: when the run was saved." })}</dt><dd>${savedAt(run.savedAt, view.locale)}</dd></div>
        <div><dt>${msg("Status")}</dt><dd data-figure="status" class="status">${words}</dd></div>
        <div><dt>${msg("Credits")}</dt><dd data-figure="count">${count}</dd></div>
        <div><dt>${msg("Total")}</dt><dd data-figure="total">${total}</dd></div>
        ${record ? html`<div><dt>${msg("Credit date")}</dt><dd>${formatIsoDate(record.request.date, view.locale, "medium")}</dd></div>` : nothing}
        ${reversed ? html`<div><dt>${msg("Reversed on")}</dt><dd data-figure="reversed">${formatIsoDate(reversed.date.slice(0, 10), view.locale, "medium")}</dd></div>` : nothing}
      </dl>
      ${
        job
          ? renderProgress({
              id: `run-${i}-progress`,
              label: msg(str`Progress of “${run.description}”`),
              done: job.done,
              total: job.total,
              text: msg(str`${n(job.done)} of ${n(job.total)} done`),
            })
          : nothing
      }
      ${
        reversed
          ? html`<p class="muted">${reversedText(reversed, record?.request.currency ?? view.currency, money, view.locale)}${
              reversal?.credits.some((c) => c.outcome === "already-reversed") ? ` ${msg("It had been reversed before.")}` : ""
            }</p>
            ${reversed.failed > 0 ? html`<p class="field-error">${msg(str`${n(reversed.failed)} credits could not be reversed; reversing again retries them.`)}</p>` : nothing}`
          : nothing
      }
      ${run.status === "processing" && !job ? html`<p class="muted">${msg("It stopped before the end (the page was closed).")} ${msg("Resuming posts only the credits that are missing.")}</p>` : nothing}
      ${runs.messageRun === run.runId && runs.message !== "" ? html`<p class="said">${runs.message}</p>` : nothing}
      <div class="actions">
        ${record && !job && record.count > 0 ? html`<button type="button" aria-describedby=${title} @click=${() => on.saveRunCsv(run.runId)}>${msg("Save CSV")}</button>` : nothing}
        ${
          record && !job && (!reversed || reversed.failed > 0) && view.canReverse && record.count > 0
            ? html`<button type="button" class="danger" aria-describedby=${title} @click=${() => on.askReverseRun(run.runId)}>${msg("Reverse…")}</button>`
            : nothing
        }
        ${canResume ? html`<button type="button" class="primary" aria-describedby=${title} @click=${() => on.resume(run.runId)}>${msg("Resume")}</button>` : nothing}
      </div>
    </li>
  `;
}

export function renderRuns(view: WizardView, on: WizardHandlers): TemplateResult {
  const runs = view.runs;
  const back = view.session.step === "done" ? msg("Back to the run") : msg("Back to the questions");
  let body: unknown = html`<p class="muted" role="status">${msg("Loading the runs…")}</p>`;
  if (runs?.status === "failed") body = html`<p class="field-error" role="alert">${runs.error}</p>`;
  else if (runs?.status === "ready") {
    body =
      runs.runs.length === 0
        ? html`<p class="empty">${msg("No runs yet. A run shows here once it is processed.")}</p>`
        : html`<ul class="past-runs">${runs.runs.map((run, i) => renderRun(view, on, runs, run, i))}</ul>`;
  }
  return html`
    <section class="step runs" part="runs" aria-labelledby="runs-title">
      <div class="runs-head">
        <h3 id="runs-title" tabindex="-1">${msg("Past runs")}</h3>
        <button type="button" class="link" id="runs-back" @click=${on.closeRuns}>${back}</button>
      </div>
      <p class="muted">${msg("Newest first. Save a processed run's credits as CSV, reverse it, or resume one that did not finish.")}</p>
      ${body}
      <p class="visually-hidden" role="status">${runs?.message ?? ""}</p>
    </section>
  `;
}

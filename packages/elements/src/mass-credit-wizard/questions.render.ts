/** The questions step (§6 questions 1–6 and 11) and the preview's progress. Data is always bound as text. */
import { ISSUE_MODES, type IssueMode } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { renderProgress } from "../shared/progress.js";
import { renderSwitch } from "../shared/switch.js";
import { REQUIRED_QUESTIONS, type RequiredQuestion } from "./answers.js";
import { renderOptionalSections } from "./filters.render.js";
import { formatCount, formatIsoDate, isOne } from "./format.js";
import { fieldError, hinted, invalid, type WizardHandlers, type WizardView } from "./view.js";

function modeLabels(): Readonly<Record<IssueMode, [string, string]>> {
  return {
    family: [msg("Once per family"), msg("One credit for each qualifying family.")],
    student: [msg("Once per student"), msg("One credit for each qualifying student.")],
    enrollment: [msg("Once per enrollment"), msg("One credit for each qualifying enrollment (e.g. a closure).")],
  };
}

/** The run's location, at the top: every credit of the run is associated with it. */
export function renderLocation(view: WizardView, on: WizardHandlers, editable: boolean): TemplateResult {
  const locations = view.session.lists?.locations ?? [];
  const chosen = view.session.answers.location;
  const name = locations.find((l) => l.id === chosen)?.name ?? chosen;
  if (!editable) {
    return html`<p class="location" part="location"><span class="muted">${msg("Location")}</span> <strong>${name}</strong></p>`;
  }
  const { invalid: inv } = invalid(view.ui.errors, "location");
  return html`
    <div class="location" part="location">
      <label for="q-location">${msg("Location of this run")}</label>
      <select
        id="q-location"
        aria-invalid=${inv}
        aria-describedby=${hinted(view.ui.errors, "location", "location-hint")}
        @change=${(e: Event) => on.answer({ location: (e.target as HTMLSelectElement).value })}
      >
        <option value="" ?selected=${chosen === ""}>${msg("Choose…")}</option>
        ${locations.map((l) => html`<option value=${l.id} ?selected=${l.id === chosen}>${l.name}</option>`)}
      </select>
      <p class="hint" id="location-hint">${msg("Every credit this run issues is associated with this location.")}</p>
      ${fieldError(view.ui.errors, "location")}
    </div>
  `;
}

/** Runs saved but never finished: offered for resume. */
export function renderUnfinished(view: WizardView, on: WizardHandlers): TemplateResult | typeof nothing {
  const runs = view.session.unfinished;
  const [first, ...more] = view.session.onServer;
  const onServer = first
    ? html`<p class="on-server" part="on-server">
        ${
          more.length === 0
            ? msg(str`“${first.description}” is processing on the server.`)
            : msg(str`${formatCount(more.length + 1, view.locale)} runs are processing on the server.`)
        }
        <button type="button" class="link" @click=${on.openRuns}>${msg("See the progress in Past runs")}</button>
      </p>`
    : nothing;
  if (runs.length === 0) return onServer;
  return html`${onServer}
    <section class="notice" part="resume" aria-labelledby="resume-title">
      <h3 id="resume-title">${
        runs.length === 1 ? msg("A run was not finished") : msg(str`${formatCount(runs.length, view.locale)} runs were not finished`)
      }</h3>
      <ul>
        ${runs.map(
          (run) => html`<li>
            <span>
              ${unfinishedText(run.description, run.selected, showMoney(run.total, view.currency, view.locale), new Date(run.savedAt).toLocaleString(view.locale), view.locale)}
              ${msg("Resuming posts only the credits that are missing.")}
            </span>
            <button type="button" class="primary" @click=${() => on.resume(run.runId)}>${msg(str`Resume run “${run.description}”`)}</button>
          </li>`,
        )}
      </ul>
    </section>
  `;
}

/** "“Snow day”: 3 credits, $15.00, started 12/1/2026, 10:42:00 AM." */
function unfinishedText(description: string, count: number, total: string, started: string, locale: string | undefined): string {
  const credits = formatCount(count, locale);
  return isOne(count)
    ? msg(str`“${description}”: ${credits} credit, ${total}, started ${started}.`)
    : msg(str`“${description}”: ${credits} credits, ${total}, started ${started}.`);
}

function textQuestion(view: WizardView, on: WizardHandlers, q: "description" | "amount", label: string, hint: string) {
  const { invalid: inv } = invalid(view.ui.errors, q);
  const value = q === "description" ? view.session.answers.description : view.session.answers.amountText;
  const set = (text: string) => on.answer(q === "description" ? { description: text } : { amountText: text });
  return html`
    <div class="question" data-question=${q}>
      <label for="q-${q}">${label}</label>
      <p class="hint" id="${q}-hint">${hint}</p>
      <input
        id="q-${q}"
        type="text"
        inputmode=${q === "amount" ? "decimal" : nothing}
        autocomplete="off"
        .value=${value}
        aria-invalid=${inv}
        aria-describedby=${hinted(view.ui.errors, q, `${q}-hint`)}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        @keydown=${enterCommits(on, q)}
      />
      ${fieldError(view.ui.errors, q)} ${continueButton(view, on, q)}
    </div>
  `;
}

/** Enter on a question's control moves on, as Continue does (never typing or arrowing through a list). */
function enterCommits(on: WizardHandlers, q: RequiredQuestion) {
  return (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing) return;
    e.preventDefault();
    on.commit(q);
  };
}

/** The explicit step to the next question, under the question answered last (none once all are shown). */
function continueButton(view: WizardView, on: WizardHandlers, q: RequiredQuestion) {
  const { revealed } = view.session;
  const current = REQUIRED_QUESTIONS[revealed - 1];
  if (current !== q || (q === "date" && view.ui.farDate !== "")) return nothing;
  return html`<div class="actions continue">
    <button type="button" class="primary" part="continue" id="continue-${q}" @click=${() => on.commit(q)}>${msg("Continue")}</button>
  </div>`;
}

/** A date more than a year from today: said in words, with the choice to use it anyway. */
function farDateWarning(view: WizardView, on: WizardHandlers) {
  const date = view.session.answers.date;
  if (view.ui.farDate === "" || view.ui.farDate !== date) return nothing;
  return html`<div class="notice date-warning" part="date-warning">
    <p id="date-far" role="alert">
      ${msg(str`${formatIsoDate(date, view.locale)} is more than a year from today (${formatIsoDate(view.today, view.locale)}), and every credit of the run is dated on it. Correct the date above, or use it as it is.`)}
    </p>
    <div class="actions">
      <button type="button" id="confirm-date" @click=${on.confirmDate}>${msg(str`Use ${formatIsoDate(date, view.locale)}`)}</button>
    </div>
  </div>`;
}

function requiredQuestion(view: WizardView, on: WizardHandlers, q: RequiredQuestion): TemplateResult {
  const { answers, lists } = view.session;
  const { errors } = view.ui;
  switch (q) {
    case "description":
      return textQuestion(view, on, "description", msg("Description"), msg("Becomes part of each credit's title."));
    case "amount":
      return textQuestion(
        view,
        on,
        "amount",
        msg("Amount"),
        msg(str`A fixed amount in ${view.currency} for each credit; percentages are not accepted.`),
      );
    case "creditType": {
      const { invalid: inv, describedBy } = invalid(errors, q);
      return html`
        <div class="question" data-question=${q}>
          <label for="q-creditType">${msg("Credit type")}</label>
          <select
            id="q-creditType"
            aria-invalid=${inv}
            aria-describedby=${describedBy}
            @change=${(e: Event) => on.answer({ creditType: (e.target as HTMLSelectElement).value })}
            @keydown=${enterCommits(on, q)}
          >
            <option value="" ?selected=${answers.creditType === ""}>${msg("Choose…")}</option>
            ${(lists?.creditTypes ?? []).map((t) => html`<option value=${t.id} ?selected=${t.id === answers.creditType}>${t.name}</option>`)}
          </select>
          ${fieldError(errors, q)} ${continueButton(view, on, q)}
        </div>
      `;
    }
    case "date": {
      const { invalid: inv } = invalid(errors, q);
      return html`
        <div class="question" data-question=${q}>
          <label for="q-date">${msg("Date the credit is issued for")}</label>
          <p class="hint" id="date-hint">${msg("Enrollments must be active on this date.")}</p>
          <input
            id="q-date"
            type="date"
            .value=${live(answers.date)}
            aria-invalid=${inv}
            aria-describedby=${hinted(errors, q, view.ui.farDate === answers.date && answers.date !== "" ? "date-hint date-far" : "date-hint")}
            @input=${(e: Event) => on.answer({ date: (e.target as HTMLInputElement).value })}
            @change=${(e: Event) => on.answer({ date: (e.target as HTMLInputElement).value })}
            @keydown=${enterCommits(on, q)}
          />
          ${fieldError(errors, q)} ${farDateWarning(view, on)} ${continueButton(view, on, q)}
        </div>
      `;
    }
    case "mode": {
      const { invalid: inv, describedBy } = invalid(errors, q);
      const labels = modeLabels();
      return html`
        <fieldset class="question" data-question=${q} aria-invalid=${inv} aria-describedby=${describedBy}>
          <legend>${msg("How to issue the credits")}</legend>
          ${ISSUE_MODES.map(
            (mode) => html`
              <label class="choice">
                <input
                  type="radio"
                  name="mode"
                  id="q-mode-${mode}"
                  value=${mode}
                  .checked=${answers.mode === mode}
                  @change=${() => on.answer({ mode })}
                  @keydown=${enterCommits(on, q)}
                />
                <span><strong>${labels[mode][0]}</strong> <span class="muted">${labels[mode][1]}</span></span>
              </label>
            `,
          )}
          ${fieldError(errors, q)} ${continueButton(view, on, q)}
        </fieldset>
      `;
    }
  }
}

/** The questions, revealed one by one, then the optional sections and Preview. */
export function renderQuestions(view: WizardView, on: WizardHandlers): TemplateResult {
  const { session, ui } = view;
  const shown = ["description", "creditType", "date", "amount", "mode"].slice(0, session.revealed) as RequiredQuestion[];
  const complete = session.revealed > 5;
  const task = session.previewTask;
  return html`
    ${renderUnfinished(view, on)}
    <form class="questions" part="questions" novalidate @submit=${(e: Event) => e.preventDefault()}>
      ${shown.map((q) => requiredQuestion(view, on, q))}
      ${
        complete
          ? html`
            <div class="question" data-question="outstanding">
              ${renderSwitch({
                id: "q-outstanding",
                label: msg("Only customers with outstanding charges"),
                checked: session.answers.outstandingOnly,
                describedBy: "outstanding-hint",
                onToggle: (on_) => on.answer({ outstandingOnly: on_ }),
              })}
              <p class="hint" id="outstanding-hint">${msg("Off: all customers. On: only families with an unpaid charge.")}</p>
            </div>
            ${renderOptionalSections(view, on)}
            <div class="actions">
              ${fieldError(ui.errors, "form")}
              ${task.status === "failed" && task.errorField === "form" ? html`<p class="field-error" role="alert">${task.error}</p>` : nothing}
              <button type="button" class="primary" part="preview-button" @click=${on.preview}>${msg("Preview")}</button>
            </div>
          `
          : nothing
      }
    </form>
  `;
}

/** The preview's background task: progress, announced; the page stays usable. */
export function renderPreviewing(view: WizardView, on: WizardHandlers): TemplateResult {
  const progress = view.session.previewTask.progress;
  const n = (x: number) => formatCount(x, view.locale);
  let text = msg("Starting the preview…");
  let done = 0;
  let total = 0;
  if (progress?.phase === "loading") {
    [done, total] = [progress.done, progress.total];
    text = msg(str`Handing the customer data to the background task: ${n(done)} of ${n(total)} records`);
  } else if (progress?.phase === "indexing") text = msg("Preparing the customer data (once per data set)…");
  else if (progress?.phase === "server") {
    text = total > 0 ? msg(str`Checking ${n(total)} families on the server…`) : msg("Checking the families on the server…");
    total = 0;
  } else if (progress?.phase === "checking") {
    [done, total] = [progress.done, progress.total];
    text = msg(str`Checked ${n(done)} of ${n(total)} families`);
  }
  return html`
    <section class="step" part="previewing" aria-labelledby="previewing-title">
      <h3 id="previewing-title" tabindex="-1">${msg("Preparing the preview")}</h3>
      <p class="muted">${msg("This runs in the background: you can leave this page and come back to the finished preview.")}</p>
      ${renderProgress({ id: "preview-progress", label: msg("Preview"), done, total, text })}
      <div class="actions"><button type="button" @click=${on.cancelPreview}>${msg("Cancel preview")}</button></div>
    </section>
  `;
}

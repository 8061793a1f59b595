/** What the wizard's templates receive: the session, the element's own UI state, and the handlers. */
import type { NamedItem, PreviewRow, RowsCombine } from "@creditkit/core";
import { html, nothing } from "lit";
import { msg, str } from "../shared/localize.js";
import type { RequiredQuestion, RowAnswers, RowField, WizardAnswers } from "./answers.js";
import type { ExplainResult } from "./preview-protocol.js";
import type { RunsList } from "./runs-list.js";
import type { WizardSession } from "./session.js";

/** State that belongs to one wizard element (not kept when it is left). */
export interface WizardUi {
  readonly errors: ReadonlyMap<string, string>;
  readonly summaryShown: boolean;
  readonly search: string;
  readonly explainOpen: boolean;
  readonly explainQuery: string;
  readonly explaining: boolean;
  readonly explained: readonly ExplainResult[] | undefined;
  readonly explainError: string;
  readonly confirm: "process" | "reverse" | undefined;
  /** The past run the reverse confirmation is about ("" the run just finished). */
  readonly reverseRunId: string;
  /** The Past runs view is shown (from the questions or the done step). */
  readonly runsOpen: boolean;
  readonly csvSaved: string;
  /** A date more than a year from today awaiting the person's confirmation ("" none). */
  readonly farDate: string;
  /** The far date the person confirmed ("" none). */
  readonly dateConfirmed: string;
}

export interface WizardView {
  readonly session: WizardSession;
  readonly ui: WizardUi;
  readonly locale: string | undefined;
  readonly currency: string;
  /** The preview's rows the search matches (all of them without a search); undefined: a server preview's row not read yet. */
  readonly shownRows: readonly (PreviewRow | undefined)[];
  readonly canReverse: boolean;
  /** Today (YYYY-MM-DD), for the date question's far-date check. */
  readonly today: string;
  /** The saved runs, while the Past runs view is open. */
  readonly runs: RunsList | undefined;
}

export interface WizardHandlers {
  answer(patch: Partial<WizardAnswers>): void;
  /** Continue (or Enter) on a question: checks it and moves on to the next. */
  commit(question: RequiredQuestion): void;
  /** "Use this date" on a date more than a year from today. */
  confirmDate(): void;
  toggleSection(name: string): void;
  addRow(): void;
  removeRow(id: number): void;
  editRow(id: number, field: RowField, values: readonly string[]): void;
  combine(value: RowsCombine): void;
  preview(): void;
  cancelPreview(): void;
  resume(runId: string): void;
  toggleSummary(): void;
  search(text: string): void;
  toggleRow(row: PreviewRow, selected: boolean): void;
  selectAll(): void;
  selectNone(): void;
  toggleExplain(): void;
  explainQuery(text: string): void;
  explain(): void;
  editQuestions(): void;
  askProcess(): void;
  askReverse(): void;
  confirm(): void;
  closeDialog(): void;
  saveCsv(): void;
  /** Save spent credits as CSV, after the finished run's reversal. */
  saveSpentCsv(): void;
  startOver(): void;
  /** Shows the Past runs view. */
  openRuns(): void;
  closeRuns(): void;
  /** Save CSV of a past run. */
  saveRunCsv(runId: string): void;
  /** Reverse a past run (after the confirmation). */
  askReverseRun(runId: string): void;
}

/** A field's message in words, linked to it by id; `nothing` when the field is fine. */
export function fieldError(errors: ReadonlyMap<string, string>, field: string) {
  const message = errors.get(field);
  return message === undefined ? nothing : html`<p class="field-error" part="error" id="${field}-error">${message}</p>`;
}

/** aria-invalid and aria-describedby for a field with a message. */
export function invalid(errors: ReadonlyMap<string, string>, field: string) {
  return errors.has(field) ? { invalid: "true", describedBy: `${field}-error` } : { invalid: nothing, describedBy: nothing };
}

/** aria-describedby of a field with a hint: the hint, and the message when there is one. */
export function hinted(errors: ReadonlyMap<string, string>, field: string, hint: string): string {
  return errors.has(field) ? `${hint} ${field}-error` : hint;
}

/** A group of checkboxes for an "any of" question. */
export function renderChoices(
  id: string,
  legend: string,
  items: readonly NamedItem[],
  chosen: readonly string[],
  onChange: (values: readonly string[]) => void,
) {
  if (items.length === 0) return html`<p class="muted">${msg(str`${legend}: none in the data.`)}</p>`;
  const toggle = (value: string, on: boolean) => onChange(on ? [...chosen, value] : chosen.filter((v) => v !== value));
  return html`
    <fieldset class="choices" id=${id}>
      <legend>${legend}</legend>
      <div class="choice-grid">
        ${items.map(
          (item, i) => html`
            <label class="choice">
              <input
                type="checkbox"
                id="${id}-${i}"
                .checked=${chosen.includes(item.id)}
                @change=${(e: Event) => toggle(item.id, (e.target as HTMLInputElement).checked)}
              />
              <span>${item.name}</span>
            </label>
          `,
        )}
      </div>
    </fieldset>
  `;
}

/** Keywords as choice items (id = name). */
export const asItems = (values: readonly string[] | undefined): NamedItem[] => (values ?? []).map((v) => ({ id: v, name: v }));

export type { RowAnswers };

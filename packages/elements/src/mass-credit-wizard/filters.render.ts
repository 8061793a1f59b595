/** The optional sections (§6 questions 7–10), collapsed until opened. Data is always bound as text. */
import { type NamedItem, WEEKDAYS, type Weekday } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import type { RowAnswers, RowField } from "./answers.js";
import { asItems, fieldError, renderChoices, type WizardHandlers, type WizardView } from "./view.js";

const DAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** A section's disclosure button and, when open, its body. */
function section(view: WizardView, on: WizardHandlers, name: string, title: string, chosen: string, body: () => TemplateResult) {
  const open = view.session.opened.has(name);
  return html`
    <section class="optional" part="section" data-section=${name}>
      <h3 class="section-heading">
        <button
          type="button"
          class="disclosure"
          id="toggle-${name}"
          aria-expanded=${open ? "true" : "false"}
          aria-controls="section-${name}"
          @click=${() => on.toggleSection(name)}
        >
          <span class="chevron" aria-hidden="true"></span>
          <span>${title}</span>
          <span class="muted">${chosen || "Optional"}</span>
        </button>
      </h3>
      <div id="section-${name}" class="section-body" ?hidden=${!open}>${open ? body() : nothing}</div>
    </section>
  `;
}

const chosenText = (n: number) => (n > 0 ? `${n} chosen` : "");
const countText = (n: number, noun: string) => (n > 0 ? `${n} ${noun}${n === 1 ? "" : "s"}` : "");

function rowFields(view: WizardView): readonly [RowField, string, readonly NamedItem[]][] {
  const lists = view.session.lists;
  const offerings = lists?.offerings ?? [];
  const ofKind = (kind: string) => offerings.filter((o) => o.kind === kind).map((o) => ({ id: o.id, name: o.name }));
  return [
    ["meetingDays", "Meeting days", WEEKDAYS.map((d) => ({ id: d, name: DAY_NAMES[d] }))],
    ["locations", "Locations", lists?.locations ?? []],
    ["classIds", "Classes", ofKind("class")],
    ["campIds", "Camps", ofKind("camp")],
    ["programIds", "Programs", ofKind("program")],
    ["offeringKeywords", "Class, camp and program keywords", asItems(view.session.keywords?.offering)],
  ];
}

function enrollmentRow(view: WizardView, on: WizardHandlers, row: RowAnswers, index: number): TemplateResult {
  const field = `row-${index}`;
  const error = view.ui.errors.get(field);
  return html`
    <fieldset class="row-filter" id="row-${row.id}" aria-describedby=${error === undefined ? nothing : `${field}-error`}>
      <legend>Enrollment filter ${index + 1}</legend>
      ${fieldError(view.ui.errors, field)}
      ${rowFields(view).map(([name, legend, items]) =>
        renderChoices(`row-${row.id}-${name}`, legend, items, row[name], (values) => on.editRow(row.id, name, values)),
      )}
      <button type="button" class="link" @click=${() => on.removeRow(row.id)}>Remove enrollment filter ${index + 1}</button>
    </fieldset>
  `;
}

function enrollmentFilters(view: WizardView, on: WizardHandlers): TemplateResult {
  const { rows, rowsCombine } = view.session.answers;
  return html`
    <p class="hint">
      Inside a filter, every field you fill must hold (any of its values). A student qualifies with enrollments active on the
      credit date.
    </p>
    ${rows.map((row, i) => enrollmentRow(view, on, row, i))}
    ${
      rows.length > 1
        ? html`
          <fieldset class="combine" id="rows-combine">
            <legend>A student must match</legend>
            <label class="choice">
              <input type="radio" name="combine" id="combine-and" .checked=${rowsCombine === "and"} @change=${() => on.combine("and")} />
              <span><strong>Every filter (AND)</strong> <span class="muted">e.g. enrolled in class A and in class B</span></span>
            </label>
            <label class="choice">
              <input type="radio" name="combine" id="combine-or" .checked=${rowsCombine === "or"} @change=${() => on.combine("or")} />
              <span><strong>Any filter (OR)</strong> <span class="muted">e.g. enrolled in class A or in class B</span></span>
            </label>
          </fieldset>
        `
        : nothing
    }
    ${fieldError(view.ui.errors, "rows")}
    <button type="button" id="add-row" @click=${on.addRow}>Add enrollment filter</button>
  `;
}

export function renderOptionalSections(view: WizardView, on: WizardHandlers): TemplateResult {
  const { answers, lists, keywords } = view.session;
  const { errors } = view.ui;
  const loading = html`<p class="muted" role="status">Reading the keywords from the customer data…</p>`;
  return html`
    <div class="sections">
      ${section(
        view,
        on,
        "autopay",
        "Autopay methods on file",
        chosenText(answers.autopayMethods.length),
        () =>
          html`${renderChoices("autopayMethods", "The family has any of", lists?.autopayMethods ?? [], answers.autopayMethods, (v) =>
            on.answer({ autopayMethods: v }),
          )}${fieldError(errors, "autopayMethods")}`,
      )}
      ${section(
        view,
        on,
        "categories",
        "Charge categories",
        chosenText(answers.chargeCategories.length),
        () =>
          html`${renderChoices(
            "chargeCategories",
            "The family has a charge in any of",
            lists?.chargeCategories ?? [],
            answers.chargeCategories,
            (v) => on.answer({ chargeCategories: v }),
          )}<p class="hint">With “Only customers with outstanding charges” on, that charge must be unpaid.</p>${fieldError(errors, "chargeCategories")}`,
      )}
      ${section(view, on, "keywords", "Keywords", chosenText(answers.studentKeywords.length + answers.familyKeywords.length), () =>
        keywords === undefined
          ? loading
          : html`
              ${renderChoices("studentKeywords", "Student keywords (any of)", asItems(keywords.student), answers.studentKeywords, (v) =>
                on.answer({ studentKeywords: v }),
              )}
              ${renderChoices("familyKeywords", "Family keywords (any of)", asItems(keywords.family), answers.familyKeywords, (v) =>
                on.answer({ familyKeywords: v }),
              )}
            `,
      )}
      ${section(view, on, "enrollments", "Enrollment filters", countText(answers.rows.length, "filter"), () => enrollmentFilters(view, on))}
    </div>
  `;
}

/** The optional sections (§6 questions 7–10), collapsed until opened. Data is always bound as text. */
import { type NamedItem, WEEKDAYS } from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { msg, str } from "../shared/localize.js";
import type { RowAnswers, RowField } from "./answers.js";
import { dayName, formatCount, isOne } from "./format.js";
import { asItems, fieldError, renderChoices, type WizardHandlers, type WizardView } from "./view.js";

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
          <span class="muted">${chosen || msg("Optional")}</span>
        </button>
      </h3>
      <div id="section-${name}" class="section-body" ?hidden=${!open}>${open ? body() : nothing}</div>
    </section>
  `;
}

const chosenText = (n: number, locale: string | undefined) => (n > 0 ? msg(str`${formatCount(n, locale)} chosen`) : "");
const filterCountText = (n: number, locale: string | undefined) =>
  n === 0 ? "" : isOne(n) ? msg(str`${formatCount(n, locale)} filter`) : msg(str`${formatCount(n, locale)} filters`);

function rowFields(view: WizardView): readonly [RowField, string, readonly NamedItem[]][] {
  const lists = view.session.lists;
  const offerings = lists?.offerings ?? [];
  const ofKind = (kind: string) => offerings.filter((o) => o.kind === kind).map((o) => ({ id: o.id, name: o.name }));
  return [
    ["meetingDays", msg("Meeting days"), WEEKDAYS.map((d) => ({ id: d, name: dayName(d, view.locale) }))],
    ["locations", msg("Locations"), lists?.locations ?? []],
    ["classIds", msg("Classes"), ofKind("class")],
    ["campIds", msg("Camps"), ofKind("camp")],
    ["programIds", msg("Programs"), ofKind("program")],
    ["offeringKeywords", msg("Class, camp and program keywords"), asItems(view.session.keywords?.offering)],
  ];
}

function enrollmentRow(view: WizardView, on: WizardHandlers, row: RowAnswers, index: number): TemplateResult {
  const field = `row-${index}`;
  const error = view.ui.errors.get(field);
  return html`
    <fieldset class="row-filter" id="row-${row.id}" aria-describedby=${error === undefined ? nothing : `${field}-error`}>
      <legend>${msg(str`Enrollment filter ${index + 1}`)}</legend>
      ${fieldError(view.ui.errors, field)}
      ${rowFields(view).map(([name, legend, items]) =>
        renderChoices(`row-${row.id}-${name}`, legend, items, row[name], (values) => on.editRow(row.id, name, values)),
      )}
      <button type="button" class="link" @click=${() => on.removeRow(row.id)}>${msg(str`Remove enrollment filter ${index + 1}`)}</button>
    </fieldset>
  `;
}

function enrollmentFilters(view: WizardView, on: WizardHandlers): TemplateResult {
  const { rows, rowsCombine } = view.session.answers;
  return html`
    <p class="hint">
      ${msg("Inside a filter, every field you fill must hold (any of its values). A student qualifies with enrollments active on the credit date.")}
    </p>
    ${rows.map((row, i) => enrollmentRow(view, on, row, i))}
    ${
      rows.length > 1
        ? html`
          <fieldset class="combine" id="rows-combine">
            <legend>${msg("A student must match")}</legend>
            <label class="choice">
              <input type="radio" name="combine" id="combine-and" .checked=${rowsCombine === "and"} @change=${() => on.combine("and")} />
              <span><strong>${msg("Every filter (AND)")}</strong> <span class="muted">${msg("e.g. enrolled in class A and in class B")}</span></span>
            </label>
            <label class="choice">
              <input type="radio" name="combine" id="combine-or" .checked=${rowsCombine === "or"} @change=${() => on.combine("or")} />
              <span><strong>${msg("Any filter (OR)")}</strong> <span class="muted">${msg("e.g. enrolled in class A or in class B")}</span></span>
            </label>
          </fieldset>
        `
        : nothing
    }
    ${fieldError(view.ui.errors, "rows")}
    <button type="button" id="add-row" @click=${on.addRow}>${msg("Add enrollment filter")}</button>
  `;
}

export function renderOptionalSections(view: WizardView, on: WizardHandlers): TemplateResult {
  const { answers, lists, keywords } = view.session;
  const { errors } = view.ui;
  const loading = html`<p class="muted" role="status">${msg("Reading the keywords from the customer data…")}</p>`;
  const { locale } = view;
  return html`
    <div class="sections">
      ${section(
        view,
        on,
        "autopay",
        msg("Autopay methods on file"),
        chosenText(answers.autopayMethods.length, locale),
        () =>
          html`${renderChoices("autopayMethods", msg("The family has any of"), lists?.autopayMethods ?? [], answers.autopayMethods, (v) =>
            on.answer({ autopayMethods: v }),
          )}${fieldError(errors, "autopayMethods")}`,
      )}
      ${section(
        view,
        on,
        "categories",
        msg("Charge categories"),
        chosenText(answers.chargeCategories.length, locale),
        () =>
          html`${renderChoices(
            "chargeCategories",
            msg("The family has a charge in any of"),
            lists?.chargeCategories ?? [],
            answers.chargeCategories,
            (v) => on.answer({ chargeCategories: v }),
          )}<p class="hint">${msg("With “Only customers with outstanding charges” on, that charge must be unpaid.")}</p>${fieldError(errors, "chargeCategories")}`,
      )}
      ${section(
        view,
        on,
        "keywords",
        msg("Keywords"),
        chosenText(answers.studentKeywords.length + answers.familyKeywords.length, locale),
        () =>
          keywords === undefined
            ? loading
            : html`
              ${renderChoices(
                "studentKeywords",
                msg("Student keywords (any of)"),
                asItems(keywords.student),
                answers.studentKeywords,
                (v) => on.answer({ studentKeywords: v }),
              )}
              ${renderChoices("familyKeywords", msg("Family keywords (any of)"), asItems(keywords.family), answers.familyKeywords, (v) =>
                on.answer({ familyKeywords: v }),
              )}
            `,
      )}
      ${section(view, on, "enrollments", msg("Enrollment filters"), filterCountText(answers.rows.length, locale), () => enrollmentFilters(view, on))}
    </div>
  `;
}

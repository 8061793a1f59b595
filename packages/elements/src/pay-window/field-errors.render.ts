/** A pay window field's problem, shown next to it and linked to it for screen readers. */
import { html, nothing } from "lit";

/** A field's message in words, linked to it by id; `nothing` when the field is fine. */
export function fieldError(errors: ReadonlyMap<string, string>, field: string) {
  const message = errors.get(field);
  return message === undefined ? nothing : html`<p class="field-error" part="error" id="${field}-error" aria-live="polite">${message}</p>`;
}

/** aria-invalid / aria-describedby values for a field. */
export function invalid(errors: ReadonlyMap<string, string>, field: string) {
  return errors.has(field) ? { invalid: "true", describedBy: `${field}-error` } : { invalid: nothing, describedBy: nothing };
}

/** The pay window's tender rows: how much is paid by which method, split across several when a person adds rows. */
import type { PaymentMethod } from "@creditkit/core";
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { msg, str } from "../shared/localize.js";
import { amountInputText } from "../shared/money-text.js";
import { followingRow, methodLabel, methodsFor } from "./checkout-form.js";
import { fieldError, invalid } from "./field-errors.render.js";
import type { PayHandlers, PayView } from "./pay-window.render.js";

/** The payment rows: method and amount each, Add payment method, and Charge to Account at the point of sale. */
export function renderTenders(view: PayView, on: PayHandlers) {
  const errors = view.errors;
  const methods = methodsFor(view.channel);
  const aria = invalid(errors, "tenders");
  const rows = view.inputs.rows;
  const follower = followingRow(rows);
  return html`
    <fieldset class="tenders" part="tenders" aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}>
      <legend>${msg("Payment", { id: "pay-window-payment", desc: "Heading of the payment form (noun)." })}</legend>
      ${repeat(
        rows,
        (r) => r.id,
        (row, index) => {
          const field = `tender-${row.id}`;
          // A problem with the tenders as a whole (over-tender, incomplete) is read out on each amount too.
          const tendersAria = invalid(errors, "tenders");
          const rowAria = invalid(errors, field);
          const n = index + 1;
          const label =
            rows.length > 1
              ? msg(str`Payment ${n}`, { id: "pay-window-payment-n", desc: "One of several ways a payment is split, numbered." })
              : msg("Payment", { id: "pay-window-payment", desc: "Heading of the payment form (noun)." });
          const removeLabel = rows.length > 1 ? msg(str`Remove payment ${n}`) : msg("Remove payment");
          return html`
            <div class="tender" part="tender" role="group" aria-label=${label}>
              <div class="field method">
                <label for="${field}-method">${msg("Method", { desc: "Label of the payment method chooser (card, cash…)." })}</label>
                <select
                  id="${field}-method"
                  @change=${(e: Event) => on.rowMethod(row.id, (e.target as HTMLSelectElement).value as PaymentMethod)}
                >
                  ${methods.map((m) => html`<option value=${m} ?selected=${m === row.method}>${methodLabel(m)}</option>`)}
                </select>
              </div>
              <div class="field amount-field">
                <label for="${field}">${msg("Payment amount")}</label>
                <input
                  id=${field}
                  inputmode="decimal"
                  autocomplete="off"
                  placeholder=${row.amountText === null ? amountInputText("0", view.snapshot?.currency ?? "USD", view.locale) : ""}
                  .value=${row.amountText ?? (row === follower ? view.payment?.autoText : "") ?? ""}
                  aria-invalid=${rowAria.invalid === nothing ? tendersAria.invalid : rowAria.invalid}
                  aria-describedby=${rowAria.describedBy === nothing ? tendersAria.describedBy : rowAria.describedBy}
                  @input=${(e: Event) => on.rowAmount(row.id, (e.target as HTMLInputElement).value)}
                  @change=${() => on.leave(field)}
                  @blur=${() => on.leave(field)}
                />
              </div>
              ${
                rows.length > 1
                  ? html`<button type="button" class="remove" aria-label=${removeLabel} @click=${() => on.removeRow(row.id)}>
                      ${msg("Remove", { desc: "Button: remove this payment method row." })}
                    </button>`
                  : nothing
              }
              ${fieldError(errors, field)}
            </div>
          `;
        },
      )}
      <button type="button" class="add" @click=${on.addRow}>${msg("Add payment method")}</button>
      ${
        view.channel === "pos"
          ? html`<label class="check">
            <input
              id="charge-to-account"
              type="checkbox"
              .checked=${view.inputs.chargeToAccount}
              @change=${(e: Event) => on.chargeToAccount((e.target as HTMLInputElement).checked)}
            />
            ${msg("Charge to Account")}
          </label>`
          : nothing
      }
      ${fieldError(errors, "tenders")}
    </fieldset>
  `;
}

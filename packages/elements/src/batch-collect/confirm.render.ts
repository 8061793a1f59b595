/** `<ck-batch-collect>`'s confirmation before a run charges anything. Data is always bound as text. */
import { html, nothing } from "lit";
import { isOne } from "../mass-credit-wizard/format.js";
import { whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import type { BatchHandlers, BatchView } from "./batch-collect.render.js";
import { accountsText } from "./words.js";

/** What a run will charge and use, as one sentence for each case. */
function confirmSentence(charges: boolean, applyCredit: boolean, card: string, credit: string): string {
  if (charges && applyCredit) {
    return msg(
      str`Up to ${card} will be charged to the cards on file and up to ${credit} of Account Credit used: each invoice is paid in full or left unpaid.`,
    );
  }
  if (charges)
    return msg(
      str`Up to ${card} will be charged to the cards on file; Account Credit is not used: each invoice is paid in full or left unpaid.`,
    );
  if (applyCredit)
    return msg(str`No card is charged and up to ${credit} of Account Credit used: each invoice is paid in full or left unpaid.`);
  return msg("No card is charged; Account Credit is not used: each invoice is paid in full or left unpaid.");
}

/**
 * The confirmation before a run charges anything: a modal dialog with the
 * totals of the preview (accounts, invoices, amount to cards, credit to use).
 * It opens with focus on Cancel; Escape or Cancel charges nothing.
 */
export function renderConfirm(view: BatchView, on: BatchHandlers) {
  const preview = view.preview;
  const body =
    view.confirming && preview
      ? (() => {
          const money = (amount: string) => showMoney(amount, view.currency, view.locale);
          const accounts = preview.rows.filter((r) => r.kind !== "nothing-due");
          const noCard = accounts.filter((r) => r.noCard && r.card !== zeroOf(r.card)).length;
          const charges = preview.card !== zeroOf(preview.card);
          return html`
            <h3 id="confirm-title">${msg(str`Collect from ${accountsText(accounts.length)}?`)}</h3>
            <dl class="figures" id="confirm-figures">
              <div data-confirm="accounts"><dt>${msg("Accounts")}</dt><dd>${whole(accounts.length)}</dd></div>
              <div data-confirm="invoices"><dt>${msg("Invoices")}</dt><dd>${whole(preview.invoices)}</dd></div>
              <div data-confirm="card"><dt>${msg("To charge to cards")}</dt><dd>${money(preview.card)}</dd></div>
              <div data-confirm="credit" class="available"><dt>${msg("Credit to use")}</dt><dd>${money(preview.credit)}</dd></div>
            </dl>
            <p id="confirm-body">
              ${confirmSentence(charges, view.applyCredit, money(preview.card), money(preview.credit))}
              ${noCard > 0 ? (isOne(noCard) ? msg(str`${whole(noCard)} account without a card on file will be declined.`) : msg(str`${whole(noCard)} accounts without a card on file will be declined.`)) : ""}
            </p>
            <div class="actions">
              <button type="button" class="primary" id="confirm-run" @click=${on.confirmRun}>
                ${charges ? msg(str`Charge ${money(preview.card)}`) : msg("Use the credit")}
              </button>
              <button type="button" id="confirm-cancel" autofocus @click=${on.closeConfirm}>${msg("Cancel")}</button>
            </div>
          `;
        })()
      : nothing;
  return html`
    <dialog part="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-figures confirm-body" @close=${on.closeConfirm}>
      ${body}
    </dialog>
  `;
}

/** "0.00" for "12.50": the zero written with the same digits. */
export function zeroOf(amount: string): string {
  return amount.replace(/\d/g, "0");
}

/** `<ck-transactions>`'s Reverse action: the cell of each payment line, the confirmation dialog and the outcome. Data is always bound as text. */
import { compare, fromAmountString, sum, type TransactionLine } from "@creditkit/core";
import { html, nothing } from "lit";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { paymentTypeLabel, showDate } from "./labels.js";

/** Where a reversal stands: the payment being confirmed, the call in flight, and the last outcome in words. */
export interface ReverseState {
  readonly line: TransactionLine | undefined;
  readonly busy: boolean;
  readonly status: string;
  readonly error: string;
}

export const NO_REVERSE: ReverseState = { line: undefined, busy: false, status: "", error: "" };

export interface ReverseView {
  readonly reverse: ReverseState;
  /** Payments (by entry id) already reversed. */
  readonly reversed: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, string>;
  readonly currency: string;
  readonly locale: string | undefined;
  /** The organisation applies credit automatically (§4): the next posting may use what a reversal frees. */
  readonly autoApply: boolean;
}

export interface ReverseHandlers {
  askReverse(line: TransactionLine): void;
  confirmReverse(): void;
  closeReverse(): void;
}

export const isPaymentLine = (line: TransactionLine): boolean => line.type === "Payment" || line.type === "Payment (AC)";

/** A payment the ledger can reverse whole: not one that put part of itself on account as credit. */
function reversible(line: TransactionLine, currency: string): boolean {
  if (line.type !== "Payment") return line.type === "Payment (AC)";
  const allocated = sum(
    (line.allocations ?? []).map((a) => fromAmountString(a.amount, currency)),
    currency,
  );
  return compare(allocated, fromAmountString(line.amount, currency)) === 0;
}

/** "Card payment of $25.00 on Nov 20, 2026 by Rivera family" (the payment type tells two payments of one day apart). */
export function paymentWords(view: Pick<ReverseView, "names" | "currency" | "locale">, line: TransactionLine): string {
  const money = showMoney(line.amount, view.currency, view.locale);
  const date = showDate(line.date, view.locale);
  const who = view.names.get(line.accountId) ?? line.accountId;
  if (!line.paymentType)
    return msg(str`payment of ${money} on ${date} by ${who}`, {
      desc: "A payment in words (lower case: it follows “the” or “Reverse”); the values: amount, date, account name.",
    });
  const type = paymentTypeLabel(line.paymentType);
  return msg(str`${type} payment of ${money} on ${date} by ${who}`, {
    desc: "A payment in words (it follows “the” or “Reverse”); the values: payment type (Card, Cash …), amount, date, account name.",
  });
}

/** Text that must not break across lines (a date): its spaces made non-breaking. */
const unbroken = (text: string) => text.replace(/ /g, "\u00a0");

/** A payment line's action: Reverse, or "Reversed" once it is; nothing on other lines. */
export function renderReverseCell(view: ReverseView, on: ReverseHandlers, line: TransactionLine) {
  if (!isPaymentLine(line) || !reversible(line, view.currency)) return nothing;
  if (view.reversed.has(line.entryId)) {
    return html`<span class="muted" part="reversed" tabindex="-1" data-reversed=${line.entryId}>${msg("Reversed", { id: "transactions.reversed", desc: "A payment line's mark: this payment has been reversed." })}</span>`;
  }
  return html`<button type="button" class="reverse" part="reverse" data-reverse=${line.entryId}
    aria-label=${reverseLabel(paymentWords(view, line))} @click=${() => on.askReverse(line)}>${msg("Reverse", { id: "transactions.reverse", desc: "Button (verb): reverse this payment." })}</button>`;
}

/** The confirmation: a modal dialog saying what reversing will do (Escape or Cancel reverses nothing). */
export function renderReverseDialog(view: ReverseView, on: ReverseHandlers, today: string) {
  const line = view.reverse.line;
  const credit = line?.type === "Payment (AC)";
  const day = unbroken(showDate(today, view.locale));
  return html`
    <dialog part="reverse-dialog" aria-labelledby="reverse-title" aria-describedby=${view.autoApply ? "reverse-body reverse-auto" : "reverse-body"}
      @cancel=${(e: Event) => view.reverse.busy && e.preventDefault()} @close=${on.closeReverse}>
      ${
        line
          ? html`
            <h3 id="reverse-title">${msg("Reverse this payment?")}</h3>
            <p id="reverse-body">${reverseBody(paymentWords(view, line), line.description, day, credit)} ${msg("A payment is reversed once.")}</p>
            ${
              view.autoApply
                ? html`<p id="reverse-auto">${
                    credit
                      ? msg(
                          "Auto-apply is on: the next time a fee or a credit is posted to this account, available credit will be applied to its unpaid fees, this one included (the credit this reversal gives back too).",
                        )
                      : msg(
                          "Auto-apply is on: the next time a fee or a credit is posted to this account, available credit will be applied to its unpaid fees, this one included.",
                        )
                  }</p>`
                : nothing
            }
            <p class="muted" role="status">${view.reverse.busy ? msg("Reversing…") : ""}</p>
            <div class="actions">
              <button type="button" class="primary" @click=${on.confirmReverse}>${msg("Reverse payment", { id: "transactions.reverse-payment", desc: "Button (verb): confirm reversing the payment." })}</button>
              <!-- A destructive confirmation opens on the safe choice (issue #17 item 18). -->
              <button type="button" autofocus @click=${on.closeReverse}>${msg("Cancel", { id: "transactions.cancel", desc: "Button: close the dialog without doing anything." })}</button>
            </div>
          `
          : nothing
      }
    </dialog>
  `;
}

/** The last reversal's outcome: a status, or the error as an alert. */
export function renderReverseOutcome(view: ReverseView) {
  return html`
    <p class="muted" part="reverse-status" role="status">${view.reverse.status}</p>
    ${view.reverse.error ? html`<p class="failure" part="reverse-status" role="alert">${view.reverse.error}</p>` : nothing}
  `;
}

/** The Reverse button's accessible name: "Reverse Card payment of $25.00 on Nov 20, 2026 by Rivera family". */
function reverseLabel(what: string): string {
  return msg(str`Reverse ${what}`, {
    id: "transactions.reverse-label",
    desc: "A Reverse button's accessible name; the value is a payment in words (“Card payment of $25.00 on Nov 20, 2026 by Rivera family”).",
  });
}

/** What reversing will do, in one sentence (the payment in words, its description, the date the reversal takes). */
function reverseBody(what: string, description: string, day: string, credit: boolean): string {
  return credit
    ? msg(
        str`The ${what} (“${description}”) will be reversed, dated ${day}: the fee it paid will be owed again and the credit it used available again.`,
        {
          desc: "The values: a payment in words, its description, today's date.",
        },
      )
    : msg(str`The ${what} (“${description}”) will be reversed, dated ${day}: what it paid will be owed again.`, {
        desc: "The values: a payment in words, its description, today's date.",
      });
}

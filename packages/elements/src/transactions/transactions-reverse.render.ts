/** `<ck-transactions>`'s Reverse action: the cell of each payment line, the confirmation dialog and the outcome. Data is always bound as text. */
import { compare, fromAmountString, PAYMENT_TYPE_LABELS, sum, type TransactionLine } from "@creditkit/core";
import { html, nothing } from "lit";
import { showMoney } from "../shared/money-text.js";

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

/** "Card payment of $25.00 on 2026-11-20 by Rivera family" (the payment type tells two payments of one day apart). */
export function paymentWords(view: Pick<ReverseView, "names" | "currency" | "locale">, line: TransactionLine): string {
  const money = showMoney(line.amount, view.currency, view.locale);
  const type = line.paymentType ? `${PAYMENT_TYPE_LABELS[line.paymentType]} ` : "";
  return `${type}payment of ${money} on ${line.date} by ${view.names.get(line.accountId) ?? line.accountId}`;
}

/** A payment line's action: Reverse, or "Reversed" once it is; nothing on other lines. */
export function renderReverseCell(view: ReverseView, on: ReverseHandlers, line: TransactionLine) {
  if (!isPaymentLine(line) || !reversible(line, view.currency)) return nothing;
  if (view.reversed.has(line.entryId)) {
    return html`<span class="muted" part="reversed" tabindex="-1" data-reversed=${line.entryId}>Reversed</span>`;
  }
  return html`<button type="button" class="reverse" part="reverse" data-reverse=${line.entryId}
    aria-label=${`Reverse ${paymentWords(view, line)}`} @click=${() => on.askReverse(line)}>Reverse</button>`;
}

/** The confirmation: a modal dialog saying what reversing will do (Escape or Cancel reverses nothing). */
export function renderReverseDialog(view: ReverseView, on: ReverseHandlers, today: string) {
  const line = view.reverse.line;
  const credit = line?.type === "Payment (AC)";
  return html`
    <dialog part="reverse-dialog" aria-labelledby="reverse-title" aria-describedby=${view.autoApply ? "reverse-body reverse-auto" : "reverse-body"}
      @cancel=${(e: Event) => view.reverse.busy && e.preventDefault()} @close=${on.closeReverse}>
      ${
        line
          ? html`
            <h3 id="reverse-title">Reverse this payment?</h3>
            <p id="reverse-body">
              The ${paymentWords(view, line)} (“${line.description}”) will be reversed, dated <span class="nowrap">${today}</span>:
              ${credit ? "the fee it paid will be owed again and the credit it used available again." : "what it paid will be owed again."}
              A payment is reversed once.
            </p>
            ${
              view.autoApply
                ? html`<p id="reverse-auto">
                    Auto-apply is on: the next time a fee or a credit is posted to this account, available credit will be applied
                    to its unpaid fees, this one included${credit ? " (the credit this reversal gives back too)" : ""}.
                  </p>`
                : nothing
            }
            <p class="muted" role="status">${view.reverse.busy ? "Reversing…" : ""}</p>
            <div class="actions">
              <button type="button" class="primary" @click=${on.confirmReverse}>Reverse payment</button>
              <!-- A destructive confirmation opens on the safe choice (issue #17 item 18). -->
              <button type="button" autofocus @click=${on.closeReverse}>Cancel</button>
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

/** The pay window's templates: plain functions of what it shows, with its handlers. Data is always bound as text. */
import {
  type AccountSnapshot,
  balanceDisplay,
  type Channel,
  type CheckoutLine,
  type CheckoutPlan,
  type CommitResult,
  type NewCharge,
  type PaymentMethod,
} from "@creditkit/core";
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { html as staticHtml } from "lit/static-html.js";
import { CkCreditToggle } from "../credit-toggle/credit-toggle.js";
import type { ApplyCreditChangeEvent } from "../events.js";
import type { LoadState } from "../shared/account-controller.js";
import { showDate } from "../shared/date-text.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { tagOf } from "../shared/tag-of.js";
import { isChosen, type PayInputs, type PaymentPlan } from "./checkout-form.js";
import { fieldError, invalid } from "./field-errors.render.js";
import { isZeroAmount, renderResult, renderSummary } from "./summary.render.js";
import { renderTenders } from "./tenders.render.js";

/** Everything the window shows. */
export interface PayView {
  readonly channel: Channel;
  readonly heading: string | undefined;
  /** The host shows the balances itself: the header leaves them out. */
  readonly hideBalances: boolean;
  /** The account is read from the data source (and read again after recording), not a snapshot the host holds. */
  readonly live: boolean;
  readonly snapshot: AccountSnapshot | undefined;
  readonly loadState: LoadState;
  readonly loadError: string;
  readonly charges: readonly NewCharge[];
  readonly payment: PaymentPlan | undefined;
  /** The problems shown: an amount's wait until the person leaves its field (or presses Record). */
  readonly errors: ReadonlyMap<string, string>;
  /** Some problem waits to be shown: Record stays pressable, and pressing it shows the problem. */
  readonly errorsWaiting: boolean;
  readonly inputs: PayInputs;
  readonly locale: string | undefined;
  readonly recordState: "idle" | "recording" | "done" | "failed";
  readonly failure: string;
  readonly recorded: { readonly plan: CheckoutPlan; readonly result: CommitResult | undefined } | undefined;
}

/** What a person can do. */
export interface PayHandlers {
  toggleFee(feeId: string, chosen: boolean): void;
  /** Moves a fee one place up (-1) or down (1) in the order the payment goes to them. */
  moveFee(feeId: string, by: -1 | 1): void;
  applyCredit(on: boolean): void;
  creditText(text: string): void;
  rowMethod(id: number, method: PaymentMethod): void;
  rowAmount(id: number, text: string): void;
  /** The person left an amount field (`credit-amount`, `tender-<row id>`): its problem shows now. */
  leave(field: string): void;
  addRow(): void;
  removeRow(id: number): void;
  chargeToAccount(on: boolean): void;
  confirm(): void;
  retry(): void;
  startOver(): void;
}

/** What the window is for, per channel. */
function channelTitle(channel: Channel): string {
  if (channel === "pos") return msg("Point of sale");
  if (channel === "portal") return msg("Make a payment");
  return msg("Take payment");
}

export function renderPayWindow(view: PayView, on: PayHandlers): TemplateResult {
  const { snapshot } = view;
  const title = view.heading || snapshot?.account.name || channelTitle(view.channel);
  return html`
    <section class="window ck-frame" part="base" aria-labelledby="title" data-channel=${view.channel}>
      <header part="header">
        <div class="title">
          <h2 id="title" tabindex="-1">${title}</h2>
          ${view.heading ? nothing : html`<p class="channel">${channelTitle(view.channel)}</p>`}
        </div>
        ${snapshot && !view.hideBalances ? renderBalances(snapshot, view.locale) : nothing}
      </header>
      ${snapshot ? renderBody(snapshot, view, on) : renderLoading(view)}
    </section>
  `;
}

function renderLoading(view: PayView) {
  if (view.loadState === "error") return html`<p class="failure" role="alert" part="error">${view.loadError}</p>`;
  if (view.loadState === "loading") return html`<p role="status">${msg("Loading the account…")}</p>`;
  return html`<p class="muted">${msg("Choose an account to take a payment.")}</p>`;
}

function renderBalances(snapshot: AccountSnapshot, locale: string | undefined) {
  const display = balanceDisplay(snapshot);
  const money = (amount: string) => showMoney(amount, snapshot.currency, locale);
  return html`
    <dl class="balances" part="balances">
      <div class=${display.due}>
        <dt>${msg("Amount Due")}<span class="visually-hidden">:</span></dt>
        <dd>${money(snapshot.amountDue)}</dd>
      </div>
      <div class="credit ${display.credit}">
        <dt>${msg("Account Credit")}<span class="visually-hidden">:</span></dt>
        <dd>${money(snapshot.accountCredit)}</dd>
      </div>
    </dl>
  `;
}

function renderBody(snapshot: AccountSnapshot, view: PayView, on: PayHandlers) {
  if (view.recordState === "done" && view.recorded) return renderResult(view.recorded, view, snapshot, on);
  const payment = view.payment;
  if (view.channel !== "pos" && payment && payment.fees.length === 0) return renderNothingOwed(view);
  const errors = view.errors;
  const busy = view.recordState === "recording";
  return html`
    <form class="body" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      on.confirm();
    }}>
      <fieldset class="plain" ?disabled=${busy}>
        <legend class="visually-hidden">${msg("Payment", { id: "pay-window-payment", desc: "Heading of the payment form (noun)." })}</legend>
        <div class="columns">
          <div class="choose">
            ${renderFees(snapshot, view, on)} ${view.channel === "pos" && view.charges.length > 0 ? renderCharges(view) : nothing}
          </div>
          <div class="pay">${renderCredit(snapshot, view, on)} ${renderTenders(view, on)}</div>
        </div>
      </fieldset>
      ${renderSummary(view)} ${renderWarnings(payment?.plan, view.locale)}
      ${errors.has("form") ? html`<p class="failure" role="alert" part="error">${errors.get("form")}</p>` : nothing}
      ${renderActions(view, on)}
    </form>
  `;
}

/** Admin and portal, no unpaid fee: nothing to pay, so no form (and no error for a choice nobody could make). */
function renderNothingOwed(view: PayView) {
  const text =
    view.channel === "portal"
      ? msg("You owe nothing right now: there is nothing to pay.")
      : msg("Nothing is owed on this account: there is nothing to pay.");
  return html`<p class="nothing-owed" part="nothing-owed">${text}</p>`;
}

function renderFees(snapshot: AccountSnapshot, view: PayView, on: PayHandlers) {
  const fees = view.payment?.fees ?? [];
  const errors = view.errors;
  const lines = new Map<string, CheckoutLine>(view.payment?.plan?.lines.map((l) => [l.feeId, l]) ?? []);
  const money = (amount: string) => showMoney(amount, snapshot.currency, view.locale);
  const aria = invalid(errors, "fees");
  return html`
    <fieldset class="fees" part="fees" aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}>
      <legend>${view.channel === "pos" ? msg("Unpaid fees to add to this sale") : msg("Unpaid fees")}</legend>
      ${fees.length === 0 ? html`<p class="muted">${msg("No unpaid fees.")}</p>` : nothing}
      <ul>
        ${repeat(
          fees,
          (f) => f.feeId,
          (fee, index) => {
            const line = lines.get(fee.feeId);
            const held = fee.reservedBy !== undefined;
            const chosen = isChosen(view.inputs, fee);
            return html`
              <li class="fee" part="fee" data-fee-id=${fee.feeId}>
                <label>
                  <input
                    type="checkbox"
                    .checked=${chosen}
                    ?disabled=${held}
                    @change=${(e: Event) => on.toggleFee(fee.feeId, (e.target as HTMLInputElement).checked)}
                  />
                  <span class="fee-text">
                    <span class="fee-name">${fee.description}</span>
                    <span class="muted">${dueText(fee.dueDate, held, view.locale)}</span>
                  </span>
                  <span class="amount">${money(fee.remainder)}</span>
                </label>
                ${fees.length > 1 ? renderMove(fee.description, index, fees.length, (by) => on.moveFee(fee.feeId, by)) : nothing}
                ${chosen && line ? renderLine(line, money) : nothing}
              </li>
            `;
          },
        )}
      </ul>
      ${
        view.payment?.empty
          ? html`<p class="muted hint" part="hint">${
              fees.length > 0
                ? msg("Nothing in this sale yet: ring up an item, or tick an unpaid fee to add it.")
                : msg("Nothing in this sale yet: ring up an item.")
            }</p>`
          : nothing
      }
      ${fieldError(errors, "fees")}
    </fieldset>
  `;
}

/** "Due Nov 15, 2026", the date in the locale; a fee held by a collection in progress says so. */
function dueText(dueDate: string, held: boolean, locale: string | undefined): string {
  const date = showDate(dueDate, locale);
  return held ? msg(str`Due ${date} · being collected`) : msg(str`Due ${date}`, { desc: "When a fee is due, e.g. 'Due Nov 15, 2026'." });
}

/** Up and down buttons: payment goes to the fees in the order shown (credit first, then the tenders). */
function renderMove(name: string, index: number, count: number, move: (by: -1 | 1) => void) {
  return html`<span class="move">
    <button type="button" part="move-button" aria-label=${msg(str`Move ${name} up`)} title=${msg("Pay earlier")} ?disabled=${index === 0} @click=${() => move(-1)}>
      <span aria-hidden="true">▲</span>
    </button>
    <button type="button" part="move-button" aria-label=${msg(str`Move ${name} down`)} title=${msg("Pay later")} ?disabled=${index === count - 1} @click=${() => move(1)}>
      <span aria-hidden="true">▼</span>
    </button>
  </span>`;
}

function renderLine(line: CheckoutLine, money: (amount: string) => string) {
  const parts = [
    isZeroAmount(line.credit)
      ? ""
      : msg(str`Credit ${money(line.credit)}`, {
          id: "pay-line-credit",
          desc: "The account credit applied to one fee, e.g. 'Credit $5.00'.",
        }),
    // What this payment would do, before anything is recorded: "Payment", not "Paid".
    isZeroAmount(line.tender)
      ? ""
      : msg(str`Payment ${money(line.tender)}`, {
          id: "pay-line-payment",
          desc: "What this payment would pay on one fee, e.g. 'Payment $15.00'.",
        }),
    msg(str`Still owed ${money(line.unpaid)}`),
  ].filter((p) => p !== "");
  return html`<p class="line muted">${parts.join(" · ")}</p>`;
}

function renderCharges(view: PayView) {
  const currency = view.snapshot?.currency ?? "USD";
  return html`
    <section class="charges" aria-labelledby="charges-title">
      <h3 id="charges-title">${msg("New charges")}</h3>
      <ul>
        ${view.charges.map(
          (c) => html`<li><span>${c.description}</span><span class="amount">${showMoney(c.amount, currency, view.locale)}</span></li>`,
        )}
      </ul>
    </section>
  `;
}

function renderCredit(snapshot: AccountSnapshot, view: PayView, on: PayHandlers) {
  const base = view.payment?.base;
  const errors = view.errors;
  const applying = base?.applyCredit ?? false;
  const aria = invalid(errors, "credit-amount");
  const toggle = tagOf(CkCreditToggle, "ck-credit-toggle");
  return staticHtml`
    <div class="credit-box">
      <${toggle}
        part="toggle"
        exportparts="base: toggle-base, switch: toggle-switch, track: toggle-track, thumb: toggle-thumb, label: toggle-label, figures: toggle-figures"
        .checked=${applying}
        available-credit=${snapshot.availableCredit}
        applied-amount=${base?.appliedCredit ?? ""}
        remaining-due=${base?.remainingDue ?? ""}
        currency=${snapshot.currency}
        locale=${view.locale ?? nothing}
        @ck-apply-credit-change=${(e: ApplyCreditChangeEvent) => on.applyCredit(e.detail.checked)}
      ></${toggle}>
      ${
        view.channel === "admin" && applying
          ? html`
            <div class="field" part="credit-amount">
              <label for="credit-amount">${msg("Credit to apply")}</label>
              <input
                id="credit-amount"
                inputmode="decimal"
                autocomplete="off"
                placeholder=${base ? msg(str`up to ${showMoney(base.maxCredit, snapshot.currency, view.locale)}`) : ""}
                .value=${view.inputs.creditText}
                aria-invalid=${aria.invalid}
                aria-describedby=${aria.describedBy}
                @input=${(e: Event) => on.creditText((e.target as HTMLInputElement).value)}
                @change=${() => on.leave("credit-amount")}
                @blur=${() => on.leave("credit-amount")}
              />
              ${fieldError(errors, "credit-amount")}
            </div>
          `
          : nothing
      }
    </div>
  `;
}

/** A warning in the window's words, its amount in the host's locale (the core's message is the fallback for a code this window does not know). */
function warningText(warning: CheckoutPlan["warnings"][number], currency: string, locale: string | undefined): string {
  if (warning.code === "auto-apply-will-use-credit") {
    const amount = showMoney(warning.amount, currency, locale);
    return warning.target === "charge"
      ? msg(
          str`Auto-apply is on: ${amount} of account credit will be applied to the charge once it is posted, even though Apply Credit is off.`,
        )
      : msg(
          str`Auto-apply is on: ${amount} of account credit will be applied to this account's unpaid fees, oldest due first, once this is recorded, even though Apply Credit is off.`,
        );
  }
  return warning.message;
}

function renderWarnings(plan: CheckoutPlan | undefined, locale: string | undefined) {
  const warnings = plan?.warnings ?? [];
  return html`<div class="warnings" aria-live="polite">
    ${warnings.map(
      (w) =>
        html`<p class="warning" part="warning" id="warning-${w.code}"><strong>${msg("Before you confirm:")}</strong> ${warningText(w, plan?.currency ?? "", locale)}</p>`,
    )}
  </div>`;
}

function renderActions(view: PayView, on: PayHandlers) {
  const plan = view.payment?.plan;
  const busy = view.recordState === "recording";
  const label = plan?.paidEntirelyByCredit ? msg("Apply Credit") : view.channel === "portal" ? msg("Pay now") : msg("Record payment");
  const warned = (plan?.warnings.length ?? 0) > 0 ? plan?.warnings.map((w) => `warning-${w.code}`).join(" ") : undefined;
  return html`
    ${
      view.recordState === "failed"
        ? html`<div class="failure" role="alert" part="error">
          <p>${msg(str`The payment was not recorded: ${view.failure}`)}</p>
          <button type="button" class="secondary" @click=${on.retry}>${msg("Retry")}</button>
        </div>`
        : nothing
    }
    <div class="actions">
      <p class="status" role="status">${busy ? msg("Recording the payment…") : ""}</p>
      <button
        type="submit"
        class="confirm"
        part="confirm"
        ?disabled=${(!plan && !view.errorsWaiting) || busy}
        aria-describedby=${warned ?? nothing}
      >
        ${busy ? msg("Recording…") : label}
      </button>
    </div>
  `;
}

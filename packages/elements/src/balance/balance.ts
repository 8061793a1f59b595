import { type CreditKitDataSource, showAmountText, signOfAmountText } from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { AccountController } from "../shared/account-controller.js";
import { isolateCurrency } from "../shared/bidi.js";
import { msg, str } from "../shared/msg.js";
import { resolveLocale } from "../shared/resolve-locale.js";
import { themeStyles } from "../theme.js";
import { balanceStyles } from "./balance.styles.js";

/**
 * An account's two balances: Amount Due, shown as owed (red) when above
 * zero, and Account Credit, shown as available (blue) when above zero; a zero
 * figure is neutral grey. Money is formatted in the host's locale and read by
 * a screen reader as "Amount Due: $20.00".
 *
 * Give it an `account-id` inside a `<ck-provider>` and it reads the balances
 * from the data source and refreshes when they change; or set `amountDue`,
 * `accountCredit` and `currency` directly (controlled).
 *
 * @summary Amount Due and Account Credit of a member or family, coloured owed / available / neutral.
 * @csspart balance - The list holding both figures.
 * @csspart due - The Amount Due figure.
 * @csspart credit - The Account Credit figure.
 * @csspart due-owed - The Amount Due figure when above zero.
 * @csspart due-neutral - The Amount Due figure at zero.
 * @csspart credit-available - The Account Credit figure when above zero.
 * @csspart credit-neutral - The Account Credit figure at zero.
 * @csspart label - Each figure's label.
 * @csspart amount - Each figure's amount.
 * @cssprop --ck-color-owed - Amount Due above zero.
 * @cssprop --ck-color-available - Account Credit above zero.
 * @cssprop --ck-color-neutral - A zero figure.
 * @cssprop --ck-color-muted - The labels.
 * @cssprop --ck-color-surface - The background the figures sit on (the kit's surface, light or dark with the system).
 * @cssprop --ck-radius - Its corner radius.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-danger - Errors.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-accent - The focus ring's colour.
 * @cssprop --ck-font-size - The base font size.
 * @cssprop --ck-color-text - Text.
 */
@localized()
export class CkBalance extends LitElement {
  static override styles = [themeStyles, balanceStyles];

  /** The account to show, read from the provided data source. */
  @property({ attribute: "account-id", reflect: true })
  accountId: string | undefined;

  /** Controlled Amount Due (canonical amount string, e.g. "20.00"); used when there is no account to read. */
  @property({ attribute: "amount-due" })
  amountDue: string | undefined;

  /** Controlled Account Credit (canonical amount string). */
  @property({ attribute: "account-credit" })
  accountCredit: string | undefined;

  /** ISO 4217 currency of the controlled figures; default the data source's, else USD. */
  @property()
  currency: string | undefined;

  /** The locale money is shown in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The provider's settings and locale. */
  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected kit: KitSettings | undefined;

  readonly #account = new AccountController(this);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#account.track(this.dataSource, this.accountId);
  }

  protected override render() {
    const snapshot = this.#account.snapshot;
    if (!snapshot && this.#account.state === "loading") return html`<p class="message" role="status">${msg("Loading balance…")}</p>`;
    if (!snapshot && this.#account.state === "error") return html`<p class="message error" role="alert">${this.#account.error}</p>`;
    const currency = snapshot?.currency ?? this.currency ?? this.dataSource?.currency ?? "USD";
    const amountDue = snapshot?.amountDue ?? this.amountDue;
    const accountCredit = snapshot?.accountCredit ?? this.accountCredit;
    if (amountDue === undefined || accountCredit === undefined) return nothing;
    const locale = resolveLocale(this.locale, this.kit?.locale);
    const due = signOfAmountText(amountDue, currency);
    const credit = signOfAmountText(accountCredit, currency);
    const dueText = shown(showAmountText(amountDue, currency, locale), currency, locale);
    const creditText = shown(showAmountText(accountCredit, currency, locale), currency, locale);
    if (due === undefined || due === "negative" || dueText === undefined) return this.#notAnAmount(amountDue, currency);
    if (credit === undefined || credit === "negative" || creditText === undefined) return this.#notAnAmount(accountCredit, currency);
    return html`
      <dl part="balance">
        ${this.#figure("due", due === "positive" ? "owed" : "neutral", msg("Amount Due"), dueText)}
        ${this.#figure("credit", credit === "positive" ? "available" : "neutral", msg("Account Credit"), creditText)}
      </dl>
    `;
  }

  /** A figure that cannot be shown (a host's controlled value): said in words, the value as text, never as markup. */
  #notAnAmount(text: string, currency: string) {
    return html`<p class="message error" role="alert">
      ${msg(str`Not an amount in ${currency} at or above zero: "${text}".`)}
    </p>`;
  }

  #figure(name: string, state: string, label: string, amount: string) {
    return html`
      <div class="figure ${state}" part="${name} ${name}-${state}" data-state=${state}>
        <dt part="label">${label}<span class="visually-hidden">:</span></dt>
        <dd part="amount">${amount}</dd>
      </div>
    `;
  }
}

/** An amount's text with its currency symbol kept whole in a right-to-left line; undefined stays undefined. */
function shown(text: string | undefined, currency: string, locale: string | undefined): string | undefined {
  return text === undefined ? undefined : isolateCurrency(text, currency, locale);
}

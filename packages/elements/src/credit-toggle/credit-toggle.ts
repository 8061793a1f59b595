import { showAmountText } from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { type KitSettings, settingsContext } from "../context.js";
import { ApplyCreditChangeEvent } from "../events.js";
import { isolateCurrency } from "../shared/bidi.js";
import { msg } from "../shared/msg.js";
import { resolveLocale } from "../shared/resolve-locale.js";
import { themeStyles } from "../theme.js";
import { creditToggleStyles } from "./credit-toggle.styles.js";

const ZERO = /^0*(\.0*)?$/;
/** What the form value depends on: the state, the value, and whatever makes the switch inactive. */
const FORM_INPUTS = ["checked", "defaultChecked", "value", "disabled", "availableCredit", "formDisabled"] as const;

/**
 * The Apply Credit switch: a real switch (`role="switch"`, Space and
 * Enter, a form value through ElementInternals with reset and restore) that
 * shows the credit available, the applied amount and the remaining due. It is
 * disabled when there is no credit to apply. The figures are controlled: the
 * pay window (or the host) sets them from the core's checkout plan.
 *
 * In a form it submits `value` under `name` while on, like a checkbox; while
 * it is inactive (disabled, or no credit available) it reads as off and
 * submits nothing, even if `checked`.
 *
 * @summary The Apply Credit switch with credit available, Applied Amount and Remaining Due.
 * @fires {ApplyCreditChangeEvent} ck-apply-credit-change - A person switched it; `detail.checked` is the new state.
 * @slot - The switch's label (default "Apply Credit").
 * @csspart base - The wrapper of the switch and the figures.
 * @csspart switch - The switch button.
 * @csspart track - The switch's track.
 * @csspart thumb - The switch's thumb.
 * @csspart label - The label.
 * @csspart figures - The list of credit available, applied and remaining due.
 * @cssprop --ck-color-accent - The track when on.
 * @cssprop --ck-color-on-accent - The thumb when on.
 * @cssprop --ck-color-muted - The track when off, the figure labels.
 * @cssprop --ck-focus-ring - The focus ring (a box-shadow).
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-color-surface - The background.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 * @cssprop --ck-color-text - Text.
 * @cssprop --ck-color-available - Credit available.
 */
@localized()
export class CkCreditToggle extends LitElement {
  static override styles = [themeStyles, ...creditToggleStyles];
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Whether credit is applied. Follows the `checked` attribute until set; a form reset goes back to the attribute. */
  @property({ attribute: false })
  get checked(): boolean {
    return this.#checked ?? this.defaultChecked;
  }
  set checked(value: boolean) {
    this.#checked = Boolean(value);
  }

  /** The initial state, from the `checked` attribute (like an input's). */
  @property({ type: Boolean, attribute: "checked", reflect: true })
  defaultChecked = false;

  /** Disabled by the host (it is also disabled whenever there is no credit available). */
  @property({ type: Boolean, reflect: true })
  disabled = false;

  /** The form field name. */
  @property({ reflect: true })
  name = "";

  /** The value submitted while on. */
  @property()
  value = "on";

  /** Credit available (canonical amount string); zero or empty disables the switch. */
  @property({ attribute: "available-credit" })
  availableCredit = "";

  /** The Applied Amount (canonical amount string). */
  @property({ attribute: "applied-amount" })
  appliedAmount = "";

  /** Remaining Due after the credit (canonical amount string). */
  @property({ attribute: "remaining-due" })
  remainingDue = "";

  /** ISO 4217 currency of the figures. */
  @property()
  currency = "USD";

  /** The locale money is shown in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The provider's settings and locale. */
  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected kit: KitSettings | undefined;

  @state()
  private formDisabled = false;

  readonly #internals: ElementInternals;
  #checked: boolean | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** True when the switch cannot be operated: disabled, in a disabled fieldset, or no credit. */
  get inactive(): boolean {
    return this.disabled || this.formDisabled || ZERO.test(this.availableCredit.trim());
  }

  /** The form this switch belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** Whether it is on as a person sees it: checked and operable (an inactive switch reads, and submits, as off). */
  get #on(): boolean {
    return this.checked && !this.inactive;
  }

  protected override updated(changed: PropertyValues): void {
    if (FORM_INPUTS.some((key) => changed.has(key))) {
      // The value goes with what the switch shows; the state keeps `checked`, so a restore brings back the person's choice.
      this.#internals.setFormValue(this.#on ? this.value : null, this.checked ? "on" : "off");
    }
  }

  /** Called by the form on reset: back to the `checked` attribute's state. */
  formResetCallback(): void {
    const old = this.checked;
    this.#checked = undefined;
    this.requestUpdate("checked", old);
  }

  /** Called by the browser when it restores a form (back/forward, autofill). */
  formStateRestoreCallback(saved: string | File | FormData | null): void {
    if (typeof saved === "string") this.checked = saved === "on";
  }

  /** Called when an ancestor fieldset is disabled or enabled. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Switches it as a click would (no effect when inactive) and fires `ck-apply-credit-change`. */
  toggle(): void {
    if (this.inactive) return;
    this.checked = !this.checked;
    this.dispatchEvent(new ApplyCreditChangeEvent({ checked: this.checked }));
  }

  protected override render() {
    const locale = resolveLocale(this.locale, this.kit?.locale);
    // Shown through Intl alone (no decimal library on a page that only shows the switch); the pay window computed the figures.
    const money = (amount: string) =>
      amount === "" ? "" : isolateCurrency(showAmountText(amount, this.currency, locale) ?? amount, this.currency, locale);
    const figures: [string, string][] = [
      [msg("Credit available"), this.availableCredit],
      [msg("Applied Amount"), this.appliedAmount],
      [msg("Remaining Due"), this.remainingDue],
    ];
    const shown = figures.filter(([, amount]) => amount !== "");
    return html`
      <div class="base" part="base">
        <button
          type="button"
          class="ck-switch"
          role="switch"
          part="switch"
          aria-checked=${this.#on ? "true" : "false"}
          aria-describedby=${shown.length === 0 ? nothing : "figures"}
          ?disabled=${this.inactive}
          @click=${this.toggle}
        >
          <span class="track" part="track"><span class="thumb" part="thumb"></span></span>
          <span part="label"><slot>${msg("Apply Credit")}</slot></span>
        </button>
        ${
          shown.length === 0
            ? nothing
            : html`<dl id="figures" part="figures">
              ${shown.map(
                ([label, amount]) => html`
                  <div>
                    <dt>${label}<span class="visually-hidden">:</span></dt>
                    <dd>${money(amount)}</dd>
                  </div>
                `,
              )}
            </dl>`
        }
      </div>
    `;
  }
}

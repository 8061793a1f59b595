import {
  type AccountSnapshot,
  type CheckoutPlan,
  type CommitResult,
  type CreditKitDataSource,
  DEFAULT_SETTINGS,
  type NewCharge,
  type OrgSettings,
  type PaymentMethod,
} from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { PaymentRecordedEvent, PlanChangeEvent, RecordRequestEvent } from "../events.js";
import { AccountController } from "../shared/account-controller.js";
import { frameStyles } from "../shared/frame.styles.js";
import { messageOf, resolveLocale, todayIso } from "../shared/money-text.js";
import { themeStyles } from "../theme.js";
import { methodsFor, movedFee, type PayInputs, type PaymentPlan, planPayment, type TenderRow } from "./checkout-form.js";
import { type PayView, renderPayWindow } from "./pay-window.render.js";
import { payWindowStyles } from "./pay-window.styles.js";

/** Where recording stands. */
export type RecordState = "idle" | "recording" | "done" | "failed";

function newKey(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `pay-${random}`;
}

/**
 * The pay window for the admin pay window, the point of sale and the
 * member portal. It shows the account's credit at the top right, the unpaid
 * fees to choose, the Apply Credit switch with the channel's default, a
 * smaller credit amount (admin), the payment amount (partial allowed), split
 * tenders, Charge to Account (point of sale), the live Applied Amount and
 * Remaining Due, the auto-apply warning, and the button that records the
 * payment — "Apply Credit" when credit pays everything. Every figure comes
 * from the core's `planCheckout`.
 *
 * At the point of sale a sale holds only what the admin puts in it: the
 * account's unpaid fees start unticked (tick one to add it), and an empty
 * sale is a hint, not an error. In the admin window and the portal, an
 * account with nothing unpaid shows that there is nothing to pay instead of a
 * form. Once recorded, the result says what happened in one set of figures:
 * paid, credit applied, charged to the account, what auto-apply then used
 * (and on which fees), what stays owed on these fees, and the account's
 * Amount Due now (the header's figure).
 *
 * An amount's problem shows when the person leaves its field, never while
 * they type ("10." is on its way to "10.50"); it blocks recording, and
 * pressing Record (or Enter) shows it at once. "Add payment method" starts
 * the new row with what is still owed after the credit and the other rows.
 * While the credit to apply is refused, the figures apply none of it.
 *
 * Inside a `<ck-provider>` with `account-id` it reads the account and records
 * through the data source, once per attempt (a double click or a retry never
 * records twice). Without a data source, set `snapshot` (and `settings`): on
 * confirm it fires `ck-record-request` with the plan for the host to record.
 *
 * @summary Take a payment with account credit, partial and split tenders, in the admin, POS or portal channel.
 * @fires {PlanChangeEvent} ck-plan-change - The live plan changed (every edit); `detail.plan` or `detail.error`.
 * @fires {RecordRequestEvent} ck-record-request - Cancelable, before recording; without a data source the host records `detail.plan` and may call `detail.respondWith(promise)`.
 * @fires {PaymentRecordedEvent} ck-payment-recorded - The payment was recorded; `detail.entries` are the ledger entries written.
 * @csspart base - The window.
 * @csspart header - The account name and balances (credit at top right).
 * @csspart balances - The Amount Due and Account Credit figures (left out with `hide-balances`).
 * @csspart fees - The unpaid fees to choose.
 * @csspart fee - One fee row.
 * @csspart move-button - Moves a fee up or down: payment goes to the fees in the order shown.
 * @csspart toggle - The Apply Credit switch (`<ck-credit-toggle>`).
 * @csspart toggle-base - The toggle's own `base` part (the toggle's parts are exported with a `toggle-` prefix).
 * @csspart toggle-switch - The switch button inside the toggle.
 * @csspart toggle-track - The switch's track.
 * @csspart toggle-thumb - The switch's thumb.
 * @csspart toggle-label - The switch's label.
 * @csspart toggle-figures - The toggle's credit available, applied and remaining due.
 * @csspart credit-amount - The admin's smaller credit amount field.
 * @csspart tenders - The tender rows.
 * @csspart tender - One tender row.
 * @csspart summary - Total, Applied Amount, Remaining Due and what stays owed.
 * @csspart warning - The auto-apply warning.
 * @csspart error - A message next to a field or a recording failure.
 * @csspart confirm - The button that records the payment.
 * @csspart result - What was recorded.
 * @csspart swept - In the result: the account credit auto-apply used after the recording, fee by fee.
 * @csspart hint - Point of sale: the note that nothing is in the sale yet.
 * @csspart nothing-owed - Admin and portal: the note shown instead of the form when nothing is owed.
 * @cssprop --ck-color-owed - Amount Due above zero, Remaining Due.
 * @cssprop --ck-color-available - Account Credit above zero, Applied Amount.
 * @cssprop --ck-color-neutral - Zero figures.
 * @cssprop --ck-color-surface - The window's background.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-accent - The confirm button and focus.
 * @cssprop --ck-color-danger - Input problems and failures.
 * @cssprop --ck-color-warning-surface - The auto-apply warning's background.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-color-surface-raised - Raised panels.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-warning-text - A warning's text.
 * @cssprop --ck-color-on-accent - Text on accent buttons.
 * @cssprop --ck-color-success - Success messages.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 * @cssprop --ck-color-text - Text.
 */
@localized()
export class CkPayWindow extends LitElement {
  static override styles = [themeStyles, frameStyles, payWindowStyles];

  /** Where the payment is taken: `admin`, `pos` (point of sale) or `portal` (member portal). */
  @property({ reflect: true })
  channel: "admin" | "pos" | "portal" = "admin";

  /** The account to take payment from, read from the provided data source. */
  @property({ attribute: "account-id", reflect: true })
  accountId: string | undefined;

  /** Controlled: the account's snapshot, when there is no data source. */
  @property({ attribute: false })
  snapshot: AccountSnapshot | undefined;

  /** Point of sale: charges rung up now, paid after the chosen fees (or charged to the account). */
  @property({ attribute: false })
  charges: readonly NewCharge[] = [];

  /** Settings to use instead of the data source's or the provider's. */
  @property({ attribute: false })
  settings: OrgSettings | undefined;

  /** The locale money is shown and typed in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The payment's date (YYYY-MM-DD); default today. */
  @property()
  date: string | undefined;

  /** The heading's text. By default the account's name, with the channel ("Take payment", "Point of sale", "Make a payment") beneath it; a heading of the host's own stands alone. */
  @property()
  heading: string | undefined;

  /**
   * The host shows the account's balances itself (a `<ck-balance>` beside the
   * window): the header leaves out its Amount Due and Account Credit, so a
   * page does not show them twice.
   */
  @property({ attribute: "hide-balances", type: Boolean, reflect: true })
  hideBalances = false;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The provider's settings and locale. */
  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected kit: KitSettings | undefined;

  @state() private inputs: PayInputs = {
    channel: "admin",
    deselected: new Set(),
    picked: new Set(),
    applyCredit: undefined,
    creditText: "",
    rows: [{ id: 0, method: "card", amountText: null }],
    chargeToAccount: false,
    order: [],
  };
  /** Amount fields being typed in: their problems wait until the person leaves the field (or presses Record). */
  @state() private editing: ReadonlySet<string> = new Set();
  @state() private recordState: RecordState = "idle";
  /** What the last recording attempt threw (worded at render time, in the language shown then). */
  @state() private failure: { readonly error: unknown } | undefined;
  @state() private recorded: { plan: CheckoutPlan; result: CommitResult | undefined } | undefined;

  readonly #account = new AccountController(this);
  #payment: PaymentPlan | undefined;
  /** The last plan and error announced with `ck-plan-change`, as text. */
  #planSaid = "";
  #key = newKey();
  #nextRow = 1;
  #busy = false;
  /** The plan of the attempt being recorded or that failed: a retry records exactly it. */
  #attempt: CheckoutPlan | undefined;

  /** The plan that confirming would record now, or undefined while an input is invalid. */
  get plan(): CheckoutPlan | undefined {
    return this.#payment?.plan;
  }

  /** Where recording stands: idle, recording, done or failed. */
  get status(): RecordState {
    return this.recordState;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#account.track(this.dataSource, this.accountId);
    if (changed.has("channel") && this.inputs.channel !== this.channel) {
      const methods = methodsFor(this.channel);
      const rows = this.inputs.rows.map((r) => (methods.includes(r.method) ? r : { ...r, method: methods[0] as PaymentMethod }));
      this.inputs = {
        ...this.inputs,
        channel: this.channel,
        rows,
        picked: new Set(),
        applyCredit: undefined,
        creditText: "",
        chargeToAccount: false,
      };
    }
    const snapshot = this.#snapshot();
    this.#payment = snapshot
      ? planPayment(this.inputs, {
          snapshot,
          charges: this.charges,
          settings: this.settings ?? this.#account.settings ?? this.kit?.settings ?? DEFAULT_SETTINGS,
          locale: this.#locale(),
          key: this.#key,
          date: this.date || todayIso(),
        })
      : undefined;
    if (this.#payment) {
      const error = this.#payment.errors.values().next().value;
      // Announced when what it says changed: a re-render (a language switch, a balance read again) plans anew.
      const said = JSON.stringify([this.#payment.plan, error]);
      if (said !== this.#planSaid) {
        this.#planSaid = said;
        this.dispatchEvent(new PlanChangeEvent({ plan: this.#payment.plan, error }));
      }
    }
  }

  protected override render() {
    const view: PayView = {
      channel: this.channel,
      heading: this.heading,
      hideBalances: this.hideBalances,
      live: Boolean(this.dataSource && this.accountId),
      snapshot: this.#snapshot(),
      loadState: this.#account.state,
      loadError: this.#account.error,
      charges: this.charges,
      payment: this.#payment,
      errors: this.#shownErrors(),
      errorsWaiting: (this.#payment?.errors.size ?? 0) > this.#shownErrors().size,
      inputs: this.inputs,
      locale: this.#locale(),
      recordState: this.recordState,
      failure: this.failure ? messageOf(this.failure.error) : "",
      recorded: this.recorded,
    };
    return renderPayWindow(view, {
      toggleFee: (feeId, chosen) =>
        this.#edit(
          this.channel === "pos"
            ? { picked: toggled(this.inputs.picked, feeId, chosen) }
            : { deselected: toggled(this.inputs.deselected, feeId, !chosen) },
        ),
      moveFee: (feeId, by) => this.#moveFee(feeId, by),
      applyCredit: (on) => this.#edit({ applyCredit: on }),
      creditText: (text) => {
        this.#edit({ creditText: text });
        this.#typing("credit-amount", true);
      },
      rowMethod: (id, method) => this.#editRow(id, { method }),
      rowAmount: (id, text) => {
        this.#editRow(id, { amountText: text });
        this.#typing(`tender-${id}`, true);
      },
      leave: (field) => this.#typing(field, false),
      addRow: () => this.#addRow(),
      removeRow: (id) => this.#removeRow(id),
      chargeToAccount: (on) => this.#edit({ chargeToAccount: on }),
      confirm: () => void this.confirm(),
      retry: () => void this.confirm(),
      startOver: () => this.startOver(),
    });
  }

  /**
   * Records the current plan: fires the cancelable `ck-record-request`, then
   * records through the data source (or the host's `respondWith`). Does
   * nothing while recording or when the inputs are invalid; a retry reuses the
   * plan's idempotency key.
   */
  async confirm(): Promise<void> {
    // A retry records the failed attempt's plan again (same key), even if the figures have moved since.
    const plan = (this.recordState === "failed" ? this.#attempt : undefined) ?? this.#payment?.plan;
    if (!plan && this.#payment && this.#payment.errors.size > 0 && this.recordState === "idle") {
      // Record with a problem the person has not seen yet (Enter in the field): show every problem, focus the first.
      this.editing = new Set();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("input[aria-invalid=true], fieldset[aria-invalid=true] input")?.focus();
      return;
    }
    if (this.#busy || !plan || this.recordState === "done") return;
    this.#attempt = plan;
    this.#busy = true;
    const host: { response?: Promise<CommitResult> } = {};
    const request = new RecordRequestEvent({
      plan,
      respondWith: (result) => {
        host.response = result;
      },
    });
    if (!this.dispatchEvent(request)) {
      this.#busy = false;
      return;
    }
    const source = this.dataSource;
    const response = source ? Promise.resolve().then(() => source.recordCheckout(plan)) : host.response;
    this.recordState = "recording";
    this.failure = undefined;
    try {
      const result = response ? await response : undefined;
      this.recorded = { plan, result };
      this.recordState = "done";
      this.#attempt = undefined;
      this.#key = newKey();
      if (result) {
        this.dispatchEvent(new PaymentRecordedEvent({ plan, status: result.status, entries: result.entries, swept: result.swept }));
      }
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[part~=result]")?.focus();
    } catch (error) {
      this.failure = { error };
      this.recordState = "failed";
      // The button pressed is disabled while recording: focus goes to the way on, not to the page.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[part~=error] button")?.focus();
    } finally {
      this.#busy = false;
    }
  }

  /** Clears the window for the next payment (after one was recorded). */
  startOver(): void {
    this.recorded = undefined;
    this.recordState = "idle";
    this.failure = undefined;
    this.editing = new Set();
    this.#key = newKey();
    this.#nextRow = 1;
    this.inputs = {
      ...this.inputs,
      deselected: new Set(),
      picked: new Set(),
      applyCredit: undefined,
      creditText: "",
      chargeToAccount: false,
      order: [],
      rows: [this.#firstRow()],
    };
    // The result and its button are gone: once the account is read again, focus the first fee to choose (or the heading).
    void this.#account
      .reload()
      .then(() => this.updateComplete)
      .then(() => this.renderRoot.querySelector<HTMLElement>("[part~=fees] input:not([disabled]), #title")?.focus());
  }

  /** The problems a person sees: all but those of the amount being typed (and of the amounts as a whole, while one is typed). */
  #shownErrors(): ReadonlyMap<string, string> {
    const errors = this.#payment?.errors ?? new Map<string, string>();
    if (this.editing.size === 0) return errors;
    return new Map([...errors].filter(([field]) => !this.editing.has(field) && field !== "tenders"));
  }

  /** An amount field is being typed in (its problems wait), or the person left it (they show). */
  #typing(field: string, typing: boolean): void {
    if (this.editing.has(field) === typing) return;
    const next = new Set(this.editing);
    if (typing) next.add(field);
    else next.delete(field);
    this.editing = next;
  }

  /** Removes a tender row; focus goes to the row before it (its amount), or to Add payment method. */
  #removeRow(id: number): void {
    const rows = this.inputs.rows;
    const left = rows.filter((r) => r.id !== id);
    const next = rows[rows.findIndex((r) => r.id === id) - 1] ?? left[0];
    this.#edit({ rows: left });
    void this.updateComplete.then(() => {
      const target = next ? this.renderRoot.querySelector<HTMLElement>(`#tender-${next.id}`) : null;
      (target ?? this.renderRoot.querySelector<HTMLElement>(".add"))?.focus();
    });
  }

  /** Moves a fee one place; focus stays on its move button (the other one once it reaches an end). */
  #moveFee(feeId: string, by: -1 | 1): void {
    this.#edit({ order: movedFee(this.#payment?.fees ?? [], feeId, by) });
    void this.updateComplete.then(() => {
      const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>(`[data-fee-id="${CSS.escape(feeId)}"] .move button`);
      const [up, down] = [buttons[0], buttons[1]];
      const wanted = by < 0 ? up : down;
      (wanted && !wanted.disabled ? wanted : by < 0 ? down : up)?.focus();
    });
  }

  #firstRow(): TenderRow {
    return { id: 0, method: methodsFor(this.channel)[0] as PaymentMethod, amountText: null };
  }

  #snapshot(): AccountSnapshot | undefined {
    return this.dataSource && this.accountId ? this.#account.snapshot : this.snapshot;
  }

  #locale(): string | undefined {
    return resolveLocale(this.locale, this.kit?.locale);
  }

  /** Any edit makes a new attempt: a new idempotency key, and a past failure is cleared. */
  #edit(patch: Partial<PayInputs>): void {
    if (this.recordState === "recording" || this.recordState === "done") return;
    this.inputs = { ...this.inputs, ...patch };
    this.#key = newKey();
    this.#attempt = undefined;
    if (this.recordState === "failed") {
      this.recordState = "idle";
      this.failure = undefined;
    }
  }

  #editRow(id: number, patch: Partial<TenderRow>): void {
    this.#edit({ rows: this.inputs.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  }

  #addRow(): void {
    const shown = this.#payment?.autoText ?? "";
    // The row that followed Remaining Due keeps what it showed; the new row follows what is still owed after
    // the credit and the other rows (and keeps following it until the person types in it).
    const rows = this.inputs.rows.map((r) => (r.amountText === null && shown !== "" ? { ...r, amountText: shown } : r));
    const method = methodsFor(this.channel).find((m) => !rows.some((r) => r.method === m)) ?? "card";
    const id = this.#nextRow++;
    this.#edit({ rows: [...rows, { id, method, amountText: null }] });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tender-${id}-method`)?.focus());
  }
}

function toggled(set: ReadonlySet<string>, id: string, add: boolean): Set<string> {
  const next = new Set(set);
  if (add) next.add(id);
  else next.delete(id);
  return next;
}

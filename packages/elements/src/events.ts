/**
 * The typed events creditkit elements fire. Every one bubbles and is
 * composed, carries the `ck-` prefix, and is listed in
 * `GlobalEventHandlersEventMap`, so `el.addEventListener("ck-…", e => e.detail…)`
 * is typed in any host.
 */
import type { CheckoutPlan, CommitResult, LedgerEntry } from "@creditkit/core";

const OPTIONS = { bubbles: true, composed: true } as const;

/** What `<ck-credit-toggle>` reports when a person switches Apply Credit. */
export interface ApplyCreditChangeDetail {
  readonly checked: boolean;
}

/** Fired by `<ck-credit-toggle>` when a person turns Apply Credit on or off. */
export class ApplyCreditChangeEvent extends CustomEvent<ApplyCreditChangeDetail> {
  static readonly eventName = "ck-apply-credit-change" as const;
  constructor(detail: ApplyCreditChangeDetail) {
    super(ApplyCreditChangeEvent.eventName, { ...OPTIONS, detail });
  }
}

/** The plan the pay window would record now, or why there is none. */
export interface PlanChangeDetail {
  readonly plan: CheckoutPlan | undefined;
  /** The first input problem, in words; undefined when the plan is valid. */
  readonly error: string | undefined;
}

/** Fired by `<ck-pay-window>` whenever its live plan changes (every edit). */
export class PlanChangeEvent extends CustomEvent<PlanChangeDetail> {
  static readonly eventName = "ck-plan-change" as const;
  constructor(detail: PlanChangeDetail) {
    super(PlanChangeEvent.eventName, { ...OPTIONS, detail });
  }
}

/** What a host receives when asked to record a plan. */
export interface RecordRequestDetail {
  readonly plan: CheckoutPlan;
  /**
   * Call while the event is dispatched (in a synchronous listener) to hand
   * the window the recording's outcome: it shows progress, then the
   * result or the failure with a Retry (which asks again with the same plan
   * and idempotency key).
   */
  respondWith(result: Promise<CommitResult>): void;
}

/**
 * Fired by `<ck-pay-window>` when the person confirms, before anything is
 * recorded. Cancel it (`preventDefault()`) to stop the payment. With no data
 * source the host records `detail.plan` itself and reports back through
 * `detail.respondWith`.
 */
export class RecordRequestEvent extends CustomEvent<RecordRequestDetail> {
  static readonly eventName = "ck-record-request" as const;
  constructor(detail: RecordRequestDetail) {
    super(RecordRequestEvent.eventName, { ...OPTIONS, cancelable: true, detail });
  }
}

/** What was recorded. */
export interface PaymentRecordedDetail {
  readonly plan: CheckoutPlan;
  /** `duplicate` when the same plan had been recorded before: nothing was written twice. */
  readonly status: CommitResult["status"];
  /** The ledger entries the payment wrote. */
  readonly entries: readonly LedgerEntry[];
  /** Auto-apply's `Payment (AC)` entries that followed. */
  readonly swept: readonly LedgerEntry[];
}

/** Fired by `<ck-pay-window>` once the payment is recorded. */
export class PaymentRecordedEvent extends CustomEvent<PaymentRecordedDetail> {
  static readonly eventName = "ck-payment-recorded" as const;
  constructor(detail: PaymentRecordedDetail) {
    super(PaymentRecordedEvent.eventName, { ...OPTIONS, detail });
  }
}

/** A payment reversed from `<ck-transactions>`. */
export interface PaymentReversedDetail {
  readonly accountId: string;
  /** The entry id of the payment reversed. */
  readonly entryId: string;
  /** What the data source wrote: the `Void` (`committed`), or nothing (`duplicate`, reversed before under the same key). */
  readonly result: CommitResult;
}

/** Fired by `<ck-transactions>` once a payment is reversed. */
export class PaymentReversedEvent extends CustomEvent<PaymentReversedDetail> {
  static readonly eventName = "ck-payment-reversed" as const;
  constructor(detail: PaymentReversedDetail) {
    super(PaymentReversedEvent.eventName, { ...OPTIONS, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-apply-credit-change": ApplyCreditChangeEvent;
    "ck-plan-change": PlanChangeEvent;
    "ck-record-request": RecordRequestEvent;
    "ck-payment-recorded": PaymentRecordedEvent;
    "ck-payment-reversed": PaymentReversedEvent;
  }
}

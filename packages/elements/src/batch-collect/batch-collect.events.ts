/** The events `<ck-batch-collect>` fires; each bubbles, is composed and is listed in `GlobalEventHandlersEventMap`. */
import type { BatchInvoice, BatchResult } from "@creditkit/core";

const OPTIONS = { bubbles: true, composed: true } as const;

/** The batch about to run. */
export interface BatchStartDetail {
  readonly batchId: string;
  readonly invoices: readonly BatchInvoice[];
  readonly applyCredit: boolean;
}

/** Fired when a person presses Run (or Run again), before anything is charged. Cancel it to stop the run. */
export class BatchStartEvent extends CustomEvent<BatchStartDetail> {
  static readonly eventName = "ck-batch-start" as const;
  constructor(detail: BatchStartDetail) {
    super(BatchStartEvent.eventName, { ...OPTIONS, cancelable: true, detail });
  }
}

/** How far a run has come. */
export interface BatchProgressDetail {
  readonly batchId: string;
  readonly done: number;
  readonly total: number;
}

/** Fired at most once per animation frame while a batch runs. */
export class BatchProgressEvent extends CustomEvent<BatchProgressDetail> {
  static readonly eventName = "ck-batch-progress" as const;
  constructor(detail: BatchProgressDetail) {
    super(BatchProgressEvent.eventName, { ...OPTIONS, detail });
  }
}

/** Fired when a run has finished (or was cancelled): every invoice's result and the summary. */
export class BatchCompleteEvent extends CustomEvent<BatchResult> {
  static readonly eventName = "ck-batch-complete" as const;
  constructor(detail: BatchResult) {
    super(BatchCompleteEvent.eventName, { ...OPTIONS, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-batch-start": BatchStartEvent;
    "ck-batch-progress": BatchProgressEvent;
    "ck-batch-complete": BatchCompleteEvent;
  }
}

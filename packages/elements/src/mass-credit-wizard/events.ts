/**
 * The typed events `<ck-mass-credit-wizard>` fires. Each bubbles and is
 * composed, carries the `ck-` prefix and is listed in
 * `GlobalEventHandlersEventMap`.
 */
import type { MassCreditPreview, RunRecord, RunReversal } from "@creditkit/core";

const OPTIONS = { bubbles: true, composed: true } as const;

/** Fired when a preview is ready for review. */
export class MassCreditPreviewEvent extends CustomEvent<{ readonly preview: MassCreditPreview }> {
  static readonly eventName = "ck-mass-credit-preview" as const;
  constructor(preview: MassCreditPreview) {
    super(MassCreditPreviewEvent.eventName, { ...OPTIONS, detail: { preview } });
  }
}

/** Fired when a run (new or resumed) has finished or stopped; `detail.record` is its record. */
export class MassCreditProcessedEvent extends CustomEvent<{ readonly record: RunRecord }> {
  static readonly eventName = "ck-mass-credit-processed" as const;
  constructor(record: RunRecord) {
    super(MassCreditProcessedEvent.eventName, { ...OPTIONS, detail: { record } });
  }
}

/** Fired when a finished run was reversed; `detail.reversal` reports what was voided and what had been spent. */
export class MassCreditReversedEvent extends CustomEvent<{ readonly reversal: RunReversal }> {
  static readonly eventName = "ck-mass-credit-reversed" as const;
  constructor(reversal: RunReversal) {
    super(MassCreditReversedEvent.eventName, { ...OPTIONS, detail: { reversal } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-mass-credit-preview": MassCreditPreviewEvent;
    "ck-mass-credit-processed": MassCreditProcessedEvent;
    "ck-mass-credit-reversed": MassCreditReversedEvent;
  }
}

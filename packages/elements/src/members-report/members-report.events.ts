/** The event `<ck-members-report>` fires; it bubbles, is composed and is listed in `GlobalEventHandlersEventMap`. */

/** The account a person acted on, and what they asked for. */
export interface MemberActionDetail {
  /** `"pay"`: the row's Take payment button (open the pay window for the account). */
  readonly action: "pay";
  readonly accountId: string;
  readonly name: string;
  readonly amountDue: string;
  readonly accountCredit: string;
}

/** Fired when a person presses a row's action; a host opens its pay window for `detail.accountId`. */
export class MemberActionEvent extends CustomEvent<MemberActionDetail> {
  static readonly eventName = "ck-member-action" as const;
  constructor(detail: MemberActionDetail) {
    super(MemberActionEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-member-action": MemberActionEvent;
  }
}

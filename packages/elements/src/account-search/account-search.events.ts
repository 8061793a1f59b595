/** The events `<ck-account-search>` fires; they bubble, are composed and are listed in `GlobalEventHandlersEventMap`. */

/** The account a person picked. */
export interface AccountSelectDetail {
  readonly accountId: string;
  readonly name: string;
}

/** Fired when a person picks an account (Enter on an option, or a click on it). */
export class AccountSelectEvent extends CustomEvent<AccountSelectDetail> {
  static readonly eventName = "ck-account-select" as const;
  constructor(detail: AccountSelectDetail) {
    super(AccountSelectEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

/** What a person has typed into the search. */
export interface AccountQueryDetail {
  readonly query: string;
}

/** Fired on every edit of the search text (a host may filter its own list by it, as the members report does). */
export class AccountQueryEvent extends CustomEvent<AccountQueryDetail> {
  static readonly eventName = "ck-account-query" as const;
  constructor(detail: AccountQueryDetail) {
    super(AccountQueryEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-account-select": AccountSelectEvent;
    "ck-account-query": AccountQueryEvent;
  }
}

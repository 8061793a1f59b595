/**
 * The data-source port (types only): how the elements read accounts, fees
 * and settings, record payments, post credits, and reach the gateway. The
 * embedded data source (@creditkit/store) implements it; so can a host's
 * backend. Everything is asynchronous and plain data, so it crosses a
 * network, a worker or IndexedDB unchanged.
 */
import type { CheckoutPlan } from "./checkout/types.js";
import type { CreditKitErrorCode } from "./errors.js";
import type { PaymentGateway } from "./gateway.js";
import type { AccountSnapshot } from "./ledger/account-state.js";
import type { AccountRecord, GrantEntry, LedgerEntry } from "./ledger/entries.js";
import type { CommitResult } from "./ledger/journal.js";
import type { OrgSettings } from "./settings.js";

/** What changed in the data source; elements showing those accounts refresh. */
export interface DataSourceChange {
  /** The idempotency key of the operation that changed them. */
  readonly key: string;
  readonly accountIds: readonly string[];
  /** True when the change came from another tab or connection. */
  readonly remote?: boolean;
}

/** A filter over ledger lines; all fields optional, combined with AND. */
export interface EntryQuery {
  readonly accountIds?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

export interface CreditKitDataSource {
  /** The ledger's currency (ISO 4217). */
  readonly currency: string;
  getSettings(): Promise<OrgSettings>;
  updateSettings(patch: Partial<OrgSettings>): Promise<OrgSettings>;
  listAccounts(): Promise<readonly AccountRecord[]>;
  /** Balances, fees and grants of one account; rejects with `unknown-account`. */
  getAccount(accountId: string): Promise<AccountSnapshot>;
  /** Balances of many accounts at once (reports). */
  getAccounts(accountIds?: readonly string[]): Promise<readonly AccountSnapshot[]>;
  listEntries(query?: EntryQuery): Promise<readonly LedgerEntry[]>;
  /** Records a checkout plan once per key; rejects with a typed error and writes nothing when the plan is stale. */
  recordCheckout(plan: CheckoutPlan): Promise<CommitResult>;
  /** Posts credit grants under one key, atomically and once. */
  postCredits(key: string, grants: readonly GrantEntry[]): Promise<CommitResult>;
  /** The payment gateway that settlement charges. */
  readonly gateway: PaymentGateway;
  /** Calls `listener` after every change, including those made in another tab. Returns the unsubscribe function. */
  subscribe(listener: (change: DataSourceChange) => void): () => void;
}

/** The shape in which a data source reports a failure it cannot express as a CreditKitError. */
export interface DataSourceFailure {
  readonly code: CreditKitErrorCode;
  readonly message: string;
}

/**
 * The data-source port (types only): how the elements read accounts, fees
 * and settings, record payments, post credits, and reach the gateway. The
 * embedded data source (@creditkit/store) implements it; so can a host's
 * backend. Everything is asynchronous and plain data, so it crosses a
 * network, a worker or IndexedDB unchanged.
 */
import type { CheckoutPlan } from "./checkout/types.js";
import type { IsoDate } from "./dates.js";
import type { CreditKitErrorCode } from "./errors.js";
import type { PaymentGateway } from "./gateway.js";
import type { AccountSnapshot } from "./ledger/account-state.js";
import type { AccountRecord, GrantEntry, LedgerEntry } from "./ledger/entries.js";
import type { CommitResult } from "./ledger/journal.js";
import type { FamilyExplanation } from "./mass-credit/explain.js";
import type { MassCreditRequest } from "./mass-credit/filters.js";
import type { MassCreditDataSet, OrganisationLists } from "./mass-credit/model.js";
import type { MassCreditPreview, PreviewRow } from "./mass-credit/preview.js";
import type { ProcessRunOptions, RunPlan, RunRecord, RunReversalMark, RunStatus } from "./mass-credit/run-types.js";
import type { OrgSettings } from "./settings.js";
import type { BatchResult, SettleBatchRequest } from "./settlement/types.js";

/** What changed in the data source; elements showing those accounts refresh. */
export interface DataSourceChange {
  /** The idempotency key of the operation that changed them. */
  readonly key: string;
  readonly accountIds: readonly string[];
  /** True when the change came from another tab or connection. */
  readonly remote?: boolean;
}

/** How a data source processes a mass-credit run: chunk size, progress and the abort signal. */
export type DataSourceRunOptions = Pick<ProcessRunOptions, "chunkSize" | "onProgress" | "signal">;

/**
 * A saved mass-credit run. `processing` means it was started and never
 * finished (the page was closed): process it again with `resumeRun`.
 */
export interface RunSummary {
  readonly runId: string;
  readonly status: "processing" | RunStatus;
  /** Rows selected for the run. */
  readonly selected: number;
  /** Canonical amount string: what the run issues when every row is credited. */
  readonly total: string;
  readonly description: string;
  /** ISO time the run was first saved. */
  readonly savedAt: string;
  /** The last processing's record (absent while `processing`). */
  readonly record?: RunRecord;
  /** Present once the run was reversed (by a data source that can reverse runs): when, and the totals. */
  readonly reversal?: RunReversalMark;
}

/** A mass-credit run or a batch settlement done as a server job (`CreditKitDataSource.jobs`). */
export interface JobSummary {
  readonly kind: "run" | "batch";
  /** The run's or the batch's id. */
  readonly id: string;
  /** 1, then one more each time it was asked again after it finished. */
  readonly round: number;
  readonly status: "queued" | "running" | "done" | "failed";
  /** Rows or invoices looked at so far, of `total`. */
  readonly done: number;
  readonly total: number;
  readonly cancelRequested: boolean;
  /** ISO times. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Runs and batches done as server jobs: they go on when the page closes and
 * after a restart, and any admin can follow them.
 */
export interface JobsPort {
  /** The organisation's jobs, newest first (also those started elsewhere). */
  list(): Promise<readonly JobSummary[]>;
  /**
   * Follows a job's latest round to its end: progress along the way, then its
   * result (a run's `RunRecord`, a batch's `BatchResult`); rejects with the
   * job's error. An abort asks the job to stop and answers what it did.
   */
  follow<R>(
    kind: JobSummary["kind"],
    id: string,
    options?: {
      readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
      readonly signal?: { readonly aborted: boolean };
    },
  ): Promise<R>;
}

/** What a wizard asks its questions with when the data set stays on the server (`PreviewsPort.context`). */
export interface PreviewContext {
  readonly currency: string;
  readonly lists: OrganisationLists;
  /** Families in the data set. */
  readonly families: number;
  /** The keywords in use, sorted: on students, on families, and on classes, camps and programs. */
  readonly keywords: { readonly student: readonly string[]; readonly family: readonly string[]; readonly offering: readonly string[] };
}

/** A preview worked out where the data set is (`PreviewsPort.start`): its totals, summary and first rows. */
export interface ServerPreview {
  readonly previewId: string;
  /** ISO time the data set was read ("outstanding" as it stood then). */
  readonly asOf: string;
  /** The validated request. */
  readonly request: MassCreditPreview["request"];
  readonly count: number;
  readonly total: string;
  readonly summary: readonly string[];
  /** The first rows, in review order (more with `rows`). */
  readonly rows: readonly PreviewRow[];
}

/**
 * Mass-credit previews worked out where the data set is (a server), so the
 * page receives the summary, the totals and the rows a page at a time, never
 * the data set; the run is planned there from the reviewed rows.
 */
export interface PreviewsPort {
  /** The lists and keywords the questions offer; undefined before a data set is stored. */
  context(): Promise<PreviewContext | undefined>;
  start(request: MassCreditRequest, options?: { readonly limit?: number }): Promise<ServerPreview>;
  rows(previewId: string, offset: number, limit: number): Promise<readonly PreviewRow[]>;
  explain(previewId: string, familyId: string): Promise<FamilyExplanation>;
  /** Plans the run from the preview's rows less `deselected` and processes it (a server job); resolves with its record. */
  run(
    previewId: string,
    options: { readonly runId: string; readonly deselected?: readonly string[] } & DataSourceRunOptions,
  ): Promise<RunRecord>;
}

/** A filter over ledger lines; all fields optional, combined with AND. */
export interface EntryQuery {
  readonly accountIds?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

/** What `reversePayment` reverses, when and under which key. */
export interface PaymentReversalRequest {
  readonly accountId: string;
  /** The entry id of the `Payment` or `Payment (AC)` to reverse. */
  readonly entryId: string;
  /** The reversal's date. */
  readonly date: IsoDate;
  /** Idempotency key; default `reversalKey(entryId)`: `reverse/${entryId}`, a `§` in the id written `%C2%A7`. */
  readonly key?: string;
  /** Default `Reversal of ${payment's description}`. */
  readonly description?: string;
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
  /**
   * Optional. Reverses a whole recorded `Payment` or `Payment (AC)` with a
   * `Void` (core's `paymentReversal`): what it paid is owed again, the credit
   * it used is available again. Atomic and idempotent by `key` (default
   * `reversalKey(entryId)`): the same key again resolves `duplicate` and writes
   * nothing. Rejects with `unknown-payment`, `payment-already-reversed`,
   * `fee-reserved` (a fee it paid is held by a settlement in flight) or
   * `invalid-input` (a payment that put part of itself on credit). Hosts
   * without it get no Reverse action in `<ck-transactions>`.
   */
  reversePayment?(request: PaymentReversalRequest): Promise<CommitResult>;
  /** The payment gateway that settlement charges. */
  readonly gateway: PaymentGateway;
  /**
   * The mass-credit data set previews read (§6), each fee's remainder as it
   * stands now ("only customers with outstanding charges" reads them);
   * undefined until one is stored.
   */
  getDataSet(): Promise<MassCreditDataSet | undefined>;
  /**
   * Optional: the data set's named lists alone (credit types, locations …),
   * for anyone signed in; undefined until a data set is stored. Elements
   * that only need a name read this when present, not the whole data set.
   */
  getLists?(): Promise<OrganisationLists | undefined>;
  /**
   * Saves the run's plan (so a closed page can resume it), then posts its
   * credits in chunks, each row exactly once, also when two tabs process the
   * same run; resolves with the run's record.
   */
  processRun(plan: RunPlan, options?: DataSourceRunOptions): Promise<RunRecord>;
  /** Processes a saved run again, posting only what is missing; rejects with `unknown-id`. */
  resumeRun(runId: string, options?: DataSourceRunOptions): Promise<RunRecord>;
  /** Every saved run, newest first. */
  listRuns(): Promise<readonly RunSummary[]>;
  /** Settles a batch of invoices (§5) through `gateway`. */
  settleBatch(request: SettleBatchRequest): Promise<BatchResult>;
  /** Calls `listener` after every change, including those made in another tab. Returns the unsubscribe function. */
  subscribe(listener: (change: DataSourceChange) => void): () => void;
  /**
   * Optional: present when `processRun`, `resumeRun` and `settleBatch` run
   * as server jobs (the remote data source). The elements then send a batch
   * in one call (the server paces it), and show a run or a batch started
   * elsewhere, following it to its end.
   */
  readonly jobs?: JobsPort;
  /** Optional: previews worked out on the server (the remote data source); without it the wizard previews in the page. */
  readonly previews?: PreviewsPort;
}

/** The shape in which a data source reports a failure it cannot express as a CreditKitError. */
export interface DataSourceFailure {
  readonly code: CreditKitErrorCode;
  readonly message: string;
}

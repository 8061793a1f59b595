/**
 * The shapes of a mass-credit run (§6 "Process"): the plan a preview and a
 * selection turn into, the ledger port processing and reversal talk to, the
 * run record, and a reversal's report. Types only.
 */
import type { IsoDate } from "../dates.js";
import type { CreditKitErrorCode } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import type { LedgerEntry } from "../ledger/entries.js";
import type { Awaitable } from "../settlement/types.js";
import type { IssueMode } from "./filters.js";

/** What the run was asked to issue: the answers a record keeps beside its filter summary. */
export interface RunRequestEssentials {
  readonly description: string;
  /** Credit type id, and its name from the organisation's list (the id when no list was given). */
  readonly creditType: string;
  readonly creditTypeName: string;
  /** The date every credit is issued for. */
  readonly date: IsoDate;
  /** The credit per row, as a canonical amount string. */
  readonly amount: string;
  readonly currency: string;
  readonly mode: IssueMode;
  /** The run's location id (every credit carries it), and its name (the id when no list was given). */
  readonly location: string;
  readonly locationName: string;
}

/**
 * One credit a run posts: the row it is for, keyed `runId/rowKey`. The grant
 * entry itself is made when the post's chunk is written (`creditEntry`): the
 * ledger keeps its own copy, so a plan that held an entry per post kept
 * ~200 bytes a row alive for nothing (20 MB for 95,000 rows).
 */
export interface CreditPost {
  /** `${runId}/${rowKey}`: the idempotency key the grant is committed under. */
  readonly key: string;
  readonly rowKey: string;
  /** The account credited. */
  readonly familyId: string;
  readonly familyName: string;
  readonly studentId?: string;
  readonly studentName?: string;
  readonly enrollmentId?: string;
  readonly offeringName?: string;
  /** The credit, as a canonical amount string. */
  readonly amount: string;
}

/** Everything `processRun` needs: made by `planRun`, plain data (it can cross to a worker). */
export interface RunPlan {
  readonly runId: string;
  readonly request: RunRequestEssentials;
  /** The preview's filter summary: one line per filter used. */
  readonly filters: readonly string[];
  /** One per selected row, in review order. */
  readonly posts: readonly CreditPost[];
  readonly count: number;
  /** Canonical amount string: the sum of the posts. */
  readonly total: string;
}

/** One key and the entries to commit under it. */
export interface KeyedEntries {
  readonly key: string;
  readonly entries: readonly LedgerEntry[];
}

/**
 * The part of a ledger a run posts to (a subset of `Journal`). Every method
 * may answer now or with a promise; the run always awaits.
 */
export interface RunLedger {
  /** The ledger's currency; when given, a plan in another currency is refused before anything is written. */
  readonly currency?: string;
  /** The entries written under `key`, or undefined when it was never committed. */
  committed(key: string): Awaitable<readonly LedgerEntry[] | undefined>;
  /** Appends `entries` atomically under `key`; the same key with the same entries again writes nothing (`status: "duplicate"`). */
  commit(key: string, entries: readonly LedgerEntry[]): Awaitable<{ readonly status?: "committed" | "duplicate" }>;
  /**
   * Optional: commits a whole chunk in one transaction, each item idempotent
   * by its key as in `commit`, all or nothing (throws, and writes nothing,
   * when any item fails). When it throws a `CreditKitError` the run commits
   * that chunk's items one by one, so a bad row is reported and the others
   * are still credited.
   */
  commitChunk?(items: readonly KeyedEntries[]): Awaitable<unknown>;
}

/** What reversal also needs: the grants' remainders. */
export interface ReversalLedger extends RunLedger {
  snapshot(accountId: string): Awaitable<AccountSnapshot>;
}

/** Anything with `aborted`, e.g. an `AbortSignal`. */
export interface RunAbortSignal {
  readonly aborted: boolean;
}

/** Reported after each chunk. */
export interface RunProgress {
  /** Rows looked at so far (issued, skipped or failed). */
  readonly done: number;
  /** Rows in the plan. */
  readonly total: number;
  /** Credits posted by this call. */
  readonly issued: number;
  /** Rows already credited before (an earlier or concurrent processing of the same run). */
  readonly skipped: number;
  /** Rows that could not be credited (see the record's `errors`). */
  readonly failed: number;
}

/** How `processRun` works through a plan. */
export interface ProcessRunOptions {
  /** Rows per chunk (a positive integer). Default 500. */
  readonly chunkSize?: number;
  /** Called after each chunk; an exception thrown by it is ignored. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Checked before each chunk: once aborted, no new chunk starts and the record is `interrupted`. */
  readonly signal?: RunAbortSignal;
  /** When this processing started (ISO string from the caller; the rules read no clock). Defaults to `now()`. */
  readonly startedAt?: string;
  /** The caller's clock, for `startedAt` and `finishedAt`. Omit it and the record has no times. */
  readonly now?: () => string;
  /**
   * How to give the event loop a turn between chunks. Default: a macrotask
   * (`setTimeout(0)`), so a page stays responsive. Tests may pass a faster one.
   */
  readonly yieldControl?: () => Promise<void>;
}

/** A credit the run issued (now or in an earlier processing of the same run). */
export interface IssuedCredit {
  readonly rowKey: string;
  readonly familyId: string;
  readonly familyName: string;
  readonly studentName?: string;
  readonly enrollmentId?: string;
  readonly offeringName?: string;
  readonly grantId: string;
  readonly entryId: string;
  /** Canonical amount string. */
  readonly amount: string;
}

/** A row that could not be credited, with the reason. */
export interface RunRowError {
  readonly rowKey: string;
  readonly familyId: string;
  readonly code: CreditKitErrorCode | "error";
  readonly message: string;
}

/**
 * - `done`: every row was attempted (rows in `errors` were not credited; processing again retries them).
 * - `interrupted`: the signal stopped it; `remaining` rows were not reached.
 * - `failed`: the ledger failed (storage, network); `failure` says how. Processing again resumes.
 */
export type RunStatus = "done" | "interrupted" | "failed";

/** What a run did: the record the wizard shows, saves and exports. */
export interface RunRecord {
  readonly runId: string;
  readonly status: RunStatus;
  /** The filter summary, one line per filter used. */
  readonly filters: readonly string[];
  readonly request: RunRequestEssentials;
  /** Every credit of the run known to be on the ledger, in review order. */
  readonly credits: readonly IssuedCredit[];
  /** `credits.length`. */
  readonly count: number;
  /** The sum of `credits`' amounts. */
  readonly total: string;
  /** Credits posted by this processing; the rest of `credits` were found already posted. */
  readonly issued: number;
  readonly skipped: number;
  /** Rows selected for the run. */
  readonly selected: number;
  /** Rows not reached (interrupted or failed runs). */
  readonly remaining: number;
  readonly errors: readonly RunRowError[];
  /** Why a `failed` run stopped. */
  readonly failure?: { readonly code: CreditKitErrorCode | "error"; readonly message: string };
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

/** How `reverseRun` writes its voids. */
export interface ReverseRunOptions {
  /** The date the voids are written with. */
  readonly date: IsoDate;
  /** The reversal's key prefix; each void is keyed `${key}/${rowKey}`. Default `${runId}/reverse`. */
  readonly key?: string;
  /** Called after each credit with how many are done; an exception thrown by it is ignored. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  /** How to give the event loop a turn every 500 credits. Default: a macrotask. */
  readonly yieldControl?: () => Promise<void>;
}

/**
 * How one credit's reversal ended: `voided` (this call voided its unused
 * credit), `already-reversed` (found voided under the same key), `nothing-to-void`
 * (all spent or held), `failed` (see `error`).
 */
export type ReversalOutcome = "voided" | "already-reversed" | "nothing-to-void" | "failed";

/** The reversal of one credit. */
export interface CreditReversal {
  readonly rowKey: string;
  readonly familyId: string;
  readonly familyName: string;
  readonly grantId: string;
  readonly outcome: ReversalOutcome;
  /** The credit as issued. */
  readonly amount: string;
  /** Voided by this reversal (under its key). */
  readonly voided: string;
  /** Already spent on fees: reported, never clawed back. */
  readonly used: string;
  /** Held by a settlement in flight when reversed: left alone. */
  readonly reserved: string;
  /** The void entry's id, when one was written under the key. */
  readonly entryId?: string;
  readonly error?: { readonly code: CreditKitErrorCode | "error"; readonly message: string };
}

/** What `reverseRun` did, per credit and in total. */
export interface RunReversal {
  readonly runId: string;
  readonly key: string;
  /** The date the voids were written with. */
  readonly date: IsoDate;
  readonly credits: readonly CreditReversal[];
  readonly totals: {
    readonly issued: string;
    readonly voided: string;
    readonly used: string;
    readonly reserved: string;
  };
  readonly failed: number;
}

/**
 * What a saved run keeps of its reversal (`RunSummary.reversal`), so a list
 * of runs can say it was reversed after a reload: when, and the totals. The
 * per-credit report is the reversal's own (`RunReversal`), not kept.
 */
export interface RunReversalMark {
  /** ISO time the reversal was recorded (the data source's clock). */
  readonly reversedAt: string;
  /** The date the voids were written with. */
  readonly date: IsoDate;
  readonly totals: RunReversal["totals"];
  /** How many credits had already been spent (in part or whole) when reversed. */
  readonly spent: number;
  /** Credits that could not be reversed (reversing again retries them). */
  readonly failed: number;
}

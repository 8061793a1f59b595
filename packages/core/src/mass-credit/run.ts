/**
 * Mass-credit runs (§6 "Process"): the credit posts for the reviewed,
 * selected rows, and processing them in chunks, each row exactly once.
 *
 * Exactly once comes from the ledger's idempotency keys: every credit is
 * committed under `runId/rowKey`, and a key the ledger already holds is never
 * posted again. So processing the same plan twice, resuming after a closed
 * page, an abort or an error at any point, or two tabs processing the same
 * run, all leave one credit per selected row.
 */
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { type GrantEntry, isGrantEntry, type LedgerEntry } from "../ledger/entries.js";
import type { OrganisationLists } from "./model.js";
import { type MassCreditPreview, type PreviewRow, selectRows } from "./preview.js";
import {
  assertRunId,
  assertUniqueRow,
  describeError,
  isKeyedFor,
  isRowError,
  nextMacrotask,
  runKey,
  totalOfAmounts,
} from "./run-support.js";
import type {
  CreditPost,
  IssuedCredit,
  ProcessRunOptions,
  RunLedger,
  RunPlan,
  RunProgress,
  RunRecord,
  RunRowError,
  RunStatus,
} from "./run-types.js";

/** Default rows per chunk. */
export const DEFAULT_RUN_CHUNK_SIZE = 500;

/** What `planRun` needs besides the preview. */
export interface PlanRunOptions {
  /** Non-empty, without "/". The same id for the same run, so resuming posts only what is missing. */
  readonly runId: string;
  /** Row keys the admin deselected; every other row is posted. */
  readonly deselected?: Iterable<string>;
  /** The organisation's lists, to record the credit type's and location's names (ids otherwise). */
  readonly lists?: Pick<OrganisationLists, "creditTypes" | "locations">;
}

/**
 * The credit posts for the selected rows of a preview: one per row, keyed
 * `${runId}/${rowKey}`, each posted as the `Account Credit` grant that
 * `creditEntry` describes (on the row's family account, with the run's credit
 * type, location, date and amount, and a description made of the admin's
 * description and the student, and class, camp or program, when the mode
 * has one).
 *
 * Throws `invalid-input` for a bad run id or a value that is not a preview,
 * and `duplicate-row` when two of the selected rows have the same row key.
 */
export function planRun(preview: MassCreditPreview, options: PlanRunOptions): RunPlan {
  assertInput(typeof preview === "object" && preview !== null && Array.isArray(preview.rows), "preview");
  assertObject(options, "options");
  const { runId } = options;
  assertRunId(runId);
  const deselected = new Set<string>(options.deselected ?? []);
  const { rows, count, total } = selectRows(preview, deselected);
  const seen = new Set<string>();
  for (const row of rows) assertUniqueRow(seen, row?.rowKey);
  const request = preview.request;
  const nameIn = (list: readonly { id: string; name: string }[] | undefined, id: string) => list?.find((i) => i.id === id)?.name ?? id;
  const posts = rows.map((row) => postFor(row, runId));
  return {
    runId,
    request: {
      description: request.description,
      creditType: request.creditType,
      creditTypeName: nameIn(options.lists?.creditTypes, request.creditType),
      date: request.date,
      amount: request.amount,
      currency: request.currency,
      mode: request.mode,
      location: request.location,
      locationName: nameIn(options.lists?.locations, request.location),
    },
    filters: [...preview.summary],
    posts,
    count,
    total,
  };
}

/** The admin's description, plus the student and the offering when the row has them (`invalid-input` for a description that is not a text or a row that is not an object). */
export function creditDescription(
  description: string,
  row: { readonly studentName?: string | undefined; readonly offeringName?: string | undefined },
): string {
  assertInput(typeof description === "string", "description");
  assertObject(row, "row");
  return describe(description, row);
}

/** `creditDescription`, trusting its input (the run's inner loop). */
function describe(
  description: string,
  row: { readonly studentName?: string | undefined; readonly offeringName?: string | undefined },
): string {
  const about = [row.studentName, row.offeringName].filter((part) => part !== undefined && part !== "");
  // One flat string (see `runKey`): the ledger keeps a description per credit.
  return about.length === 0 ? description : [description, about.join(", ")].join(" — ");
}

/**
 * A row's post. The usual shapes (once per family, student or enrollment) are
 * written as one literal each, so a post holds its fields inside the object:
 * fields added after a spread spilled into a second object (a V8 property
 * array), one more object per post for the garbage collector to copy.
 */
function postFor(row: PreviewRow, runId: string): CreditPost {
  const key = runKey(runId, row.rowKey);
  const { rowKey, familyId, familyName, studentId, studentName, enrollmentId, offeringName, amount } = row;
  if (enrollmentId === undefined && offeringName === undefined) {
    if (studentId === undefined && studentName === undefined) return { key, rowKey, familyId, familyName, amount };
    if (studentId !== undefined && studentName !== undefined) return { key, rowKey, familyId, familyName, studentId, studentName, amount };
  } else if (studentId !== undefined && studentName !== undefined && enrollmentId !== undefined && offeringName !== undefined) {
    return { key, rowKey, familyId, familyName, studentId, studentName, enrollmentId, offeringName, amount };
  }
  return {
    key,
    rowKey,
    familyId,
    familyName,
    ...(studentId !== undefined ? { studentId } : {}),
    ...(studentName !== undefined ? { studentName } : {}),
    ...(enrollmentId !== undefined ? { enrollmentId } : {}),
    ...(offeringName !== undefined ? { offeringName } : {}),
    amount,
  };
}

/**
 * The grant a post commits: one `Account Credit` on the row's family account,
 * keyed (and grant id) `${runId}/${rowKey}`, entry id `${runId}/${rowKey}#0`,
 * with the run's credit type, location, date and amount, the description of
 * `creditDescription`, and `source: { kind: "mass-credit", runId, rowKey }`.
 * Made when the post is written, so a plan holds no entries. `invalid-input`
 * for a plan without its request or a post that is not an object (the
 * journal checks the entry's fields when it is committed).
 */
export function creditEntry(plan: Pick<RunPlan, "runId" | "request">, post: CreditPost): GrantEntry {
  assertObject(plan, "plan");
  assertObject(plan.request, "plan.request");
  assertObject(post, "post");
  return entryOf(plan, post);
}

/** `creditEntry`, trusting its input (checked once by `processRun`). */
function entryOf(plan: Pick<RunPlan, "runId" | "request">, post: CreditPost): GrantEntry {
  const { request } = plan;
  return {
    // One flat string (see `runKey`): the ledger keeps the id.
    id: [post.key, "#0"].join(""),
    key: post.key,
    type: "Account Credit",
    accountId: post.familyId,
    date: request.date,
    // A plan saved before posts carried their amount: the run's amount (every row's).
    amount: post.amount ?? request.amount,
    description: describe(request.description, post),
    grantId: post.key,
    creditType: request.creditType,
    location: request.location,
    source: { kind: "mass-credit", runId: plan.runId, rowKey: post.rowKey },
  };
}

/** What the record lists for a credited row; one literal per usual shape, as `postFor`. */
function issuedCredit(post: CreditPost, entry: GrantEntry): IssuedCredit {
  const { rowKey, familyId, familyName, studentName, enrollmentId, offeringName } = post;
  const grantId = entry.grantId;
  const entryId = entry.id;
  const amount = entry.amount;
  if (enrollmentId === undefined && offeringName === undefined) {
    if (studentName === undefined) return { rowKey, familyId, familyName, grantId, entryId, amount };
    return { rowKey, familyId, familyName, studentName, grantId, entryId, amount };
  }
  if (studentName !== undefined && enrollmentId !== undefined && offeringName !== undefined) {
    return { rowKey, familyId, familyName, studentName, enrollmentId, offeringName, grantId, entryId, amount };
  }
  return {
    rowKey,
    familyId,
    familyName,
    ...(studentName !== undefined ? { studentName } : {}),
    ...(enrollmentId !== undefined ? { enrollmentId } : {}),
    ...(offeringName !== undefined ? { offeringName } : {}),
    grantId,
    entryId,
    amount,
  };
}

/** The grant this run's row put under its key, if the entries written there hold one. */
function grantOfRow(entries: readonly LedgerEntry[], runId: string, rowKey: string): GrantEntry | undefined {
  for (const entry of entries) {
    if (isGrantEntry(entry) && entry.source.kind === "mass-credit" && entry.source.runId === runId && entry.source.rowKey === rowKey)
      return entry;
  }
  return undefined;
}

/** Posts whose keys are checked per task (a few milliseconds' work). */
const CHECK_SLICE = 2000;

/** Checks a plan's shape (its posts are checked by `checkPosts`). */
function checkPlan(plan: RunPlan): void {
  assertInput(typeof plan === "object" && plan !== null && Array.isArray(plan.posts), "plan");
  assertRunId(plan.runId);
  assertObject(plan.request, "plan.request");
}

/**
 * Checks that every post is keyed `runId/rowKey` and that no row comes twice
 * (`duplicate-row`: two posts under one key would be listed twice for one
 * credit), before anything is written, a slice per task: the keys are
 * compared in place (no key is built), and 95,000 of them in one task held
 * the page for over 100 ms.
 */
async function checkPosts(plan: RunPlan, yieldControl: () => Promise<void>): Promise<void> {
  const { runId, posts } = plan;
  const rows = new Set<string>();
  for (let at = 0; at < posts.length; at += CHECK_SLICE) {
    const end = Math.min(posts.length, at + CHECK_SLICE);
    for (let i = at; i < end; i++) {
      const post = posts[i];
      assertInput(isKeyedFor(post, runId), "plan.posts", { reason: "post-key", runId });
      assertUniqueRow(rows, (post as CreditPost).rowKey);
    }
    if (end < posts.length) await yieldControl();
  }
}

/**
 * Checks a plan as `processRun` does before writing anything (shape, keys,
 * no row twice, the ledger's `currency` when given), so a data source can
 * refuse a bad plan before it saves it. Throws `invalid-input`,
 * `duplicate-row` or `currency-mismatch`.
 */
export async function checkRunPlan(
  plan: RunPlan,
  options: { readonly currency?: string; readonly yieldControl?: () => Promise<void> } = {},
): Promise<void> {
  checkPlan(plan);
  assertObject(options, "options");
  const { currency } = plan.request;
  if (options.currency !== undefined && options.currency !== currency) {
    throw new CreditKitError("currency-mismatch", { left: currency, right: options.currency });
  }
  await checkPosts(plan, options.yieldControl ?? nextMacrotask);
}

/**
 * Posts a plan's credits in chunks of `chunkSize`, each row exactly once, and
 * returns the run's record. Before each chunk it checks `signal`; it asks the
 * ledger which of the chunk's keys are already committed (those are
 * `skipped` and still listed in the record), commits the rest (in one
 * `commitChunk` when the ledger has it), reports progress, then gives the
 * event loop a turn.
 *
 * A row the ledger refuses (unknown account, a key used by something else …)
 * is listed in `errors` and the others go on. An error that is not about a
 * row (storage, network, anything not a `CreditKitError`) stops the run with
 * status `failed`. Processing the same plan again posts only what is missing.
 *
 * Throws a `CreditKitError` only for bad input, before anything is written:
 * `invalid-input` (plan, options), `duplicate-row` (two posts for one row
 * key) or `currency-mismatch` (plan vs ledger).
 */
export async function processRun(ledger: RunLedger, plan: RunPlan, options: ProcessRunOptions = {}): Promise<RunRecord> {
  assertInput(typeof ledger?.committed === "function" && typeof ledger.commit === "function", "ledger");
  assertObject(options, "options");
  const chunkSize = options.chunkSize ?? DEFAULT_RUN_CHUNK_SIZE;
  assertInput(Number.isSafeInteger(chunkSize) && chunkSize > 0, "chunkSize");
  const yieldControl = options.yieldControl ?? nextMacrotask;
  await checkRunPlan(plan, { ...(ledger.currency !== undefined ? { currency: ledger.currency } : {}), yieldControl });
  const { currency } = plan.request;
  const startedAt = options.startedAt ?? options.now?.();
  const posts = plan.posts;
  const slots: (IssuedCredit | undefined)[] = new Array(posts.length);
  const errors: RunRowError[] = [];
  const tally = { issued: 0, skipped: 0, failed: 0 };
  const fail = (post: CreditPost, error: unknown) => {
    errors.push({ rowKey: post.rowKey, familyId: post.familyId, ...describeError(error) });
    tally.failed++;
  };

  /** Commits one post on its own; a row error is recorded, anything else is thrown. */
  const commitOne = async (at: number, post: CreditPost) => {
    try {
      const entry = entryOf(plan, post);
      const result = await ledger.commit(post.key, [entry]);
      slots[at] = issuedCredit(post, entry);
      if (result?.status === "duplicate") tally.skipped++;
      else tally.issued++;
    } catch (error) {
      if (!isRowError(error)) throw error;
      fail(post, error);
    }
  };

  const processChunk = async (start: number, end: number) => {
    const missing: number[] = [];
    for (let at = start; at < end; at++) {
      const post = posts[at] as CreditPost;
      const found = await ledger.committed(post.key);
      if (found === undefined) {
        missing.push(at);
        continue;
      }
      const grant = grantOfRow(found, plan.runId, post.rowKey);
      if (grant === undefined) fail(post, new CreditKitError("idempotency-conflict", { key: post.key }));
      else {
        slots[at] = issuedCredit(post, grant);
        tally.skipped++;
      }
    }
    if (missing.length === 0) return;
    if (ledger.commitChunk !== undefined) {
      let results: unknown;
      const entries = missing.map((at) => entryOf(plan, posts[at] as CreditPost));
      try {
        results = await ledger.commitChunk(
          missing.map((at, i) => ({ key: (posts[at] as CreditPost).key, entries: [entries[i] as GrantEntry] })),
        );
      } catch (error) {
        if (!isRowError(error)) throw error;
        for (const at of missing) await commitOne(at, posts[at] as CreditPost);
        return;
      }
      missing.forEach((at, i) => {
        const post = posts[at] as CreditPost;
        slots[at] = issuedCredit(post, entries[i] as GrantEntry);
        const status = Array.isArray(results) ? (results[i] as { status?: unknown } | undefined)?.status : undefined;
        if (status === "duplicate") tally.skipped++;
        else tally.issued++;
      });
      return;
    }
    for (const at of missing) await commitOne(at, posts[at] as CreditPost);
  };

  let status: RunStatus = "done";
  let failure: RunRecord["failure"];
  for (let start = 0; start < posts.length; start += chunkSize) {
    if (options.signal?.aborted) {
      status = "interrupted";
      break;
    }
    const end = Math.min(posts.length, start + chunkSize);
    try {
      await processChunk(start, end);
    } catch (error) {
      status = "failed";
      failure = describeError(error);
      break;
    }
    const progress: RunProgress = { done: tally.issued + tally.skipped + tally.failed, total: posts.length, ...tally };
    try {
      options.onProgress?.(progress);
    } catch {
      // A listener's failure is the listener's: the run goes on.
    }
    if (end < posts.length) await yieldControl();
  }

  const credits = slots.filter((credit): credit is IssuedCredit => credit !== undefined);
  const finishedAt = options.now?.();
  return {
    runId: plan.runId,
    status,
    filters: plan.filters,
    request: plan.request,
    credits,
    count: credits.length,
    total: totalOfAmounts(credits, currency),
    issued: tally.issued,
    skipped: tally.skipped,
    selected: posts.length,
    remaining: posts.length - tally.issued - tally.skipped - tally.failed,
    errors,
    ...(failure !== undefined ? { failure } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
  };
}

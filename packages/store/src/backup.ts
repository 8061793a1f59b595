/**
 * The data source's JSON backup: the ledger and its mass-credit runs. A run
 * is history the ledger alone cannot give back (its plan, its record, what a
 * reversal voids), so it travels with the ledger it credited and is checked
 * against it on the way in.
 */
import {
  assertInput,
  assertRunId,
  CreditKitError,
  type CreditPost,
  type IssuedCredit,
  type Journal,
  type JournalData,
  parseMoney,
  type RunRecord,
  runKey,
} from "@creditkit/core";
import type { RunCopy, SavedRun, StoreBackend } from "./backend.js";
import { assertJournalData } from "./log.js";
import { split, withCredits } from "./runs.js";
import type { BackupRun, LedgerBackup } from "./types.js";

const STATUSES: ReadonlySet<unknown> = new Set(["processing", "done", "interrupted", "failed"]);

/** Every saved run with its posts and its record's credits, oldest first. */
export async function backupRuns(backend: StoreBackend): Promise<BackupRun[]> {
  const heads = (await backend.listRuns()).sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0));
  return Promise.all(
    heads.map(async (head) => {
      const run = (await withCredits(backend, head)) as SavedRun;
      const posts = (await backend.getRunParts(run.runId, "posts", run.parts)) as CreditPost[];
      const { parts: _parts, creditParts: _creditParts, ...summary } = run;
      return { ...summary, posts };
    }),
  );
}

/** The ledger and the runs of a backup of either version; throws `invalid-input` for anything else. */
export function readBackup(backup: unknown): { ledger: JournalData; runs: readonly unknown[] } {
  const b = backup as Partial<LedgerBackup> | { version?: unknown; runs?: unknown } | null;
  assertInput(
    typeof b === "object" &&
      b !== null &&
      (b as Partial<LedgerBackup>).format === "creditkit-ledger" &&
      (b.version === 1 || b.version === 2),
    "backup",
    "This is not a creditkit ledger backup.",
  );
  const { ledger } = b as Partial<LedgerBackup>;
  assertJournalData(ledger);
  if (b.version === 1) return { ledger, runs: [] };
  assertInput(Array.isArray(b.runs), "backup.runs", "The backup's runs must be a list.");
  return { ledger, runs: b.runs as readonly unknown[] };
}

const isText = (value: unknown): value is string => typeof value === "string";
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isAmount(value: unknown, currency: string): value is string {
  try {
    parseMoney(value, currency);
    return true;
  } catch {
    return false;
  }
}

/** Throws `invalid-input` naming `field` unless `ok`. */
function need(ok: boolean, field: string, message: string): asserts ok {
  if (!ok) throw new CreditKitError("invalid-input", { field }, message);
}

/** A credit the record lists must be the entry written under its row's key on the backup's ledger. */
function checkCredit(journal: Journal, runId: string, credit: unknown, field: string): void {
  const c = credit as Partial<IssuedCredit> | null;
  need(
    typeof c === "object" && c !== null && isText(c.rowKey) && isText(c.entryId),
    field,
    "A run's credit needs a row key and an entry id.",
  );
  const written = journal.committed(runKey(runId, c.rowKey));
  need(
    written?.some((e) => e.id === c.entryId) === true,
    field,
    `Run ${runId} lists a credit (${c.entryId}) that is not on the backup's ledger.`,
  );
}

/**
 * Checks the runs of a backup against the journal restored from it, and
 * returns them as the backend saves them. Throws `invalid-input` naming the
 * first bad field: each run needs its summary's fields, posts keyed
 * `${runId}/${rowKey}` (as many as it selected), and a record, if any, whose
 * every credit is on the ledger.
 */
export function checkedRuns(runs: readonly unknown[], journal: Journal): RunCopy[] {
  const seen = new Set<string>();
  return runs.map((value, i) => {
    const at = `backup.runs[${i}]`;
    const run = value as Partial<BackupRun> | null;
    need(typeof run === "object" && run !== null, at, "A run must be an object.");
    assertRunId(run.runId);
    const { runId } = run;
    need(!seen.has(runId), `${at}.runId`, `The run ${runId} appears twice in the backup.`);
    seen.add(runId);
    need(STATUSES.has(run.status), `${at}.status`, `Run ${runId} has an unknown status.`);
    need(isCount(run.selected) && isCount(run.count), `${at}.selected`, `Run ${runId} needs whole counts of rows.`);
    need(
      isText(run.description) && isText(run.savedAt),
      `${at}.description`,
      `Run ${runId} needs a description and the time it was saved.`,
    );
    need(Array.isArray(run.filters) && run.filters.every(isText), `${at}.filters`, `Run ${runId}'s filters must be lines of text.`);
    need(typeof run.request === "object" && run.request !== null, `${at}.request`, `Run ${runId} needs its request.`);
    need(isAmount(run.total, journal.currency), `${at}.total`, `Run ${runId}'s total must be an amount in ${journal.currency}.`);
    const posts = run.posts as readonly CreditPost[] | undefined;
    need(Array.isArray(posts) && posts.length === run.selected, `${at}.posts`, `Run ${runId} needs its ${run.selected} posts.`);
    for (const post of posts) {
      need(
        typeof post?.rowKey === "string" && post.key === runKey(runId, post.rowKey),
        `${at}.posts`,
        `A post of run ${runId} is not keyed ${runId}/<row>.`,
      );
      // Resuming the run posts it: its account must be on the ledger and its amount exact.
      need(
        typeof post.familyId === "string" && journal.hasAccount(post.familyId) && isAmount(post.amount, journal.currency),
        `${at}.posts`,
        `A post of run ${runId} (${post.rowKey}) names no account of the ledger or no amount in ${journal.currency}.`,
      );
    }
    const currency = (run.request as { currency?: unknown }).currency;
    need(currency === undefined || currency === journal.currency, `${at}.request`, `Run ${runId} is in another currency than the ledger.`);
    const record = run.record as Partial<RunRecord> | undefined;
    let credits: readonly IssuedCredit[] = [];
    if (record !== undefined) {
      need(
        typeof record === "object" && record !== null && record.runId === runId,
        `${at}.record`,
        `Run ${runId}'s record names another run.`,
      );
      need(Array.isArray(record.credits), `${at}.record.credits`, `Run ${runId}'s record needs its credits.`);
      credits = record.credits;
      for (const credit of credits) checkCredit(journal, runId, credit, `${at}.record.credits`);
    }
    const postParts = split(posts);
    const creditParts = split(credits);
    // The known fields only, as `runs.ts` saves a run: nothing else in the backup is stored.
    const head: SavedRun = {
      runId,
      status: run.status as SavedRun["status"],
      selected: run.selected,
      total: run.total,
      description: run.description,
      savedAt: run.savedAt,
      filters: run.filters,
      request: run.request,
      count: run.count,
      parts: postParts.length,
      ...(record !== undefined ? { record: { ...(record as RunRecord), credits: [] }, creditParts: creditParts.length } : {}),
    };
    return { run: head, parts: { posts: postParts, credits: creditParts } };
  });
}

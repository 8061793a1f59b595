/**
 * The data source's JSON backup: the ledger and its mass-credit runs. A run
 * is history the ledger alone cannot give back (its plan, its record, what a
 * reversal voids), so it travels with the ledger it credited and is checked
 * against it on the way in.
 */
import {
  assertInput,
  CreditKitError,
  type CreditPost,
  DEFAULT_SETTINGS,
  type ErrorDetails,
  type IssuedCredit,
  type Journal,
  type JournalData,
  parseMoney,
  type RunRecord,
  type RunReversalMark,
} from "@creditkit/core";
import { assertRunId, runKey } from "@creditkit/core/internal";
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

/** Keys that would reach an object's prototype if a reader ever copied them: refused anywhere in a backup. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** Deeper than any backup nests. */
const MAX_DEPTH = 64;

/**
 * Throws `invalid-input` naming the path unless `value` is plain JSON data:
 * null, booleans, strings, finite numbers, arrays and plain objects, with no
 * `__proto__`-like key, no cycle, nothing deeper than MAX_DEPTH.
 */
function assertPlainData(value: unknown, path: string, depth = 0): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    need(Number.isFinite(value), path, { reason: "backup-not-finite" });
    return;
  }
  need(typeof value === "object", path, { reason: "backup-not-json", type: typeof value });
  need(depth < MAX_DEPTH, path, { reason: "backup-too-deep", maxDepth: MAX_DEPTH });
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    need(proto === Array.prototype, path, { reason: "backup-not-plain-list" });
    for (let i = 0; i < value.length; i++) assertPlainData(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  need(proto === Object.prototype || proto === null, path, { reason: "backup-not-plain-object" });
  for (const key of Reflect.ownKeys(value as object)) {
    need(typeof key === "string", path, { reason: "backup-symbol-key" });
    need(!FORBIDDEN_KEYS.has(key as string), `${path}.${String(key)}`, { reason: "backup-forbidden-key", key: String(key) });
    assertPlainData((value as Record<string, unknown>)[key as string], `${path}.${String(key)}`, depth + 1);
  }
}

/** The settings' switches must be booleans (not "false", not 0). */
function checkSettings(settings: unknown): void {
  const given = settings as Record<string, unknown>;
  for (const [name, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    if (typeof fallback === "boolean" && given[name] !== undefined) {
      need(typeof given[name] === "boolean", `backup.ledger.settings.${name}`, { reason: "backup-setting", setting: name });
    }
  }
}

/**
 * Each account, entry (by id) and reservation (by key) once, and each key's
 * entries together: a repeated one would be dropped on restore, not restored twice.
 */
function checkDuplicates(ledger: JournalData): void {
  const accounts = new Set<unknown>();
  ledger.accounts.forEach((account, i) => {
    const id = (account as { id?: unknown } | null)?.id;
    need(!accounts.has(id), `backup.ledger.accounts[${i}]`, { reason: "backup-duplicate-account", id: String(id) });
    accounts.add(id);
  });
  const ids = new Set<unknown>();
  const keys = new Set<unknown>();
  let last: unknown;
  ledger.entries.forEach((entry, i) => {
    const { id, key } = (entry ?? {}) as { id?: unknown; key?: unknown };
    need(!ids.has(id), `backup.ledger.entries[${i}]`, { reason: "backup-duplicate-entry", id: String(id) });
    ids.add(id);
    if (i === 0 || key !== last) {
      need(!keys.has(key), `backup.ledger.entries[${i}]`, { reason: "backup-duplicate-key", key: String(key) });
      keys.add(key);
    }
    last = key;
  });
  const held = new Set<unknown>();
  ledger.reservations.forEach((reservation, i) => {
    const key = (reservation as { key?: unknown } | null)?.key;
    need(!held.has(key), `backup.ledger.reservations[${i}]`, { reason: "backup-duplicate-reservation", key: String(key) });
    held.add(key);
  });
}

/** The ledger and the runs of a backup of either version; throws `invalid-input` for anything else. */
export function readBackup(backup: unknown): { ledger: JournalData; runs: readonly unknown[] } {
  assertPlainData(backup, "backup");
  const b = backup as Partial<LedgerBackup> | { version?: unknown; runs?: unknown } | null;
  assertInput(
    typeof b === "object" &&
      b !== null &&
      (b as Partial<LedgerBackup>).format === "creditkit-ledger" &&
      (b.version === 1 || b.version === 2),
    "backup",
    { reason: "not-a-backup" },
  );
  const { ledger } = b as Partial<LedgerBackup>;
  assertJournalData(ledger);
  checkSettings(ledger.settings);
  checkDuplicates(ledger);
  if (b.version === 1) return { ledger, runs: [] };
  assertInput(Array.isArray(b.runs), "backup.runs", { reason: "not-a-list" });
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
function need(ok: boolean, field: string, more: ErrorDetails): asserts ok {
  if (!ok) throw new CreditKitError("invalid-input", { ...more, field });
}

/** A credit the record lists must be the entry written under its row's key on the backup's ledger. */
function checkCredit(journal: Journal, runId: string, credit: unknown, field: string): void {
  const c = credit as Partial<IssuedCredit> | null;
  need(typeof c === "object" && c !== null && isText(c.rowKey) && isText(c.entryId), field, { reason: "backup-credit-ids" });
  const written = journal.committed(runKey(runId, c.rowKey));
  need(written?.some((e) => e.id === c.entryId) === true, field, { reason: "backup-credit-missing", runId, entryId: c.entryId });
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
    need(typeof run === "object" && run !== null, at, { reason: "backup-run-object" });
    assertRunId(run.runId);
    const { runId } = run;
    need(!seen.has(runId), `${at}.runId`, { reason: "backup-duplicate-run", runId });
    seen.add(runId);
    need(STATUSES.has(run.status), `${at}.status`, { reason: "backup-run-status", runId });
    need(isCount(run.selected) && isCount(run.count), `${at}.selected`, { reason: "backup-run-counts", runId });
    need(isText(run.description) && isText(run.savedAt), `${at}.description`, { reason: "backup-run-description", runId });
    need(Array.isArray(run.filters) && run.filters.every(isText), `${at}.filters`, { reason: "backup-run-filters", runId });
    need(typeof run.request === "object" && run.request !== null, `${at}.request`, { reason: "backup-run-request", runId });
    need(isAmount(run.total, journal.currency), `${at}.total`, { reason: "backup-run-total", runId, currency: journal.currency });
    const posts = run.posts as readonly CreditPost[] | undefined;
    need(Array.isArray(posts) && posts.length === run.selected, `${at}.posts`, {
      reason: "backup-run-posts",
      runId,
      selected: run.selected,
    });
    const rows = new Set<string>();
    for (const post of posts) {
      need(typeof post?.rowKey === "string" && post.key === runKey(runId, post.rowKey), `${at}.posts`, {
        reason: "backup-post-key",
        runId,
      });
      need(!rows.has(post.rowKey), `${at}.posts`, { reason: "backup-post-twice", runId, rowKey: post.rowKey });
      rows.add(post.rowKey);
      // Resuming the run posts it: its account must be on the ledger and its amount exact.
      need(
        typeof post.familyId === "string" && journal.hasAccount(post.familyId) && isAmount(post.amount, journal.currency),
        `${at}.posts`,
        { reason: "backup-post-account", runId, rowKey: post.rowKey, currency: journal.currency },
      );
    }
    const currency = (run.request as { currency?: unknown }).currency;
    need(currency === undefined || currency === journal.currency, `${at}.request`, { reason: "backup-run-currency", runId });
    const record = run.record as Partial<RunRecord> | undefined;
    let credits: readonly IssuedCredit[] = [];
    if (record !== undefined) {
      need(typeof record === "object" && record !== null && record.runId === runId, `${at}.record`, { reason: "backup-record-run", runId });
      need(Array.isArray(record.credits), `${at}.record.credits`, { reason: "backup-record-credits", runId });
      need(
        isCount(record.count) && isCount(record.issued) && isCount(record.skipped) && isCount(record.selected) && isCount(record.remaining),
        `${at}.record.count`,
        { reason: "backup-record-counts", runId },
      );
      need(STATUSES.has(record.status), `${at}.record.status`, { reason: "backup-record-status", runId });
      need(Array.isArray(record.errors), `${at}.record.errors`, { reason: "backup-record-errors", runId });
      credits = record.credits;
      const credited = new Set<string>();
      for (const credit of credits) {
        checkCredit(journal, runId, credit, `${at}.record.credits`);
        need(!credited.has(credit.rowKey), `${at}.record.credits`, { reason: "backup-record-twice", runId, rowKey: credit.rowKey });
        credited.add(credit.rowKey);
      }
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
      ...(isReversalMark(run.reversal, journal.currency) ? { reversal: run.reversal } : {}),
    };
    return { run: head, parts: { posts: postParts, credits: creditParts } };
  });
}

/** A saved run's reversal mark as `reversalMark` writes it (anything else in a backup is left out). */
function isReversalMark(value: unknown, currency: string): value is RunReversalMark {
  const mark = value as Partial<RunReversalMark> | undefined;
  const totals = mark?.totals as Record<string, unknown> | undefined;
  return (
    typeof mark === "object" &&
    mark !== null &&
    isText(mark.reversedAt) &&
    isText(mark.date) &&
    isCount(mark.spent) &&
    isCount(mark.failed) &&
    typeof totals === "object" &&
    totals !== null &&
    ["issued", "voided", "used", "reserved"].every((name) => isAmount(totals[name], currency))
  );
}

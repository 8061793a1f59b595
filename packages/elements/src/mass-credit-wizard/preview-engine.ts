/**
 * What the preview worker does, as a plain function of its messages (so the
 * same code runs in the worker and, where workers are unavailable, on the
 * page). It rebuilds the data set from its parts, indexes it once per
 * version, and answers previews and explanations with the core's functions.
 */
import {
  explainFamily,
  indexDataSet,
  isCreditKitError,
  type MassCreditDataSet,
  type MassCreditIndex,
  type OrganisationLists,
  previewMassCredit,
} from "@creditkit/core";
import { NAME_COLLATOR } from "@creditkit/core/internal";
import { type DataSetPart, type ExplainResult, explainData, type FromWorker, ROWS_PER_MESSAGE, type ToWorker } from "./preview-protocol.js";

const MAX_EXPLAINED = 3;

/** Thrown when a preview or explanation names a data set the worker does not hold (any more). */
class NotLoaded extends Error {}

/**
 * A failure as data: the core's code and details (its English message rides
 * along as a fallback). The worker words nothing itself — it has no language:
 * the page words "not-loaded" and "error" (preview-client.ts).
 */
function failure(error: unknown, id?: number, version?: number): FromWorker {
  const base = isCreditKitError(error)
    ? { code: error.code, message: error.message, details: { ...error.details } }
    : error instanceof NotLoaded
      ? { code: "not-loaded", message: "", details: {} }
      : { code: "error", message: error instanceof Error ? error.message : "", details: {} };
  return { type: "failed", ...(id !== undefined ? { id } : {}), ...(version !== undefined ? { version } : {}), ...base };
}

/** The families a query names: the one with that id, else those whose name contains it (review order). */
function findFamilies(index: MassCreditIndex, query: string): number[] {
  const text = query.trim();
  const byId = index.familyById.get(text);
  if (byId !== undefined) return [byId];
  const wanted = text.toLocaleLowerCase();
  const exact: number[] = [];
  const partial: number[] = [];
  for (let f = 0; f < index.families.length && exact.length < MAX_EXPLAINED; f++) {
    const name = index.families[f]?.name ?? "";
    if (NAME_COLLATOR.compare(name, text) === 0) exact.push(f);
    else if (partial.length < MAX_EXPLAINED && name.toLocaleLowerCase().includes(wanted)) partial.push(f);
  }
  return (exact.length > 0 ? exact : partial).slice(0, MAX_EXPLAINED);
}

/** Makes the message handler; `post` sends a message back. */
export function createPreviewEngine(post: (message: FromWorker, transfer?: Transferable[]) => void): (message: ToWorker) => void {
  let version = -1;
  /** Id → position in the data set as sent, per record list. */
  let positions: { families: Map<string, number>; students: Map<string, number>; enrollments: Map<string, number> } | undefined;
  let building: { currency: string; lists: OrganisationLists; parts: Record<DataSetPart, unknown[]> } | undefined;
  let index: MassCreditIndex | undefined;

  const ready = (v: number): MassCreditIndex => {
    if (index === undefined || v !== version) throw new NotLoaded("not-loaded");
    return index;
  };

  return (message) => {
    switch (message.type) {
      case "load-start":
        version = message.version;
        index = undefined;
        building = { currency: message.currency, lists: message.lists, parts: { families: [], students: [], enrollments: [], fees: [] } };
        return;
      case "load-part":
        if (message.version === version && building) {
          const list = building.parts[message.part];
          for (const record of message.records) list.push(record);
        }
        return;
      case "load-end": {
        if (message.version !== version || !building) return;
        const started = performance.now();
        try {
          const { parts } = building;
          const data = { currency: building.currency, lists: building.lists, ...parts } as unknown as MassCreditDataSet;
          building = undefined;
          index = indexDataSet(data);
          const byId = (records: readonly { id: string }[]) => new Map(records.map((r, i) => [r.id, i]));
          positions = { families: byId(data.families), students: byId(data.students), enrollments: byId(data.enrollments) };
          const offering = new Set(data.lists.offerings.flatMap((o) => o.keywords));
          post({
            type: "ready",
            version,
            families: data.families.length,
            indexMs: performance.now() - started,
            keywords: {
              student: [...index.studentKeywordCodes.values].sort(NAME_COLLATOR.compare),
              family: [...index.familyKeywordCodes.values].sort(NAME_COLLATOR.compare),
              offering: [...offering].sort(NAME_COLLATOR.compare),
            },
          });
        } catch (error) {
          post(failure(error, undefined, message.version));
        }
        return;
      }
      case "preview": {
        const { id } = message;
        try {
          const data = ready(message.version);
          const started = performance.now();
          const total = data.families.length;
          const chunkSize = Math.max(1000, Math.ceil(total / 20));
          const preview = previewMassCredit(message.request, data, {
            chunkSize,
            onProgress: ({ done }) => post({ type: "progress", id, done, total }),
          });
          const ms = performance.now() - started;
          const where = positions;
          for (let at = 0; where && at < preview.rows.length; at += ROWS_PER_MESSAGE) {
            const rows = preview.rows.slice(at, at + ROWS_PER_MESSAGE);
            const at3 = new Int32Array(rows.length * 3);
            rows.forEach((row, i) => {
              at3[i * 3] = where.families.get(row.familyId) ?? -1;
              at3[i * 3 + 1] = row.studentId === undefined ? -1 : (where.students.get(row.studentId) ?? -1);
              at3[i * 3 + 2] = row.enrollmentId === undefined ? -1 : (where.enrollments.get(row.enrollmentId) ?? -1);
            });
            const keys = rows.map((row) => row.rowKey);
            post({ type: "rows", id, keys, positions: at3, amount: preview.request.amount }, [at3.buffer]);
          }
          post({
            type: "previewed",
            id,
            request: preview.request,
            count: preview.count,
            total: preview.total,
            summary: preview.summary,
            ms,
          });
        } catch (error) {
          post(failure(error, id));
        }
        return;
      }
      case "explain": {
        const { id } = message;
        try {
          const data = ready(message.version);
          const results: ExplainResult[] = findFamilies(data, message.query).map((f) => {
            const familyId = data.families[f]?.id ?? "";
            return explainData(explainFamily(message.request, data, familyId));
          });
          post({ type: "explained", id, results });
        } catch (error) {
          post(failure(error, id));
        }
        return;
      }
    }
  };
}

/**
 * The preview worker thread: the core's `previewMassCredit` and
 * `explainFamily` over a data set handed in by the main thread, so a preview
 * over 100,000 families never blocks the server's requests. It keeps the
 * index of the last few previews' data sets for their explanations.
 */
import { parentPort } from "node:worker_threads";
import {
  explainFamily,
  indexDataSet,
  isCreditKitError,
  type MassCreditDataSet,
  type MassCreditIndex,
  type MassCreditRequest,
  previewMassCredit,
} from "@creditkit/core";
import { NAME_COLLATOR } from "@creditkit/core/internal";

export type ThreadAsk =
  | {
      readonly id: number;
      readonly type: "preview";
      readonly previewId: string;
      readonly dataSet: MassCreditDataSet;
      readonly request: MassCreditRequest;
    }
  | {
      readonly id: number;
      readonly type: "explain";
      readonly previewId: string;
      readonly request: MassCreditRequest;
      readonly familyId: string;
    }
  | { readonly id: number; readonly type: "forget"; readonly previewId: string }
  | { readonly id: number; readonly type: "context"; readonly dataSet: MassCreditDataSet };

export type ThreadAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly code?: string; readonly details?: unknown; readonly message: string };

/** The indexes explanations read, by preview id (the last few). */
const KEPT = 8;
const indexes = new Map<string, MassCreditIndex>();

const sorted = (values: Iterable<string>) => [...new Set(values)].sort(NAME_COLLATOR.compare);

function answer(ask: ThreadAsk): unknown {
  if (ask.type === "forget") return indexes.delete(ask.previewId);
  if (ask.type === "context") {
    const index = indexDataSet(ask.dataSet);
    return {
      families: ask.dataSet.families.length,
      keywords: {
        student: sorted(index.studentKeywordCodes.values),
        family: sorted(index.familyKeywordCodes.values),
        offering: sorted(ask.dataSet.lists.offerings.flatMap((o) => o.keywords)),
      },
    };
  }
  if (ask.type === "preview") {
    const index = indexDataSet(ask.dataSet);
    const preview = previewMassCredit(ask.request, index);
    indexes.set(ask.previewId, index);
    while (indexes.size > KEPT) indexes.delete(indexes.keys().next().value as string);
    return preview;
  }
  const index = indexes.get(ask.previewId);
  if (!index) return undefined;
  return explainFamily(ask.request, index, ask.familyId);
}

parentPort?.on("message", (ask: ThreadAsk) => {
  try {
    parentPort?.postMessage({ id: ask.id, ok: true, value: answer(ask) } satisfies ThreadAnswer);
  } catch (error) {
    const reply: ThreadAnswer = isCreditKitError(error)
      ? { id: ask.id, ok: false, code: error.code, details: error.details, message: error.message }
      : { id: ask.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(reply);
  }
});

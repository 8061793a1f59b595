/**
 * The messages between the wizard and its preview worker. Plain data only.
 * The data set goes over in parts (so no single post holds the page), the
 * worker indexes it once per data set, then answers previews (rows in parts,
 * with progress) and explanations.
 */
import type { MassCreditRequest, OrganisationLists, ValidMassCreditRequest } from "@creditkit/core";

/** The record lists of a data set, as they are sent in parts. */
export type DataSetPart = "families" | "students" | "enrollments" | "fees";

/** Keywords found in the data, for the keyword questions. */
export interface DataKeywords {
  readonly student: readonly string[];
  readonly family: readonly string[];
  /** Class, camp and program keywords. */
  readonly offering: readonly string[];
}

/** One family's explanation, as the wizard shows it. */
export interface ExplainResult {
  readonly familyId: string;
  readonly familyName: string;
  readonly qualifies: boolean;
  readonly lines: readonly string[];
}

export type ToWorker =
  | { readonly type: "load-start"; readonly version: number; readonly currency: string; readonly lists: OrganisationLists }
  | { readonly type: "load-part"; readonly version: number; readonly part: DataSetPart; readonly records: readonly unknown[] }
  | { readonly type: "load-end"; readonly version: number }
  | { readonly type: "preview"; readonly id: number; readonly version: number; readonly request: MassCreditRequest }
  | {
      readonly type: "explain";
      readonly id: number;
      readonly version: number;
      readonly request: MassCreditRequest;
      /** A family id or (part of) a family name. */
      readonly query: string;
    };

export type FromWorker =
  | {
      readonly type: "ready";
      readonly version: number;
      readonly keywords: DataKeywords;
      readonly families: number;
      /** Milliseconds the worker spent indexing. */
      readonly indexMs: number;
    }
  | { readonly type: "progress"; readonly id: number; readonly done: number; readonly total: number }
  | {
      readonly type: "rows";
      readonly id: number;
      /** The core's row keys, in review order. */
      readonly keys: readonly string[];
      /**
       * Per row, the positions of its family, student and enrollment in the
       * data set as the page sent it (-1 when the row has none): the page
       * reads ids and names from its own copy instead of receiving them again.
       */
      readonly positions: Int32Array;
      readonly amount: string;
    }
  | {
      readonly type: "previewed";
      readonly id: number;
      readonly request: ValidMassCreditRequest;
      readonly count: number;
      readonly total: string;
      readonly summary: readonly string[];
      /** Milliseconds the worker spent computing the preview. */
      readonly ms: number;
    }
  | { readonly type: "explained"; readonly id: number; readonly results: readonly ExplainResult[] }
  | {
      readonly type: "failed";
      readonly id?: number;
      readonly version?: number;
      readonly code: string;
      readonly message: string;
      readonly details: Readonly<Record<string, unknown>>;
    };

/** Rows per "rows" message: small enough that reading one never holds the page. */
export const ROWS_PER_MESSAGE = 4000;
/** Records per "load-part" message. */
export const RECORDS_PER_PART = 2500;

/**
 * The messages between the wizard and its preview worker. Plain data only,
 * and no words: the worker has no language (the page words what it shows).
 * The data set goes over in parts (so no single post holds the page), the
 * worker indexes it once per data set, then answers previews (rows in parts,
 * with progress) and explanations.
 */
import type { FamilyExplanation, MassCreditRequest, OrganisationLists, ValidMassCreditRequest } from "@creditkit/core";

/** The record lists of a data set, as they are sent in parts. */
export type DataSetPart = "families" | "students" | "enrollments" | "fees";

/** Keywords found in the data, for the keyword questions. */
export interface DataKeywords {
  readonly student: readonly string[];
  readonly family: readonly string[];
  /** Class, camp and program keywords. */
  readonly offering: readonly string[];
}

/** One test of an explanation, as data (the wizard words it: explain-lines.ts). */
export interface ExplainTest<N extends string = string> {
  readonly test: N;
  readonly passed: boolean;
  readonly wanted: readonly string[];
  readonly had: readonly string[];
}

/** One family's explanation as data — no words: the worker has no language. */
export interface ExplainResult {
  readonly familyId: string;
  readonly familyName: string;
  readonly qualifies: boolean;
  readonly familyTests: readonly ExplainTest[];
  readonly students: readonly {
    readonly studentName: string;
    readonly passed: boolean;
    readonly tests: readonly ExplainTest[];
    /** Per enrollment filter (by position in the request): whether an enrollment active on the credit date matches it. */
    readonly rows: readonly { readonly row: number; readonly matched: boolean }[];
    readonly activeOfferings: readonly string[];
  }[];
  /** The rows the family gets: who each credit is for. */
  readonly rows: readonly { readonly familyName: string; readonly studentName?: string; readonly offeringName?: string }[];
}

/** A core explanation as the data the wizard words (its sentences left behind). */
export function explainData(why: FamilyExplanation): ExplainResult {
  const test = ({ test, passed, wanted, had }: ExplainTest) => ({ test, passed, wanted, had });
  return {
    familyId: why.familyId,
    familyName: why.familyName,
    qualifies: why.qualifies,
    familyTests: why.familyTests.map(test),
    students: why.students.map((s) => ({
      studentName: s.studentName,
      passed: s.passed,
      tests: s.tests.map(test),
      rows: s.rows.map(({ row, matched }) => ({ row, matched })),
      activeOfferings: s.activeEnrollments.map((e) => e.offeringName),
    })),
    rows: why.rows.map(({ familyName, studentName, offeringName }) => ({ familyName, studentName, offeringName })),
  };
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

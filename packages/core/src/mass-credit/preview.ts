/**
 * The preview of a mass-credit run (§6): the rows that would be credited,
 * already in review order, with exact totals and the filter summary.
 *
 * Selection: every row is selected by default, and the preview itself holds
 * no selection state. The wizard keeps the set of row keys the admin
 * deselected; `selectRows(preview, deselected)` gives the rows, count and
 * total a run posts.
 */
import { assertInput, assertObject } from "../errors.js";
import { assertMoney, type CurrencyCode, fromAmountString, type Money, multiply, sum, toAmountString, zero } from "../money.js";
import { indexDataSet, isMassCreditIndex, type MassCreditIndex } from "./data-index.js";
import { type CompiledFilters, compileFilters, enrollmentQualifies, passesFamilyTests, passesStudentTests } from "./eligibility.js";
import { type MassCreditRequest, type ValidMassCreditRequest, validateMassCreditRequest } from "./filters.js";
import type { MassCreditDataSet } from "./model.js";
import { summaryLines } from "./summary.js";

/**
 * One credit the run would post. `familyId` is the account the credit goes
 * to; `rowKey` is stable across previews of the same data ("f:<familyId>",
 * "s:<studentId>" or "e:<enrollmentId>") so a run can key its postings
 * `runId/rowKey`.
 */
export interface PreviewRow {
  readonly rowKey: string;
  readonly familyId: string;
  readonly familyName: string;
  readonly studentId?: string;
  readonly studentName?: string;
  readonly enrollmentId?: string;
  readonly offeringName?: string;
  /** Canonical amount string in the request's currency. */
  readonly amount: string;
}

/** What `previewMassCredit` returns. */
export interface MassCreditPreview {
  /** The validated request the rows were computed for (what a run records as "the filters used"). */
  readonly request: ValidMassCreditRequest;
  /** Sorted by family name, then student name, then offering name and enrollment id; ids break ties. All selected by default. */
  readonly rows: readonly PreviewRow[];
  readonly count: number;
  /** Canonical amount string: count × amount. */
  readonly total: string;
  /** One line per filter used, in the admin's words (see `summarizeFilters`). */
  readonly summary: readonly string[];
}

/** How far a preview has got, in families. */
export interface PreviewProgress {
  readonly done: number;
  readonly total: number;
}

/** Progress reporting for `previewMassCredit`. */
export interface PreviewOptions {
  /** Called after every `chunkSize` families and once at the end. */
  readonly onProgress?: (progress: PreviewProgress) => void;
  /** Families per progress report; 10,000 by default. */
  readonly chunkSize?: number;
}

const DEFAULT_CHUNK_SIZE = 10_000;

/**
 * Computes who would receive the credit. Validates the request first (see
 * `validateMassCreditRequest` for the error codes). Pass an index from
 * `indexDataSet` when previewing the same data more than once; a raw data
 * set is indexed on the way (see `indexDataSet` for its codes). Options that
 * are not an object, or an `onProgress` that is not a function, are `invalid-input`.
 */
export function previewMassCredit(
  request: MassCreditRequest,
  indexOrDataSet: MassCreditIndex | MassCreditDataSet,
  options: PreviewOptions = {},
): MassCreditPreview {
  assertObject(options, "options");
  assertInput(options.onProgress === undefined || typeof options.onProgress === "function", "onProgress");
  const index = isMassCreditIndex(indexOrDataSet) ? indexOrDataSet : indexDataSet(indexOrDataSet);
  const valid = validateMassCreditRequest(request, index);
  const filters = compileFilters(valid, index);
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const total = index.families.length;
  const rows: PreviewRow[] = [];
  for (let family = 0; family < total; family++) {
    appendFamilyRows(family, index, filters, rows);
    if (options.onProgress !== undefined && (family + 1) % chunkSize === 0 && family + 1 < total) {
      options.onProgress({ done: family + 1, total });
    }
  }
  options.onProgress?.({ done: total, total });
  return {
    request: valid,
    rows,
    count: rows.length,
    total: toAmountString(multiplyAmount(fromAmountString(valid.amount, valid.currency), rows.length)),
    summary: summaryLines(valid, index.lists),
  };
}

/**
 * Appends the rows one family earns, in review order. Trusts the compiled
 * filters; shared by the preview and `explainFamily`.
 */
export function appendFamilyRows(family: number, index: MassCreditIndex, filters: CompiledFilters, out: PreviewRow[]): void {
  if (!passesFamilyTests(family, index, filters)) return;
  const { mode, amount } = filters.request;
  const from = index.studentStart[family] ?? 0;
  const to = index.studentStart[family + 1] ?? 0;

  const fields = index.rowFields;
  // Ids and names are read only when a row is made: the tests above read typed arrays alone.
  const familyId = fields.familyIds[family] ?? "";
  const familyName = fields.familyNames[family] ?? "";
  if (mode === "family") {
    let qualifies = !filters.hasStudentTests;
    for (let student = from; student < to && !qualifies; student++) qualifies = passesStudentTests(student, index, filters);
    if (qualifies) out.push({ rowKey: fields.familyKeys[family] ?? "", familyId, familyName, amount });
    return;
  }

  for (let student = from; student < to; student++) {
    if (!passesStudentTests(student, index, filters)) continue;
    const studentId = fields.studentIds[student] ?? "";
    const studentName = index.studentNames[student] ?? "";
    if (mode === "student") {
      const rowKey = fields.studentKeys[student] ?? "";
      out.push({ rowKey, familyId, familyName, studentId, studentName, amount });
      continue;
    }
    const end = index.enrollmentStart[student + 1] ?? 0;
    for (let e = index.enrollmentStart[student] ?? 0; e < end; e++) {
      if (!enrollmentQualifies(e, index, filters)) continue;
      out.push({
        rowKey: fields.enrollmentKeys[e] ?? "",
        familyId,
        familyName,
        studentId,
        studentName,
        enrollmentId: fields.enrollmentIds[e] ?? "",
        offeringName: fields.offeringNames[e] ?? "",
        amount,
      });
    }
  }
}

/**
 * The rows a run posts once the admin has deselected some, with their count
 * and exact total. `invalid-input` for a preview without its rows list and
 * request, or a `deselected` that is not a Set.
 */
export function selectRows(
  preview: MassCreditPreview,
  deselected: ReadonlySet<string> = new Set(),
): { readonly rows: readonly PreviewRow[]; readonly count: number; readonly total: string } {
  assertInput(Array.isArray(preview?.rows), "preview.rows");
  assertObject(preview.request, "preview.request");
  assertInput(deselected instanceof Set, "deselected");
  const rows = deselected.size === 0 ? preview.rows : preview.rows.filter((row) => !deselected.has(row?.rowKey));
  const { amount, currency } = preview.request;
  return { rows, count: rows.length, total: toAmountString(multiplyAmount(fromAmountString(amount, currency), rows.length)) };
}

/** The exact total of any list of preview rows (the sum of their amounts); `invalid-input` unless `rows` is a list, an amount's code for a row without one. */
export function totalOfRows(rows: readonly PreviewRow[], currency: CurrencyCode): string {
  assertInput(Array.isArray(rows), "rows");
  return toAmountString(
    sum(
      rows.map((row) => fromAmountString(row?.amount, currency)),
      currency,
    ),
  );
}

/**
 * `count` × `unit`, exactly (the money module's `multiply`). A fractional
 * count is rounded down; zero, a negative count or NaN gives zero. A `unit`
 * that is not Money or a `count` that is not a number is `invalid-input`.
 */
export function multiplyAmount<C extends CurrencyCode>(unit: Money<C>, count: number): Money<C> {
  assertMoney(unit);
  assertInput(typeof count === "number", "count");
  const n = Math.floor(count);
  return n > 0 ? multiply(unit, n) : zero(unit.currency);
}

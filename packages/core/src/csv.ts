/**
 * CSV export (RFC 4180) that is safe to open in a spreadsheet.
 *
 * - Records end with CRLF (the last one too). A cell holding a comma, a
 *   double quote, a CR or an LF is wrapped in double quotes, with every
 *   quote inside doubled; line breaks inside a quoted cell are kept as they are.
 * - **Formula injection is neutralised** (OWASP "CSV injection"): a text cell
 *   that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 *   single quote `'` in front, so Excel, LibreOffice and Google Sheets show it
 *   as text instead of running it. A family called `=HYPERLINK("http://x")`
 *   appears as `'=HYPERLINK("http://x")`.
 * - **Every part a spreadsheet could make a cell of is neutralised too.** A
 *   spreadsheet may split a cell again (on `;` in locales where it is the
 *   list separator, on a tab or a comma when the file is imported as text, on
 *   a line break by a reader that ignores quotes) and may trim leading
 *   whitespace. So each part of a text cell that starts at the cell's start
 *   or right after a `,`, `;`, tab, CR or LF, and whose first character after
 *   any whitespace is `=`, `+`, `-` or `@`, gets a `'` at its start:
 *   `Smith;=1+1` is written `Smith;'=1+1`, ` =1+1` is written `' =1+1`,
 *   `x<tab>=1+1` is written `x<tab>'=1+1`. Nothing else is changed: a text
 *   with no such part (`O'Brien`, `a=b`, `Smith; Jones`) is written as it is.
 * - **Amounts stay numbers.** A negative amount such as `-5.00` begins with
 *   `-` too, and prefixing it would turn it into text a spreadsheet cannot sum.
 *   Columns the caller lists in `numericColumns` are written as they are when
 *   the cell is a plain decimal number (`-5.00`, `12.50`, `1200`), which can
 *   never be a formula; anything else in those columns is neutralised like text.
 *   Every other cell is text and is always neutralised.
 * - **A wrong argument is a typed error**: a text that is not a string, a
 *   header or rows that are not lists, options that are not an object, a run
 *   record of the wrong shape throw `invalid-input` (checked once, on entry).
 */
import { assertInput, assertObject } from "./errors.js";
import { checkFields } from "./ledger/validate-entry.js";
import { spentCredits } from "./mass-credit/reversal-report.js";
import type { CreditReversal, RunReversal } from "./mass-credit/run-types.js";
import { fromAmountString, subtract, toAmountString } from "./money.js";

/** How `toCsv` writes. */
export interface CsvOptions {
  /** Zero-based indexes of the columns that hold amounts or counts the kit wrote (see the module comment). */
  readonly numericColumns?: readonly number[];
  /** Start with a UTF-8 byte order mark, so Excel reads accented names right. Default false. */
  readonly bom?: boolean;
}

/** A tab or a carriage return at the very start: a spreadsheet may drop it and read what follows. */
const CONTROL_START = /^[\t\r]/;
/**
 * A part a spreadsheet could read as a formula: at the start or after a
 * separator (`,` `;` tab CR LF), whitespace that is not a separator, then
 * `=`, `+`, `-` or `@`. Group 1 is the separator (or nothing), group 2 the rest.
 */
const FORMULA_PART = /(^|[,;\t\r\n])([^\S\t\r\n]*[=+\-@])/g;
/** A plain decimal number: safe in any spreadsheet. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Puts a `'` at the start of every part of `text` a spreadsheet could read as
 * a formula (see the module comment), and in front of a text that begins with
 * a tab or a carriage return; other texts are returned unchanged.
 */
export function neutraliseFormula(text: string): string {
  assertInput(typeof text === "string", "text");
  return neutralise(text);
}

function neutralise(text: string): string {
  const parts = text.replace(FORMULA_PART, "$1'$2");
  return CONTROL_START.test(parts) ? `'${parts}` : parts;
}

/** One cell: neutralised (unless it is a plain number in a numeric column), then quoted when RFC 4180 needs it. */
export function csvCell(value: string, numeric = false): string {
  assertInput(typeof value === "string", "value");
  assertInput(typeof numeric === "boolean", "numeric");
  return cell(value, numeric);
}

/** `csvCell`, trusting its input (every cell of a document). */
function cell(value: string, numeric = false): string {
  const text = numeric && PLAIN_NUMBER.test(value) ? value : neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: the header, then one record per row, CRLF line ends.
 * Every cell is text; see the module comment for quoting, neutralisation and
 * `numericColumns` (header cells are always treated as text).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  assertInput(Array.isArray(header), "header");
  assertInput(Array.isArray(rows) && rows.every(Array.isArray), "rows");
  assertObject(options, "options");
  assertInput(options.numericColumns === undefined || Array.isArray(options.numericColumns), "numericColumns");
  return document(header, rows, options);
}

function document(header: readonly string[], rows: readonly (readonly string[])[], options: CsvOptions): string {
  const numeric = new Set(options.numericColumns ?? []);
  const lines = [header.map((value) => cell(String(value))).join(",")];
  for (const row of rows) lines.push(row.map((value, column) => cell(String(value ?? ""), numeric.has(column))).join(","));
  return `${options.bom === true ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

/** The parts of a run record its export reads (a `RunRecord` fits). */
export interface CsvRun {
  readonly runId: string;
  readonly status: string;
  /** The filter summary, one line per filter used. */
  readonly filters: readonly string[];
  /** How many credits the run issued, and their sum. */
  readonly count: number;
  readonly total: string;
  readonly request: {
    readonly creditType: string;
    readonly creditTypeName?: string;
    readonly date: string;
    readonly currency: string;
    readonly location: string;
    readonly locationName?: string;
  };
  readonly credits: readonly {
    readonly familyId: string;
    readonly familyName: string;
    readonly studentName?: string;
    readonly enrollmentId?: string;
    readonly offeringName?: string;
    readonly amount: string;
    readonly grantId: string;
  }[];
}

/**
 * A run's reversal as its export reads it: a `RunReversal` (the per-credit
 * report: each credit's row gets its outcome) or a saved run's
 * `RunReversalMark` (the totals alone).
 */
export interface CsvRunReversal {
  readonly date: string;
  readonly totals: RunReversal["totals"];
  readonly failed: number;
  /** Credits already spent, when the per-credit report is not given. */
  readonly spent?: number;
  readonly credits?: readonly Pick<CreditReversal, "grantId" | "outcome" | "voided" | "used" | "reserved">[];
}

/** What `runToCsv` reads of a run, each of its type (`checkFields`' rules: `s` a text, `[s` a list of texts). */
const RUN = { runId: "s", status: "s", total: "s", filters: "[s", credits: "[" };

/** The header `runToCsv` writes, for a run in `currency`. */
export function runCsvHeader(currency: string, reversed = false): string[] {
  const header = ["Family", "Family ID", "Student", "Enrollment", `Amount (${currency})`, "Grant ID", "Credit type", "Date", "Location"];
  return reversed ? [...header, "Reversal", `Voided (${currency})`, `Already spent (${currency})`, `Held (${currency})`] : header;
}

/**
 * A run's record as CSV ("Save to CSV", §6): first the table, one record per
 * credit with the family, student, enrollment (class, camp or program),
 * amount, grant id, credit type, date and location, in the record's order;
 * then, after an empty line, the record's summary as label-value lines: the
 * run id, its status, the number of credits, their total, and one line per
 * filter used. Names of the credit type and location are used when the record
 * has them. Amounts stay numbers; every text is neutralised (see the module
 * comment). Starts with a UTF-8 byte order mark unless `bom: false`.
 *
 * With `reversal` (the run was reversed) the status is `reversed`, the summary
 * adds the date, what was issued, voided, already spent and held (and how
 * many credits were spent, or could not be reversed); when the reversal's
 * per-credit report is given, each credit's row also says its outcome
 * (`voided`, `already-reversed`, `nothing-to-void`, `failed`), voided, spent
 * and held.
 */
export function runToCsv(run: CsvRun, options: { readonly bom?: boolean; readonly reversal?: CsvRunReversal } = {}): string {
  checkFields(run, RUN, "run", "", false);
  assertObject(run.request, "run.request");
  for (const c of run.credits) assertObject(c, "run.credits");
  assertObject(options, "options");
  const { reversal } = options;
  if (reversal !== undefined) checkReversal(reversal);
  const { request } = run;
  const creditType = request.creditTypeName ?? request.creditType;
  const location = request.locationName ?? request.location;
  const outcomes = new Map((reversal?.credits ?? []).map((c) => [c.grantId, c]));
  const perRow = reversal?.credits !== undefined;
  const rows = run.credits.map((c) => {
    const row = [
      c.familyName,
      c.familyId,
      c.studentName ?? "",
      c.offeringName ?? "",
      c.amount,
      c.grantId,
      creditType,
      request.date,
      location,
    ];
    if (!perRow) return row;
    const o = outcomes.get(c.grantId);
    return [...row, o?.outcome ?? "", o?.voided ?? "", o?.used ?? "", o?.reserved ?? ""];
  });
  const numericColumns = perRow ? [4, 10, 11, 12] : [4];
  const table = document(runCsvHeader(request.currency, perRow), rows, { numericColumns, bom: options.bom ?? true });
  const c = request.currency;
  const spent = reversal?.credits !== undefined ? spentCredits({ credits: reversal.credits }, c).length : reversal?.spent;
  const summary: (readonly [string, string, boolean?])[] = [
    ["Run", run.runId],
    ["Status", reversal !== undefined ? "reversed" : run.status],
    ["Credits", String(run.count), true],
    [`Total (${request.currency})`, run.total, true],
    ...(reversal !== undefined
      ? ([
          ["Reversed on", reversal.date],
          [`Issued (${c})`, reversal.totals.issued, true],
          [`Voided (${c})`, reversal.totals.voided, true],
          [`Already spent (${c})`, reversal.totals.used, true],
          [`Held (${c})`, reversal.totals.reserved, true],
          ...(spent !== undefined ? [["Credits already spent", String(spent), true] as const] : []),
          ...(reversal.failed > 0 ? [["Credits not reversed", String(reversal.failed), true] as const] : []),
        ] as const)
      : []),
    ...run.filters.map((line) => ["Filter", line] as const),
  ];
  const lines = summary.map(([label, value, numeric]) => `${cell(label)},${cell(value, numeric === true)}`);
  return `${table}\r\n${lines.join("\r\n")}\r\n`;
}

function checkReversal(reversal: CsvRunReversal): void {
  assertObject(reversal, "reversal");
  assertInput(typeof reversal.date === "string", "reversal.date");
  assertInput(Number.isSafeInteger(reversal.failed) && reversal.failed >= 0, "reversal.failed");
  assertObject(reversal.totals, "reversal.totals");
  for (const name of ["issued", "voided", "used", "reserved"] as const)
    assertInput(typeof reversal.totals[name] === "string", `reversal.totals.${name}`);
  assertInput(reversal.credits === undefined || Array.isArray(reversal.credits), "reversal.credits");
}

/** The header `spentCreditsToCsv` writes, for a run in `currency`. */
export function spentCreditsHeader(currency: string): string[] {
  return ["Family", "Family ID", "Grant ID", `Credit (${currency})`, `Used (${currency})`, `Left (${currency})`, `Voided (${currency})`];
}

/**
 * The credits of a run's reversal that had already been spent, as CSV ("Save
 * spent credits as CSV"): one record per credit spent in part or whole, in
 * the run's order, with the family, the credit, what was used of it, what
 * was left of it (credit − used) and what the reversal voided of that.
 * Amounts stay numbers; every text is neutralised. Starts with a UTF-8 byte
 * order mark unless `bom: false`.
 */
export function spentCreditsToCsv(
  reversal: Pick<RunReversal, "credits">,
  currency: string,
  options: { readonly bom?: boolean } = {},
): string {
  assertObject(reversal, "reversal");
  assertInput(Array.isArray(reversal.credits), "reversal.credits");
  for (const c of reversal.credits) assertObject(c, "reversal.credits");
  assertInput(typeof currency === "string" && currency !== "", "currency");
  assertObject(options, "options");
  const rows = spentCredits(reversal, currency).map((c) => [
    c.familyName,
    c.familyId,
    c.grantId,
    c.amount,
    c.used,
    toAmountString(subtract(fromAmountString(c.amount, currency), fromAmountString(c.used, currency))),
    c.voided,
  ]);
  return document(spentCreditsHeader(currency), rows, { numericColumns: [3, 4, 5, 6], bom: options.bom ?? true });
}

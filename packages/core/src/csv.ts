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

/** What `runToCsv` reads of a run, each of its type (`checkFields`' rules: `s` a text, `[s` a list of texts). */
const RUN = { runId: "s", status: "s", total: "s", filters: "[s", credits: "[" };

/** The header `runToCsv` writes, for a run in `currency`. */
export function runCsvHeader(currency: string): string[] {
  return ["Family", "Family ID", "Student", "Enrollment", `Amount (${currency})`, "Grant ID", "Credit type", "Date", "Location"];
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
 */
export function runToCsv(run: CsvRun, options: { readonly bom?: boolean } = {}): string {
  checkFields(run, RUN, "run", "", false);
  assertObject(run.request, "run.request");
  for (const c of run.credits) assertObject(c, "run.credits");
  assertObject(options, "options");
  const { request } = run;
  const creditType = request.creditTypeName ?? request.creditType;
  const location = request.locationName ?? request.location;
  const rows = run.credits.map((c) => [
    c.familyName,
    c.familyId,
    c.studentName ?? "",
    c.offeringName ?? "",
    c.amount,
    c.grantId,
    creditType,
    request.date,
    location,
  ]);
  const table = document(runCsvHeader(request.currency), rows, { numericColumns: [4], bom: options.bom ?? true });
  const summary: (readonly [string, string, boolean?])[] = [
    ["Run", run.runId],
    ["Status", run.status],
    ["Credits", String(run.count), true],
    [`Total (${request.currency})`, run.total, true],
    ...run.filters.map((line) => ["Filter", line] as const),
  ];
  const lines = summary.map(([label, value, numeric]) => `${cell(label)},${cell(value, numeric === true)}`);
  return `${table}\r\n${lines.join("\r\n")}\r\n`;
}

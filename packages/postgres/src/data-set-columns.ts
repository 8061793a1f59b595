/**
 * How the data set's rows travel between Node and the database: a table as
 * a few columns, each column one string of its values joined by a control
 * character. Writing, `string_to_array` + `unnest` turn them into rows
 * (one statement per chunk, no per-row parameters, no JSON to parse in the
 * database); reading, `string_agg` makes them again and one `split` per
 * column reads them here. The three separators are refused in the data set
 * (checkDataSet), so no escaping is needed.
 */
import { assertInput } from "@creditkit/core";

/** Between the values of one column. */
export const SEP = "\u001f";
/** Before each item of a list value (keywords, autopay methods, meeting days). */
export const ITEM = "\u001e";
/** An optional value that is missing. */
export const MISSING = "\u001d";

/** True when `text` holds one of the separators. */
export const holdsSeparator = (text: string): boolean => text.includes(SEP) || text.includes(ITEM) || text.includes(MISSING);

/** Refuses text that holds one of the separators. */
export function assertPlain(value: string, field: string): void {
  assertInput(!holdsSeparator(value), field, { reason: "control-character" });
}

/** A list value as one string: each item after ITEM ("" for an empty list). */
export const encodeList = (items: readonly string[]): string => (items.length === 0 ? "" : ITEM + items.join(ITEM));

/** A column of values as the parameter `columnSql` reads (SEP before each value). */
export const encodeColumn = (values: readonly string[]): string => SEP + values.join(SEP);

/** SQL: the text[] of one encoded column parameter. */
export const columnSql = (param: string) => `(string_to_array(${param}, E'\\x1f'))[2:]`;
/** SQL: a list value (text) as text[]. */
export const listSql = (value: string) => `(string_to_array(${value}, E'\\x1e'))[2:]`;
/** SQL: a text[] column as the list encoding. */
export const listText = (column: string) =>
  `CASE WHEN cardinality(${column}) = 0 THEN '' ELSE E'\\x1e' || array_to_string(${column}, E'\\x1e') END`;

/** Splits one aggregated column into its `count` values. */
export function decodeColumn(text: unknown, count: number): string[] {
  if (count === 0) return [];
  return String(text).split(SEP);
}

/** Reads list values, one shared (frozen) array per distinct value: a few hundred keyword sets serve 400,000 rows. */
export function listDecoder(): (text: string) => readonly string[] {
  const seen = new Map<string, readonly string[]>();
  const empty: readonly string[] = Object.freeze([]);
  return (text) => {
    if (text === "") return empty;
    let list = seen.get(text);
    if (list === undefined) {
      list = Object.freeze(text.slice(1).split(ITEM));
      seen.set(text, list);
    }
    return list;
  };
}

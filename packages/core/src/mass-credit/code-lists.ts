/**
 * Lists of strings per record — student keywords, family keywords, autopay
 * methods — as small integer codes in typed arrays, so the family and student
 * tests of a preview read compact arrays in review order instead of
 * scattered record objects. Up to 32 distinct values, each record's list is
 * one bitmask; beyond that, code lists with offsets.
 */

/** The coded lists of a sequence of records, position for position. */
export interface CodeLists {
  /** The distinct values, in order of first appearance; a value's code is its position here. */
  readonly values: readonly string[];
  /** Per record: bit c set when it has `values[c]`. Null when there are more than 32 values. */
  readonly masks: Int32Array | null;
  /** With more than 32 values: record `i` has the codes `codes[start[i] .. start[i + 1])`. Null otherwise. */
  readonly start: Uint32Array | null;
  readonly codes: Uint32Array | null;
}

/** The values a question asks for, coded against one `CodeLists`: any of them must be present. */
export interface WantedCodes {
  /** The bits of the wanted values (with masks). */
  readonly mask: number;
  /** Per code: 1 when the value is wanted (with code lists). */
  readonly flags: Uint8Array;
}

/** The most distinct values held as one bitmask per record. */
export const MAX_MASK_VALUES = 32;

/**
 * Codes the lists of `records`, read with `listOf`: one pass while the
 * distinct values fit a bitmask, a second into code lists when they do not.
 */
export function codeLists<T>(records: readonly T[], listOf: (record: T) => readonly string[]): CodeLists {
  const codeOf = new Map<string, number>();
  const values: string[] = [];
  const codeFor = (value: string) => {
    let code = codeOf.get(value);
    if (code === undefined) {
      code = values.length;
      codeOf.set(value, code);
      values.push(value);
    }
    return code;
  };
  const masks = new Int32Array(records.length);
  for (let i = 0; i < records.length && values.length <= MAX_MASK_VALUES; i++) {
    let mask = 0;
    for (const value of listOf(records[i] as T)) mask |= 1 << codeFor(value);
    masks[i] = mask;
  }
  if (values.length <= MAX_MASK_VALUES) return { values, masks, start: null, codes: null };
  const start = new Uint32Array(records.length + 1);
  const codes: number[] = [];
  records.forEach((record, i) => {
    for (const value of listOf(record)) codes.push(codeFor(value));
    start[i + 1] = codes.length;
  });
  return { values, masks: null, start, codes: Uint32Array.from(codes) };
}

/** `codeLists` for records holding exactly one value each (a fee's category). */
export function codeValues<T>(records: readonly T[], value: (record: T) => string): CodeLists {
  const list: string[] = [""];
  return codeLists(records, (record) => {
    list[0] = value(record);
    return list;
  });
}

/** Codes the values a question asks for; values no record has get no code and can never match. */
export function wantedCodes(lists: CodeLists, wanted: readonly string[]): WantedCodes {
  const set = new Set(wanted);
  const flags = new Uint8Array(lists.values.length);
  let mask = 0;
  lists.values.forEach((value, code) => {
    if (!set.has(value)) return;
    flags[code] = 1;
    if (code < MAX_MASK_VALUES) mask |= 1 << code;
  });
  return { mask, flags };
}

/** True when record `i` has any wanted value; a question not asked (null) always holds. */
export function hasAnyCode(lists: CodeLists, i: number, wanted: WantedCodes | null): boolean {
  if (wanted === null) return true;
  const masks = lists.masks;
  if (masks !== null) return ((masks[i] ?? 0) & wanted.mask) !== 0;
  const start = lists.start as Uint32Array;
  const codes = lists.codes as Uint32Array;
  const flags = wanted.flags;
  const end = start[i + 1] ?? 0;
  for (let c = start[i] ?? 0; c < end; c++) if (flags[codes[c] ?? 0] === 1) return true;
  return false;
}

/**
 * The index a preview walks: built once per data set, so that deciding who
 * qualifies is one sequential pass — no lookups by id, no sorting, no parsing
 * of amounts or dates, and every fact a test reads (active, outstanding,
 * enrollment dates and codes, keyword / autopay / category bitmasks) in
 * typed arrays laid out in review order, so the pass never touches a record.
 */
import { isIsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { fromAmountString, isPositive } from "../money.js";
import { type CodeLists, codeLists, codeValues } from "./code-lists.js";
import { codeEnrollments, type EnrollmentCodes } from "./enrollment-codes.js";
import type { Enrollment, Family, Fee, MassCreditDataSet, NamedItem, Offering, Student } from "./model.js";

/** The fixed collation every mass-credit sort uses, so the order is the same in every browser, worker and Node. */
export const NAME_COLLATOR = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Name lookups for the organisation's lists. */
export interface ListLookup {
  readonly creditTypes: ReadonlyMap<string, string>;
  readonly chargeCategories: ReadonlyMap<string, string>;
  readonly locations: ReadonlyMap<string, string>;
  readonly autopayMethods: ReadonlyMap<string, string>;
  readonly offerings: ReadonlyMap<string, Offering>;
}

/**
 * A data set arranged for eligibility, in review order: families by name
 * (NAME_COLLATOR) then id; each family's students by display name then id;
 * each student's enrollments by offering name then id. The children of
 * family `f` are `students[studentStart[f] .. studentStart[f + 1])`, and
 * likewise for enrollments of a student and fees of a family. Positions
 * below are positions in these arrays. Treat every array as read-only.
 */
export interface MassCreditIndex {
  readonly kind: "mass-credit-index";
  /** The data set the index was built from. */
  readonly data: MassCreditDataSet;
  readonly lists: ListLookup;
  readonly families: readonly Family[];
  /** 1 when the family is active. */
  readonly familyActive: Uint8Array;
  /** 1 when the family has at least one fee with a remainder above zero. */
  readonly familyOutstanding: Uint8Array;
  /** Each family's keywords and autopay methods, coded (see `CodeLists`). */
  readonly familyKeywordCodes: CodeLists;
  readonly familyAutopayCodes: CodeLists;
  readonly studentStart: Uint32Array;
  readonly students: readonly Student[];
  readonly studentNames: readonly string[];
  readonly studentActive: Uint8Array;
  /** Each student's keywords, coded. */
  readonly studentKeywordCodes: CodeLists;
  readonly enrollmentStart: Uint32Array;
  readonly enrollments: readonly Enrollment[];
  /** Start and end dates as YYYYMMDD numbers (see `dateKey`). */
  readonly enrollmentFrom: Int32Array;
  readonly enrollmentTo: Int32Array;
  /** Offering, location and meeting-day codes of every enrollment, for row matching. */
  readonly enrollmentCodes: EnrollmentCodes;
  /** Preview-row fields made once, so a preview of 400,000 rows only copies references. */
  readonly rowFields: RowFields;
  readonly feeStart: Uint32Array;
  readonly fees: readonly Fee[];
  /** 1 when the fee's remainder is above zero. */
  readonly feeOutstanding: Uint8Array;
  /** Each fee's category, coded (a list of one). */
  readonly feeCategoryCodes: CodeLists;
  /** Family id → position in `families`. */
  readonly familyById: ReadonlyMap<string, number>;
}

/** Row keys, ids and names by position (see `PreviewRow`). */
export interface RowFields {
  readonly familyIds: readonly string[];
  readonly familyNames: readonly string[];
  /** "f:<familyId>" per family. */
  readonly familyKeys: readonly string[];
  /** "s:<studentId>" per student. */
  readonly studentKeys: readonly string[];
  readonly studentIds: readonly string[];
  /** "e:<enrollmentId>" per enrollment. */
  readonly enrollmentKeys: readonly string[];
  readonly enrollmentIds: readonly string[];
  readonly offeringNames: readonly string[];
}

/** True when `value` is an index built by `indexDataSet` rather than a raw data set. */
export function isMassCreditIndex(value: MassCreditDataSet | MassCreditIndex): value is MassCreditIndex {
  return (value as MassCreditIndex | null)?.kind === "mass-credit-index";
}

const LIST_NAMES = ["creditTypes", "chargeCategories", "locations", "offerings", "autopayMethods"] as const;
const RECORD_NAMES = ["families", "students", "enrollments", "fees"] as const;

/** `invalid-input` naming `field` unless `value` is a list of objects. */
function checkRecords(value: unknown, field: string): void {
  assertInput(Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null), field);
}

/**
 * Checks a data set's shape where the rules would otherwise crash: an object
 * with a currency text and its lists; with `records`, its record lists too
 * (lists of objects; each record's fields are the index's to check).
 */
export function checkDataSet(data: MassCreditDataSet, records: boolean): void {
  assertObject(data, "data");
  assertInput(typeof data.currency === "string", "data.currency");
  assertObject(data.lists, "data.lists");
  for (const name of LIST_NAMES) checkRecords(data.lists[name], `data.lists.${name}`);
  if (records) for (const name of RECORD_NAMES) checkRecords(data[name], `data.${name}`);
}

/** A YYYY-MM-DD date as the number YYYYMMDD, which orders the same way. Trusts a valid date. */
export function dateKey(date: string): number {
  let key = 0;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) key = key * 10 + (date.charCodeAt(i) - 48);
  return key;
}

/**
 * Builds the index of a data set. Throws `duplicate-id` when two families or
 * two students share an id, `invalid-date` for an enrollment date that is not
 * YYYY-MM-DD, and a money code for a fee remainder that is not an amount.
 * Students, enrollments and fees whose parent id is unknown are left out.
 * Enrollment and fee ids must be unique (the data source's keys).
 * `invalid-input` for data that is not a data set (not an object, or lists
 * and records that are not lists of objects).
 */
export function indexDataSet(data: MassCreditDataSet): MassCreditIndex {
  checkDataSet(data, true);
  const familyOrder = Array.from(data.families.keys());
  const familyRanks = rankNames(data.families.map((f) => f.name));
  familyOrder.sort((a, b) => byRankThenId(a, b, familyRanks, data.families));
  const families = familyOrder.map((p) => data.families[p] as Family);
  const familyById = positionsById(families, "family");

  const displayNames = data.students.map(displayName);
  const studentRanks = rankNames(displayNames);
  const [studentStart, studentOrder] = groupByParent(data.students, families.length, (s) => familyById.get(s.familyId));
  sortGroups(studentStart, studentOrder, (a, b) => byRankThenId(a, b, studentRanks, data.students));
  const students = studentOrder.map((p) => data.students[p] as Student);
  const studentById = positionsById(students, "student");

  const offeringRanks = rankNames(data.enrollments.map((e) => e.offering.name));
  const [enrollmentStart, enrollmentOrder] = groupByParent(data.enrollments, students.length, (e) => studentById.get(e.studentId));
  sortGroups(enrollmentStart, enrollmentOrder, (a, b) => byRankThenId(a, b, offeringRanks, data.enrollments));
  const enrollments = enrollmentOrder.map((p) => data.enrollments[p] as Enrollment);

  const [feeStart, feeOrder] = groupByParent(data.fees, families.length, (f) => familyById.get(f.familyId));
  const fees = feeOrder.map((p) => data.fees[p] as Fee);

  const isOutstanding = memo((remainder: string) => isPositive(fromAmountString(remainder, data.currency)));
  // Dates repeat a great deal (a term's start and end): each distinct text is checked once.
  const dateKeyOf = memo(checkedDateKey);
  const feeOutstanding = typed(Uint8Array, fees, (fee) => (isOutstanding(fee.remainder) ? 1 : 0));
  const familyOutstanding = new Uint8Array(families.length);
  for (let f = 0; f < families.length; f++) {
    for (let i = feeStart[f] ?? 0; i < (feeStart[f + 1] ?? 0); i++) if (feeOutstanding[i] === 1) familyOutstanding[f] = 1;
  }

  return Object.freeze({
    kind: "mass-credit-index",
    data,
    lists: lookupLists(data),
    families,
    familyActive: typed(Uint8Array, families, (f) => (f.status === "active" ? 1 : 0)),
    familyOutstanding,
    familyKeywordCodes: codeLists(families, (f) => f.keywords),
    familyAutopayCodes: codeLists(families, (f) => f.autopayMethods),
    studentStart,
    students,
    studentNames: studentOrder.map((p) => displayNames[p] ?? ""),
    studentActive: typed(Uint8Array, students, (s) => (s.status === "active" ? 1 : 0)),
    studentKeywordCodes: codeLists(students, (s) => s.keywords),
    enrollmentStart,
    enrollments,
    enrollmentFrom: typed(Int32Array, enrollments, (e) => dateKeyOf(e.startDate)),
    enrollmentTo: typed(Int32Array, enrollments, (e) => dateKeyOf(e.endDate)),
    enrollmentCodes: codeEnrollments(enrollments),
    rowFields: {
      familyIds: families.map((f) => f.id),
      familyNames: families.map((f) => f.name),
      familyKeys: families.map((f) => `f:${f.id}`),
      studentKeys: students.map((s) => `s:${s.id}`),
      studentIds: students.map((s) => s.id),
      enrollmentKeys: enrollments.map((e) => `e:${e.id}`),
      enrollmentIds: enrollments.map((e) => e.id),
      offeringNames: enrollments.map((e) => e.offering.name),
    },
    feeStart,
    fees,
    feeOutstanding,
    feeCategoryCodes: codeValues(fees, (fee) => fee.category),
    familyById,
  });
}

/** Id → name lookups for the lists of a data set. */
export function lookupLists(data: MassCreditDataSet): ListLookup {
  const names = (items: readonly NamedItem[]) => new Map(items.map((item) => [item.id, item.name] as const));
  return {
    creditTypes: names(data.lists.creditTypes),
    chargeCategories: names(data.lists.chargeCategories),
    locations: names(data.lists.locations),
    autopayMethods: names(data.lists.autopayMethods),
    offerings: new Map(data.lists.offerings.map((offering) => [offering.id, offering] as const)),
  };
}

/** `studentDisplayName` of a student already checked (the index's inner loop). */
export function displayName(student: Student): string {
  if (student.name !== undefined && student.name !== "") return student.name;
  return [student.firstName, student.lastName].filter((part) => part !== undefined && part !== "").join(" ");
}

/** `dateKey` of an enrollment date, after checking it is a real YYYY-MM-DD date (`invalid-date` otherwise). */
function checkedDateKey(date: string): number {
  if (typeof date === "string" && date.length === 10 && date[4] === "-" && date[7] === "-") {
    let key = 0;
    let digits = true;
    for (let i = 0; i < 10 && digits; i++) {
      if (i === 4 || i === 7) continue;
      const digit = date.charCodeAt(i) - 48;
      digits = digit >= 0 && digit <= 9;
      key = key * 10 + digit;
    }
    const day = key % 100;
    const month = Math.floor(key / 100) % 100;
    if (digits && month >= 1 && month <= 12 && day >= 1 && (day <= 28 || isIsoDate(date))) return key;
  }
  throw new CreditKitError("invalid-date", { field: "enrollment date", value: String(date) });
}

/**
 * `Kind.from(records, fn)` as a plain loop: a typed array's `from` with a
 * mapping function walks the records through an iterator, several times
 * slower (a quarter of the index's build at 100,000 families).
 */
function typed<T, A extends Uint8Array | Int32Array | Uint32Array>(
  Kind: new (length: number) => A,
  records: readonly T[],
  fn: (record: T) => number,
): A {
  const out = new Kind(records.length);
  for (let i = 0; i < records.length; i++) out[i] = fn(records[i] as T);
  return out;
}

/** Caches a pure function of a string: amounts and dates repeat a great deal in real data. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

function positionsById(records: readonly { readonly id: string }[], kind: string): Map<string, number> {
  const map = new Map<string, number>();
  records.forEach((record, position) => {
    const size = map.size;
    map.set(record.id, position);
    if (map.size === size) throw new CreditKitError("duplicate-id", { kind, id: record.id });
  });
  return map;
}

/**
 * A counting sort of children by parent position: returns [start, order],
 * `order` holding child positions grouped by parent, children with an
 * unknown parent left out.
 */
function groupByParent<T>(
  children: readonly T[],
  parentCount: number,
  parentOf: (child: T) => number | undefined,
): [Uint32Array, number[]] {
  const parents = typed(Int32Array, children, (child) => parentOf(child) ?? -1);
  const start = new Uint32Array(parentCount + 1);
  for (const parent of parents) if (parent >= 0) start[parent + 1] = (start[parent + 1] ?? 0) + 1;
  for (let p = 0; p < parentCount; p++) start[p + 1] = (start[p + 1] ?? 0) + (start[p] ?? 0);
  const next = start.slice(0, parentCount);
  const order = new Array<number>(start[parentCount] ?? 0);
  for (let child = 0; child < parents.length; child++) {
    const parent = parents[child] ?? -1;
    if (parent < 0) continue;
    const slot = next[parent] ?? 0;
    order[slot] = child;
    next[parent] = slot + 1;
  }
  return [start, order];
}

/** Sorts each parent's slice of `order` (insertion sort for the usual handful of children). */
function sortGroups(start: Uint32Array, order: number[], compare: (a: number, b: number) => number): void {
  for (let p = 0; p + 1 < start.length; p++) {
    const from = start[p] ?? 0;
    const to = start[p + 1] ?? 0;
    if (to - from > 32) {
      const group = order.slice(from, to).sort(compare);
      for (let i = 0; i < group.length; i++) order[from + i] = group[i] ?? 0;
      continue;
    }
    for (let i = from + 1; i < to; i++) {
      const item = order[i] ?? 0;
      let j = i - 1;
      for (; j >= from && compare(order[j] ?? 0, item) > 0; j--) order[j + 1] = order[j] ?? 0;
      order[j + 1] = item;
    }
  }
}

/**
 * The collation rank of every name: names that collate equal share a rank.
 * Sorting the distinct names once keeps the costly collator off the big sorts.
 */
function rankNames(names: readonly string[]): Uint32Array {
  const distinct = [...new Set(names)].sort(NAME_COLLATOR.compare);
  const rankOf = new Map<string, number>();
  let rank = 0;
  distinct.forEach((name, i) => {
    if (i > 0 && NAME_COLLATOR.compare(distinct[i - 1] ?? "", name) !== 0) rank++;
    rankOf.set(name, rank);
  });
  return typed(Uint32Array, names, (name) => rankOf.get(name) ?? 0);
}

function byRankThenId(a: number, b: number, ranks: Uint32Array, records: readonly { readonly id: string }[]): number {
  const byRank = (ranks[a] ?? 0) - (ranks[b] ?? 0);
  if (byRank !== 0) return byRank;
  const idA = records[a]?.id ?? "";
  const idB = records[b]?.id ?? "";
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

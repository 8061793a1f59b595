/**
 * Importing an organisation's mass-credit data set (migration 002): checked
 * whole first (a bad data set is refused with a typed error and nothing is
 * written), then written in one transaction that replaces the previous one,
 * a few multi-row statements per table (`json_to_recordset` of chunks of
 * rows), never a statement per row.
 */
import {
  assertInput,
  CreditKitError,
  type Enrollment,
  type EnrollmentOffering,
  fromAmountString,
  isCreditKitError,
  isIsoDate,
  type MassCreditDataSet,
  type NamedItem,
  WEEKDAYS,
} from "@creditkit/core";
import type { Db, Queryable } from "./db.js";
import { inOrg, lockNames, type OrgScope } from "./org-tx.js";

/** The lists of `OrganisationLists` stored as named items (offerings have their own table). */
export const NAMED_LISTS = ["creditTypes", "chargeCategories", "locations", "autopayMethods"] as const;

/** Rows per INSERT statement. */
const CHUNK = 20_000;

export interface ImportOptions {
  /** Per statement (ms). Default 30000. */
  readonly statementTimeoutMs?: number;
  /** Called inside the transaction after the rows are written (the data source sends its change notice). */
  readonly onWritten?: (tx: Queryable) => Promise<void>;
}

/** What an import wrote. */
export interface ImportCounts {
  readonly families: number;
  readonly students: number;
  readonly enrollments: number;
  readonly fees: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const isStrings = (value: unknown): value is readonly string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
const isId = (value: unknown): value is string => typeof value === "string" && value !== "";
const STATUSES = new Set(["active", "inactive"]);
const KINDS = new Set(["class", "camp", "program"]);
const DAYS = new Set<string>(WEEKDAYS);

/** Refuses a second use of an id within one kind of record (`duplicate-id`). */
function uniqueIds(items: readonly { readonly id: string }[], what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new CreditKitError("duplicate-id", { [what]: item.id }, `Two ${what} records have the id ${item.id}.`);
    seen.add(item.id);
  }
}

function checkOffering(value: unknown, field: string): asserts value is EnrollmentOffering {
  assertInput(isObject(value), field);
  assertInput(KINDS.has(value.kind as string), `${field}.kind`);
  assertInput(isId(value.id), `${field}.id`);
  assertInput(typeof value.name === "string", `${field}.name`);
  assertInput(isStrings(value.keywords), `${field}.keywords`);
}

/**
 * Checks a data set's shape before anything is written: every record's
 * fields and types, ids unique per kind, enrollment dates real YYYY-MM-DD
 * dates, fee remainders amounts of `currency` (the organisation's). Records
 * whose parent is not listed are kept (a preview leaves them out, as the
 * core's index does). Throws `invalid-input` naming the field,
 * `duplicate-id`, `currency-mismatch`, `invalid-date` or a money code.
 */
export function checkDataSet(data: unknown, currency: string): asserts data is MassCreditDataSet {
  assertInput(isObject(data), "dataSet");
  if (data.currency !== currency) {
    throw new CreditKitError(
      "currency-mismatch",
      { expected: currency, actual: String(data.currency) },
      `The data set must be in ${currency}.`,
    );
  }
  const lists = data.lists;
  assertInput(isObject(lists), "lists");
  for (const name of NAMED_LISTS) {
    const items = lists[name];
    assertInput(Array.isArray(items), `lists.${name}`);
    items.forEach((item: unknown, i) => {
      assertInput(isObject(item) && isId(item.id) && typeof item.name === "string", `lists.${name}[${i}]`);
    });
    uniqueIds(items as NamedItem[], `lists.${name}`);
  }
  assertInput(Array.isArray(lists.offerings), "lists.offerings");
  lists.offerings.forEach((o: unknown, i) => {
    checkOffering(o, `lists.offerings[${i}]`);
  });
  uniqueIds(lists.offerings as NamedItem[], "offering");

  const families = data.families;
  assertInput(Array.isArray(families), "families");
  families.forEach((f: unknown, i) => {
    const at = `families[${i}]`;
    assertInput(isObject(f) && isId(f.id), `${at}.id`);
    assertInput(typeof f.name === "string", `${at}.name`);
    assertInput(STATUSES.has(f.status as string), `${at}.status`);
    assertInput(isStrings(f.keywords), `${at}.keywords`);
    assertInput(isStrings(f.autopayMethods), `${at}.autopayMethods`);
    assertInput(typeof f.location === "string", `${at}.location`);
  });
  uniqueIds(families, "family");

  const students = data.students;
  assertInput(Array.isArray(students), "students");
  students.forEach((s: unknown, i) => {
    const at = `students[${i}]`;
    assertInput(isObject(s) && isId(s.id), `${at}.id`);
    assertInput(typeof s.familyId === "string", `${at}.familyId`);
    for (const part of ["name", "firstName", "lastName"])
      assertInput(s[part] === undefined || typeof s[part] === "string", `${at}.${part}`);
    assertInput(STATUSES.has(s.status as string), `${at}.status`);
    assertInput(isStrings(s.keywords), `${at}.keywords`);
  });
  uniqueIds(students, "student");

  const enrollments = data.enrollments;
  assertInput(Array.isArray(enrollments), "enrollments");
  enrollments.forEach((e: unknown, i) => {
    const at = `enrollments[${i}]`;
    assertInput(isObject(e) && isId(e.id), `${at}.id`);
    assertInput(typeof e.studentId === "string", `${at}.studentId`);
    checkOffering(e.offering, `${at}.offering`);
    assertInput(typeof e.location === "string", `${at}.location`);
    assertInput(isStrings(e.meetingDays) && e.meetingDays.every((d) => DAYS.has(d)), `${at}.meetingDays`);
    for (const date of ["startDate", "endDate"]) {
      if (!isIsoDate(e[date])) throw new CreditKitError("invalid-date", { field: `${at}.${date}`, value: String(e[date]) });
    }
  });
  uniqueIds(enrollments, "enrollment");

  const fees = data.fees;
  assertInput(Array.isArray(fees), "fees");
  fees.forEach((fee: unknown, i) => {
    const at = `fees[${i}]`;
    assertInput(isObject(fee) && isId(fee.id), `${at}.id`);
    assertInput(typeof fee.familyId === "string", `${at}.familyId`);
    assertInput(typeof fee.category === "string", `${at}.category`);
    assertInput(typeof fee.remainder === "string", `${at}.remainder`);
    try {
      fromAmountString(fee.remainder, currency);
    } catch (error) {
      if (!isCreditKitError(error)) throw error;
      throw new CreditKitError(error.code, { ...error.details, field: `${at}.remainder` }, error.message);
    }
  });
  uniqueIds(fees, "fee");
}

/** Inserts `rows` (objects keyed by the column names of `columns`) in chunks of CHUNK, one statement each. */
async function insertRows(tx: Queryable, orgId: string, table: string, columns: string, rows: readonly object[]): Promise<void> {
  const names = columns.split(",").map((c) => c.trim().split(" ")[0]);
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = JSON.stringify(rows.slice(at, at + CHUNK));
    await tx.query(
      `INSERT INTO ${table} (org_id, ${names.join(", ")}) SELECT $1, ${names.map((n) => `x.${n}`).join(", ")} FROM json_to_recordset($2::json) AS x(${columns})`,
      [orgId, chunk],
    );
  }
}

const TABLES = [
  "data_set_fees",
  "data_set_enrollments",
  "data_set_enrollment_offerings",
  "data_set_students",
  "data_set_families",
  "data_set_offerings",
  "data_set_list_items",
  "data_sets",
];

/** The distinct offerings the enrollments carry, numbered, and each enrollment's number. */
function enrollmentOfferings(enrollments: readonly Enrollment[]): { offerings: object[]; numbers: Int32Array } {
  const byKey = new Map<string, number>();
  const offerings: object[] = [];
  const numbers = new Int32Array(enrollments.length);
  enrollments.forEach((e, i) => {
    const o = e.offering;
    const key = JSON.stringify([o.kind, o.id, o.name, o.keywords]);
    let no = byKey.get(key);
    if (no === undefined) {
      no = offerings.length;
      byKey.set(key, no);
      offerings.push({ offering_no: no, kind: o.kind, offering_id: o.id, name: o.name, keywords: o.keywords });
    }
    numbers[i] = no;
  });
  return { offerings, numbers };
}

/** Writes the checked data set over the organisation's previous one, inside `tx`. */
async function writeDataSet(tx: Queryable, orgId: string, data: MassCreditDataSet): Promise<void> {
  for (const table of TABLES) await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
  await tx.query("INSERT INTO data_sets (org_id, currency, families, students, enrollments, fees) VALUES ($1, $2, $3, $4, $5, $6)", [
    orgId,
    data.currency,
    String(data.families.length),
    String(data.students.length),
    String(data.enrollments.length),
    String(data.fees.length),
  ]);
  const items = NAMED_LISTS.flatMap((list) =>
    data.lists[list].map((item, position) => ({ list, position, item_id: item.id, name: item.name })),
  );
  await insertRows(tx, orgId, "data_set_list_items", "list text, position int, item_id text, name text", items);
  await insertRows(
    tx,
    orgId,
    "data_set_offerings",
    "position int, offering_id text, kind text, name text, keywords text[]",
    data.lists.offerings.map((o, position) => ({ position, offering_id: o.id, kind: o.kind, name: o.name, keywords: o.keywords })),
  );
  await insertRows(
    tx,
    orgId,
    "data_set_families",
    "position int, family_id text, name text, status text, keywords text[], autopay_methods text[], location text",
    data.families.map((f, position) => ({
      position,
      family_id: f.id,
      name: f.name,
      status: f.status,
      keywords: f.keywords,
      autopay_methods: f.autopayMethods,
      location: f.location,
    })),
  );
  await insertRows(
    tx,
    orgId,
    "data_set_students",
    "position int, student_id text, family_id text, name text, first_name text, last_name text, status text, keywords text[]",
    data.students.map((s, position) => ({
      position,
      student_id: s.id,
      family_id: s.familyId,
      name: s.name ?? null,
      first_name: s.firstName ?? null,
      last_name: s.lastName ?? null,
      status: s.status,
      keywords: s.keywords,
    })),
  );
  const { offerings, numbers } = enrollmentOfferings(data.enrollments);
  await insertRows(
    tx,
    orgId,
    "data_set_enrollment_offerings",
    "offering_no int, kind text, offering_id text, name text, keywords text[]",
    offerings,
  );
  await insertRows(
    tx,
    orgId,
    "data_set_enrollments",
    "position int, enrollment_id text, student_id text, offering_no int, location text, meeting_days text[], start_date date, end_date date",
    data.enrollments.map((e, position) => ({
      position,
      enrollment_id: e.id,
      student_id: e.studentId,
      offering_no: numbers[position],
      location: e.location,
      meeting_days: e.meetingDays,
      start_date: e.startDate,
      end_date: e.endDate,
    })),
  );
  await insertRows(
    tx,
    orgId,
    "data_set_fees",
    "position int, fee_id text, family_id text, category text, listed_remainder text",
    data.fees.map((f, position) => ({
      position,
      fee_id: f.id,
      family_id: f.familyId,
      category: f.category,
      listed_remainder: f.remainder,
    })),
  );
}

/**
 * Replaces the organisation's mass-credit data set with `dataSet`, in one
 * transaction of the organisation (its role, row-level security), under the
 * organisation's "data-set" lock so two imports at once write one after the
 * other. A data set that fails `checkDataSet` is refused before the
 * transaction starts; any failure rolls everything back (typed error).
 */
export async function importDataSet(db: Db, orgId: string, dataSet: MassCreditDataSet, options: ImportOptions = {}): Promise<ImportCounts> {
  assertInput(isId(orgId), "orgId");
  const scope: OrgScope = {
    db,
    orgId,
    ...(options.statementTimeoutMs !== undefined ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
  };
  const [org] = await inOrg(
    scope,
    (tx) => tx.query<{ currency: string }>("SELECT currency FROM organisations WHERE org_id = $1", [orgId]),
    {
      readOnly: true,
    },
  );
  if (!org) throw new CreditKitError("storage-unavailable", { orgId }, `No organisation ${orgId} is set up in this database.`);
  checkDataSet(dataSet, org.currency);
  await inOrg(scope, async (tx) => {
    await lockNames(tx, orgId, ["data-set"]);
    await writeDataSet(tx, orgId, dataSet);
    await options.onWritten?.(tx);
  });
  return {
    families: dataSet.families.length,
    students: dataSet.students.length,
    enrollments: dataSet.enrollments.length,
    fees: dataSet.fees.length,
  };
}

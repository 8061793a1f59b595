/**
 * Importing an organisation's mass-credit data set (migration 002): checked
 * whole first (a bad data set is refused with a typed error and nothing is
 * written), then written in one transaction that replaces the previous one,
 * one statement per table or chunk of 50,000 rows (data-set-write.ts),
 * never a statement per row.
 */
import {
  assertInput,
  CreditKitError,
  type EnrollmentOffering,
  fromAmountString,
  isCreditKitError,
  isIsoDate,
  type MassCreditDataSet,
  type NamedItem,
  WEEKDAYS,
} from "@creditkit/core";
import { encodeDataSet, insertTable, NAMED_LISTS, type TableRows } from "./data-set-write.js";
import type { Db, Queryable } from "./db.js";
import { inOrg, lockNames, type OrgScope } from "./org-tx.js";

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
    if (seen.has(item.id))
      throw new CreditKitError("duplicate-id", { [what]: item.id, reason: "duplicate-record", kind: what, id: item.id });
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
    throw new CreditKitError("currency-mismatch", { expected: currency, actual: String(data.currency), reason: "data-set" });
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
      throw new CreditKitError(error.code, { ...error.details, field: `${at}.remainder` });
    }
  });
  uniqueIds(fees, "fee");
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

/** Writes the encoded data set over the organisation's previous one, inside `tx`. */
async function writeDataSet(tx: Queryable, orgId: string, data: MassCreditDataSet, tables: readonly TableRows[]): Promise<void> {
  for (const name of TABLES) await tx.query(`DELETE FROM ${name} WHERE org_id = $1`, [orgId]);
  await tx.query("INSERT INTO data_sets (org_id, currency, families, students, enrollments, fees) VALUES ($1, $2, $3, $4, $5, $6)", [
    orgId,
    data.currency,
    String(data.families.length),
    String(data.students.length),
    String(data.enrollments.length),
    String(data.fees.length),
  ]);
  for (const t of tables) await insertTable(tx, orgId, t);
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
  if (!org) throw new CreditKitError("storage-unavailable", { orgId, reason: "no-organisation" });
  checkDataSet(dataSet, org.currency);
  const tables = encodeDataSet(dataSet);
  await inOrg(scope, async (tx) => {
    await lockNames(tx, orgId, ["data-set"]);
    await writeDataSet(tx, orgId, dataSet, tables);
    await options.onWritten?.(tx);
  });
  return {
    families: dataSet.families.length,
    students: dataSet.students.length,
    enrollments: dataSet.enrollments.length,
    fees: dataSet.fees.length,
  };
}

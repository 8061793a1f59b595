/**
 * Writing a checked data set (migration 002) as columns (data-set-columns.ts):
 * each table is encoded in Node first (and refused if a text holds a
 * separator), then inserted a chunk of rows per statement with
 * `unnest(string_to_array(…))`, positions from `WITH ORDINALITY`.
 */
import type { Enrollment, MassCreditDataSet } from "@creditkit/core";
import { assertPlain, columnSql, encodeColumn, encodeList, holdsSeparator, listSql, MISSING } from "./data-set-columns.js";
import type { Queryable } from "./db.js";

/** The lists of `OrganisationLists` stored as named items (offerings have their own table). */
export const NAMED_LISTS = ["creditTypes", "chargeCategories", "locations", "autopayMethods"] as const;

/** Rows per INSERT statement. */
const CHUNK = 50_000;

type Kind = "text" | "int" | "list" | "date" | "optional";

interface Column {
  readonly name: string;
  readonly kind: Kind;
  readonly values: readonly string[];
}

/** One table's rows as columns, with the column holding the row's position and any fixed values. */
export interface TableRows {
  readonly table: string;
  readonly positionColumn: string;
  readonly fixed?: Readonly<Record<string, string>>;
  readonly rows: number;
  readonly columns: readonly Column[];
}

/** Refuses text holding a separator (naming the first such value), before it is encoded. */
function plain(what: string, name: string, values: readonly string[]): readonly string[] {
  if (!holdsSeparator(values.join(""))) return values;
  const at = values.findIndex(holdsSeparator);
  assertPlain(values[at] ?? "", `${what}[${at}].${name}`);
  return values;
}

function table(name: string, rows: number, columns: Column[], positionColumn = "position", fixed?: Record<string, string>): TableRows {
  return { table: name, positionColumn, rows, columns, ...(fixed ? { fixed } : {}) };
}

/** Column builders for the records of `what` (their text checked). */
const columnsOf = (what: string) => ({
  text: (name: string, values: readonly string[]): Column => ({ name, kind: "text", values: plain(what, name, values) }),
  date: (name: string, values: readonly string[]): Column => ({ name, kind: "date", values: plain(what, name, values) }),
  int: (name: string, values: readonly string[]): Column => ({ name, kind: "int", values }),
  optional: (name: string, values: readonly (string | undefined)[]): Column => {
    plain(
      what,
      name,
      values.map((v) => v ?? ""),
    );
    return { name, kind: "optional", values: values.map((v) => v ?? MISSING) };
  },
  list: (name: string, lists: readonly (readonly string[])[]): Column => {
    plain(
      what,
      name,
      lists.map((l) => l.join("")),
    );
    return { name, kind: "list", values: lists.map(encodeList) };
  },
});

/** The distinct offerings the enrollments carry, numbered, and each enrollment's number. */
function enrollmentOfferings(enrollments: readonly Enrollment[]) {
  const byKey = new Map<string, number>();
  const offerings: Enrollment["offering"][] = [];
  const numbers: string[] = new Array(enrollments.length);
  enrollments.forEach((e, i) => {
    const o = e.offering;
    const key = JSON.stringify([o.kind, o.id, o.name, o.keywords]);
    let no = byKey.get(key);
    if (no === undefined) {
      no = offerings.length;
      byKey.set(key, no);
      offerings.push(o);
    }
    numbers[i] = String(no);
  });
  return { offerings, numbers };
}

/** Every table of a checked data set, encoded (throws `invalid-input` for text holding a separator). */
export function encodeDataSet(data: MassCreditDataSet): TableRows[] {
  const { families: fs, students: ss, enrollments: es, fees } = data;
  const lists = NAMED_LISTS.map((list) => {
    const items = data.lists[list];
    const c = columnsOf(`lists.${list}`);
    const columns = [
      c.text(
        "item_id",
        items.map((i) => i.id),
      ),
      c.text(
        "name",
        items.map((i) => i.name),
      ),
    ];
    return table("data_set_list_items", items.length, columns, "position", { list });
  });
  const offeringColumns = (what: string, list: readonly Enrollment["offering"][]) => {
    const c = columnsOf(what);
    return [
      c.text(
        "offering_id",
        list.map((o) => o.id),
      ),
      c.text(
        "kind",
        list.map((o) => o.kind),
      ),
      c.text(
        "name",
        list.map((o) => o.name),
      ),
      c.list(
        "keywords",
        list.map((o) => o.keywords),
      ),
    ];
  };
  const { offerings, numbers } = enrollmentOfferings(es);
  const f = columnsOf("families");
  const s = columnsOf("students");
  const e = columnsOf("enrollments");
  const p = columnsOf("fees");
  return [
    ...lists,
    table("data_set_offerings", data.lists.offerings.length, offeringColumns("lists.offerings", data.lists.offerings)),
    table("data_set_families", fs.length, [
      f.text(
        "family_id",
        fs.map((x) => x.id),
      ),
      f.text(
        "name",
        fs.map((x) => x.name),
      ),
      f.text(
        "status",
        fs.map((x) => x.status),
      ),
      f.list(
        "keywords",
        fs.map((x) => x.keywords),
      ),
      f.list(
        "autopay_methods",
        fs.map((x) => x.autopayMethods),
      ),
      f.text(
        "location",
        fs.map((x) => x.location),
      ),
    ]),
    table("data_set_students", ss.length, [
      s.text(
        "student_id",
        ss.map((x) => x.id),
      ),
      s.text(
        "family_id",
        ss.map((x) => x.familyId),
      ),
      s.optional(
        "name",
        ss.map((x) => x.name),
      ),
      s.optional(
        "first_name",
        ss.map((x) => x.firstName),
      ),
      s.optional(
        "last_name",
        ss.map((x) => x.lastName),
      ),
      s.text(
        "status",
        ss.map((x) => x.status),
      ),
      s.list(
        "keywords",
        ss.map((x) => x.keywords),
      ),
    ]),
    table("data_set_enrollment_offerings", offerings.length, offeringColumns("enrollments.offering", offerings), "offering_no"),
    table("data_set_enrollments", es.length, [
      e.text(
        "enrollment_id",
        es.map((x) => x.id),
      ),
      e.text(
        "student_id",
        es.map((x) => x.studentId),
      ),
      e.int("offering_no", numbers),
      e.text(
        "location",
        es.map((x) => x.location),
      ),
      e.list(
        "meeting_days",
        es.map((x) => x.meetingDays),
      ),
      e.date(
        "start_date",
        es.map((x) => x.startDate),
      ),
      e.date(
        "end_date",
        es.map((x) => x.endDate),
      ),
    ]),
    table("data_set_fees", fees.length, [
      p.text(
        "fee_id",
        fees.map((x) => x.id),
      ),
      p.text(
        "family_id",
        fees.map((x) => x.familyId),
      ),
      p.text(
        "category",
        fees.map((x) => x.category),
      ),
      p.text(
        "listed_remainder",
        fees.map((x) => x.remainder),
      ),
    ]),
  ];
}

const valueSql = (c: Column) => {
  const x = `x.${c.name}`;
  if (c.kind === "int") return `${x}::int`;
  if (c.kind === "date") return `${x}::date`;
  if (c.kind === "list") return listSql(x);
  if (c.kind === "optional") return `nullif(${x}, E'\\x1d')`;
  return x;
};

/** A bare SQL identifier: the table and column names below are this module's own literals, checked anyway. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Inserts one encoded table, CHUNK rows per statement. Only identifiers are
 * spliced into the statement (checked by `identifier`); every value, and the
 * organisation, travels as a parameter.
 */
export async function insertTable(tx: Queryable, orgId: string, t: TableRows): Promise<void> {
  identifier(t.table);
  const fixed = Object.entries(t.fixed ?? {});
  const names = [...fixed.map(([name]) => name), t.positionColumn, ...t.columns.map((c) => c.name)].map(identifier);
  const at = 3 + fixed.length;
  const sql = `INSERT INTO ${t.table} (org_id, ${names.join(", ")})
    SELECT $1, ${fixed.map((_, i) => `$${3 + i}, `).join("")}x.n - 1 + $2::int, ${t.columns.map(valueSql).join(", ")}
    FROM unnest(${t.columns.map((_, i) => columnSql(`$${at + i}`)).join(", ")}) WITH ORDINALITY AS x(${t.columns.map((c) => c.name).join(", ")}, n)`;
  for (let start = 0; start < t.rows; start += CHUNK) {
    const end = Math.min(t.rows, start + CHUNK);
    const params = [orgId, String(start), ...fixed.map(([, v]) => v), ...t.columns.map((c) => encodeColumn(c.values.slice(start, end)))];
    await tx.query(sql, params);
  }
}

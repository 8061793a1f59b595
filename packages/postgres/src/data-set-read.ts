/**
 * Reading an organisation's mass-credit data set (migration 002) as the
 * core's `MassCreditDataSet`, with each fee as the ledger has it now: one
 * read-only transaction (one snapshot of the data set and the ledger), one
 * statement per table that returns each column as one string in the host's
 * order (split once here, data-set-columns.ts), one that returns the ledger of the
 * listed families that have fees, rebuilt with the core's `restoreJournal`;
 * then the core's `withLedgerFees` (docs/decisions/0010) gives each listed
 * fee its remainder from the ledger and adds the ledger's newer fees. No
 * remainder is computed in SQL.
 */
import {
  type AccountRecord,
  type Enrollment,
  type EnrollmentOffering,
  type Family,
  type Fee,
  type LedgerEntry,
  type MassCreditDataSet,
  type NamedItem,
  type Offering,
  type OfferingKind,
  type OrganisationLists,
  type OrgSettings,
  type RecordStatus,
  restoreJournal,
  type Student,
  type Weekday,
  withLedgerFees,
} from "@creditkit/core";
import { decodeColumn, listDecoder, listText, MISSING } from "./data-set-columns.js";
import { NAMED_LISTS } from "./data-set-write.js";
import type { Queryable } from "./db.js";
import { inOrg, type OrgScope } from "./org-tx.js";

/** One table's columns (data-set-columns.ts), each aggregated into one string in the host's order, and its row count. */
function readColumns(table: string, columns: readonly string[], order = "position"): string {
  const aggregates = columns.map((_, i) => `string_agg(c${i}, E'\\x1f') AS c${i}`).join(", ");
  const values = columns.map((c, i) => `${c} AS c${i}`).join(", ");
  return `SELECT count(*)::int AS n, ${aggregates}
    FROM (SELECT ${values} FROM ${table} WHERE org_id = $1 ORDER BY ${order}) AS ordered`;
}

const FAMILIES = readColumns("data_set_families", [
  "family_id",
  "name",
  "status",
  listText("keywords"),
  listText("autopay_methods"),
  "location",
]);
const STUDENTS = readColumns("data_set_students", [
  "student_id",
  "family_id",
  "coalesce(name, E'\\x1d')",
  "coalesce(first_name, E'\\x1d')",
  "coalesce(last_name, E'\\x1d')",
  "status",
  listText("keywords"),
]);
const ENROLLMENTS = readColumns("data_set_enrollments", [
  "enrollment_id",
  "student_id",
  "offering_no::text",
  "location",
  listText("meeting_days"),
  "start_date::text",
  "end_date::text",
]);
const CARRIED = readColumns("data_set_enrollment_offerings", ["kind", "offering_id", "name", listText("keywords")], "offering_no");
const OFFERINGS = readColumns("data_set_offerings", ["offering_id", "kind", "name", listText("keywords")]);
const LIST_ITEMS = readColumns("data_set_list_items", ["list", "item_id", "name"], "list, position");
const FEES = readColumns("data_set_fees", ["fee_id", "family_id", "category", "listed_remainder"]);

type Columns = Record<string, unknown> & { n: number };

/** Runs one `readColumns` query and splits its columns. */
async function columns(tx: Queryable, sql: string, orgId: string): Promise<{ n: number; c: string[][] }> {
  const [row] = await tx.query<Columns>(sql, [orgId]);
  const n = Number(row?.n ?? 0);
  const c: string[][] = [];
  for (let i = 0; row && `c${i}` in row; i++) c.push(decodeColumn(row[`c${i}`], n));
  return { n, c };
}

/**
 * The ledger a listed fee's remainder is read from: the listed families'
 * accounts that hold a fee, with all their entries in the order written (a
 * family without a fee in the ledger keeps its listed fees as listed, the
 * same answer as reading its empty fee list).
 */
const READ_LEDGER = `WITH fee_accounts AS (
    SELECT DISTINCT e.account_id FROM entries e
    WHERE e.org_id = $1 AND e.type = 'Fee'
      AND e.account_id IN (SELECT family_id FROM data_set_families WHERE org_id = $1))
  SELECT
    (SELECT settings::text FROM organisations WHERE org_id = $1) AS settings,
    (SELECT coalesce(json_agg(a.record ORDER BY a.seq), '[]')::text
       FROM accounts a JOIN fee_accounts f USING (account_id) WHERE a.org_id = $1) AS accounts,
    (SELECT coalesce(json_agg(e.entry ORDER BY e.seq), '[]')::text
       FROM entries e JOIN fee_accounts f USING (account_id) WHERE e.org_id = $1) AS entries`;

type LedgerRow = Record<"settings" | "accounts" | "entries", string>;

const parse = <T>(text: unknown): T => JSON.parse(typeof text === "string" ? text : "[]") as T;
const optional = (value: string | undefined) => (value === MISSING || value === undefined ? undefined : value);

/** The stored data set, its fees as listed (undefined when the organisation has none). */
async function readStored(tx: Queryable, orgId: string): Promise<MassCreditDataSet | undefined> {
  const [head] = await tx.query<{ currency: string }>("SELECT currency FROM data_sets WHERE org_id = $1", [orgId]);
  if (!head) return undefined;
  const list = listDecoder();
  const at = (column: string[] | undefined, i: number) => (column?.[i] ?? "") as string;
  const lists: Record<string, NamedItem[]> = Object.fromEntries(NAMED_LISTS.map((name) => [name, []]));
  const items = await columns(tx, LIST_ITEMS, orgId);
  for (let i = 0; i < items.n; i++) lists[at(items.c[0], i)]?.push({ id: at(items.c[1], i), name: at(items.c[2], i) });
  const o = await columns(tx, OFFERINGS, orgId);
  const offerings = Array.from(
    { length: o.n },
    (_, i): Offering => ({ id: at(o.c[0], i), name: at(o.c[2], i), kind: at(o.c[1], i) as OfferingKind, keywords: list(at(o.c[3], i)) }),
  );
  const f = await columns(tx, FAMILIES, orgId);
  const [fId, fName, fStatus, fKeywords, fAutopay, fLocation] = f.c;
  const families = Array.from(
    { length: f.n },
    (_, i): Family => ({
      id: at(fId, i),
      name: at(fName, i),
      status: at(fStatus, i) as RecordStatus,
      keywords: list(at(fKeywords, i)),
      autopayMethods: list(at(fAutopay, i)),
      location: at(fLocation, i),
    }),
  );
  const s = await columns(tx, STUDENTS, orgId);
  const [sId, sFamily, sName, sFirst, sLast, sStatus, sKeywords] = s.c;
  const students = Array.from({ length: s.n }, (_, i): Student => {
    const name = optional(sName?.[i]);
    const firstName = optional(sFirst?.[i]);
    const lastName = optional(sLast?.[i]);
    return {
      id: at(sId, i),
      familyId: at(sFamily, i),
      ...(name !== undefined ? { name } : {}),
      ...(firstName !== undefined ? { firstName } : {}),
      ...(lastName !== undefined ? { lastName } : {}),
      status: at(sStatus, i) as RecordStatus,
      keywords: list(at(sKeywords, i)),
    };
  });
  // One offering object per distinct offering, shared by its enrollments.
  const k = await columns(tx, CARRIED, orgId);
  const carried = Array.from(
    { length: k.n },
    (_, i): EnrollmentOffering => ({
      kind: at(k.c[0], i) as OfferingKind,
      id: at(k.c[1], i),
      name: at(k.c[2], i),
      keywords: list(at(k.c[3], i)),
    }),
  );
  const e = await columns(tx, ENROLLMENTS, orgId);
  const [eId, eStudent, eOffering, eLocation, eDays, eStart, eEnd] = e.c;
  const enrollments = Array.from(
    { length: e.n },
    (_, i): Enrollment => ({
      id: at(eId, i),
      studentId: at(eStudent, i),
      offering: carried[Number(at(eOffering, i))] as EnrollmentOffering,
      location: at(eLocation, i),
      meetingDays: list(at(eDays, i)) as readonly Weekday[],
      startDate: at(eStart, i),
      endDate: at(eEnd, i),
    }),
  );
  const p = await columns(tx, FEES, orgId);
  const fees = Array.from(
    { length: p.n },
    (_, i): Fee => ({ id: at(p.c[0], i), familyId: at(p.c[1], i), category: at(p.c[2], i), remainder: at(p.c[3], i) }),
  );
  return {
    currency: head.currency,
    lists: { ...(lists as unknown as Omit<OrganisationLists, "offerings">), offerings },
    families,
    students,
    enrollments,
    fees,
  };
}

/**
 * The organisation's mass-credit data set with each fee's remainder as the
 * ledger has it now and the ledger's newer fees of the listed families;
 * undefined until one is imported.
 */
export async function readDataSet(scope: OrgScope): Promise<MassCreditDataSet | undefined> {
  const read = await inOrg(
    scope,
    async (tx) => {
      // Dates as YYYY-MM-DD whatever the server's DateStyle; no parallel plan (the aggregates read rows in order).
      await tx.query("SELECT set_config('datestyle', 'ISO, YMD', true), set_config('max_parallel_workers_per_gather', '0', true)");
      const stored = await readStored(tx, scope.orgId);
      if (!stored) return undefined;
      const [ledger] = await tx.query<LedgerRow>(READ_LEDGER, [scope.orgId]);
      return { stored, ledger };
    },
    { readOnly: true },
  );
  if (!read) return undefined;
  const { stored, ledger } = read;
  const journal = restoreJournal({
    currency: stored.currency,
    settings: parse<OrgSettings>(ledger?.settings ?? "{}"),
    accounts: parse<AccountRecord[]>(ledger?.accounts),
    entries: parse<LedgerEntry[]>(ledger?.entries),
    reservations: [],
  });
  return withLedgerFees(stored, journal);
}

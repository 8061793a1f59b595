/**
 * Reading an organisation's mass-credit data set (migration 002) as the
 * core's `MassCreditDataSet`, with each fee as the ledger has it now: one
 * read-only transaction (one snapshot of the data set and the ledger), one
 * statement per table that returns each column as one string in the host's
 * order (split once here, data-set-columns.ts), and one that reads what each
 * fee of the listed families owes in the ledger (data-set-fees.ts: one
 * aggregate over the entries, the same figures as the core's fold); then the
 * core's `withLedgerFees` (docs/decisions/0010) gives each listed fee its
 * remainder from the ledger and adds the ledger's newer fees.
 */
import {
  type Enrollment,
  type EnrollmentOffering,
  type Family,
  type Fee,
  type MassCreditDataSet,
  type NamedItem,
  type Offering,
  type OfferingKind,
  type OrganisationLists,
  type RecordStatus,
  type Student,
  type Weekday,
  withLedgerFees,
} from "@creditkit/core";
import { decodeColumn, listDecoder, listText, MISSING } from "./data-set-columns.js";
import { type FeeRow, feeLedger, readFeeRows } from "./data-set-fees.js";
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

const optional = (value: string | undefined) => (value === MISSING || value === undefined ? undefined : value);

/**
 * The stored data set, its fees as listed (undefined when the organisation
 * has none). Every statement is sent at once (one round trip on a server:
 * the database reads the next table while this one is decoded here).
 */
async function readStored(tx: Queryable, orgId: string, other: Queryable = tx): Promise<MassCreditDataSet | undefined> {
  const sent: Promise<unknown>[] = [];
  const send = <T>(query: Promise<T>): Promise<T> => {
    query.catch(() => undefined);
    sent.push(query);
    return query;
  };
  const heads = send(tx.query<{ currency: string }>("SELECT currency FROM data_sets WHERE org_id = $1", [orgId]));
  // The enrollments (the largest table) go to `other` when it is a second connection (see readDataSet).
  const [itemsRead, offeringsRead, familiesRead, studentsRead, carriedRead, enrollmentsRead, feesRead] = [
    LIST_ITEMS,
    OFFERINGS,
    FAMILIES,
    STUDENTS,
    CARRIED,
    ENROLLMENTS,
    FEES,
  ].map((sql) => send(columns(sql === ENROLLMENTS ? other : tx, sql, orgId)));
  const [head] = await heads;
  if (!head) {
    await Promise.all(sent);
    return undefined;
  }
  const list = listDecoder();
  const at = (column: string[] | undefined, i: number) => (column?.[i] ?? "") as string;
  const lists: Record<string, NamedItem[]> = Object.fromEntries(NAMED_LISTS.map((name) => [name, []]));
  const items = await (itemsRead as Promise<{ n: number; c: string[][] }>);
  for (let i = 0; i < items.n; i++) lists[at(items.c[0], i)]?.push({ id: at(items.c[1], i), name: at(items.c[2], i) });
  const o = await (offeringsRead as Promise<{ n: number; c: string[][] }>);
  const offerings = Array.from(
    { length: o.n },
    (_, i): Offering => ({ id: at(o.c[0], i), name: at(o.c[2], i), kind: at(o.c[1], i) as OfferingKind, keywords: list(at(o.c[3], i)) }),
  );
  const f = await (familiesRead as Promise<{ n: number; c: string[][] }>);
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
  const s = await (studentsRead as Promise<{ n: number; c: string[][] }>);
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
  const k = await (carriedRead as Promise<{ n: number; c: string[][] }>);
  const carried = Array.from(
    { length: k.n },
    (_, i): EnrollmentOffering => ({
      kind: at(k.c[0], i) as OfferingKind,
      id: at(k.c[1], i),
      name: at(k.c[2], i),
      keywords: list(at(k.c[3], i)),
    }),
  );
  const e = await (enrollmentsRead as Promise<{ n: number; c: string[][] }>);
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
  const p = await (feesRead as Promise<{ n: number; c: string[][] }>);
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
 * Dates as YYYY-MM-DD whatever the server's DateStyle; no parallel plan (the aggregates read rows in order); no JIT
 * (each of these statements costs enough to be compiled, ~0.1 s of the server's CPU each, for a plain scan); no nested
 * loops: every join here reads a whole organisation, and an organisation newer than the statistics (one that just
 * imported its ledger) looked like one row, so the fee query nested loops over 40k fees past the statement time-out
 * (docs/decisions/0019). Not awaited: it goes out with the reads.
 */
function readSettings(tx: Queryable): Promise<unknown> {
  const settings = tx.query(
    "SELECT set_config('datestyle', 'ISO, YMD', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true), set_config('enable_nestloop', 'off', true)",
  );
  settings.catch(() => undefined);
  return settings;
}

type Read = { stored: MassCreditDataSet; fees: readonly FeeRow[] } | undefined;

/** Reads the stored data set on `tx`, the enrollments and the ledger's fees on `other` (the same snapshot). */
async function readAll(tx: Queryable, orgId: string, other: Queryable = tx): Promise<Read> {
  const settings = [readSettings(tx), ...(other === tx ? [] : [readSettings(other)])];
  const reading = readStored(tx, orgId, other);
  const fees = readFeeRows(other, orgId);
  fees.catch(() => undefined);
  await Promise.all(settings);
  const stored = await reading;
  return stored && { stored, fees: await fees };
}

/**
 * The organisation's mass-credit data set with each fee's remainder as the
 * ledger has it now and the ledger's newer fees of the listed families;
 * undefined until one is imported.
 *
 * On a server with a spare connection the reads run on two connections at
 * one snapshot (the first transaction exports it, the second imports it):
 * two backends read at once on two cores, the enrollments and the ledger's
 * fees on one, the rest on the other (a cold preview over 100,000 families:
 * docs/decisions/0024). Without a spare connection everything is read on
 * the one held, so readers never wait for each other's connections.
 */
export async function readDataSet(scope: OrgScope): Promise<MassCreditDataSet | undefined> {
  const read = await inOrg(
    scope,
    async (tx): Promise<Read> => {
      if (!scope.db.spare) return readAll(tx, scope.orgId);
      const [exported] = await tx.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
      if (!exported || !scope.db.spare()) return readAll(tx, scope.orgId);
      // This transaction stays open (its snapshot importable) until the second has read.
      return inOrg(scope, (other) => readAll(tx, scope.orgId, other), { readOnly: true, snapshot: exported.id });
    },
    { readOnly: true },
  );
  if (!read) return undefined;
  const { stored, fees } = read;
  return withLedgerFees(stored, feeLedger(fees, stored.currency));
}

/**
 * Reading an organisation's mass-credit data set (migration 002) as the
 * core's `MassCreditDataSet`, with each fee as the ledger has it now: one
 * read-only transaction (one snapshot of the data set and the ledger), one
 * statement that returns each table as one JSON text in the host's order
 * (parsed once here, not row by row), one that returns the ledger of the
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
import { NAMED_LISTS } from "./data-set-import.js";
import type { Queryable } from "./db.js";
import { inOrg, type OrgScope } from "./org-tx.js";

/** Each table of the data set as one JSON array of arrays, in the host's order. */
const READ_SET = `SELECT
  (SELECT coalesce(json_agg(json_build_array(list, item_id, name) ORDER BY list, position), '[]')::text
     FROM data_set_list_items WHERE org_id = $1) AS lists,
  (SELECT coalesce(json_agg(json_build_array(offering_id, kind, name, keywords) ORDER BY position), '[]')::text
     FROM data_set_offerings WHERE org_id = $1) AS offerings,
  (SELECT coalesce(json_agg(json_build_array(family_id, name, status, keywords, autopay_methods, location) ORDER BY position), '[]')::text
     FROM data_set_families WHERE org_id = $1) AS families,
  (SELECT coalesce(json_agg(json_build_array(student_id, family_id, name, first_name, last_name, status, keywords) ORDER BY position), '[]')::text
     FROM data_set_students WHERE org_id = $1) AS students,
  (SELECT coalesce(json_agg(json_build_array(kind, offering_id, name, keywords) ORDER BY offering_no), '[]')::text
     FROM data_set_enrollment_offerings WHERE org_id = $1) AS enrollment_offerings,
  (SELECT coalesce(json_agg(json_build_array(enrollment_id, student_id, offering_no, location, meeting_days, start_date::text, end_date::text)
                            ORDER BY position), '[]')::text
     FROM data_set_enrollments WHERE org_id = $1) AS enrollments,
  (SELECT coalesce(json_agg(json_build_array(fee_id, family_id, category, listed_remainder) ORDER BY position), '[]')::text
     FROM data_set_fees WHERE org_id = $1) AS fees`;

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

type ReadRow = Record<"lists" | "offerings" | "families" | "students" | "enrollment_offerings" | "enrollments" | "fees", string>;
type LedgerRow = Record<"settings" | "accounts" | "entries", string>;

const parse = <T>(text: unknown): T => JSON.parse(typeof text === "string" ? text : "[]") as T;

/** The stored data set, its fees as listed (undefined when the organisation has none). */
async function readStored(tx: Queryable, orgId: string): Promise<MassCreditDataSet | undefined> {
  const [head] = await tx.query<{ currency: string }>("SELECT currency FROM data_sets WHERE org_id = $1", [orgId]);
  if (!head) return undefined;
  const [row] = await tx.query<ReadRow>(READ_SET, [orgId]);
  const lists: Record<string, NamedItem[]> = Object.fromEntries(NAMED_LISTS.map((name) => [name, []]));
  for (const [list, id, name] of parse<[string, string, string][]>(row?.lists)) lists[list]?.push({ id, name });
  const offerings = parse<[string, OfferingKind, string, string[]][]>(row?.offerings).map(
    ([id, kind, name, keywords]): Offering => ({ id, name, kind, keywords }),
  );
  const families = parse<[string, string, RecordStatus, string[], string[], string][]>(row?.families).map(
    ([id, name, status, keywords, autopayMethods, location]): Family => ({ id, name, status, keywords, autopayMethods, location }),
  );
  const students = parse<[string, string, string | null, string | null, string | null, RecordStatus, string[]][]>(row?.students).map(
    ([id, familyId, name, firstName, lastName, status, keywords]): Student => ({
      id,
      familyId,
      ...(name !== null ? { name } : {}),
      ...(firstName !== null ? { firstName } : {}),
      ...(lastName !== null ? { lastName } : {}),
      status,
      keywords,
    }),
  );
  // One offering object per distinct offering, shared by its enrollments.
  const carried = parse<[OfferingKind, string, string, string[]][]>(row?.enrollment_offerings).map(
    ([kind, id, name, keywords]): EnrollmentOffering => ({ kind, id, name, keywords }),
  );
  const enrollments = parse<[string, string, number, string, Weekday[], string, string][]>(row?.enrollments).map(
    ([id, studentId, no, location, meetingDays, startDate, endDate]): Enrollment => ({
      id,
      studentId,
      offering: carried[no] as EnrollmentOffering,
      location,
      meetingDays,
      startDate,
      endDate,
    }),
  );
  const fees = parse<[string, string, string, string][]>(row?.fees).map(
    ([id, familyId, category, remainder]): Fee => ({ id, familyId, category, remainder }),
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
      // Dates as YYYY-MM-DD whatever the server's DateStyle.
      await tx.query("SELECT set_config('datestyle', 'ISO, YMD', true)");
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

/**
 * The peers `bench:mass-credit` compares the preview with, and the request
 * they all answer: SQLite (sql.js, in memory, indexed) and json-rules-engine
 * over the same records. Benchmark-only code.
 */
import { Engine } from "json-rules-engine";
import { type MassCreditDataSet, type MassCreditRequest, WEEKDAYS, type Weekday } from "../packages/core/src/index.js";

/** Students with an outstanding charge, tagged Beginner, in a swim class and in something meeting at the weekend, on 2026-12-01. */
export const REQUEST: MassCreditRequest = {
  description: "Pool closed for the cold snap",
  creditType: "weather",
  date: "2026-12-01",
  amount: "10.00",
  currency: "USD",
  mode: "student",
  outstandingOnly: true,
  studentKeywords: ["Beginner"],
  enrollmentRows: [{ offeringKeywords: ["Swim"] }, { meetingDays: ["sat", "sun"] }],
  rowsCombine: "and",
  location: "eastside",
};
export const DATE = REQUEST.date;
export const KEYWORD = "Beginner";
export const OFFERING_KEYWORD = "Swim";
export const WEEKEND: readonly Weekday[] = ["sat", "sun"];
export const WEEKEND_MASK = WEEKEND.reduce((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0);

interface SqlStatement {
  run(values?: unknown[]): void;
  bind(values?: unknown[]): boolean;
  step(): boolean;
  get(): unknown[];
  reset(): void;
  free(): void;
}
export interface SqlDatabase {
  run(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}
export interface SqlJs {
  Database: new () => SqlDatabase;
}

let sqlJs: SqlJs | undefined;
export async function loadSqlJs(): Promise<SqlJs> {
  const specifier = "sql.js"; // no types ship with sql.js; the few calls used are typed above
  const init = ((await import(specifier)) as { default: () => Promise<SqlJs> }).default;
  sqlJs ??= await init();
  return sqlJs;
}

const SCHEMA = `
  CREATE TABLE families (id TEXT PRIMARY KEY, active INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE fees (id TEXT PRIMARY KEY, family_id TEXT NOT NULL, category TEXT NOT NULL, outstanding INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE students (id TEXT PRIMARY KEY, family_id TEXT NOT NULL, active INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE student_keywords (keyword TEXT NOT NULL, student_id TEXT NOT NULL, PRIMARY KEY (keyword, student_id)) WITHOUT ROWID;
  CREATE TABLE enrollments (id TEXT PRIMARY KEY, student_id TEXT NOT NULL, offering_id TEXT NOT NULL, location TEXT NOT NULL,
    days INTEGER NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE offering_keywords (keyword TEXT NOT NULL, offering_id TEXT NOT NULL, PRIMARY KEY (keyword, offering_id)) WITHOUT ROWID;`;
const INDEXES = `
  CREATE INDEX fees_by_family ON fees (family_id, outstanding);
  CREATE INDEX students_by_family ON students (family_id);
  CREATE INDEX student_keywords_by_student ON student_keywords (student_id, keyword);
  CREATE INDEX enrollments_by_student ON enrollments (student_id, start_date, end_date);
  ANALYZE;`;
const QUERY = `
  SELECT 's:' || s.id FROM students s JOIN families f ON f.id = s.family_id
  WHERE f.active = 1 AND s.active = 1
    AND EXISTS (SELECT 1 FROM fees x WHERE x.family_id = s.family_id AND x.outstanding = 1)
    AND EXISTS (SELECT 1 FROM student_keywords k WHERE k.student_id = s.id AND k.keyword = ?1)
    AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.id AND e.start_date <= ?2 AND e.end_date >= ?2
                AND e.offering_id IN (SELECT o.offering_id FROM offering_keywords o WHERE o.keyword = ?3))
    AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.id AND e.start_date <= ?2 AND e.end_date >= ?2 AND (e.days & ?4) != 0)`;

export function dayMask(days: readonly Weekday[]): number {
  return days.reduce((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0);
}

/** One statement per table, all rows in one transaction, then the indexes and ANALYZE. */
export function loadSqlite(SQL: SqlJs, data: MassCreditDataSet): SqlDatabase {
  const db = new SQL.Database();
  db.run(SCHEMA);
  db.run("BEGIN");
  const insert = (sql: string, rows: Iterable<unknown[]>) => {
    const statement = db.prepare(sql);
    for (const row of rows) statement.run(row);
    statement.free();
  };
  insert(
    "INSERT INTO families VALUES (?, ?)",
    data.families.map((f) => [f.id, f.status === "active" ? 1 : 0]),
  );
  insert(
    "INSERT INTO fees VALUES (?, ?, ?, ?)",
    data.fees.map((x) => [x.id, x.familyId, x.category, /^0+(\.0+)?$/.test(x.remainder) ? 0 : 1]),
  );
  insert(
    "INSERT INTO students VALUES (?, ?, ?)",
    data.students.map((s) => [s.id, s.familyId, s.status === "active" ? 1 : 0]),
  );
  insert(
    "INSERT INTO student_keywords VALUES (?, ?)",
    data.students.flatMap((s) => s.keywords.map((k) => [k, s.id])),
  );
  insert(
    "INSERT INTO enrollments VALUES (?, ?, ?, ?, ?, ?, ?)",
    data.enrollments.map((e) => [e.id, e.studentId, e.offering.id, e.location, dayMask(e.meetingDays), e.startDate, e.endDate]),
  );
  const offeringKeywords = new Map<string, readonly string[]>();
  for (const e of data.enrollments) offeringKeywords.set(e.offering.id, e.offering.keywords);
  insert(
    "INSERT INTO offering_keywords VALUES (?, ?)",
    [...offeringKeywords].flatMap(([id, keywords]) => keywords.map((k) => [k, id])),
  );
  db.run("COMMIT");
  db.run(INDEXES);
  return db;
}

export function querySqlite(db: SqlDatabase): string[] {
  const statement = db.prepare(QUERY);
  statement.bind([KEYWORD, DATE, OFFERING_KEYWORD, WEEKEND_MASK]);
  const keys: string[] = [];
  while (statement.step()) keys.push(String(statement.get()[0]));
  statement.free();
  return keys;
}

// -------------------------------------------------------- json-rules-engine

interface EnrollmentFact {
  readonly startDate: string;
  readonly endDate: string;
  readonly meetingDays: readonly string[];
  readonly location: string;
  readonly offeringKeywords: readonly string[];
}
interface RowSpec {
  readonly date: string;
  readonly meetingDays?: readonly string[];
  readonly offeringKeywords?: readonly string[];
}
export interface FamilyFacts {
  readonly familyId: string;
  readonly active: boolean;
  readonly fees: readonly { readonly category: string; readonly outstanding: boolean }[];
  readonly students: readonly StudentFacts[];
}
interface StudentFacts {
  readonly rowKey: string;
  readonly active: boolean;
  readonly keywords: readonly string[];
  readonly enrollments: readonly EnrollmentFact[];
}

const anyOf = (values: readonly string[], wanted: readonly string[] | undefined) =>
  wanted === undefined || values.some((v) => wanted.includes(v));

export function rulesEngines(): { family: Engine; student: Engine } {
  const family = new Engine([
    {
      conditions: {
        all: [
          { fact: "active", operator: "equal", value: true },
          { fact: "fees", operator: "someOutstanding", value: true },
        ],
      },
      event: { type: "family-qualifies" },
    },
  ]);
  family.addOperator<FamilyFacts["fees"], boolean>("someOutstanding", (fees, want) => fees.some((f) => f.outstanding) === want);
  const rowValue = (row: Omit<RowSpec, "date">): RowSpec => ({ date: DATE, ...row });
  const student = new Engine([
    {
      conditions: {
        all: [
          { fact: "active", operator: "equal", value: true },
          { fact: "keywords", operator: "containsAny", value: [KEYWORD] },
          { fact: "enrollments", operator: "someEnrollmentMatches", value: rowValue({ offeringKeywords: [OFFERING_KEYWORD] }) },
          { fact: "enrollments", operator: "someEnrollmentMatches", value: rowValue({ meetingDays: WEEKEND }) },
        ],
      },
      event: { type: "student-qualifies" },
    },
  ]);
  student.addOperator<readonly string[], readonly string[]>("containsAny", (values, wanted) => anyOf(values, wanted));
  student.addOperator<readonly EnrollmentFact[], RowSpec>("someEnrollmentMatches", (enrollments, row) =>
    enrollments.some(
      (e) =>
        e.startDate <= row.date &&
        row.date <= e.endDate &&
        anyOf(e.meetingDays, row.meetingDays) &&
        anyOf(e.offeringKeywords, row.offeringKeywords),
    ),
  );
  return { family, student };
}

/** Facts per family with its students' facts, for the first `limit` families in data order. */
export function buildFacts(data: MassCreditDataSet, limit: number): FamilyFacts[] {
  const families = data.families.slice(0, limit);
  const wanted = new Set(families.map((f) => f.id));
  const fees = new Map<string, FamilyFacts["fees"][number][]>();
  for (const x of data.fees) {
    if (!wanted.has(x.familyId)) continue;
    const list = fees.get(x.familyId) ?? [];
    list.push({ category: x.category, outstanding: !/^0+(\.0+)?$/.test(x.remainder) });
    fees.set(x.familyId, list);
  }
  const enrollments = new Map<string, EnrollmentFact[]>();
  for (const e of data.enrollments) {
    const list = enrollments.get(e.studentId) ?? [];
    list.push({
      startDate: e.startDate,
      endDate: e.endDate,
      meetingDays: e.meetingDays,
      location: e.location,
      offeringKeywords: e.offering.keywords,
    });
    enrollments.set(e.studentId, list);
  }
  const students = new Map<string, StudentFacts[]>();
  for (const s of data.students) {
    if (!wanted.has(s.familyId)) continue;
    const list = students.get(s.familyId) ?? [];
    list.push({ rowKey: `s:${s.id}`, active: s.status === "active", keywords: s.keywords, enrollments: enrollments.get(s.id) ?? [] });
    students.set(s.familyId, list);
  }
  return families.map((f) => ({
    familyId: f.id,
    active: f.status === "active",
    fees: fees.get(f.id) ?? [],
    students: students.get(f.id) ?? [],
  }));
}

export async function runRules(engines: { family: Engine; student: Engine }, facts: readonly FamilyFacts[]): Promise<string[]> {
  const keys: string[] = [];
  for (const family of facts) {
    const { events } = await engines.family.run({ active: family.active, fees: family.fees });
    if (events.length === 0) continue;
    for (const student of family.students) {
      const result = await engines.student.run({ active: student.active, keywords: student.keywords, enrollments: student.enrollments });
      if (result.events.length > 0) keys.push(student.rowKey);
    }
  }
  return keys;
}

// --------------------------------------------------------------------- main

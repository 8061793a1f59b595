/**
 * A deterministic demo data set for mass credits: the same seed always gives
 * the same families, students, enrollments and fees. At 100,000 families it
 * makes about 200k students, 400k enrollments and 300k fees.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput } from "../errors.js";
import {
  DEMO_ADULT_NAMES,
  DEMO_CHILD_NAMES,
  DEMO_FAMILY_KEYWORDS,
  DEMO_LISTS,
  DEMO_OFFERINGS,
  DEMO_PARTIAL_REMAINDERS,
  DEMO_PRICES,
  DEMO_STUDENT_KEYWORDS,
  DEMO_SURNAMES,
} from "./demo-catalog.js";
import type { Enrollment, Family, Fee, MassCreditDataSet, Offering, Student, Weekday } from "./model.js";

/** A seeded pseudo-random source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit seeded PRNG (good enough for demo data, not for secrets). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What `generateDataSet` makes. */
export interface GenerateOptions {
  /** Any integer; the same seed gives the same data set. */
  readonly seed: number;
  /** How many families (0 … 1,000,000). */
  readonly families: number;
  /** The date the data is centred on: most enrollments are active on it, some ended before, some start after. Defaults to 2026-12-01. */
  readonly startDate?: IsoDate;
}

/** The date generated data is centred on unless told otherwise. */
export const DEFAULT_DEMO_DATE: IsoDate = "2026-12-01";

const DAYS_AROUND = 400;
const WEEKDAY_CODES: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const SCHOOL_DAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const CLASSES = DEMO_OFFERINGS.filter((o) => o.kind === "class");
const CAMPS = DEMO_OFFERINGS.filter((o) => o.kind === "camp");
const PROGRAMS = DEMO_OFFERINGS.filter((o) => o.kind === "program");
const LOCATION_IDS = DEMO_LISTS.locations.map((l) => l.id);
const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ["tuition", 0.4],
  ["registration", 0.15],
  ["camp", 0.15],
  ["membership", 0.15],
  ["merchandise", 0.1],
  ["late-fee", 0.05],
];
const CATEGORY_WEIGHT_VALUES = CATEGORY_WEIGHTS.map(([, weight]) => weight);

/** Generates a demo data set in USD (see the module comment for its shape). */
export function generateDataSet(options: GenerateOptions): MassCreditDataSet {
  const { seed, families: familyCount, startDate = DEFAULT_DEMO_DATE } = options;
  assertInput(Number.isSafeInteger(seed), "seed");
  assertInput(Number.isSafeInteger(familyCount) && familyCount >= 0 && familyCount <= 1_000_000, "families");
  assertIsoDate(startDate, "startDate");
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const dates = dateTable(startDate);
  const dateAt = (offset: number) => dates[Math.max(-DAYS_AROUND, Math.min(DAYS_AROUND, offset)) + DAYS_AROUND] ?? startDate;
  const chance = (p: number) => random() < p;
  const keywordsFrom = (table: readonly (readonly [string, number])[]) => table.filter(([, p]) => chance(p)).map(([k]) => k);

  const families: Family[] = [];
  const students: Student[] = [];
  const enrollments: Enrollment[] = [];
  const fees: Fee[] = [];

  for (let f = 1; f <= familyCount; f++) {
    const familyId = `F${pad(f)}`;
    const surname = pick(DEMO_SURNAMES);
    const location = pick(LOCATION_IDS);
    const autopay = random();
    families.push({
      id: familyId,
      name: `${surname}, ${pick(DEMO_ADULT_NAMES)}`,
      status: chance(0.05) ? "inactive" : "active",
      keywords: keywordsFrom(DEMO_FAMILY_KEYWORDS),
      autopayMethods: autopay < 0.4 ? [] : autopay < 0.8 ? ["card"] : autopay < 0.95 ? ["ach"] : ["card", "ach"],
      location,
    });

    const studentCount = weighted(random(), [0.35, 0.35, 0.2, 0.1]) + 1;
    for (let s = 0; s < studentCount; s++) {
      const studentId = `S${pad(students.length + 1)}`;
      students.push({
        id: studentId,
        familyId,
        firstName: pick(DEMO_CHILD_NAMES),
        lastName: chance(0.9) ? surname : pick(DEMO_SURNAMES),
        status: chance(0.05) ? "inactive" : "active",
        keywords: keywordsFrom(DEMO_STUDENT_KEYWORDS),
      });
      const enrollmentCount = weighted(random(), [0.05, 0.3, 0.35, 0.2, 0.1]);
      for (let e = 0; e < enrollmentCount; e++) {
        const kind = random();
        const offering = kind < 0.75 ? pick(CLASSES) : kind < 0.87 ? pick(PROGRAMS) : pick(CAMPS);
        enrollments.push({
          id: `E${pad(enrollments.length + 1)}`,
          studentId,
          offering: { kind: offering.kind, id: offering.id, name: offering.name, keywords: offering.keywords },
          location: chance(0.7) ? location : pick(LOCATION_IDS),
          ...schedule(offering, between, pick, dateAt),
        });
      }
    }

    const outstanding = chance(0.3);
    const feeCount = weighted(random(), [0.15, 0.25, 0.25, 0.2, 0.15]) + 1;
    const owing = outstanding ? Math.min(feeCount, between(1, 2)) : 0;
    for (let i = 0; i < feeCount; i++) {
      const category = CATEGORY_WEIGHTS[weighted(random(), CATEGORY_WEIGHT_VALUES)]?.[0] ?? "tuition";
      const full = pick(DEMO_PRICES[category] ?? ["10.00"]);
      const remainder = i < owing ? (chance(0.75) ? full : pick(DEMO_PARTIAL_REMAINDERS)) : "0.00";
      fees.push({ id: `X${pad(fees.length + 1)}`, familyId, category, remainder });
    }
  }
  return { currency: "USD", lists: DEMO_LISTS, families, students, enrollments, fees };
}

/** When and on which days an enrollment in `offering` meets, around the table's middle date (offset 0). */
function schedule(
  offering: Offering,
  between: (low: number, high: number) => number,
  pick: <T>(values: readonly T[]) => T,
  dateAt: (offset: number) => IsoDate,
): Pick<Enrollment, "meetingDays" | "startDate" | "endDate"> {
  if (offering.kind === "camp") {
    const start = between(-120, 150);
    return { meetingDays: SCHOOL_DAYS, startDate: dateAt(start), endDate: dateAt(start + between(4, 11)) };
  }
  if (offering.kind === "program") {
    const first = pick(SCHOOL_DAYS);
    const second = pick(WEEKDAY_CODES);
    const days = WEEKDAY_CODES.filter((d) => d === first || d === second);
    const start = -between(0, 300);
    return { meetingDays: days, startDate: dateAt(start), endDate: dateAt(Math.max(start + 30, between(-20, 300))) };
  }
  const start = between(-150, 40);
  return { meetingDays: [pick(WEEKDAY_CODES)], startDate: dateAt(start), endDate: dateAt(start + between(56, 180)) };
}

/** The index drawn for a uniform `draw` over the given weights (which sum to about 1). */
function weighted(draw: number, weights: readonly number[]): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] ?? 0;
    if (draw < acc) return i;
  }
  return weights.length - 1;
}

/** ISO dates from `middle` − DAYS_AROUND to `middle` + DAYS_AROUND. */
function dateTable(middle: IsoDate): IsoDate[] {
  const base = Date.UTC(Number(middle.slice(0, 4)), Number(middle.slice(5, 7)) - 1, Number(middle.slice(8, 10)));
  return Array.from({ length: 2 * DAYS_AROUND + 1 }, (_, i) => new Date(base + (i - DAYS_AROUND) * 86_400_000).toISOString().slice(0, 10));
}

function pad(n: number): string {
  return String(n).padStart(6, "0");
}

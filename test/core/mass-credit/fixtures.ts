/** Small hand-built data sets for the mass-credit tests. */
import type {
  Enrollment,
  Family,
  Fee,
  MassCreditDataSet,
  MassCreditRequest,
  Offering,
  OrganisationLists,
  Student,
  Weekday,
} from "../../../packages/core/src/mass-credit/index.js";

export const OFFERINGS: readonly Offering[] = [
  { kind: "class", id: "A", name: "Swim Level 1", keywords: ["Swim", "Beginner"] },
  { kind: "class", id: "B", name: "Tennis Juniors", keywords: ["Tennis"] },
  { kind: "class", id: "C", name: "Gymnastics Level 2", keywords: ["Gym"] },
  { kind: "camp", id: "K", name: "Summer Swim Camp", keywords: ["Swim", "Summer"] },
  { kind: "program", id: "P", name: "Swim Team", keywords: ["Swim", "Competitive"] },
];

export const LISTS: OrganisationLists = {
  creditTypes: [
    { id: "weather", name: "Weather closure" },
    { id: "goodwill", name: "Goodwill" },
  ],
  chargeCategories: [
    { id: "tuition", name: "Tuition" },
    { id: "camp", name: "Camp" },
    { id: "merch", name: "Merchandise" },
  ],
  locations: [
    { id: "down", name: "Downtown" },
    { id: "north", name: "Northside" },
  ],
  offerings: OFFERINGS,
  autopayMethods: [
    { id: "card", name: "Card" },
    { id: "ach", name: "Bank account (ACH)" },
  ],
};

export const DATE = "2026-12-01";

export function family(id: string, name: string, extra: Partial<Family> = {}): Family {
  return { id, name, status: "active", keywords: [], autopayMethods: [], location: "down", ...extra };
}

export function student(id: string, familyId: string, name: string, extra: Partial<Student> = {}): Student {
  return { id, familyId, name, status: "active", keywords: [], ...extra };
}

export function enrollment(id: string, studentId: string, offeringId: string, extra: Partial<Enrollment> = {}): Enrollment {
  const offering = OFFERINGS.find((o) => o.id === offeringId);
  if (offering === undefined) throw new Error(`no offering ${offeringId}`);
  const { kind, name, keywords } = offering;
  return {
    id,
    studentId,
    offering: { kind, id: offeringId, name, keywords },
    location: "down",
    meetingDays: ["mon"] as Weekday[],
    startDate: "2026-09-01",
    endDate: "2027-01-31",
    ...extra,
  };
}

export function fee(id: string, familyId: string, category: string, remainder: string): Fee {
  return { id, familyId, category, remainder };
}

export function dataSet(parts: Partial<Omit<MassCreditDataSet, "currency" | "lists">>): MassCreditDataSet {
  return { currency: "USD", lists: LISTS, families: [], students: [], enrollments: [], fees: [], ...parts };
}

export function request(extra: Partial<MassCreditRequest> = {}): MassCreditRequest {
  return {
    description: "Pool closed",
    creditType: "weather",
    date: DATE,
    amount: "10.00",
    currency: "USD",
    mode: "family",
    location: "down",
    ...extra,
  };
}

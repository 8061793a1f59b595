/**
 * The data a mass-credit run looks at (§6): families, students, enrollments,
 * fees and the organisation's lists. Plain, serialisable, immutable records:
 * the data source hands them over (to a Web Worker if it likes) and the rules
 * only read them.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertObject } from "../errors.js";
import type { CurrencyCode } from "../money.js";
import { displayName } from "./data-index.js";

/** Whether a family or student is current. Inactive ones never receive a mass credit. */
export type RecordStatus = "active" | "inactive";

/** A day of the week an enrollment meets on. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** Every weekday, Monday first: the order summaries print them in. */
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** What an enrollment is in. */
export type OfferingKind = "class" | "camp" | "program";

/** An entry of one of the organisation's lists. */
export interface NamedItem {
  readonly id: string;
  readonly name: string;
}

/** A class, camp or program the organisation runs. */
export interface Offering extends NamedItem {
  readonly kind: OfferingKind;
  readonly keywords: readonly string[];
}

/** The organisation's lists that a request's ids must come from. */
export interface OrganisationLists {
  readonly creditTypes: readonly NamedItem[];
  readonly chargeCategories: readonly NamedItem[];
  readonly locations: readonly NamedItem[];
  readonly offerings: readonly Offering[];
  /** Stored payment methods autopay can use ("card", "ach" …). */
  readonly autopayMethods: readonly NamedItem[];
}

/** A billing account holding students; its id is the account id credits are posted to. */
export interface Family {
  readonly id: string;
  readonly name: string;
  readonly status: RecordStatus;
  readonly keywords: readonly string[];
  /** Ids from `OrganisationLists.autopayMethods` the family has on file; empty when none. */
  readonly autopayMethods: readonly string[];
  /** The family's home location id. */
  readonly location: string;
}

/** A student of a family. Give `name`, or `firstName` and `lastName`. */
export interface Student {
  readonly id: string;
  readonly familyId: string;
  readonly name?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly status: RecordStatus;
  readonly keywords: readonly string[];
}

/** The offering an enrollment is in, as the enrollment carries it. */
export interface EnrollmentOffering {
  readonly kind: OfferingKind;
  readonly id: string;
  readonly name: string;
  readonly keywords: readonly string[];
}

/** A student's place in a class, camp or program, active from `startDate` to `endDate` inclusive. */
export interface Enrollment {
  readonly id: string;
  readonly studentId: string;
  readonly offering: EnrollmentOffering;
  /** Location id. */
  readonly location: string;
  readonly meetingDays: readonly Weekday[];
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

/** A charge on a family's account, reduced to what eligibility needs. */
export interface Fee {
  readonly id: string;
  readonly familyId: string;
  /** Id from `OrganisationLists.chargeCategories`. */
  readonly category: string;
  /** The unpaid remainder as a canonical amount string; "0.00" when paid. */
  readonly remainder: string;
}

/** Everything a mass-credit preview reads. */
export interface MassCreditDataSet {
  /** The currency of every fee remainder and of the credits. */
  readonly currency: CurrencyCode;
  readonly lists: OrganisationLists;
  readonly families: readonly Family[];
  readonly students: readonly Student[];
  readonly enrollments: readonly Enrollment[];
  readonly fees: readonly Fee[];
}

/** The name a student is shown and sorted by: `name`, else "first last". Throws `invalid-input` for a student that is not an object. */
export function studentDisplayName(student: Student): string {
  assertObject(student, "student");
  return displayName(student);
}

/** True when the enrollment runs on `date`: startDate ≤ date ≤ endDate (`invalid-input` / `invalid-date` for a malformed one). */
export function isEnrollmentActiveOn(enrollment: Enrollment, date: IsoDate): boolean {
  assertObject(enrollment, "enrollment");
  assertIsoDate(date, "date");
  return enrollment.startDate <= date && date <= enrollment.endDate;
}

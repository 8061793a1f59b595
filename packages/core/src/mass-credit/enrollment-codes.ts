/**
 * Small integer codes for what enrollment rows look at — the offering (with
 * its keywords), the location and the meeting days — so that matching a row
 * against 400,000 enrollments is three table lookups each instead of string
 * and Set work.
 */
import { type Enrollment, type EnrollmentOffering, WEEKDAYS, type Weekday } from "./model.js";

/** The coded enrollments of an index, position for position. */
export interface EnrollmentCodes {
  /** The distinct offerings (kind, id and keywords) the enrollments carry. */
  readonly offerings: readonly EnrollmentOffering[];
  /** Per enrollment: its position in `offerings`. */
  readonly offeringCodes: Uint32Array;
  /** The distinct location ids the enrollments carry. */
  readonly locations: readonly string[];
  /** Per enrollment: its position in `locations`. */
  readonly locationCodes: Uint32Array;
  /** Per enrollment: its meeting days as bits (bit i = WEEKDAYS[i]). */
  readonly dayMasks: Uint8Array;
}

/** The meeting days as bits, bit i standing for WEEKDAYS[i]; unknown days are ignored. */
export function dayMaskOf(days: readonly Weekday[]): number {
  let mask = 0;
  for (const day of days) {
    const bit = WEEKDAYS.indexOf(day);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

/** The weekdays whose bits are set in `mask`. */
export function daysOfMask(mask: number): Weekday[] {
  return WEEKDAYS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** Codes every enrollment. Two enrollments share an offering code only when kind, id and keywords all agree. */
export function codeEnrollments(enrollments: readonly Enrollment[]): EnrollmentCodes {
  const offerings: EnrollmentOffering[] = [];
  const offeringsById = new Map<string, number[]>();
  const locations: string[] = [];
  const locationIndex = new Map<string, number>();
  const offeringCodes = new Uint32Array(enrollments.length);
  const locationCodes = new Uint32Array(enrollments.length);
  const dayMasks = new Uint8Array(enrollments.length);

  enrollments.forEach((enrollment, position) => {
    const offering = enrollment.offering;
    let candidates = offeringsById.get(offering.id);
    if (candidates === undefined) {
      candidates = [];
      offeringsById.set(offering.id, candidates);
    }
    let code = candidates.find((c) => sameOffering(offerings[c], offering));
    if (code === undefined) {
      code = offerings.length;
      offerings.push(offering);
      candidates.push(code);
    }
    offeringCodes[position] = code;

    let location = locationIndex.get(enrollment.location);
    if (location === undefined) {
      location = locations.length;
      locations.push(enrollment.location);
      locationIndex.set(enrollment.location, location);
    }
    locationCodes[position] = location;
    dayMasks[position] = dayMaskOf(enrollment.meetingDays);
  });
  return { offerings, offeringCodes, locations, locationCodes, dayMasks };
}

function sameOffering(a: EnrollmentOffering | undefined, b: EnrollmentOffering): boolean {
  if (a === undefined || a.kind !== b.kind || a.id !== b.id) return false;
  if (a.keywords === b.keywords) return true;
  if (a.keywords.length !== b.keywords.length) return false;
  return a.keywords.every((keyword, i) => keyword === b.keywords[i]);
}

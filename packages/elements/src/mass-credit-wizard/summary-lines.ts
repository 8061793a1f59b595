/**
 * The filter summary in the kit's language, worded here from the request the
 * preview validated (the core's `summarizeFilters` words it in English, as
 * data for records and CSV files): one line per question answered, names
 * instead of ids, dates and money in the element's locale.
 */
import type { IssueMode, OrganisationLists, ValidEnrollmentRow, ValidMassCreditRequest } from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { dayName, formatIsoDate, nameList, orList } from "./format.js";

function modeLine(mode: IssueMode): string {
  if (mode === "family") return msg("Issue once per family");
  if (mode === "student") return msg("Issue once per student");
  return msg("Issue once per enrollment");
}

type Named = Pick<OrganisationLists, "creditTypes" | "chargeCategories" | "locations" | "autopayMethods" | "offerings">;

const nameOf = (items: readonly { id: string; name: string }[], id: string) => items.find((item) => item.id === id)?.name ?? id;

/** The filter summary of a validated request, line by line, with the organisation's lists for names. */
export function filterLines(request: ValidMassCreditRequest, lists: Named | undefined, locale: string | undefined): string[] {
  const named = (items: readonly { id: string; name: string }[] | undefined, ids: readonly string[]) =>
    nameList(ids.map((id) => nameOf(items ?? [], id)));
  const creditType = nameOf(lists?.creditTypes ?? [], request.creditType);
  const date = formatIsoDate(request.date, locale);
  const amount = showMoney(request.amount, request.currency, locale);
  const lines = [
    msg(str`Description: ${request.description}`),
    msg(str`Credit type: ${creditType}`),
    msg(str`Credit date: ${date}`),
    msg(str`Amount: ${amount}`),
    modeLine(request.mode),
    request.outstandingOnly ? msg("Only customers with outstanding charges") : msg("All customers, with or without outstanding charges"),
  ];
  if (request.autopayMethods.length > 0) {
    const methods = named(lists?.autopayMethods, request.autopayMethods);
    lines.push(msg(str`Autopay method on file: any of ${methods}`));
  }
  if (request.chargeCategories.length > 0) {
    const categories = named(lists?.chargeCategories, request.chargeCategories);
    lines.push(
      request.outstandingOnly
        ? msg(str`Outstanding charge in category: any of ${categories}`)
        : msg(str`Charge in category: any of ${categories}`),
    );
  }
  if (request.studentKeywords.length > 0) lines.push(msg(str`Student keywords: any of ${nameList(request.studentKeywords)}`));
  if (request.familyKeywords.length > 0) lines.push(msg(str`Family keywords: any of ${nameList(request.familyKeywords)}`));
  if (request.enrollmentRows.length > 0) lines.push(enrollmentLine(request, lists, date, locale));
  const location = nameOf(lists?.locations ?? [], request.location);
  lines.push(msg(str`Credits are recorded at: ${location}`));
  return lines;
}

/** "Enrolled in Swim Level 1 and in Tennis Juniors on December 1, 2026". */
function enrollmentLine(request: ValidMassCreditRequest, lists: Named | undefined, date: string, locale: string | undefined): string {
  const rows = request.enrollmentRows;
  const phrases = rows.map((row) => {
    const phrase = rowPhrase(row, lists, locale);
    return rows.length > 1 && hasChoices(row) ? `(${phrase})` : phrase;
  });
  const joined = phrases.reduce((all, phrase) =>
    request.rowsCombine === "and"
      ? msg(str`${all} and in ${phrase}`, { desc: "Enrollment filters that must all hold: “Enrolled in Swim A and in Swim B”." })
      : msg(str`${all} or in ${phrase}`, { desc: "Enrollment filters of which one must hold: “Enrolled in Swim A or in Swim B”." }),
  );
  return msg(str`Enrolled in ${joined} on ${date}`);
}

/** One enrollment filter in words: "Swim Level 1 or Swim Level 2 tagged Beginner at Downtown meeting on Monday". */
export function rowPhrase(row: ValidEnrollmentRow, lists: Named | undefined, locale: string | undefined): string {
  const offerings = [...row.classIds, ...row.campIds, ...row.programIds].map((id) => nameOf(lists?.offerings ?? [], id));
  // Each qualifier is a whole phrase around what came before, so a translation orders and spaces it its own way.
  let phrase = offerings.length > 0 ? orList(offerings) : msg("any class, camp or program");
  if (row.offeringKeywords.length > 0) {
    phrase = msg(str`${phrase} tagged ${orList(row.offeringKeywords)}`, { desc: "An enrollment filter: “Swim Level 1 tagged Beginner”." });
  }
  if (row.locations.length > 0) {
    const places = orList(row.locations.map((id) => nameOf(lists?.locations ?? [], id)));
    phrase = msg(str`${phrase} at ${places}`, { desc: "An enrollment filter: “Swim Level 1 at Downtown”." });
  }
  if (row.meetingDays.length > 0) {
    const days = orList(row.meetingDays.map((day) => dayName(day, locale)));
    phrase = msg(str`${phrase} meeting on ${days}`, { desc: "An enrollment filter: “Swim Level 1 meeting on Monday”." });
  }
  return phrase;
}

function hasChoices(row: ValidEnrollmentRow): boolean {
  return (
    row.classIds.length + row.campIds.length + row.programIds.length > 1 ||
    row.offeringKeywords.length > 1 ||
    row.locations.length > 1 ||
    row.meetingDays.length > 1
  );
}

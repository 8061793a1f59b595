/** The review's search over the preview's rows. */
import type { PreviewRow } from "@creditkit/core";

/**
 * The rows a search (already trimmed and lower-cased) shows: those whose family, student or offering name holds
 * it, or whose family id is it. A server preview's rows are read a page at a time; a row not read yet is
 * undefined, shown without a search and left out by one (the search looks at the rows read).
 */
export function searchRows(rows: readonly (PreviewRow | undefined)[], search: string): readonly (PreviewRow | undefined)[] {
  if (search === "") return rows;
  const matches = (text: string | undefined) => text?.toLocaleLowerCase().includes(search) === true;
  return rows.filter(
    (r) => r !== undefined && (matches(r.familyName) || matches(r.studentName) || matches(r.offeringName) || r.familyId === search),
  );
}

/** How the account search matches: every typed word appears in the name or id, ignoring case and accents. Pure functions. */

export interface SearchableAccount {
  readonly id: string;
  readonly name: string;
}

/** Lower case without accents ("Müller" → "muller"), for matching. */
export function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** The typed words, folded; none for blank text. */
export function queryWords(query: string): string[] {
  return folded(query)
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** True when every word is in the account's name or id ("ana riv" finds "Rivera, Ana"). */
export function accountMatches(account: SearchableAccount, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = folded(`${account.name} ${account.id}`);
  return words.every((w) => haystack.includes(w));
}

/** The accounts matching `query`, those whose name starts with it first, each group in the given order. */
export function matchAccounts<T extends SearchableAccount>(accounts: readonly T[], query: string): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [...accounts];
  const first = folded(query.trim());
  const starts: T[] = [];
  const rest: T[] = [];
  for (const a of accounts) {
    if (!accountMatches(a, words)) continue;
    (folded(a.name).startsWith(first) ? starts : rest).push(a);
  }
  return [...starts, ...rest];
}

/**
 * The journal's log (internal): every entry in the order written, and each
 * account's entries as a chain through it. An `Int32Array` gives, for each
 * log position, the position of the same account's next entry, so a write
 * keeps 4 bytes for the collector to ignore rather than an array per account
 * copied on every write; an account's list is made on its first read after a
 * write and kept until the next one.
 */
import type { LedgerEntry } from "./entries.js";

/** Where one account's entries are in the log (kept on the account's record; none yet: head and tail -1, count 0). */
export interface EntryChain {
  /** Log positions of the first and last entries (-1: none); the rest are chained in the log. */
  head: number;
  tail: number;
  count: number;
  /** The entries as a frozen list, made on the first read after a write. */
  list: readonly LedgerEntry[] | undefined;
}

const NO_ENTRIES: readonly LedgerEntry[] = Object.freeze([]);

export class EntryLog {
  /** Every entry in the order written (read only outside this class). */
  readonly entries: LedgerEntry[] = [];
  /** For each log position, the position of the same account's next entry (-1: none yet). */
  #next = new Int32Array(1024);

  /** Appends `entry` to the log and to the end of `chain`. */
  append(entry: LedgerEntry, chain: EntryChain): void {
    const at = this.entries.length;
    this.entries.push(entry);
    if (at >= this.#next.length) {
      const grown = new Int32Array(this.#next.length * 2);
      grown.set(this.#next);
      this.#next = grown;
    }
    this.#next[at] = -1;
    if (chain.tail < 0) chain.head = at;
    else this.#next[chain.tail] = at;
    chain.tail = at;
    chain.count += 1;
    chain.list = undefined;
  }

  /** `chain`'s entries in the order written, as a frozen list (the same list until the next append to it). */
  listOf(chain: EntryChain): readonly LedgerEntry[] {
    if (chain.count === 0) return NO_ENTRIES;
    if (chain.list === undefined) {
      const list = new Array<LedgerEntry>(chain.count);
      for (let i = 0, at = chain.head; i < list.length; i++, at = this.#next[at] as number) list[i] = this.entries[at] as LedgerEntry;
      chain.list = Object.freeze(list);
    }
    return chain.list;
  }
}

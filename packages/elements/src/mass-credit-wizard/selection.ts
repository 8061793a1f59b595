/**
 * Which preview rows are selected, in O(1) for Select all and Select none:
 * a base ("all" or "none") and the row keys that are the exception to it.
 * Every row starts selected. The rules stay in the core: a run posts exactly
 * the rows `has` says are selected (see `planInSlices`).
 */
import type { PreviewRow } from "@creditkit/core";

export class RowSelection {
  #base: "all" | "none" = "all";
  readonly #except = new Set<string>();

  constructor(readonly total = 0) {}

  /** True when the row with `key` will be credited. */
  has(key: string): boolean {
    return this.#base === "all" ? !this.#except.has(key) : this.#except.has(key);
  }

  /** True when every row is selected (none deselected since the last Select all). */
  get everyRow(): boolean {
    return this.#base === "all" && this.#except.size === 0;
  }

  /** True when the rows not selected are known without the rows (every row selected but the exceptions). */
  get startsFromAll(): boolean {
    return this.#base === "all";
  }

  /** How many rows are selected. */
  get count(): number {
    return this.#base === "all" ? this.total - this.#except.size : this.#except.size;
  }

  set(key: string, selected: boolean): void {
    if (selected === (this.#base === "all")) this.#except.delete(key);
    else this.#except.add(key);
  }

  /** Selects (or deselects) every row: O(1). */
  setAll(selected: boolean): void {
    this.#base = selected ? "all" : "none";
    this.#except.clear();
  }

  /** Selects (or deselects) the given rows (a search's matches). */
  setRows(rows: readonly PreviewRow[], selected: boolean): void {
    for (const row of rows) this.set(row.rowKey, selected);
  }

  /** The keys of the rows not selected (O(rows) when most are deselected). */
  deselectedOf(rows: readonly PreviewRow[]): Set<string> {
    if (this.#base === "all") return new Set(this.#except);
    const out = new Set<string>();
    for (const row of rows) if (!this.#except.has(row.rowKey)) out.add(row.rowKey);
    return out;
  }
}

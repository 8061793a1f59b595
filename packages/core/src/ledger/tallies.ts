/**
 * The containers a book keeps its fee and grant tallies in (internal).
 *
 * Most accounts hold a handful of fees and zero or one grant, and a ledger
 * holds 100k accounts: a `Map` per container (two per account, even empty)
 * costs more than the tallies themselves. A `TallyList` is an array in
 * insertion order, searched linearly while small, indexed by a `Map` only
 * once it grows. A `DraftTallies` is an overlay a commit checks its entries
 * on, kept (`apply`) or dropped.
 */

/** A book's tallies by id: a `TallyList`, a Map, or a draft over one. */
export interface Tallies<V> {
  get(id: string): V | undefined;
  has(id: string): boolean;
  set(id: string, value: V): unknown;
  readonly size: number;
  entries(): IterableIterator<[string, V]>;
  values(): IterableIterator<V>;
}

/** Changes over `base` that `base` does not see until `apply()`: a commit checks its entries on drafts, then keeps them or drops them. */
export interface DraftTallies<V> extends Tallies<V> {
  apply(): void;
}

const NO_ITEMS: readonly never[] = Object.freeze([]);

/** Updates the kept tally `target` to `value` in place (same fields, same order). */
function keep<V extends object>(target: V, value: V): void {
  if (target !== value) Object.assign(target, value);
}

/** Past this many items a list (or a draft) looks ids up in a Map rather than scanning. */
const SCAN_LIMIT = 8;

/**
 * Tallies in insertion order. Most books hold one fee and at most one grant,
 * so a lone tally is kept in two fields (no arrays); from the second on they
 * live in one array with the ids in a parallel array, and a Map index only
 * once the list is large.
 *
 * Setting a tally that is already there copies the new one's fields into the
 * kept object instead of replacing it: a ledger's tallies live long (old
 * space), and replacing each one on its first payment left a dead object per
 * fee and grant for the next full collection (21 MB over a 100k-invoice
 * batch). Nothing outside a commit holds a tally, so no reader sees it change.
 */
export class TallyList<V extends object> implements Tallies<V> {
  private loneId: string | undefined;
  private lone: V | undefined;
  private ids: string[] | undefined;
  private items: V[] | undefined;
  private index: Map<string, number> | undefined;

  get size(): number {
    return this.ids ? this.ids.length : this.loneId === undefined ? 0 : 1;
  }

  private find(id: string): number {
    if (this.index) return this.index.get(id) ?? -1;
    const ids = this.ids;
    if (ids) {
      for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
      return -1;
    }
    return this.loneId === id ? 0 : -1;
  }

  get(id: string): V | undefined {
    if (this.ids === undefined) return this.loneId === id ? this.lone : undefined;
    const i = this.find(id);
    return i < 0 ? undefined : this.items?.[i];
  }

  has(id: string): boolean {
    return this.find(id) >= 0;
  }

  set(id: string, value: V): this {
    const ids = this.ids;
    if (ids === undefined) {
      if (this.loneId === id) {
        keep(this.lone as V, value);
        return this;
      }
      if (this.loneId === undefined) {
        this.loneId = id;
        this.lone = value;
        return this;
      }
      this.ids = [this.loneId, id];
      this.items = [this.lone as V, value];
      this.loneId = undefined;
      this.lone = undefined;
      return this;
    }
    const i = this.find(id);
    if (i >= 0) {
      keep((this.items as V[])[i] as V, value);
      return this;
    }
    ids.push(id);
    (this.items as V[]).push(value);
    if (this.index) this.index.set(id, ids.length - 1);
    else if (ids.length > SCAN_LIMIT) this.index = new Map(ids.map((key, n) => [key, n]));
    return this;
  }

  *entries(): IterableIterator<[string, V]> {
    if (this.ids === undefined) {
      if (this.loneId !== undefined) yield [this.loneId, this.lone as V];
      return;
    }
    const ids = this.ids;
    const items = this.items as V[];
    for (let i = 0; i < ids.length; i++) yield [ids[i] as string, items[i] as V];
  }

  values(): IterableIterator<V> {
    return this.list().values();
  }

  /** The tallies in insertion order, without a copy when there are several (read only: do not change it). */
  list(): readonly V[] {
    if (this.items) return this.items;
    return this.loneId === undefined ? NO_ITEMS : [this.lone as V];
  }

  /** The tallies as an array in insertion order (a copy). */
  toArray(): V[] {
    return this.list().slice();
  }
}

/** An overlay of changes over `base`: small ones in arrays (made on the first change), large ones in a Map. */
class Draft<V> implements DraftTallies<V> {
  private ids: string[] | undefined;
  private items: V[] | undefined;
  private index: Map<string, number> | undefined;
  private added = 0;

  constructor(private readonly base: Tallies<V>) {}

  private find(id: string): number {
    if (this.index) return this.index.get(id) ?? -1;
    const ids = this.ids;
    if (ids) for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
    return -1;
  }

  get size(): number {
    return this.base.size + this.added;
  }

  get(id: string): V | undefined {
    const i = this.find(id);
    return i < 0 ? this.base.get(id) : this.items?.[i];
  }

  has(id: string): boolean {
    return this.find(id) >= 0 || this.base.has(id);
  }

  set(id: string, value: V): this {
    const i = this.find(id);
    if (i >= 0) {
      (this.items as V[])[i] = value;
      return this;
    }
    if (!this.base.has(id)) this.added += 1;
    if (!this.ids || !this.items) {
      this.ids = [id];
      this.items = [value];
      return this;
    }
    this.ids.push(id);
    this.items.push(value);
    if (this.index) this.index.set(id, this.ids.length - 1);
    else if (this.ids.length > SCAN_LIMIT) this.index = new Map(this.ids.map((key, n) => [key, n]));
    return this;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [id, value] of this.base.entries()) {
      const i = this.find(id);
      yield [id, i < 0 ? value : (this.items?.[i] as V)];
    }
    const ids = this.ids ?? [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      if (!this.base.has(id)) yield [id, this.items?.[i] as V];
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  apply(): void {
    const ids = this.ids;
    const items = this.items;
    if (ids && items) for (let i = 0; i < ids.length; i++) this.base.set(ids[i] as string, items[i] as V);
  }
}

export function draftTallies<V>(base: Tallies<V>): DraftTallies<V> {
  return new Draft(base);
}

/**
 * Deep-frozen plain data that the store keeps and hands out without copying
 * (internal). Frozen data is shared as is: no one can change it, so a stored
 * value and the reference a caller passed in or got back may be the same
 * object. What is not frozen is copied (and the copy frozen), so a caller
 * never keeps a way to change what the store keeps.
 */

const OBJECT = Object.prototype;

/** Sets a field of a fresh copy (an own "__proto__" field stays a field, as structured cloning keeps it). */
function put(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}

/** True for an array or an object made by a literal (what the log and stored values hold). */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === OBJECT || proto === null;
}

/** A constructor of plain objects (prototype `Object.prototype`) for one list of field names. */
type RecordMaker = new () => Record<string, unknown>;

/** Field lists seen, each with its maker (bounded: past it, copies start from `{}`). */
const makers = new Map<string, RecordMaker>();
const MAX_MAKERS = 512;

/**
 * A fresh empty plain object for `keys`. In V8, `{}` holds four fields inside
 * the object and puts the rest in a second object (a property array): one
 * more object per family, student and enrollment of a data set, for every
 * full garbage collection to mark. An object made by `new` of a constructor
 * of its own holds up to ten inside; its prototype is `Object.prototype`, so
 * it is the same plain object (`constructor` is `Object`, it clones and
 * serialises the same).
 */
function emptyFor(keys: readonly string[]): Record<string, unknown> {
  if (keys.length <= 4) return {};
  const shape = keys.join("\u0000");
  let Maker = makers.get(shape);
  if (Maker === undefined) {
    if (makers.size >= MAX_MAKERS) return {};
    Maker = function PlainRecord() {} as unknown as RecordMaker;
    Maker.prototype = OBJECT;
    makers.set(shape, Maker);
  }
  return new Maker();
}

/** A fresh object with `source`'s fields (its `Object.keys`), each replaced by `kept[i]`. */
function copyOf(source: Record<string, unknown>, keys: readonly string[], kept: readonly unknown[]): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.getPrototypeOf(source) === null ? Object.create(null) : emptyFor(keys);
  for (let i = 0; i < keys.length; i++) put(copy, keys[i] as string, kept[i]);
  return copy;
}

/**
 * Equal small values made one: nested lists and records (keywords, meeting
 * days, an enrollment's offering) repeat across a data set, and a value
 * given as JSON or made per record holds a fresh copy in every place.
 * Keyed by content: primitives, and values made one already (by their
 * number).
 */
class SharedValues {
  readonly #byContent = new Map<string, object>();
  readonly #numbers = new Map<object, number>();

  /** The content key of a list or record whose items are `kept`, or undefined when it is not small plain data. */
  key(isArray: boolean, keys: readonly string[] | undefined, kept: readonly unknown[]): string | undefined {
    let key = isArray ? "[" : "{";
    for (let i = 0; i < kept.length; i++) {
      const item = kept[i];
      if (keys !== undefined) key += `${JSON.stringify(keys[i])}:`;
      if (typeof item === "string") key += JSON.stringify(item);
      else if (typeof item === "number" || typeof item === "boolean" || item === null) key += String(item);
      else if (item === undefined) key += "u";
      else if (typeof item === "object" && this.#numbers.has(item)) key += `#${this.#numbers.get(item)}`;
      else return undefined;
      key += ",";
      if (key.length > MAX_SHARED_KEY) return undefined;
    }
    return key;
  }

  get(key: string): object | undefined {
    return this.#byContent.get(key);
  }

  add(key: string, value: object): void {
    this.#byContent.set(key, value);
    this.#numbers.set(value, this.#numbers.size);
  }
}

/** Content keys longer than this are not shared (a long value is rarely repeated). */
const MAX_SHARED_KEY = 400;
/** Values at least this deep are shared: data set → list → record → the record's own lists and records. */
const SHARED_DEPTH = 3;

function keep<T>(value: T, shared: SharedValues | undefined, depth: number): T {
  if (value === null || typeof value !== "object") return value;
  if (!isPlain(value)) return structuredClone(value);
  const sealed = Object.isFrozen(value);
  const isArray = Array.isArray(value);
  const source = value as Record<string, unknown>;
  const keys = isArray ? undefined : Object.keys(source);
  const length = isArray ? (value as unknown[]).length : (keys as string[]).length;
  const kept = new Array<unknown>(length);
  let changed = !sealed;
  for (let i = 0; i < length; i++) {
    const item = isArray ? (value as unknown[])[i] : source[(keys as string[])[i] as string];
    const k = keep(item, shared, depth + 1);
    kept[i] = k;
    if (k !== item) changed = true;
  }
  // Only arrays and `Object.prototype` records are shared (a record without a prototype is not equal to one with).
  const sharable = shared !== undefined && depth >= SHARED_DEPTH && (isArray || Object.getPrototypeOf(value) === OBJECT);
  const key = sharable ? (shared as SharedValues).key(isArray, keys, kept) : undefined;
  if (key !== undefined) {
    const same = (shared as SharedValues).get(key);
    if (same !== undefined) return same as T;
  }
  let result: object = value;
  if (changed) result = Object.freeze(isArray ? kept : copyOf(source, keys as string[], kept));
  if (key !== undefined) (shared as SharedValues).add(key, result);
  return result as T;
}

/**
 * `value` deep-frozen: the value itself when it is deep-frozen already (the
 * journal's committed entries are), otherwise a frozen copy that shares every
 * part of it that is. Anything other than plain objects and arrays (a `Date`,
 * a `Map`) is structured-cloned, as the store always did.
 */
export function frozen<T>(value: T): T {
  return keep(value, undefined, 0);
}

/**
 * `frozen(value)` for a large value kept for long (the data set), with its
 * equal small nested values (from the third level down: a record's keyword
 * lists, an enrollment's offering) made one frozen object each. Fewer
 * objects to keep, and fewer for every full garbage collection to mark: the
 * demo's 100,000 families held an offering and a keyword list per
 * enrollment. Deep-equal to `value`; frozen values are shared as is.
 */
export function frozenShared<T>(value: T): T {
  return keep(value, new SharedValues(), 0);
}

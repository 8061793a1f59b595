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

/**
 * `value` deep-frozen: the value itself when it is deep-frozen already (the
 * journal's committed entries are), otherwise a frozen copy that shares every
 * part of it that is. Anything other than plain objects and arrays (a `Date`,
 * a `Map`) is structured-cloned, as the store always did.
 */
export function frozen<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (!isPlain(value)) return structuredClone(value);
  const sealed = Object.isFrozen(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined = sealed ? undefined : new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const kept = frozen(item);
      if (copy === undefined && kept !== item) copy = value.slice(0, i);
      if (copy !== undefined) copy[i] = kept;
    }
    return (copy === undefined ? value : Object.freeze(copy)) as T;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let copy: Record<string, unknown> | undefined = sealed ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = source[key];
    const kept = frozen(item);
    if (copy === undefined && kept !== item) {
      copy = {};
      for (let j = 0; j < i; j++) put(copy, keys[j] as string, source[keys[j] as string]);
    }
    if (copy !== undefined) put(copy, key, kept);
  }
  return (copy === undefined ? value : Object.freeze(copy)) as T;
}

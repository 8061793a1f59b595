/**
 * The platform's timers, typed here because core compiles without the DOM
 * and Node libraries. `setTimeout` exists in browsers, Web Workers and Node.
 */

interface TimerHost {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as TimerHost;

/** Calls `callback` after `ms` milliseconds; returns a function that cancels it. */
export function after(ms: number, callback: () => void): () => void {
  const handle = host.setTimeout(callback, ms);
  return () => host.clearTimeout(handle);
}

/** Resolves with `value` after `ms` milliseconds (on a microtask when `ms` is 0). */
export function delay<T>(ms: number, value: T): Promise<T> {
  if (ms <= 0) return Promise.resolve(value);
  return new Promise((resolve) => {
    after(ms, () => resolve(value));
  });
}

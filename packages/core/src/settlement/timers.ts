/**
 * The platform's timers, typed here because core compiles without the DOM
 * and Node libraries. `setTimeout` exists in browsers, Web Workers and Node.
 */

interface TimerHost {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  readonly performance?: { now(): number };
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

/** A monotonic clock in milliseconds (wall time where the platform has none). */
const now: () => number = typeof host.performance?.now === "function" ? () => (host.performance as { now(): number }).now() : Date.now;

/**
 * Waits of one length, all on one platform timer. They end in the order they
 * start, so a queue and a timer for its first live wait stand for all of
 * them: a batch with thousands of gateway calls in flight one after another
 * sets one timer, not one per call. The timer is cleared when no wait is left.
 */
export class Waits {
  private readonly ends: number[] = [];
  private readonly callbacks: ((() => void) | undefined)[] = [];
  /** The number of the wait at index 0 of the queue. */
  private first = 0;
  private head = 0;
  private live = 0;
  private handle: unknown;

  constructor(private readonly ms: number) {}

  /** Calls `callback` after the length of these waits, unless cancelled; returns the wait's number. */
  start(callback: () => void): number {
    this.ends.push(now() + this.ms);
    this.callbacks.push(callback);
    this.live += 1;
    if (this.handle === undefined) this.arm(this.ms);
    return this.first + this.callbacks.length - 1;
  }

  /** Cancels wait `n` (nothing when it ended already). */
  cancel(n: number): void {
    const i = n - this.first;
    if (i < this.head || i >= this.callbacks.length || this.callbacks[i] === undefined) return;
    this.callbacks[i] = undefined;
    this.live -= 1;
    if (this.live === 0) {
      host.clearTimeout(this.handle);
      this.handle = undefined;
      this.reset();
      return;
    }
    while (this.head < this.callbacks.length && this.callbacks[this.head] === undefined) this.head += 1;
    this.compact();
  }

  /** Drops the ended part of the queue once it is the larger part. */
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.callbacks.length) return;
    this.ends.splice(0, this.head);
    this.callbacks.splice(0, this.head);
    this.first += this.head;
    this.head = 0;
  }

  private arm(ms: number): void {
    this.handle = host.setTimeout(() => this.fire(), ms);
  }

  /** Ends every wait that is due, then sets the timer for the next live one. */
  private fire(): void {
    this.handle = undefined;
    const t = now();
    while (this.head < this.callbacks.length) {
      const callback = this.callbacks[this.head];
      if (callback !== undefined && (this.ends[this.head] as number) > t) break;
      this.callbacks[this.head] = undefined;
      this.head += 1;
      if (callback !== undefined) {
        this.live -= 1;
        callback();
      }
    }
    if (this.live === 0) {
      this.reset();
      return;
    }
    if (this.handle === undefined) this.arm(Math.max(1, Math.ceil((this.ends[this.head] as number) - t)));
    this.compact();
  }

  private reset(): void {
    this.first += this.callbacks.length;
    this.ends.length = 0;
    this.callbacks.length = 0;
    this.head = 0;
  }
}

const waitsByLength = new Map<number, Waits>();

/** The shared waits of `ms` milliseconds. */
export function waitsOf(ms: number): Waits {
  let waits = waitsByLength.get(ms);
  if (!waits) {
    waits = new Waits(ms);
    waitsByLength.set(ms, waits);
  }
  return waits;
}

/**
 * Watching the main thread in the browser benchmarks: long tasks (the
 * PerformanceObserver `longtask` entries, i.e. over 50 ms) and the largest gap
 * between zero-delay timer ticks. Shared by the store, wizard and batch pages.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LongTasks {
  /** Stops watching and says how long the longest task was and how many there were. */
  readonly stop: () => { longest: number; count: number };
}

/** Starts counting long tasks now. */
export function watchLongTasks(): LongTasks {
  let longest = 0;
  let count = 0;
  const note = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      longest = Math.max(longest, entry.duration);
      count += 1;
    }
  };
  const observer = new PerformanceObserver((list) => note(list.getEntries()));
  observer.observe({ type: "longtask", buffered: false });
  return {
    stop: () => {
      note(observer.takeRecords());
      observer.disconnect();
      return { longest, count };
    },
  };
}

export interface MainThreadWatch<T> {
  readonly value: T;
  readonly ms: number;
  readonly longestTask: number;
  readonly longTasks: number;
  readonly longestGap: number;
}

/**
 * Runs `work` while watching the main thread. Starts in a fresh task (so the
 * task that prepared the data is not counted); with a `label`, leaves a
 * `performance.measure` span for traces.
 */
export async function watchMainThread<T>(work: () => Promise<T>, label?: string): Promise<MainThreadWatch<T>> {
  await sleep(100);
  const tasks = watchLongTasks();
  let longestGap = 0;
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    if (ticking) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  if (label !== undefined) performance.measure(label, { start });
  ticking = false;
  await sleep(50);
  const { longest, count } = tasks.stop();
  return { value, ms, longestTask: longest, longTasks: count, longestGap };
}

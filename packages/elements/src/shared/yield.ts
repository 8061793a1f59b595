/** Giving the main thread back during long work, so no task runs past a frame or two. */

/** `scheduler.yield()` where there is one, else a message-channel task (no 4 ms timer clamp). */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Calls `step` for each item, yielding whenever `budgetMs` has passed. */
export async function forEachInSlices<T>(items: Iterable<T>, step: (item: T) => void, budgetMs = 8): Promise<void> {
  let slice = performance.now();
  for (const item of items) {
    step(item);
    if (performance.now() - slice > budgetMs) {
      await yieldToMain();
      slice = performance.now();
    }
  }
}

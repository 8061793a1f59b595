/**
 * Pacing long work on the page's thread (internal): a turn of the event loop
 * once the current task has worked for a budget, rather than after every
 * chunk. A `setTimeout(0)` after each of a run's chunks was clamped to 4 ms
 * once nested, and a chunk's task had no bound besides the chunk's size.
 */

/** Node's ports keep the process alive while referenced; browsers' ports have no such methods. */
type Port = MessagePort & { ref?: () => void; unref?: () => void };

/** Resolvers waiting for their message, and the one channel that carries them (made on first use). */
const waiting: (() => void)[] = [];
let channel: MessageChannel | undefined;

function post(): void {
  if (!channel) {
    channel = new MessageChannel();
    const port = channel.port1 as Port;
    port.onmessage = () => {
      waiting.shift()?.();
      // Node: a port left referenced would keep the process alive once nothing waits.
      if (waiting.length === 0) port.unref?.();
    };
  }
  (channel.port1 as Port).ref?.();
  channel.port2.postMessage(null);
}

/**
 * One turn of the event loop: a message to itself (a macrotask that is not
 * clamped to 4 ms like a nested timer), else a timer. Not `scheduler.yield()`:
 * its continuations go before timers, and the page's own timers waited 800 ms
 * while a run was posting.
 */
export function nextTurn(): Promise<void> {
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    post();
  });
}

/**
 * A yield for work done in chunks: resolves at once while the task that
 * called it has worked less than `budgetMs`, otherwise after a turn of the
 * event loop (the page paints and handles input; the task ends well under the
 * 50 ms of a long task, with room for a GC pause).
 */
export function yieldEvery(budgetMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}

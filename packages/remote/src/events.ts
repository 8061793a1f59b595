/**
 * Live changes over server-sent events, read with `fetch` (not
 * `EventSource`, which cannot send the `Authorization` header: a token in
 * the URL would end up in logs and histories). The feed opens on the first
 * listener and closes with the last; a dropped or silent stream (no byte,
 * not even a heartbeat, for `idleTimeoutMs`) reconnects with growing
 * delays, and a reconnection tells listeners that anything may have changed
 * (`{ key: "", accountIds: [] }`): changes made while disconnected are not
 * replayed.
 */
import type { DataSourceChange } from "@creditkit/core";

export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** Parses an event stream's bytes into events (comments and `retry:` are read and dropped). */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  onBytes?: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  let data: string[] = [];
  let id: string | undefined;
  const line = (text: string) => {
    if (text === "") {
      if (data.length > 0) onEvent({ event, data: data.join("\n"), ...(id !== undefined ? { id } : {}) });
      event = "message";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onBytes?.();
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? "";
      for (const text of lines) line(text);
    }
  } finally {
    reader.releaseLock();
  }
}

export interface ChangeFeedOptions {
  /** Opens the stream (signed in); rejects when it cannot. */
  readonly open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>;
  /** Each change heard, and the "anything may have changed" after a reconnection. */
  readonly deliver: (change: DataSourceChange) => void;
  /** The first reconnection's delay; doubled each time up to `maxReconnectDelayMs`. Default 500 ms. */
  readonly reconnectDelayMs?: number;
  /** Default 30 s. */
  readonly maxReconnectDelayMs?: number;
  /** A stream silent this long (the server sends heartbeats) is dropped and opened again. Default 45 s. */
  readonly idleTimeoutMs?: number;
}

export interface ChangeFeed {
  start(): void;
  stop(): void;
  /** Resolves once the stream is open (now, or at the next connection). */
  listening(): Promise<void>;
  /** Connections opened so far (the first included). */
  readonly connections: number;
}

export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const first = options.reconnectDelayMs ?? 500;
  const most = options.maxReconnectDelayMs ?? 30_000;
  const idle = options.idleTimeoutMs ?? 45_000;
  let running = false;
  let controller: AbortController | undefined;
  let wakeSleep: (() => void) | undefined;
  let open = false;
  let connections = 0;
  const waiters: (() => void)[] = [];

  const ready = () => {
    open = true;
    connections += 1;
    for (const resolve of waiters.splice(0)) resolve();
    if (connections > 1) options.deliver({ key: "", accountIds: [], remote: true });
  };

  async function connectOnce(signal: AbortSignal, current: AbortController): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => current.abort(), idle);
    };
    watch();
    try {
      const body = await options.open(signal);
      await readEvents(
        body,
        (event) => {
          if (event.event === "ready") ready();
          else if (event.event === "change") {
            const change = parseChange(event.data);
            if (change) options.deliver(change);
          }
        },
        watch,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      const current = new AbortController();
      controller = current;
      const before = connections;
      try {
        await connectOnce(current.signal, current);
      } catch {
        // Dropped, refused or silent: try again below.
      }
      open = false;
      if (connections > before) failures = 0;
      if (!running) return;
      const delay = Math.min(most, first * 2 ** failures) * (0.75 + Math.random() / 2);
      failures += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeSleep = undefined;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      void run();
    },
    stop() {
      running = false;
      controller?.abort();
      wakeSleep?.();
    },
    listening() {
      return open ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
    get connections() {
      return connections;
    },
  };
}

/** A `change` event's data as a change from elsewhere, or undefined when it is not one. */
function parseChange(data: string): DataSourceChange | undefined {
  try {
    const value = JSON.parse(data) as { key?: unknown; accountIds?: unknown };
    if (typeof value.key !== "string" || !Array.isArray(value.accountIds)) return undefined;
    const accountIds = value.accountIds.filter((id): id is string => typeof id === "string");
    return { key: value.key, accountIds, remote: true };
  } catch {
    return undefined;
  }
}

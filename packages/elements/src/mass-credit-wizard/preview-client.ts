/**
 * The page's side of the preview worker: sends the data set over in parts
 * (one short task each), then asks for previews and explanations. One
 * client per data source; it re-sends the data set only when the data source
 * hands over a different one. Where a module worker cannot be started, the
 * same engine runs on the page instead.
 */
import {
  type MassCreditDataSet,
  type MassCreditPreview,
  type MassCreditRequest,
  type PreviewRow,
  studentDisplayName,
} from "@creditkit/core";
import { msg } from "../shared/localize.js";
import { TrustedWorker as Worker } from "../shared/trusted-worker.js";
import { createPreviewEngine } from "./preview-engine.js";
import {
  type DataKeywords,
  type DataSetPart,
  type ExplainResult,
  type FromWorker,
  RECORDS_PER_PART,
  type ToWorker,
} from "./preview-protocol.js";

/** How far a preview has got: loading the data into the worker, indexing it, then checking families (or "server": worked out there). */
export interface PreviewProgressInfo {
  readonly phase: "loading" | "indexing" | "checking" | "receiving" | "server";
  readonly done: number;
  readonly total: number;
}

/** An error the worker reported, with the core's code and details (for placing it next to a field). */
export class PreviewError extends Error {
  override readonly name = "PreviewError";
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  /** The worker's failure (data, no words of its own) worded on the page, in the kit's language. */
  static of(failed: {
    readonly code: string;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  }): PreviewError {
    let message = failed.message;
    if (failed.code === "not-loaded") message = msg("The customer data is not loaded yet.");
    else if (failed.code === "error" && message === "") message = msg("Something went wrong.");
    return new PreviewError(failed.code, message, failed.details);
  }
}

/** Makes the preview rows a "rows" message describes, reading ids and names from the page's own data set. */
function appendRows(out: PreviewRow[], message: Extract<FromWorker, { type: "rows" }>, dataSet: MassCreditDataSet): void {
  const { keys, positions, amount } = message;
  for (let i = 0; i < keys.length; i++) {
    const family = dataSet.families[positions[i * 3] ?? -1];
    const student = dataSet.students[positions[i * 3 + 1] ?? -1];
    const enrollment = dataSet.enrollments[positions[i * 3 + 2] ?? -1];
    if (!family) throw new Error(msg("The preview does not match the customer data."));
    const row: { -readonly [K in keyof PreviewRow]: PreviewRow[K] } = {
      rowKey: keys[i] ?? "",
      familyId: family.id,
      familyName: family.name,
      amount,
    };
    if (student) {
      row.studentId = student.id;
      row.studentName = studentDisplayName(student);
    }
    if (enrollment) {
      row.enrollmentId = enrollment.id;
      row.offeringName = enrollment.offering.name;
    }
    out.push(row);
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const PARTS: readonly DataSetPart[] = ["families", "students", "enrollments", "fees"];

interface Pending {
  onMessage(message: FromWorker): void;
  fail(error: Error): void;
}

export class PreviewClient {
  /** Milliseconds the worker spent indexing the current data set, and on the last preview. */
  indexMs = 0;
  previewMs = 0;
  /** True when previews run in a worker (false: on the page, as a fallback). */
  readonly inWorker: boolean;

  #send: (message: ToWorker) => void;
  #terminate: () => void;
  #version = 0;
  #nextId = 1;
  #loaded: MassCreditDataSet | undefined;
  #ready: Promise<DataKeywords> | undefined;
  #readyWaiter: Pending | undefined;
  readonly #pending = new Map<number, Pending>();
  readonly #loadListeners = new Set<(progress: PreviewProgressInfo) => void>();

  constructor() {
    const receive = (message: FromWorker) => this.#receive(message);
    let worker: InstanceType<NonNullable<typeof Worker>> | undefined;
    try {
      // `Worker` is the kit's (shared/trusted-worker.ts): Trusted Types pages get the script URL through a policy.
      if (!Worker) throw new Error("no workers here");
      worker = new Worker(new URL("./preview.worker.ts", import.meta.url), { type: "module", name: "creditkit-preview" });
    } catch {
      worker = undefined;
    }
    if (worker) {
      const w = worker;
      w.addEventListener("message", (event: MessageEvent<FromWorker>) => receive(event.data));
      w.addEventListener("error", (event) => this.#failAll(new Error(event.message || msg("The preview worker stopped."))));
      this.#send = (message) => w.postMessage(message);
      this.#terminate = () => w.terminate();
      this.inWorker = true;
    } else {
      const handle = createPreviewEngine((message) => setTimeout(() => receive(message), 0));
      this.#send = (message) => setTimeout(() => handle(message), 0);
      this.#terminate = () => undefined;
      this.inWorker = false;
    }
  }

  /** Sends `dataSet` to the worker (unless it holds it already) and resolves with the keywords found in it. */
  load(dataSet: MassCreditDataSet, onProgress?: (progress: PreviewProgressInfo) => void): Promise<DataKeywords> {
    if (onProgress) this.#loadListeners.add(onProgress);
    if (this.#ready && dataSet === this.#loaded) return this.#ready;
    this.#readyWaiter?.fail(new Error(msg("A newer data set replaced this one.")));
    this.#loaded = dataSet;
    const version = ++this.#version;
    this.#ready = new Promise<DataKeywords>((resolve, reject) => {
      this.#readyWaiter = {
        onMessage: (message) => {
          if (message.type === "ready" && message.version === version) {
            this.indexMs = message.indexMs;
            this.#readyWaiter = undefined;
            this.#loadListeners.clear();
            resolve(message.keywords);
          } else if (message.type === "failed" && message.version === version) {
            this.#readyWaiter = undefined;
            reject(PreviewError.of(message));
          }
        },
        fail: reject,
      };
      void this.#sendDataSet(dataSet, version);
    });
    this.#ready.catch(() => {
      if (this.#version === version) this.#ready = undefined;
    });
    return this.#ready;
  }

  /** Computes a preview in the worker; resolves with the whole preview, rows in review order. */
  async preview(
    dataSet: MassCreditDataSet,
    request: MassCreditRequest,
    onProgress?: (progress: PreviewProgressInfo) => void,
  ): Promise<MassCreditPreview> {
    await this.load(dataSet, onProgress);
    onProgress?.({ phase: "checking", done: 0, total: dataSet.families.length });
    const rows: PreviewRow[] = [];
    return this.#ask({ type: "preview", id: 0, version: this.#version, request }, (message, resolve) => {
      if (message.type === "progress") onProgress?.({ phase: "checking", done: message.done, total: message.total });
      else if (message.type === "rows") appendRows(rows, message, dataSet);
      else if (message.type === "previewed") {
        this.previewMs = message.ms;
        resolve({ request: message.request, rows, count: message.count, total: message.total, summary: message.summary });
      }
    });
  }

  /** Why the families a query names (an id, or part of a name) are or are not in the preview. */
  async explain(dataSet: MassCreditDataSet, request: MassCreditRequest, query: string): Promise<readonly ExplainResult[]> {
    await this.load(dataSet);
    return this.#ask({ type: "explain", id: 0, version: this.#version, request, query }, (message, resolve) => {
      if (message.type === "explained") resolve(message.results);
    });
  }

  /** Stops the worker; pending answers are rejected. */
  terminate(): void {
    this.#terminate();
    this.#failAll(new Error(msg("The preview was stopped.")));
  }

  #ask<T>(message: Extract<ToWorker, { id: number }>, onMessage: (message: FromWorker, resolve: (value: T) => void) => void): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, {
        onMessage: (reply) => {
          if (reply.type === "failed") {
            this.#pending.delete(id);
            reject(PreviewError.of(reply));
            return;
          }
          try {
            onMessage(reply, (value) => {
              this.#pending.delete(id);
              resolve(value);
            });
          } catch (error) {
            this.#pending.delete(id);
            reject(error);
          }
        },
        fail: reject,
      });
      this.#send({ ...message, id });
    });
  }

  #receive(message: FromWorker): void {
    if ("id" in message && message.id !== undefined) this.#pending.get(message.id)?.onMessage(message);
    else this.#readyWaiter?.onMessage(message);
  }

  #failAll(error: Error): void {
    this.#readyWaiter?.fail(error);
    this.#readyWaiter = undefined;
    this.#ready = undefined;
    this.#loaded = undefined;
    for (const pending of this.#pending.values()) pending.fail(error);
    this.#pending.clear();
  }

  /** The data set in parts, one post per task, so the page never waits on one large copy. */
  async #sendDataSet(dataSet: MassCreditDataSet, version: number) {
    const onProgress = (progress: PreviewProgressInfo) => {
      for (const listener of this.#loadListeners) listener(progress);
    };
    const total = PARTS.reduce((n, part) => n + dataSet[part].length, 0);
    let done = 0;
    this.#send({ type: "load-start", version, currency: dataSet.currency, lists: dataSet.lists });
    for (const part of PARTS) {
      const records = dataSet[part] as readonly unknown[];
      for (let at = 0; at < records.length; at += RECORDS_PER_PART) {
        if (version !== this.#version) return;
        this.#send({ type: "load-part", version, part, records: records.slice(at, at + RECORDS_PER_PART) });
        done += Math.min(RECORDS_PER_PART, records.length - at);
        onProgress({ phase: "loading", done, total });
        await nextTask();
      }
    }
    this.#send({ type: "load-end", version });
    onProgress({ phase: "indexing", done: 0, total: 0 });
  }
}

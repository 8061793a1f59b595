/**
 * Loads something from the provided data source (a report's rows, a batch's
 * accounts) and loads it again when the data source says something changed.
 * Changes arriving while a load is in flight, or while paused (a batch run
 * writing thousands of entries), are folded into one later load.
 */
import type { CreditKitDataSource, DataSourceChange } from "@creditkit/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { LoadState } from "./account-controller.js";
import { messageOf } from "./money-text.js";

export class SourceLoader<T> implements ReactiveController {
  /** The latest value, or undefined before the first load. */
  value: T | undefined;
  state: LoadState = "idle";
  /** Why the last load failed, in words (in the kit's language now); empty when it did not. */
  get error(): string {
    return this.#failure === undefined ? "" : messageOf(this.#failure.error);
  }
  /** What the last load threw, kept so the message is worded when it is read. */
  #failure: { readonly error: unknown } | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #load: (source: CreditKitDataSource) => Promise<T>;
  readonly #relevant: (change: DataSourceChange) => boolean;
  #source: CreditKitDataSource | undefined;
  #unsubscribe: (() => void) | undefined;
  #generation = 0;
  #loading = false;
  #stale = false;
  #paused = false;

  constructor(
    host: ReactiveControllerHost,
    load: (source: CreditKitDataSource) => Promise<T>,
    relevant: (change: DataSourceChange) => boolean = () => true,
  ) {
    this.#host = host;
    this.#load = load;
    this.#relevant = relevant;
    host.addController(this);
  }

  /** Points the loader at a data source; loads when it changed. */
  track(source: CreditKitDataSource | undefined): void {
    if (source === this.#source) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#source = source;
    this.value = undefined;
    this.state = "idle";
    if (!source) return;
    this.#subscribe(source);
    void this.reload();
  }

  /** Holds change-driven reloads (they are remembered) until `resume`. */
  pause(): void {
    this.#paused = true;
  }

  /** Ends a pause and loads once if anything changed meanwhile. */
  resume(): Promise<void> {
    this.#paused = false;
    if (!this.#stale) return Promise.resolve();
    return this.reload();
  }

  /** Reads again now (a read in flight is superseded). */
  async reload(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    const generation = ++this.#generation;
    this.#stale = false;
    this.#loading = true;
    if (this.value === undefined) this.state = "loading";
    this.#host.requestUpdate();
    try {
      const value = await this.#load(source);
      if (generation !== this.#generation) return;
      this.value = value;
      this.state = "ready";
      this.#failure = undefined;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.state = "error";
      this.#failure = { error };
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
    this.#host.requestUpdate();
    if (this.#stale && !this.#paused) setTimeout(() => this.#stale && !this.#paused && void this.reload(), 100);
  }

  #subscribe(source: CreditKitDataSource): void {
    this.#unsubscribe = source.subscribe((change) => {
      if (!this.#relevant(change)) return;
      this.#stale = true;
      if (!this.#paused && !this.#loading) void this.reload();
    });
  }

  hostConnected(): void {
    if (this.#source && !this.#unsubscribe) {
      this.#subscribe(this.#source);
      void this.reload();
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

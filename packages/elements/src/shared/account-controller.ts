/**
 * Loads one account's snapshot and the organisation's settings from a data
 * source, and loads them again whenever the data source says that account
 * changed. Shared by `<ck-balance>` and `<ck-pay-window>`.
 */
import type { AccountSnapshot, CreditKitDataSource, OrgSettings } from "@creditkit/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { msg } from "./msg.js";

type Wording = (error: unknown) => string;
let wording: Wording | undefined;
let loadingWording: Promise<unknown> | undefined;

/**
 * The words for an error: every core code in every sentence form, a table as
 * large as the balance itself, so it is fetched with the first failure (a
 * page that never fails never downloads it). Loading waits for it, so the
 * failure is announced once, already worded.
 */
function loadWording(): Promise<unknown> {
  loadingWording ??= import("./error-text.js").then(
    (module) => (wording = module.messageOf),
    () => {
      loadingWording = undefined; // offline: the next failure tries again
    },
  );
  return loadingWording;
}

/** Said when even the words for an error could not be fetched (the page went offline). */
const unworded: Wording = () => msg("Something went wrong.");

/** Where loading stands: nothing to load, loading, loaded, or failed with a readable message. */
export type LoadState = "idle" | "loading" | "ready" | "error";

export class AccountController implements ReactiveController {
  /** The latest snapshot, or undefined before the first load. */
  snapshot: AccountSnapshot | undefined;
  /** The data source's settings, read with the snapshot. */
  settings: OrgSettings | undefined;
  state: LoadState = "idle";
  /** Why the last load failed, in words (in the kit's language now); empty when it did not. */
  get error(): string {
    return this.#failure === undefined ? "" : (wording ?? unworded)(this.#failure.error);
  }
  /** What the last load threw, kept so the message is worded when it is read. */
  #failure: { readonly error: unknown } | undefined;

  readonly #host: ReactiveControllerHost;
  #source: CreditKitDataSource | undefined;
  #accountId = "";
  #unsubscribe: (() => void) | undefined;
  #generation = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Points the controller at a data source and account; loads when either changed. */
  track(source: CreditKitDataSource | undefined, accountId: string | undefined): void {
    const id = accountId ?? "";
    if (source === this.#source && id === this.#accountId) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#source = source;
    this.#accountId = id;
    this.snapshot = undefined;
    this.#failure = undefined;
    // A read still under way for the account before answers nothing now.
    this.#generation += 1;
    if (!source || id === "") {
      this.state = "idle";
      return;
    }
    this.#unsubscribe = source.subscribe((change) => {
      if (change.accountIds.includes(this.#accountId)) void this.reload();
    });
    void this.reload();
  }

  /** Reads the account and settings again. */
  async reload(): Promise<void> {
    const source = this.#source;
    if (!source || this.#accountId === "") return;
    const generation = ++this.#generation;
    if (!this.snapshot) this.state = "loading";
    this.#host.requestUpdate();
    try {
      const [snapshot, settings] = await Promise.all([source.getAccount(this.#accountId), source.getSettings()]);
      if (generation !== this.#generation) return;
      this.snapshot = snapshot;
      this.settings = settings;
      this.state = "ready";
      this.#failure = undefined;
    } catch (error) {
      await loadWording();
      if (generation !== this.#generation) return;
      this.state = "error";
      this.#failure = { error };
    }
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (this.#source && !this.#unsubscribe) {
      const source = this.#source;
      this.#source = undefined;
      this.track(source, this.#accountId);
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

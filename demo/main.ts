/**
 * The demo host site: a plain page with hash routes that embeds the creditkit
 * elements exactly as a host would — `import "@creditkit/elements"`, one
 * `<ck-provider>` handed the data source, attributes and properties on the
 * elements, and `ck-` events wired to the host's own navigation and messages.
 *
 * Two data sources (config.ts): the shared ledger behind the creditkit API
 * (`npm start`: the remote data source, a sign-in per tab, the admin or one
 * family), or the browser's own IndexedDB ledger (`npm run start:browser`).
 */
import "@creditkit/elements";
import { type CreditKitDataSource, CreditKitError } from "@creditkit/core";
import { createRemoteDataSource, type RemoteDataSource } from "@creditkit/remote";
import type { StoreDataSource } from "@creditkit/store";
import { apiBase, type RemoteConfig, remoteConfig } from "./config.js";
import { openDemo, resetDemo } from "./data.js";
import { announce, h, page, today } from "./dom.js";
import { startLanguagePicker, t } from "./language.js";
import { startMessages } from "./messages.js";
import { batchPage, massCreditPage, memberPage, membersPage, posPage, transactionsPage } from "./pages/admin.js";
import { portalHome, portalMember } from "./pages/portal.js";
import { settingsPage } from "./pages/settings.js";
import { signInPage } from "./pages/sign-in.js";
import { type Person, signedIn, signOut, tokenGetter } from "./session.js";

export interface DemoContext {
  readonly source: CreditKitDataSource;
  /** The IndexedDB ledger (browser-only mode): backups, restore, reset and the store's health. */
  readonly store?: StoreDataSource;
  /** Who this tab is signed in as (shared-ledger mode). */
  readonly person?: Person;
  /** The demo's "today": the wizard's far-date check and the batch's id. */
  readonly date: string;
  /** Asks for a reset of the demo data (browser-only mode, from the settings page too). */
  reset(): Promise<void>;
}

type Route = readonly [RegExp, (ctx: DemoContext, ...params: string[]) => Promise<Node> | Node];
const ROUTES: readonly Route[] = [
  [/^\/admin\/members$/, membersPage],
  [/^\/admin\/member\/([^/]+)$/, memberPage],
  [/^\/admin\/pos$/, posPage],
  [/^\/admin\/mass-credit$/, massCreditPage],
  [/^\/admin\/batch$/, batchPage],
  [/^\/admin\/transactions$/, transactionsPage],
  [/^\/admin\/settings$/, settingsPage],
  [/^\/portal$/, portalHome],
  [/^\/portal\/([^/]+)$/, portalMember],
];

const view = document.getElementById("view") as HTMLElement;
const provider = document.querySelector("ck-provider") as HTMLElementTagNameMap["ck-provider"];
const resetButton = document.getElementById("reset") as HTMLButtonElement;
const signOutButton = document.getElementById("sign-out") as HTMLButtonElement;
const where = document.getElementById("where") as HTMLElement;
const adminNav = document.getElementById("nav-admin") as HTMLElement;
const nav = document.querySelector(".sidenav") as HTMLElement;
const portalLink = document.getElementById("portal-link") as HTMLAnchorElement;
const config = remoteConfig();
let ctx: DemoContext | undefined;
let rendering = 0;

function progressView(title: string): { node: HTMLElement; update: (done: number, total: number) => void } {
  const bar = h("progress", { max: "1", value: "0", "aria-label": "Demo data" });
  const text = h("p", {}, "Opening the ledger…");
  const node = page(title, "The first load generates families, students, enrollments and fees, and stores them in IndexedDB.", bar, text);
  return {
    node,
    update: (done, total) => {
      bar.max = total;
      bar.value = done;
      text.textContent = `${done} of ${total} families stored`;
    },
  };
}

/** The path shown: a member sees only their own family's portal (any other address is replaced by it). */
function routeOf(context: DemoContext): string {
  const asked = location.hash.replace(/^#/, "");
  const own = context.person?.role === "member" && context.person.accountId;
  if (!own) return asked || "/admin/members";
  const path = `/portal/${encodeURIComponent(own)}`;
  if (asked !== path) history.replaceState(null, "", `#${path}`);
  return path;
}

function markCurrent(path: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".sidenav a")) {
    const target = link.getAttribute("href")?.slice(1) ?? "";
    const current =
      path === target ||
      (target === "/admin/members" && path.startsWith("/admin/member/")) ||
      (target === "/portal" && path.startsWith("/portal/"));
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
    // On a phone the navigation is one row that scrolls sideways: keep the current page's link in view.
    if (current && nav.scrollWidth > nav.clientWidth) link.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
}

function show(node: Node): void {
  view.replaceChildren(node);
  const heading = view.querySelector("h1");
  document.title = `${heading?.textContent ?? "creditkit"} — Riverside Aquatics`;
  if (document.activeElement !== document.body || location.hash) heading?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function render(): Promise<void> {
  if (config && location.hash === "#/sign-in") {
    await showSignIn(config);
    return;
  }
  if (!ctx) return;
  const path = routeOf(ctx);
  const turn = ++rendering;
  markCurrent(path);
  const route = ROUTES.map(([pattern, build]) => [path.match(pattern), build] as const).find(([match]) => match);
  let node: Node;
  try {
    node = route
      ? await route[1](ctx, ...(route[0]?.slice(1).map(decodeURIComponent) ?? []))
      : page("Not found", "There is no page at this address.", h("a", { href: "#/admin/members" }, "Go to the members report"));
  } catch (error) {
    node = page("Something went wrong", error instanceof Error ? error.message : String(error));
  }
  if (turn !== rendering) return;
  // A store open read-only (a corrupt record) or stopped (upgraded in another tab) says so on every page.
  const health = ctx.store?.health();
  if (health && health.state !== "ok") {
    const backup = health.state === "read-only" ? h("a", { href: "#/admin/settings" }, "Download a backup") : null;
    node = h("div", {}, h("p", { role: "alert", class: "store-problem" }, health.error.message, " ", backup), node);
  }
  show(node);
}

// ——— Browser-only mode: the IndexedDB ledger ———

async function startStore(store: StoreDataSource, date: string): Promise<void> {
  ctx = {
    source: store,
    store,
    date,
    reset: async () => {
      if (
        !window.confirm(
          "Reset the demo data? Every payment, credit and setting made in this browser is deleted and fresh data is generated.",
        )
      )
        return;
      resetButton.disabled = true;
      const progress = progressView("Resetting the demo data");
      view.replaceChildren(progress.node);
      const fresh = await resetDemo(store, progress.update);
      resetButton.disabled = false;
      await startStore(fresh.source, fresh.date);
      announce("The demo data was reset.");
    },
  };
  provider.dataSource = store;
  await render();
}

// ——— Shared-ledger mode: the remote data source, signed in per tab ———

let remote: RemoteDataSource | undefined;

let shownPerson: Person | undefined;

/** The header's and navigation's words that depend on the mode (and on who is signed in), in the page's language. */
function showChrome(): void {
  if (config) showPerson(shownPerson);
  else {
    where.textContent = t("Data lives in this browser (IndexedDB)");
    portalLink.textContent = t("My account");
  }
}

function showPerson(person: Person | undefined): void {
  shownPerson = person;
  const who = person?.role === "member" ? t("{name} (family)", { name: person.name }) : person?.name;
  where.textContent = who ? t("Shared ledger · signed in as {who}", { who }) : t("Shared ledger on the creditkit server");
  signOutButton.hidden = !person;
  nav.hidden = !person;
  adminNav.hidden = person?.role === "member";
  portalLink.textContent = person?.role === "admin" ? t("Preview a family") : t("My account");
}

async function showSignIn(settings: RemoteConfig, notice?: string): Promise<void> {
  markCurrent("/sign-in");
  try {
    show(await signInPage(settings, (person) => void startRemote(settings, person), notice));
  } catch (error) {
    show(page("The demo could not reach the server", error instanceof Error ? error.message : String(error)));
  }
}

async function startRemote(settings: RemoteConfig, person: Person | undefined): Promise<void> {
  remote?.close();
  remote = undefined;
  ctx = undefined;
  showPerson(person);
  if (!person) {
    if (location.hash !== "#/sign-in") history.replaceState(null, "", "#/sign-in");
    await showSignIn(settings);
    return;
  }
  let source: RemoteDataSource;
  try {
    source = await createRemoteDataSource({ url: apiBase(settings), getToken: tokenGetter(settings) });
  } catch (error) {
    // A token the server no longer accepts (a new data folder, another secret): sign in again.
    signOut();
    showPerson(undefined);
    history.replaceState(null, "", "#/sign-in");
    const unauthorized = error instanceof CreditKitError && error.code === "unauthorized";
    const reason = error instanceof Error ? error.message : String(error);
    await showSignIn(settings, unauthorized ? "The server no longer accepts this tab's sign-in. Please sign in again." : reason);
    return;
  }
  remote = source;
  ctx = { source, person, date: today(), reset: async () => undefined };
  provider.dataSource = source;
  const home = person.role === "member" && person.accountId ? `#/portal/${encodeURIComponent(person.accountId)}` : "#/admin/members";
  if (location.hash === "#/sign-in" || location.hash === "" || person.role === "member") history.replaceState(null, "", home);
  await render();
}

resetButton.addEventListener("click", () => void ctx?.reset());
signOutButton.addEventListener("click", () => {
  signOut();
  if (config) void startRemote(config, undefined);
});
startMessages();
// The language picker: the kit switches itself; the host re-words its chrome and re-renders its page.
startLanguagePicker(document.getElementById("language") as HTMLSelectElement, provider, () => {
  showChrome();
  void render();
});
showChrome();
window.addEventListener("hashchange", () => void render());

if (config) {
  resetButton.hidden = true;
  void startRemote(config, signedIn());
} else {
  const first = progressView("Preparing the demo");
  view.replaceChildren(first.node);
  openDemo(first.update).then(
    ({ source, date }) => startStore(source, date),
    (error: unknown) => {
      view.replaceChildren(page("The demo could not start", error instanceof Error ? error.message : String(error)));
    },
  );
}

/**
 * The demo host site: a plain page with hash routes that embeds the creditkit
 * elements exactly as a host would — `import "@creditkit/elements"`, one
 * `<ck-provider>` handed the data source, attributes and properties on the
 * elements, and `ck-` events wired to the host's own navigation and messages.
 */
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { openDemo, resetDemo } from "./data.js";
import { announce, h, page } from "./dom.js";
import { startMessages } from "./messages.js";
import { batchPage, massCreditPage, memberPage, membersPage, posPage, transactionsPage } from "./pages/admin.js";
import { portalHome, portalMember } from "./pages/portal.js";
import { settingsPage } from "./pages/settings.js";

export interface DemoContext {
  readonly source: StoreDataSource;
  /** Asks for a reset of the demo data (from the settings page too). */
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

async function render(): Promise<void> {
  if (!ctx) return;
  const path = location.hash.replace(/^#/, "") || "/admin/members";
  const turn = ++rendering;
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".sidenav a")) {
    const target = link.getAttribute("href")?.slice(1) ?? "";
    const current =
      path === target ||
      (target === "/admin/members" && path.startsWith("/admin/member/")) ||
      (target === "/portal" && path.startsWith("/portal/"));
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
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
  const health = ctx.source.health();
  if (health.state !== "ok") {
    const backup = health.state === "read-only" ? h("a", { href: "#/admin/settings" }, "Download a backup") : null;
    node = h("div", {}, h("p", { role: "alert", class: "store-problem" }, health.error.message, " ", backup), node);
  }
  view.replaceChildren(node);
  const heading = view.querySelector("h1");
  document.title = `${heading?.textContent ?? "creditkit"} — Riverside Aquatics`;
  if (document.activeElement !== document.body || location.hash) heading?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

async function start(source: StoreDataSource): Promise<void> {
  const context: DemoContext = {
    source,
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
      const fresh = await resetDemo(source, progress.update);
      resetButton.disabled = false;
      await start(fresh);
      announce("The demo data was reset.");
    },
  };
  ctx = context;
  provider.dataSource = source;
  await render();
}

resetButton.addEventListener("click", () => void ctx?.reset());
startMessages();
window.addEventListener("hashchange", () => void render());

const first = progressView("Preparing the demo");
view.replaceChildren(first.node);
openDemo(first.update).then(start, (error: unknown) => {
  view.replaceChildren(page("The demo could not start", error instanceof Error ? error.message : String(error)));
});

/**
 * The sign-in picker of the shared-ledger demo: be the club's admin, or one
 * family. Each tab signs in on its own (session.ts), so one window can be the
 * admin and another a family, both on the same ledger.
 */
import { createRemoteDataSource } from "@creditkit/remote";
import { apiBase, type RemoteConfig } from "../config.js";
import { h, page, panel } from "../dom.js";
import { t } from "../language.js";
import { adminToken, type Person, signedIn, signIn } from "../session.js";

/** The families to choose from, sorted by name (ids tell namesakes apart), read with a short-lived admin token. */
async function families(config: RemoteConfig): Promise<readonly { id: string; name: string }[]> {
  const token = await adminToken(config);
  const source = await createRemoteDataSource({ url: apiBase(config), getToken: () => token });
  try {
    const accounts = await source.listAccounts();
    return accounts.map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  } finally {
    source.close();
  }
}

function choice(value: Person["role"], label: string, help: string, checked: boolean): HTMLElement {
  const id = `sign-in-${value}`;
  return h(
    "div",
    { class: "choice" },
    h("input", { type: "radio", name: "role", id, value, checked, "aria-describedby": `${id}-help` }),
    h("label", { for: id }, label),
    h("p", { id: `${id}-help`, class: "help" }, help),
  );
}

/** The sign-in page; `onSignedIn` runs once this tab is signed in as the chosen person. */
export async function signInPage(config: RemoteConfig, onSignedIn: (person: Person) => void, notice?: string): Promise<Node> {
  const list = await families(config);
  const current = signedIn();
  const admin = choice(
    "admin",
    t("The club's admin"),
    t("Members, point of sale, mass credits, batch collection, transactions and settings."),
    current?.role !== "member",
  );
  const family = choice(
    "member",
    t("A family"),
    t("The member portal of one family: its balance, its transactions, and paying with its credit."),
    current?.role === "member",
  );
  const select = h(
    "select",
    { id: "sign-in-family", name: "family", "aria-describedby": "sign-in-family-help" },
    h("option", { value: "" }, t("Choose a family…")),
    ...list.map((f) => h("option", { value: f.id, selected: f.id === current?.accountId }, `${f.name} (${f.id})`)),
  );
  const familyField = h(
    "div",
    { class: "field family-field" },
    h("label", { for: "sign-in-family" }, t("Family")),
    select,
    h("p", { id: "sign-in-family-help", class: "help" }, t("{count} families. Type to jump to a name.", { count: String(list.length) })),
  );
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit" }, t("Sign in"));
  const roleOf = (): Person["role"] => (family.querySelector("input")?.checked ? "member" : "admin");
  const sync = () => {
    familyField.hidden = roleOf() !== "member";
  };
  // Choosing a family means signing in as one.
  select.addEventListener("change", () => {
    const box = family.querySelector("input");
    if (select.value && box) box.checked = true;
    sync();
  });
  const form = h(
    "form",
    { class: "sign-in", novalidate: true },
    h("fieldset", {}, h("legend", {}, t("Sign in as")), admin, family, familyField),
    error,
    submit,
  );
  form.addEventListener("change", sync);
  sync();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const role = roleOf();
    const chosen = list.find((f) => f.id === select.value);
    if (role === "member" && !chosen) {
      error.textContent = t("Choose a family to sign in as.");
      select.setAttribute("aria-invalid", "true");
      select.focus();
      return;
    }
    select.removeAttribute("aria-invalid");
    const person: Person =
      chosen && role === "member" ? { role, accountId: chosen.id, name: chosen.name } : { role: "admin", name: "Admin" };
    submit.disabled = true;
    try {
      await signIn(config, person);
      onSignedIn(person);
    } catch (failure) {
      error.textContent = `Not signed in: ${failure instanceof Error ? failure.message : String(failure)}`;
    } finally {
      submit.disabled = false;
    }
  });
  return page(
    t("Sign in"),
    t(
      "A development sign-in: no passwords. Each browser tab signs in on its own, so you can be the admin in one window and a family in another, and watch a change made in one appear in the other.",
    ),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    current
      ? h("p", {}, t("This tab is signed in as {name}. Signing in again replaces that, in this tab only.", { name: current.name }))
      : null,
    panel(t("Who are you?"), form),
  );
}

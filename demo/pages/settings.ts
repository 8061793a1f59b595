/** The organisation's settings, read and written through the data source; a backup to download and to restore; the reset. */
import type { OrgSettings } from "@creditkit/core";
import type { StoreDataSource } from "@creditkit/store";
import { announce, announceError, download, h, page, panel } from "../dom.js";
import { t } from "../language.js";
import type { DemoContext } from "../main.js";
import { existingCreditOffer, planOffer } from "./apply-credit.js";

const SWITCHES: readonly (readonly [keyof OrgSettings, string, string])[] = [
  [
    "autoApply",
    "Auto Apply Account Credit to Unpaid Fees",
    "When on, credit is applied to unpaid fees (oldest due date first) whenever a fee or a credit is posted. The demo starts with it off, so an issued credit stays visible until a member uses it.",
  ],
  ["overpaymentToCredit", "Overpayment to credit", "Let a non-cash payment larger than what is due put the rest on the account as credit."],
  ["portalPartialPayments", "Partial payments in the member portal", "Let members pay part of what they owe."],
];

export async function settingsPage(ctx: DemoContext): Promise<Node> {
  const settings = await ctx.source.getSettings();
  const fields = SWITCHES.map(([key, label, help]) => {
    const id = `setting-${key}`;
    const box = h("input", { type: "checkbox", id, "aria-describedby": `${id}-help`, checked: settings[key] });
    let offer: HTMLElement | undefined;
    box.addEventListener("change", async () => {
      box.disabled = true;
      try {
        const saved = await ctx.source.updateSettings({ [key]: box.checked });
        box.checked = saved[key];
        announce(`${label}: ${saved[key] ? "on" : "off"}.`);
        // Turned on: offer to apply the credit that accounts already hold beside an amount due (nothing when none do).
        if (key === "autoApply" && saved.autoApply && !offer) {
          offer = existingCreditOffer(ctx.source, ctx.date, await planOffer(ctx.source, ctx.date), () => {
            offer = undefined;
            box.focus();
          });
          if (offer) setting.append(offer);
        } else if (key === "autoApply" && !saved.autoApply && offer?.dataset.state !== "running") {
          offer?.remove();
          offer = undefined;
        }
      } catch (error) {
        box.checked = !box.checked;
        announceError(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        box.disabled = false;
      }
    });
    const setting = h(
      "div",
      { class: "setting" },
      h("div", { class: "check" }, box, h("label", { for: id }, t(label))),
      h("p", { id: `${id}-help`, class: "help" }, t(help)),
    );
    return setting;
  });
  return page(
    t("Settings"),
    t("How credit moves for the whole organisation. Changes are saved at once and every element follows them."),
    panel(t("Account credit"), ...fields),
    ctx.store ? demoDataPanel(ctx, ctx.store) : sharedLedgerPanel(),
  );
}

/** The shared ledger lives on the server: seeded afresh from the command line, never from a browser. */
function sharedLedgerPanel(): HTMLElement {
  return panel(
    t("Demo data"),
    h(
      "p",
      { class: "help" },
      t("This ledger is shared by every browser signed in to the creditkit server. To start afresh, stop the server and run "),
      h("code", {}, "npm start -- --reset"),
      t(" (it deletes the data folder and seeds new data)."),
    ),
  );
}

/** Browser-only mode: a backup of this browser's ledger to download and to restore, and the reset. */
function demoDataPanel(ctx: DemoContext, store: StoreDataSource): HTMLElement {
  const backup = h("button", { type: "button", class: "secondary" }, t("Download a backup (JSON)"));
  backup.addEventListener("click", async () => {
    const data = await store.exportLedger();
    download(`creditkit-backup-${data.exportedAt.slice(0, 10)}.json`, JSON.stringify(data, null, 2), "application/json");
  });
  const file = h("input", { type: "file", accept: "application/json,.json", hidden: true, "aria-label": t("Backup file") });
  const restore = h("button", { type: "button", class: "secondary" }, t("Restore a backup…"));
  restore.addEventListener("click", () => file.click());
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    file.value = "";
    if (!chosen || !window.confirm(`Replace all the demo data with the backup in ${chosen.name}?`)) return;
    restore.disabled = true;
    try {
      let data: unknown;
      try {
        data = JSON.parse(await chosen.text());
      } catch {
        throw new Error(`${chosen.name} is not a JSON file.`);
      }
      await store.importLedger(data);
      const [accounts, runs] = await Promise.all([store.getAccounts(), store.listRuns()]);
      announce(`Backup restored: ${accounts.length} accounts and ${runs.length} mass-credit run${runs.length === 1 ? "" : "s"}.`);
    } catch (error) {
      announceError(`Not restored, nothing changed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      restore.disabled = false;
    }
  });
  const reset = h("button", { type: "button", class: "danger" }, t("Reset demo data"));
  reset.addEventListener("click", () => void ctx.reset());
  return panel(
    t("Demo data"),
    h(
      "p",
      { class: "help" },
      t(
        "Download the whole ledger and its mass-credit runs as JSON, restore such a backup (it replaces everything here), or start afresh with newly generated data.",
      ),
    ),
    h("div", { class: "row" }, backup, restore, file, reset),
  );
}

/**
 * The page csp.test.ts opens in a frame, under host.html's Content Security
 * Policy: every element of the kit with data, a progress bar, and the
 * wizard's preview worker. Violations are collected from the first moment.
 */
import { createMemoryDataSource, seedDemoData } from "@creditkit/store";
import { html, render } from "lit";
import "@creditkit/elements";
import { PreviewClient } from "../../../packages/elements/src/mass-credit-wizard/preview-client.js";
import { renderProgress } from "../../../packages/elements/src/shared/progress.js";

export interface CspReport {
  readonly violations: { directive: string; blocked: string; source: string }[];
  readonly inWorker: boolean;
  readonly rendered: string[];
}

const violations: CspReport["violations"] = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const target = event.composedPath()[0] as Element | undefined;
  violations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${target?.localName ?? "?"}.${target?.className ?? ""} ${event.sample}`,
  });
});

async function main(): Promise<CspReport> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed: 7, families: 12 });
  const accounts = await source.getAccounts();
  const owing = accounts.find((a) => Number(a.amountDue) > 0) ?? accounts[0];
  const id = owing?.account.id ?? "";
  const root = document.createElement("div");
  document.body.append(root);
  render(
    html`<ck-provider .dataSource=${source} locale="en-US">
      <ck-balance account-id=${id}></ck-balance>
      <ck-credit-toggle account-id=${id}></ck-credit-toggle>
      <ck-pay-window channel="admin" account-id=${id}></ck-pay-window>
      <ck-transactions allow-reverse></ck-transactions>
      <ck-members-report></ck-members-report>
      <ck-batch-collect></ck-batch-collect>
      <ck-mass-credit-wizard></ck-mass-credit-wizard>
      <ck-account-search></ck-account-search>
      <div class="bar">${renderProgress({ id: "p", label: "Progress", text: "3 of 10", done: 3, total: 10 })}</div>
    </ck-provider>`,
    root,
  );
  const tags = [
    "ck-balance",
    "ck-credit-toggle",
    "ck-pay-window",
    "ck-transactions",
    "ck-members-report",
    "ck-batch-collect",
    "ck-mass-credit-wizard",
    "ck-account-search",
  ];
  const rendered: string[] = [];
  for (const tag of tags) {
    const el = document.querySelector(tag) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await el?.updateComplete;
    if (el?.shadowRoot?.childElementCount) rendered.push(tag);
  }
  // Give the elements' data a moment to arrive and render (tables, figures).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const client = new PreviewClient();
  const inWorker = client.inWorker;
  client.terminate();
  return { violations, inWorker, rendered };
}

(window as unknown as { cspReport: Promise<CspReport> }).cspReport = main();

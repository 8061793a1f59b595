/** Mass credits (§6): requests, plans and run inputs the kit must refuse before any credit is posted. */
import {
  type MassCreditPreview,
  planRun,
  previewMassCredit,
  processRun,
  type RunPlan,
  reverseRun,
  validateMassCreditRequest,
} from "../../../packages/core/src/index.js";
import { dataSet, family, request } from "../mass-credit/fixtures.js";
import type { Row } from "./context.js";

const DATA = dataSet({ families: [family("fam-1", "Rivera"), family("fam-2", "Okafor")] });
const preview = (): MassCreditPreview => previewMassCredit(request(), DATA);
const plan = (): RunPlan => planRun(preview(), { runId: "run1" });
const fast = () => Promise.resolve();

/** validateMassCreditRequest with `over`, refused with `code`. */
const asked = (name: string, code: string, over: Record<string, unknown>): Row => ({
  name: `mass credit: a request with ${name}`,
  code,
  run: () => validateMassCreditRequest(request(over as never), DATA),
});

/** processRun of the plan changed by `change`, refused with `code`. */
const processed = (name: string, code: string, change: (p: RunPlan) => unknown, options: object = {}): Row => ({
  name: `mass credit: processRun ${name}`,
  code,
  run: ({ journal }) => processRun(journal, change(plan()) as RunPlan, { yieldControl: fast, ...options }),
});

export const MASS_CREDIT_ROWS: readonly Row[] = [
  asked('amount "10%"', "percent-not-supported", { amount: "10%" }),
  asked('amount ""', "amount-required", { amount: "" }),
  asked('amount "0.00"', "zero-amount", { amount: "0.00" }),
  asked('amount "-5.00"', "negative-amount", { amount: "-5.00" }),
  asked('amount "1.005"', "too-many-decimals", { amount: "1.005" }),
  asked('description ""', "description-required", { description: "" }),
  asked("an unknown credit type", "unknown-credit-type", { creditType: "nope" }),
  asked('mode "household"', "unknown-mode", { mode: "household" }),
  asked("date 2026-02-30", "invalid-date", { date: "2026-02-30" }),
  asked("an empty enrollment row", "empty-enrollment-row", { enrollmentRows: [{}] }),
  asked("currency EUR", "currency-mismatch", { currency: "EUR" }),
  { name: "mass credit: planRun(null)", code: "invalid-input", run: () => planRun(null as never, { runId: "r" }) },
  { name: "mass credit: planRun without options", code: "invalid-input", run: () => planRun(preview(), null as never) },
  { name: 'mass credit: planRun runId ""', code: "invalid-input", run: () => planRun(preview(), { runId: "" }) },
  { name: 'mass credit: planRun runId "a/b"', code: "invalid-input", run: () => planRun(preview(), { runId: "a/b" }) },
  { name: "mass credit: planRun a numeric runId", code: "invalid-input", run: () => planRun(preview(), { runId: 5 as never }) },
  {
    name: "mass credit: planRun with a row twice",
    code: "duplicate-row",
    run: () => {
      const p = preview();
      return planRun({ ...p, rows: [...p.rows, p.rows[0]] } as never, { runId: "r" });
    },
  },
  { name: "mass credit: processRun(null ledger)", code: "invalid-input", run: () => processRun(null as never, plan()) },
  { name: "mass credit: processRun(null plan)", code: "invalid-input", run: ({ journal }) => processRun(journal, null as never) },
  processed("with posts null", "invalid-input", (p) => ({ ...p, posts: null })),
  processed("with a row key twice", "duplicate-row", (p) => ({ ...p, posts: [...p.posts, p.posts[0]], count: p.count + 1 })),
  processed("with a post keyed for another run", "invalid-input", (p) => ({
    ...p,
    posts: p.posts.map((x) => ({ ...x, key: `other/${x.rowKey}` })),
  })),
  processed("in another currency", "currency-mismatch", (p) => ({ ...p, request: { ...p.request, currency: "EUR" } })),
  processed("chunkSize 0", "invalid-input", (p) => p, { chunkSize: 0 }),
  processed("chunkSize -1", "invalid-input", (p) => p, { chunkSize: -1 }),
  processed("chunkSize 1.5", "invalid-input", (p) => p, { chunkSize: 1.5 }),
  processed('chunkSize "10"', "invalid-input", (p) => p, { chunkSize: "10" }),
  {
    name: "mass credit: reverseRun(null record)",
    code: "invalid-input",
    run: ({ journal }) => reverseRun(journal as never, null as never, { date: "2026-12-02" }),
  },
];

/** Mass credits (§6): requests, plans and run inputs the kit must refuse before any credit is posted. */
import {
  checkRunPlan,
  creditDescription,
  creditEntry,
  describeFilters,
  explainFamily,
  indexDataSet,
  isEnrollmentActiveOn,
  type MassCreditPreview,
  money,
  multiplyAmount,
  planRun,
  previewMassCredit,
  processRun,
  type RunPlan,
  reverseRun,
  runToCsv,
  selectRows,
  studentDisplayName,
  summarizeFilters,
  totalOfRows,
  validateMassCreditRequest,
  withLedgerFees,
} from "../../../packages/core/src/index.js";
import { dataSet, enrollment, family, LISTS, request } from "../mass-credit/fixtures.js";
import { pure, type Row } from "./context.js";

const DATA = dataSet({ families: [family("fam-1", "Rivera"), family("fam-2", "Okafor")] });
const preview = (): MassCreditPreview => previewMassCredit(request(), DATA);
const plan = (): RunPlan => planRun(preview(), { runId: "run1" });
const fast = () => Promise.resolve();
const INDEX = indexDataSet(DATA);
const ENROLLMENT = enrollment("e1", "s1", "A");
const POST = { key: "run1/f:fam-1", rowKey: "f:fam-1", familyId: "fam-1", familyName: "Rivera", amount: "10.00" };
const RUN = {
  runId: "run1",
  status: "completed",
  filters: ["Issue once per family"],
  count: 1,
  total: "10.00",
  request: { creditType: "weather", date: "2026-12-01", currency: "USD", location: "down" },
  credits: [{ familyId: "fam-1", familyName: "Rivera", amount: "10.00", grantId: "run1/f:fam-1" }],
};
/** A row of a pure mass-credit function: refused with `code`, its arguments unchanged. */
const called = (label: string, code: string, fn: (...args: never[]) => unknown, ...args: unknown[]): Row =>
  pure(`mass credit: ${label}`, code, fn, ...args);

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
  { name: "mass credit: processRun options null", code: "invalid-input", run: ({ journal }) => processRun(journal, plan(), null as never) },
  { name: "mass credit: checkRunPlan(plan, null)", code: "invalid-input", run: () => checkRunPlan(plan(), null as never) },
  {
    name: "mass credit: reverseRun(null record)",
    code: "invalid-input",
    run: ({ journal }) => reverseRun(journal as never, null as never, { date: "2026-12-02" }),
  },
  // The pure functions of the wizard, the preview and the run (null, numbers, strings, lists where an object goes).
  called("creditDescription(null, row)", "invalid-input", creditDescription, null, {}),
  called("creditDescription(text, null)", "invalid-input", creditDescription, "Pool closed", null),
  called("creditDescription(text, 5)", "invalid-input", creditDescription, "Pool closed", 5),
  called("creditEntry(null, post)", "invalid-input", creditEntry, null, POST),
  called("creditEntry(plan, null)", "invalid-input", creditEntry, { runId: "run1", request: request() }, null),
  called("creditEntry with request null", "invalid-input", creditEntry, { runId: "run1", request: null }, POST),
  called('creditEntry(plan, "post")', "invalid-input", creditEntry, { runId: "run1", request: request() }, "post"),
  called("describeFilters(null, lists)", "invalid-input", describeFilters, null, INDEX.lists),
  called("describeFilters(request, null)", "invalid-input", describeFilters, preview().request, null),
  called("describeFilters({}, lists)", "invalid-input", describeFilters, {}, INDEX.lists),
  called("describeFilters(request, {})", "invalid-input", describeFilters, preview().request, {}),
  called("explainFamily(request, null, id)", "invalid-input", explainFamily, request(), null, "fam-1"),
  called("explainFamily(request, undefined, id)", "invalid-input", explainFamily, request(), undefined, "fam-1"),
  called("explainFamily(request, 5, id)", "invalid-input", explainFamily, request(), 5, "fam-1"),
  called("explainFamily(null, index, id)", "invalid-input", explainFamily, null, INDEX, "fam-1"),
  called("indexDataSet(null)", "invalid-input", indexDataSet, null),
  called("indexDataSet(undefined)", "invalid-input", indexDataSet, undefined),
  called('indexDataSet("data")', "invalid-input", indexDataSet, "data"),
  called("indexDataSet([])", "invalid-input", indexDataSet, []),
  called("indexDataSet with families null", "invalid-input", indexDataSet, { ...DATA, families: null }),
  called("indexDataSet with a null family", "invalid-input", indexDataSet, { ...DATA, families: [null] }),
  called("indexDataSet with lists null", "invalid-input", indexDataSet, { ...DATA, lists: null }),
  called("indexDataSet with currency 5", "invalid-input", indexDataSet, { ...DATA, currency: 5 }),
  called("isEnrollmentActiveOn(null, date)", "invalid-input", isEnrollmentActiveOn, null, "2026-12-01"),
  called("isEnrollmentActiveOn(5, date)", "invalid-input", isEnrollmentActiveOn, 5, "2026-12-01"),
  called("isEnrollmentActiveOn(enrollment, null)", "invalid-date", isEnrollmentActiveOn, ENROLLMENT, null),
  called("multiplyAmount(null, 0)", "invalid-input", multiplyAmount, null, 0),
  called("multiplyAmount(null, 2)", "invalid-input", multiplyAmount, null, 2),
  called('multiplyAmount(money, "2")', "invalid-input", multiplyAmount, money("1.00", "USD"), "2"),
  called("previewMassCredit(request, null)", "invalid-input", previewMassCredit, request(), null),
  called("previewMassCredit(request, undefined)", "invalid-input", previewMassCredit, request(), undefined),
  called("previewMassCredit(request, 5)", "invalid-input", previewMassCredit, request(), 5),
  called("previewMassCredit(null, index)", "invalid-input", previewMassCredit, null, INDEX),
  called("previewMassCredit with options null", "invalid-input", previewMassCredit, request(), INDEX, null),
  called('previewMassCredit with onProgress "yes"', "invalid-input", previewMassCredit, request(), INDEX, { onProgress: "yes" }),
  called("runToCsv(null)", "invalid-input", runToCsv, null),
  called('runToCsv("run")', "invalid-input", runToCsv, "run"),
  called("runToCsv with request null", "invalid-input", runToCsv, { ...RUN, request: null }),
  called("runToCsv with credits null", "invalid-input", runToCsv, { ...RUN, credits: null }),
  called("runToCsv with a null credit", "invalid-input", runToCsv, { ...RUN, credits: [null] }),
  called("runToCsv with filters null", "invalid-input", runToCsv, { ...RUN, filters: null }),
  called("runToCsv with a numeric total", "invalid-input", runToCsv, { ...RUN, total: 10 }),
  called("runToCsv with options null", "invalid-input", runToCsv, RUN, null),
  called("selectRows(null)", "invalid-input", selectRows, null),
  called("selectRows with rows null", "invalid-input", selectRows, { ...preview(), rows: null }),
  called("selectRows with request null", "invalid-input", selectRows, { ...preview(), request: null }),
  called("selectRows(preview, null)", "invalid-input", selectRows, preview(), null),
  called('selectRows(preview, ["f:fam-1"])', "invalid-input", selectRows, preview(), ["f:fam-1"]),
  called("studentDisplayName(null)", "invalid-input", studentDisplayName, null),
  called("studentDisplayName(undefined)", "invalid-input", studentDisplayName, undefined),
  called('studentDisplayName("Ana")', "invalid-input", studentDisplayName, "Ana"),
  called("summarizeFilters(request, [])", "invalid-input", summarizeFilters, request(), []),
  called("summarizeFilters(request, null)", "invalid-input", summarizeFilters, request(), null),
  called("summarizeFilters(null, data)", "invalid-input", summarizeFilters, null, DATA),
  called("totalOfRows(null, USD)", "invalid-input", totalOfRows, null, "USD"),
  called('totalOfRows("rows", USD)', "invalid-input", totalOfRows, "rows", "USD"),
  called("totalOfRows([null], USD)", "invalid-amount", totalOfRows, [null], "USD"),
  {
    name: "mass credit: withLedgerFees(null, journal)",
    code: "invalid-input",
    run: ({ journal }) => withLedgerFees(null as never, journal),
  },
  { name: "mass credit: withLedgerFees(data, null)", code: "invalid-input", run: () => withLedgerFees(DATA, null as never) },
  {
    name: "mass credit: withLedgerFees with fees null",
    code: "invalid-input",
    run: ({ journal }) => withLedgerFees({ ...DATA, fees: null } as never, journal),
  },
  {
    name: 'mass credit: withLedgerFees yieldControl "soon"',
    code: "invalid-input",
    run: ({ journal }) => withLedgerFees(DATA, journal, "soon" as never),
  },
  called("validateMassCreditRequest({})", "invalid-input", validateMassCreditRequest, {}),
  called("validateMassCreditRequest(request, null)", "invalid-input", validateMassCreditRequest, request(), null),
  called("validateMassCreditRequest(request, [])", "invalid-input", validateMassCreditRequest, request(), []),
  called("validateMassCreditRequest with lists null", "invalid-input", validateMassCreditRequest, request(), { ...DATA, lists: null }),
  called("validateMassCreditRequest with a null credit type", "invalid-input", validateMassCreditRequest, request(), {
    ...DATA,
    lists: { ...LISTS, creditTypes: [null] },
  }),
];

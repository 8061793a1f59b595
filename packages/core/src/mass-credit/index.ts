/**
 * Mass credits (§6): the data a run looks at, the questions an admin answers,
 * who qualifies, the preview with its filter summary, per-family
 * explanations, and runs (plan, process, reverse). The demo data generator is in
 * `@creditkit/core/demo` (src/demo.ts), outside the main entry.
 */
export { indexDataSet, type ListLookup, type MassCreditIndex } from "./data-index.js";
export {
  explainFamily,
  type FamilyExplanation,
  type FamilyTestName,
  type RowOutcome,
  type StudentExplanation,
  type StudentTestName,
  type TestOutcome,
} from "./explain.js";
export {
  type EnrollmentRow,
  ISSUE_MODES,
  type IssueMode,
  MAX_ENROLLMENT_ROWS,
  type MassCreditRequest,
  type RowsCombine,
  type ValidEnrollmentRow,
  type ValidMassCreditRequest,
  validateMassCreditRequest,
} from "./filters.js";
export { type FeeLedger, withLedgerFees } from "./ledger-fees.js";
export * from "./model.js";
export {
  type MassCreditPreview,
  multiplyAmount,
  type PreviewOptions,
  type PreviewProgress,
  type PreviewRow,
  previewMassCredit,
  selectRows,
  totalOfRows,
} from "./preview.js";
export { reversalMark, type SpentAccount, type SpentSummary, spentCredits, summarizeSpent } from "./reversal-report.js";
export { checkRunPlan, creditDescription, creditEntry, DEFAULT_RUN_CHUNK_SIZE, type PlanRunOptions, planRun, processRun } from "./run.js";
export { reverseRun } from "./run-reverse.js";
export type * from "./run-types.js";
export { describeFilters, summarizeFilters } from "./summary.js";

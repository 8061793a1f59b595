/**
 * The wizard's answers to the questions of §6 as a person gives them (text as
 * typed, nothing parsed yet), which question comes next, and the answers
 * turned into the core's `MassCreditRequest`. Every rule stays in the core:
 * errors come from `validateMassCreditRequest` and the money parser, placed
 * next to the field they name.
 */
import {
  type IssueMode,
  isIsoDate,
  type MassCreditDataSet,
  type MassCreditRequest,
  messageFor,
  parseLocalizedMoney,
  type RowsCombine,
  toAmountString,
  validateMassCreditRequest,
  type Weekday,
} from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { amountInputText } from "../shared/money-text.js";

/** One enrollment filter row as answered (question 10). */
export interface RowAnswers {
  /** Stable while the row exists, for ids and focus. */
  readonly id: number;
  readonly meetingDays: readonly Weekday[];
  readonly locations: readonly string[];
  readonly classIds: readonly string[];
  readonly campIds: readonly string[];
  readonly programIds: readonly string[];
  readonly offeringKeywords: readonly string[];
}

/** The list fields of a row, in the order they are shown. */
export type RowField = Exclude<keyof RowAnswers, "id">;

/** The answers, as typed and picked. */
export interface WizardAnswers {
  readonly description: string;
  readonly creditType: string;
  readonly date: string;
  readonly amountText: string;
  readonly mode: IssueMode | "";
  readonly outstandingOnly: boolean;
  readonly autopayMethods: readonly string[];
  readonly chargeCategories: readonly string[];
  readonly studentKeywords: readonly string[];
  readonly familyKeywords: readonly string[];
  readonly rows: readonly RowAnswers[];
  readonly rowsCombine: RowsCombine;
  /** The run's location id. */
  readonly location: string;
}

/** The required questions, in the order they are revealed (the outstanding-only switch follows the last). */
export const REQUIRED_QUESTIONS = ["description", "creditType", "date", "amount", "mode"] as const;
export type RequiredQuestion = (typeof REQUIRED_QUESTIONS)[number];

export function emptyAnswers(location = ""): WizardAnswers {
  return {
    description: "",
    creditType: "",
    date: "",
    amountText: "",
    mode: "",
    outstandingOnly: false,
    autopayMethods: [],
    chargeCategories: [],
    studentKeywords: [],
    familyKeywords: [],
    rows: [],
    rowsCombine: "and",
    location,
  };
}

export function emptyRow(id: number): RowAnswers {
  return { id, meetingDays: [], locations: [], classIds: [], campIds: [], programIds: [], offeringKeywords: [] };
}

/** What the checks need besides the answers. */
export interface AnswerContext {
  readonly dataSet: MassCreditDataSet;
  readonly locale: string | undefined;
}

/** The canonical amount typed, or throws the money parser's typed error. */
export function parseAmount(answers: WizardAnswers, context: AnswerContext): string {
  return toAmountString(parseLocalizedMoney(answers.amountText, context.dataSet.currency, context.locale, "positive"));
}

/** Why one required answer is not acceptable, in words; undefined when it is. */
export function checkQuestion(question: RequiredQuestion, answers: WizardAnswers, context: AnswerContext): string | undefined {
  switch (question) {
    case "description":
      return answers.description.trim() === "" ? messageFor("description-required") : undefined;
    case "creditType":
      return context.dataSet.lists.creditTypes.some((t) => t.id === answers.creditType) ? undefined : messageFor("unknown-credit-type");
    case "date":
      if (answers.date === "") return msg("Choose the date the credit is issued for.");
      return isIsoDate(answers.date) ? undefined : messageFor("invalid-date");
    case "amount":
      if (answers.amountText.trim() === "") {
        const example = amountInputText("15", context.dataSet.currency, context.locale);
        return msg(str`Enter the amount of each credit, like ${example}.`);
      }
      try {
        parseAmount(answers, context);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : messageFor("invalid-amount");
      }
    case "mode":
      return answers.mode === "" ? msg("Choose how to issue the credits: once per family, student or enrollment.") : undefined;
  }
}

/** The answers as the core's request (amount parsed in the locale). Throws the parser's error for a bad amount. */
export function toRequest(answers: WizardAnswers, context: AnswerContext): MassCreditRequest {
  const rows = answers.rows.map(({ id: _id, ...row }) => row);
  return {
    description: answers.description,
    creditType: answers.creditType,
    date: answers.date,
    amount: parseAmount(answers, context),
    currency: context.dataSet.currency,
    mode: answers.mode === "" ? ("" as IssueMode) : answers.mode,
    outstandingOnly: answers.outstandingOnly,
    autopayMethods: answers.autopayMethods,
    chargeCategories: answers.chargeCategories,
    studentKeywords: answers.studentKeywords,
    familyKeywords: answers.familyKeywords,
    enrollmentRows: rows,
    rowsCombine: answers.rowsCombine,
    location: answers.location,
  };
}

/** The field a core error is about: a question, "location", an optional list, or "row-<index>". */
export function fieldOfError(error: unknown): string {
  // A CreditKitError, or its code and details as the preview worker reports them.
  const coded = error as { readonly code?: unknown; readonly details?: Readonly<Record<string, unknown>> } | null;
  if (typeof coded !== "object" || coded === null || typeof coded.code !== "string") return "form";
  const details = coded.details ?? {};
  const field = String(details.field ?? "");
  const row = /^enrollmentRows\[(\d+)\]/.exec(field);
  switch (coded.code) {
    case "description-required":
      return "description";
    case "unknown-credit-type":
      return "creditType";
    case "invalid-date":
      return "date";
    case "unknown-mode":
      return "mode";
    case "empty-enrollment-row":
      return `row-${String(details.row ?? 0)}`;
    default:
      if (row) return `row-${row[1]}`;
      if (field === "location" || field === "autopayMethods" || field === "chargeCategories") return field;
      if (field === "studentKeywords" || field === "familyKeywords") return field;
      if (field === "enrollmentRows" || field === "rowsCombine") return "rows";
      return "form";
  }
}

/**
 * Every problem with the answers, by field (empty when the request is valid):
 * the required questions first, then the core's validation of the whole
 * request, whose first error is placed by its `details.field`.
 */
export function answerErrors(answers: WizardAnswers, context: AnswerContext): Map<string, string> {
  const errors = new Map<string, string>();
  for (const question of REQUIRED_QUESTIONS) {
    const message = checkQuestion(question, answers, context);
    if (message !== undefined) errors.set(question, message);
  }
  if (answers.location === "") errors.set("location", msg("Choose the run's location."));
  if (errors.size > 0) return errors;
  try {
    validateMassCreditRequest(toRequest(answers, context), context.dataSet);
  } catch (error) {
    errors.set(fieldOfError(error), error instanceof Error ? error.message : msg("Something went wrong."));
  }
  return errors;
}

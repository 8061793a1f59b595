/**
 * The money operations' shapes: a checkout plan, credits, a payment
 * reversal, a mass-credit run (plan, record, summary), a batch to settle and
 * its result, and the mass-credit data set. Requests are checked here for
 * shape and size; the core checks every rule again.
 */
import { z } from "@hono/zod-openapi";
import { Amount, Id, IsoDate, MAX_LIST, MAX_ROWS, Text } from "./common.js";
import { GrantEntry, LedgerEntry, PaymentMethod } from "./ledger.js";

const Channel = z.enum(["admin", "pos", "portal"]);

export const CheckoutPlan = z
  .object({
    key: Id,
    channel: Channel,
    currency: z.string().max(3),
    date: IsoDate,
    total: Amount,
    availableCredit: Amount,
    maxCredit: Amount,
    applyCredit: z.boolean(),
    applyCreditDefault: z.boolean(),
    appliedCredit: Amount,
    remainingDue: Amount,
    tendered: Amount,
    tenderApplied: Amount,
    change: Amount,
    overpaymentCredit: Amount,
    unpaid: Amount,
    chargedToAccount: Amount,
    paidInFull: z.boolean(),
    paidEntirelyByCredit: z.boolean(),
    lines: z
      .array(z.object({ feeId: Id, description: Text, isNew: z.boolean(), due: Amount, credit: Amount, tender: Amount, unpaid: Amount }))
      .max(MAX_LIST),
    tenders: z.array(z.object({ method: PaymentMethod, amount: Amount, applied: Amount, change: Amount, toCredit: Amount })).max(20),
    warnings: z
      .array(
        z.object({
          code: z.literal("auto-apply-will-use-credit"),
          amount: Amount,
          target: z.enum(["charge", "unpaid-fees"]),
          message: Text,
        }),
      )
      .max(MAX_LIST),
    entries: z.array(LedgerEntry).min(1).max(MAX_LIST),
  })
  .openapi("CheckoutPlan", { description: "A plan made by the core's planCheckout; recording it writes `entries` once under `key`." });

export const PostCredits = z
  .object({ key: Id.optional(), grants: z.array(GrantEntry).min(1).max(MAX_LIST) })
  .strict()
  .openapi("PostCredits", { description: "Credits posted atomically once under `key` (or the Idempotency-Key header)." });

export const PaymentReversal = z
  .object({ accountId: Id, entryId: Id, date: IsoDate, key: Id.optional(), description: Text.optional() })
  .strict()
  .openapi("PaymentReversal");

const RunRequestEssentials = z.object({
  description: Text,
  creditType: Id,
  creditTypeName: Text,
  date: IsoDate,
  amount: Amount,
  currency: z.string().max(3),
  mode: z.enum(["family", "student", "enrollment"]),
  location: Text,
  locationName: Text,
});

export const RunPlan = z
  .object({
    runId: Id,
    request: RunRequestEssentials,
    filters: z.array(Text).max(100),
    posts: z
      .array(
        z.object({
          key: Id,
          rowKey: Id,
          familyId: Id,
          familyName: Text,
          studentId: Id.optional(),
          studentName: Text.optional(),
          enrollmentId: Id.optional(),
          offeringName: Text.optional(),
          amount: Amount,
        }),
      )
      .max(MAX_ROWS),
    count: z.number().int().nonnegative(),
    total: Amount,
  })
  .openapi("RunPlan", { description: "A mass-credit run made by the core's planRun; each post is credited once under its key." });

const Failure = z.object({ code: z.string(), message: z.string() });

export const RunRecord = z
  .object({
    runId: Id,
    status: z.enum(["done", "interrupted", "failed"]),
    filters: z.array(Text),
    request: RunRequestEssentials,
    credits: z.array(
      z.object({
        rowKey: Id,
        familyId: Id,
        familyName: Text,
        studentName: Text.optional(),
        enrollmentId: Id.optional(),
        offeringName: Text.optional(),
        grantId: Id,
        entryId: Id,
        amount: Amount,
      }),
    ),
    count: z.number().int(),
    total: Amount,
    issued: z.number().int(),
    skipped: z.number().int(),
    selected: z.number().int(),
    remaining: z.number().int(),
    errors: z.array(z.object({ rowKey: Id, familyId: Id, code: z.string(), message: z.string() })),
    failure: Failure.optional(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
  })
  .openapi("RunRecord");

export const RunSummary = z
  .object({
    runId: Id,
    status: z.enum(["processing", "done", "interrupted", "failed"]),
    selected: z.number().int(),
    total: Amount,
    description: Text,
    savedAt: z.string(),
    record: RunRecord.optional(),
    reversal: z
      .object({
        reversedAt: z.string(),
        date: IsoDate,
        totals: z.object({ issued: Amount, voided: Amount, used: Amount, reserved: Amount }),
        spent: z.number().int(),
        failed: z.number().int(),
      })
      .optional()
      .openapi("RunReversalMark", { description: "Present once the run was reversed: when, the voids' date, and the totals." }),
  })
  .openapi("RunSummary", { description: "`processing`: started and never finished; resume it." });

export const SettleBatch = z
  .object({
    batchId: Id.regex(/^[^/]+$/, "no /"),
    invoices: z
      .array(z.object({ invoiceId: Id, accountId: Id, feeIds: z.array(Id).min(1).max(MAX_LIST), description: Text.optional() }))
      .min(1)
      .max(MAX_LIST),
    applyCredit: z.boolean(),
    date: IsoDate,
    concurrency: z.number().int().min(1).max(32).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict()
  .openapi("SettleBatch", {
    description: "Invoices charged through the server's own gateway; the same batch id again never charges twice.",
  });

const Outcome = z.enum([
  "paid-by-credit",
  "paid-by-charge-and-credit",
  "paid-by-charge",
  "declined",
  "failed",
  "unresolved",
  "nothing-due",
  "already-settled",
  "skipped",
]);

export const BatchResult = z
  .object({
    batchId: Id,
    results: z.array(
      z.object({
        invoiceId: Id,
        accountId: Id,
        key: Id,
        outcome: Outcome,
        due: Amount,
        creditUsed: Amount,
        charged: Amount,
        chargeId: z.string().optional(),
        message: z.string().optional(),
        code: z.string().optional(),
        entries: z.array(LedgerEntry),
      }),
    ),
    summary: z.object({
      total: z.number().int(),
      counts: z.record(Outcome, z.number().int()),
      charged: Amount,
      creditUsed: Amount,
    }),
    aborted: z.boolean(),
  })
  .openapi("BatchResult");

const Row = z.looseObject({ id: Id });
const Named = z.looseObject({ id: Id, name: Text });

/** The organisation's named lists (credit types, charge categories, locations, offerings …). */
export const Lists = z
  .looseObject({
    creditTypes: z.array(Named).max(MAX_LIST),
    chargeCategories: z.array(Named).max(MAX_LIST),
    locations: z.array(Named).max(MAX_LIST),
    offerings: z.array(Named).max(MAX_ROWS),
  })
  .openapi("Lists");

export const DataSet = z
  .object({
    currency: z.string().max(3),
    lists: Lists,
    families: z.array(Row).max(MAX_ROWS),
    students: z.array(Row).max(MAX_ROWS),
    enrollments: z.array(Row).max(MAX_ROWS),
    fees: z.array(Row).max(MAX_ROWS),
  })
  .openapi("DataSet", {
    description: "What mass-credit previews read (families, students, enrollments, fees' remainders); the core checks every row.",
  });

export const DataSetAnswer = z.object({ dataSet: DataSet.nullable() }).openapi("DataSetAnswer");

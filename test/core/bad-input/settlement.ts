/** Settlement (§5): invoices, batches and reservations the kit must refuse before anything is charged or held. */
import { createSimulatedGateway, settleBatch, settleInvoice, summarizeSettlement } from "../../../packages/core/src/index.js";
import { type Context, DATE, type Row } from "./context.js";

const invoice = { batchId: "b1", invoiceId: "i1", accountId: "fam-1", feeIds: ["swim"], applyCredit: true, date: DATE };
const ports = ({ journal }: Context) => ({ ledger: journal, gateway: createSimulatedGateway() });

/** settleInvoice with `over` in the request, refused with `code`. */
const one = (name: string, code: string, over: Record<string, unknown>): Row => ({
  name: `settlement: ${name}`,
  code,
  run: (ctx) => settleInvoice(ports(ctx) as never, { ...invoice, ...over } as never),
});

/** settleBatch with `over` in the request, refused with `code`. */
const batch = (name: string, code: string, over: Record<string, unknown>): Row => ({
  name: `settlement: batch ${name}`,
  code,
  run: (ctx) =>
    settleBatch(
      ports(ctx) as never,
      {
        batchId: "b2",
        applyCredit: true,
        date: DATE,
        invoices: [{ invoiceId: "i1", accountId: "fam-1", feeIds: ["swim"] }],
        ...over,
      } as never,
    ),
});

export const SETTLEMENT_ROWS: readonly Row[] = [
  { name: "settlement: a null request", code: "invalid-input", run: (ctx) => settleInvoice(ports(ctx) as never, null as never) },
  { name: "settlement: null ports", code: "invalid-input", run: () => settleInvoice(null as never, invoice as never) },
  {
    name: "settlement: ports without a gateway",
    code: "invalid-input",
    run: ({ journal }) => settleInvoice({ ledger: journal } as never, invoice as never),
  },
  {
    name: "settlement: a ledger that is not one",
    code: "invalid-input",
    run: () => settleInvoice({ ledger: {}, gateway: createSimulatedGateway() } as never, invoice as never),
  },
  one('a batchId with "/"', "invalid-input", { batchId: "b/1" }),
  one('a batchId ""', "invalid-input", { batchId: "" }),
  one("a numeric batchId", "invalid-input", { batchId: 7 }),
  one('an invoiceId ""', "invalid-input", { invoiceId: "" }),
  one("a null accountId", "invalid-input", { accountId: null }),
  one("feeIds []", "invalid-input", { feeIds: [] }),
  one("feeIds null", "invalid-input", { feeIds: null }),
  one("feeIds [null]", "invalid-input", { feeIds: [null] }),
  one("a fee twice", "duplicate-fee", { feeIds: ["swim", "swim"] }),
  one('applyCredit "yes"', "invalid-input", { applyCredit: "yes" }),
  one("applyCredit missing", "invalid-input", { applyCredit: undefined }),
  one("date 2026-02-30", "invalid-date", { date: "2026-02-30" }),
  one("timeoutMs 0", "invalid-input", { timeoutMs: 0 }),
  one("timeoutMs -1", "invalid-input", { timeoutMs: -1 }),
  one("timeoutMs NaN", "invalid-input", { timeoutMs: Number.NaN }),
  one('timeoutMs "10"', "invalid-input", { timeoutMs: "10" }),
  one("a numeric description", "invalid-input", { description: 5 }),
  batch("invoices null", "invalid-input", { invoices: null }),
  batch('a batchId with "/"', "invalid-input", { batchId: "a/b" }),
  batch("concurrency 0", "invalid-input", { concurrency: 0 }),
  batch("concurrency 1.5", "invalid-input", { concurrency: 1.5 }),
  batch('applyCredit "yes"', "invalid-input", { applyCredit: "yes" }),
  // Reservations: only their owner may take them, and a held one is never handed out again (#13.1).
  {
    name: "settlement: reserve a key held by another settlement",
    code: "settlement-in-progress",
    run: ({ journal }) =>
      journal.reserve({ key: "settle", accountId: "fam-1", feeIds: ["held"], credit: "5.00", owner: "second" } as never),
  },
  {
    name: 'settlement: reserve key ""',
    code: "invalid-input",
    run: ({ journal }) => journal.reserve({ key: "", accountId: "fam-1", feeIds: [], credit: "0" }),
  },
  { name: "settlement: reserve(null)", code: "invalid-input", run: ({ journal }) => journal.reserve(null as never) },
  {
    name: "settlement: reserve feeIds null",
    code: "invalid-input",
    run: ({ journal }) => journal.reserve({ key: "r", accountId: "fam-1", feeIds: null, credit: "0" } as never),
  },
  {
    name: 'settlement: reserve credit "abc"',
    code: "invalid-amount",
    run: ({ journal }) => journal.reserve({ key: "r", accountId: "fam-1", feeIds: [], credit: "abc" }),
  },
  {
    name: "settlement: reserve a fee another holds",
    code: "fee-reserved",
    run: ({ journal }) => journal.reserve({ key: "r", accountId: "fam-1", feeIds: ["held"], credit: "0" }),
  },
  {
    name: "settlement: reserve under a committed key",
    code: "idempotency-conflict",
    run: ({ journal }) => journal.reserve({ key: "g1", accountId: "fam-1", feeIds: [], credit: "0" }),
  },
  {
    name: "settlement: reserve on an unknown account",
    code: "unknown-account",
    run: ({ journal }) => journal.reserve({ key: "r", accountId: "nobody", feeIds: [], credit: "0" }),
  },
  { name: "settlement: createSimulatedGateway(null)", code: "invalid-input", run: () => createSimulatedGateway(null as never) },
  { name: "settlement: createSimulatedGateway(5)", code: "invalid-input", run: () => createSimulatedGateway(5 as never) },
  {
    name: "settlement: createSimulatedGateway cardsOnFile 5",
    code: "invalid-input",
    run: () => createSimulatedGateway({ cardsOnFile: 5 } as never),
  },
  { name: "settlement: summarizeSettlement(null)", code: "invalid-input", run: () => summarizeSettlement(null as never, "USD") },
  { name: "settlement: summarizeSettlement([null])", code: "invalid-input", run: () => summarizeSettlement([null] as never, "USD") },
  {
    name: 'settlement: summarizeSettlement of an outcome "won"',
    code: "invalid-input",
    run: () => summarizeSettlement([{ outcome: "won" }] as never, "USD"),
  },
  { name: 'settlement: release key ""', code: "invalid-input", run: ({ journal }) => journal.release("") },
];

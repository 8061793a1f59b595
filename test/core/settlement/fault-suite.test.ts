/**
 * The settlement fault suite (#13): 3,000-invoice batches through hostile
 * gateways, an abort, a crash, two runs at once — each followed by an honest
 * re-run — and a money checker after each that prints its figures and
 * asserts: at most one real charge per key, every charge recorded, no
 * reservation left, no fee overpaid, nothing negative, no invoice partly
 * paid, money conserved.
 */
import { expect } from "chai";
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../../../packages/core/src/gateway.js";
import { type Journal, restoreJournal } from "../../../packages/core/src/ledger/journal.js";
import { type BatchInvoice, type BatchResult, settleBatch } from "../../../packages/core/src/settlement/index.js";
import { Bank } from "./bank.js";
import { checkMoney, type MoneyCheck, opening } from "./fault-checker.js";
import { newJournal, openAccount, postFee, postGrant, TODAY } from "./fixtures.js";

const INVOICES = 3_000;
const SEED = 0x13c0ffee;

/** mulberry32: a small seeded generator, so a failure can be run again as it was. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (rng: () => number, low: number, high: number) => ((low + Math.floor(rng() * (high - low))) / 100).toFixed(2);

/** 1,500 accounts with two invoices each (one or two fees), a third with no credit, a third some, a third plenty. */
function ledgerOf(rng: () => number): { ledger: Journal; invoices: BatchInvoice[] } {
  const ledger = newJournal();
  const invoices: BatchInvoice[] = [];
  for (let i = 0; i < INVOICES / 2; i++) {
    const id = `A${i}`;
    openAccount(ledger, id);
    postFee(ledger, id, `${id}-1`, cents(rng, 500, 20_000), "2026-03-01");
    postFee(ledger, id, `${id}-2`, cents(rng, 500, 9_000), "2026-04-01");
    const two = rng() < 0.5;
    if (two) postFee(ledger, id, `${id}-3`, cents(rng, 100, 5_000), "2026-04-15");
    const kind = rng();
    if (kind > 1 / 3) postGrant(ledger, id, `${id}-g`, kind > 2 / 3 ? cents(rng, 30_000, 40_000) : cents(rng, 1, 6_000));
    invoices.push({ invoiceId: `${id}-a`, accountId: id, feeIds: [`${id}-1`] });
    invoices.push({ invoiceId: `${id}-b`, accountId: id, feeIds: two ? [`${id}-2`, `${id}-3`] : [`${id}-2`] });
  }
  return { ledger, invoices };
}

/**
 * A decline (or a failure that charged nothing) is only ever said of a key
 * that has not charged: a gateway that declines a key it charged lies, and no
 * client can tell. Such a key gets the truth instead.
 */
function notCharged(bank: Bank, request: ChargeRequest, outcome: ChargeOutcome): ChargeOutcome {
  return bank.chargedUnder(request.idempotencyKey) ? bank.chargeNow(request) : outcome;
}

type Misbehaviour = (bank: Bank, request: ChargeRequest, rng: () => number) => unknown;

const later = <T>(ms: number, value: () => T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value()), ms));
const never = () => new Promise<ChargeOutcome>(() => undefined);
const GARBAGE: readonly unknown[] = [null, undefined, {}, "ok", 42, { status: "succeeded" }, { status: "declined" }, { status: "paid" }];

/** How each hostile gateway misbehaves on the calls it picks; the others go to the bank honestly. */
const HOSTILE: Readonly<Record<string, Misbehaviour>> = {
  "throws synchronously": () => {
    throw new Error("gateway exploded");
  },
  "rejects before charging": () => Promise.reject(new Error("connection refused")),
  "rejects after charging": (bank, r) => {
    bank.chargeNow(r);
    return Promise.reject(new Error("connection reset"));
  },
  "never answers": (bank, r, rng) => {
    if (rng() < 0.5) bank.chargeNow(r);
    return never();
  },
  "answers twice": (bank, r, rng) => {
    const truth = rng() < 0.5 ? bank.chargeNow(r) : notCharged(bank, r, { status: "declined", reason: "Do not honour." });
    return {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that answers twice is the misbehaviour under test
      then(resolve: (o: unknown) => void, reject: (e: unknown) => void) {
        resolve(truth);
        resolve({ status: truth.status === "succeeded" ? "declined" : "succeeded", chargeId: "ch_forged", reason: "x" });
        reject(new Error("and a rejection too"));
      },
    };
  },
  "answers garbage": (bank, r, rng) => {
    bank.chargeNow(r);
    return Promise.resolve(GARBAGE[Math.floor(rng() * GARBAGE.length)]);
  },
  "is slow (answers after the time-out)": (bank, r, rng) => {
    const answer = bank.chargeNow(r);
    return later(Math.floor(rng() * 4), () => answer);
  },
  declines: (bank, r) => Promise.resolve(notCharged(bank, r, { status: "declined", reason: "Insufficient funds." })),
  "fails without charging": (bank, r) =>
    Promise.resolve(notCharged(bank, r, { status: "error", message: "processor unavailable", notCharged: true })),
};

const KINDS = Object.keys(HOSTILE).filter((k) => k !== "declines" && k !== "fails without charging");

function hostileGateway(bank: Bank, rng: () => number, pick: (rng: () => number) => Misbehaviour | undefined): PaymentGateway {
  return {
    charge(request) {
      const misbehave = pick(rng);
      return (misbehave ? misbehave(bank, request, rng) : bank.charge(request)) as Promise<ChargeOutcome>;
    },
  };
}

const one =
  (kind: string, share = 0.3) =>
  (rng: () => number) =>
    rng() < share ? HOSTILE[kind] : undefined;
const mix = (rng: () => number) => {
  if (rng() < 0.5) return undefined;
  const names = Object.keys(HOSTILE);
  return HOSTILE[names[Math.floor(rng() * names.length)] as string];
};

const counts = (result: BatchResult) =>
  Object.entries(result.summary.counts)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(", ");

function report(name: string, first: string, check: MoneyCheck, ms: number): void {
  console.log(
    `fault ${name}: ${INVOICES} invoices; first run: ${first}; after the honest re-run: charges/key max ${check.maxChargesPerKey}, ` +
      `charged-unrecorded ${check.chargedUnrecorded}, recorded-uncharged ${check.recordedUncharged}, reservations ${check.reservationsLeft}, ` +
      `overpaid ${check.feesOverpaid}, negative ${check.negatives}, partly paid ${check.partlyPaid}, unpaid ${check.unpaidInvoices}, ` +
      `conserved ${check.conserved ? "yes" : "NO"}; charged ${check.charged}, credit used ${check.creditUsed} (${ms} ms)`,
  );
}

/** What must hold after any first run, however hostile: nothing partly paid or overpaid, every unrecorded charge still held. */
function expectSafeAfterFirstRun(check: MoneyCheck): void {
  expect(check, "after the first run").to.include({
    maxChargesPerKey: Math.min(check.maxChargesPerKey, 1),
    unrecordedUnheld: 0,
    recordedUncharged: 0,
    feesOverpaid: 0,
    negatives: 0,
    partlyPaid: 0,
  });
}

/** What must hold after the honest re-run: every invoice paid once, every charge recorded, nothing held. */
function expectSettled(check: MoneyCheck): void {
  expect(check, "after the honest re-run").to.include({
    maxChargesPerKey: 1,
    chargedUnrecorded: 0,
    unrecordedUnheld: 0,
    recordedUncharged: 0,
    reservationsLeft: 0,
    feesOverpaid: 0,
    negatives: 0,
    partlyPaid: 0,
    unpaidInvoices: 0,
    conserved: true,
  });
}

const batchOf = (invoices: readonly BatchInvoice[], extra: Partial<Parameters<typeof settleBatch>[1]> = {}) => ({
  batchId: "dues-2026-05",
  invoices,
  applyCredit: true,
  date: TODAY,
  concurrency: 16,
  timeoutMs: 5,
  ...extra,
});

describe("settlement fault suite (#13): 3,000 invoices through hostile gateways, each followed by an honest re-run", function () {
  this.timeout(60_000);

  const gateways: [string, (rng: () => number) => Misbehaviour | undefined][] = [
    ...KINDS.map((kind) => [`a gateway that ${kind}`, one(kind)] as [string, (rng: () => number) => Misbehaviour | undefined]),
    ["a gateway with a random mix of all of these, declines and failures", mix],
  ];
  gateways.forEach(([name, pick], n) => {
    it(`${name}: at most one charge per key, every charge recorded after the re-run, nothing partly paid`, async () => {
      const started = Date.now();
      const rng = random(SEED + n);
      const { ledger, invoices } = ledgerOf(rng);
      const before = opening(ledger, invoices);
      const bank = new Bank();
      const first = await settleBatch({ ledger, gateway: hostileGateway(bank, rng, pick) }, batchOf(invoices));
      expectSafeAfterFirstRun(checkMoney(ledger, bank, invoices, before));
      await settleBatch({ ledger, gateway: bank }, batchOf(invoices));
      const check = checkMoney(ledger, bank, invoices, before);
      report(name, counts(first), check, Date.now() - started);
      expectSettled(check);
    });
  });

  it("an abort at a random point: the rest are skipped, nothing is held, and the re-run settles them", async () => {
    const started = Date.now();
    const rng = random(SEED + 100);
    const { ledger, invoices } = ledgerOf(rng);
    const before = opening(ledger, invoices);
    const bank = new Bank();
    const stopAt = 1 + Math.floor(rng() * (INVOICES - 2));
    const signal = { aborted: false };
    const first = await settleBatch(
      { ledger, gateway: hostileGateway(bank, rng, mix) },
      batchOf(invoices, { signal, onProgress: (p) => (signal.aborted ||= p.done >= stopAt) }),
    );
    expect(first.aborted).to.equal(true);
    expect(first.summary.counts.skipped).to.be.greaterThan(0);
    expectSafeAfterFirstRun(checkMoney(ledger, bank, invoices, before));
    await settleBatch({ ledger, gateway: bank }, batchOf(invoices));
    const check = checkMoney(ledger, bank, invoices, before);
    report(`aborted after ${stopAt}`, counts(first), check, Date.now() - started);
    expectSettled(check);
  });

  it("a crash, simulated by restoring a mid-run snapshot: charges in flight at the crash are reconciled by the re-run, none twice", async () => {
    const started = Date.now();
    const rng = random(SEED + 200);
    const { ledger, invoices } = ledgerOf(rng);
    const before = opening(ledger, invoices);
    const bank = new Bank();
    const crashAt = 1 + Math.floor(rng() * (INVOICES - 2));
    let saved: ReturnType<Journal["toData"]> | undefined;
    // Calls made before the crash reach the bank (and charge); their answers come late, after the process died.
    const dying: PaymentGateway = {
      charge(request) {
        if (saved) return Promise.reject(new Error("the process is gone"));
        const answer = bank.chargeNow(request);
        return later(Math.floor(rng() * 3), () => answer);
      },
    };
    const first = await settleBatch(
      { ledger, gateway: dying },
      batchOf(invoices, {
        timeoutMs: 1_000,
        onProgress: (p) => {
          if (p.done === crashAt) saved = JSON.parse(JSON.stringify(ledger.toData()));
        },
      }),
    );
    const restored = restoreJournal(saved as ReturnType<Journal["toData"]>);
    const held = restored.reservations().length;
    expectSafeAfterFirstRun(checkMoney(restored, bank, invoices, before));
    await settleBatch({ ledger: restored, gateway: bank }, batchOf(invoices));
    const check = checkMoney(restored, bank, invoices, before);
    report(`crashed after ${crashAt} (${held} held at the crash)`, counts(first), check, Date.now() - started);
    expectSettled(check);
  });

  it("two settlements of the same batch at once on one ledger: never a key charged twice, never card and credit for the same money", async () => {
    const started = Date.now();
    const rng = random(SEED + 300);
    const { ledger, invoices } = ledgerOf(rng);
    const before = opening(ledger, invoices);
    const bank = new Bank();
    const gateway = hostileGateway(bank, rng, (r) => (r() < 0.4 ? HOSTILE["is slow (answers after the time-out)"] : mix(r)));
    const [a, b] = await Promise.all([
      settleBatch({ ledger, gateway }, batchOf(invoices)),
      settleBatch({ ledger, gateway }, batchOf([...invoices].reverse())),
    ]);
    expectSafeAfterFirstRun(checkMoney(ledger, bank, invoices, before));
    await settleBatch({ ledger, gateway: bank }, batchOf(invoices));
    const check = checkMoney(ledger, bank, invoices, before);
    report("run twice at once", `${counts(a)} | ${counts(b)}`, check, Date.now() - started);
    expectSettled(check);
  });
});

/**
 * The bad-input catalogue's backup-import rows (issue #13, Proof; the core's
 * rows are in test/core/bad-input-catalogue.test.ts): hostile backups, each
 * refused by importLedger with a typed CreditKitError of the exact code
 * listed, the store's ledger byte-for-byte unchanged (exportLedger().ledger
 * before = after).
 */
import { isCreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { createMemoryDataSource, type StoreDataSource } from "../../packages/store/src/index.js";
import { demoRun } from "./helpers.js";

type Json = Record<string, unknown> & {
  ledger: Record<string, unknown> & { entries: Record<string, unknown>[] };
  runs: Record<string, unknown>[];
};

/** One hostile backup: the valid one changed by `change`, refused with `code`. */
interface Row {
  readonly name: string;
  readonly code: string;
  readonly change: (backup: Json) => unknown;
}

/** `value` through JSON with an own `__proto__` field added after the first `at`, as JSON.parse makes one. */
function withProto(value: unknown, at = "{"): unknown {
  const text = JSON.stringify(value);
  const i = text.indexOf(at) + at.length;
  return JSON.parse(`${text.slice(0, i)}"__proto__":{"polluted":true},${text.slice(i)}`);
}

const entry = (b: Json, type: string) => b.ledger.entries.find((e) => e.type === type) as Record<string, unknown>;
const ledger = (b: Json, over: Record<string, unknown>) => ({ ...b, ledger: { ...b.ledger, ...over } });
const withEntry = (b: Json, e: unknown) => ledger(b, { entries: [...b.ledger.entries, e] });
const run0 = (b: Json, over: Record<string, unknown>) => ({ ...b, runs: [{ ...b.runs[0], ...over }, ...b.runs.slice(1)] });

const ROWS: readonly Row[] = [
  { name: "null", code: "invalid-input", change: () => null },
  { name: "a string", code: "invalid-input", change: () => "backup" },
  { name: "a number", code: "invalid-input", change: () => 42 },
  { name: "a list", code: "invalid-input", change: () => [] },
  { name: "{}", code: "invalid-input", change: () => ({}) },
  { name: "another format", code: "invalid-input", change: (b) => ({ ...b, format: "quickbooks" }) },
  { name: "no format", code: "invalid-input", change: (b) => ({ ...b, format: undefined }) },
  { name: "version 3", code: "invalid-input", change: (b) => ({ ...b, version: 3 }) },
  { name: 'version "2"', code: "invalid-input", change: (b) => ({ ...b, version: "2" }) },
  { name: "runs missing in version 2", code: "invalid-input", change: (b) => ({ ...b, runs: undefined }) },
  { name: 'runs "none"', code: "invalid-input", change: (b) => ({ ...b, runs: "none" }) },
  { name: "no ledger", code: "invalid-input", change: (b) => ({ ...b, ledger: undefined }) },
  { name: "a null ledger", code: "invalid-input", change: (b) => ({ ...b, ledger: null }) },
  { name: "a ledger in EUR", code: "currency-mismatch", change: (b) => ledger(b, { currency: "EUR" }) },
  { name: 'a ledger in "ZZZ"', code: "unknown-currency", change: (b) => ledger(b, { currency: "ZZZ" }) },
  { name: "an unknown ledger field", code: "invalid-input", change: (b) => ledger(b, { extra: 1 }) },
  { name: "settings null", code: "invalid-input", change: (b) => ledger(b, { settings: null }) },
  {
    name: 'autoApply "true" (a boolean as text)',
    code: "invalid-input",
    change: (b) => ledger(b, { settings: { ...(b.ledger.settings as object), autoApply: "true" } }),
  },
  {
    name: "an unknown setting",
    code: "invalid-input",
    change: (b) => ledger(b, { settings: { ...(b.ledger.settings as object), darkMode: true } }),
  },
  { name: "accounts null", code: "invalid-input", change: (b) => ledger(b, { accounts: null }) },
  {
    name: 'an account id ""',
    code: "invalid-input",
    change: (b) => ledger(b, { accounts: [...(b.ledger.accounts as object[]), { id: "", name: "X", kind: "family" }] }),
  },
  {
    name: 'an account of kind "company"',
    code: "invalid-input",
    change: (b) => ledger(b, { accounts: [...(b.ledger.accounts as object[]), { id: "x", name: "X", kind: "company" }] }),
  },
  {
    name: "an account twice",
    code: "invalid-input",
    change: (b) => ledger(b, { accounts: [...(b.ledger.accounts as object[]), (b.ledger.accounts as object[])[0]] }),
  },
  { name: "entries null", code: "invalid-input", change: (b) => ledger(b, { entries: null }) },
  { name: "an entry duplicated", code: "invalid-input", change: (b) => withEntry(b, b.ledger.entries[0]) },
  {
    name: "a bitcoin payment",
    code: "invalid-input",
    change: (b) =>
      withEntry(b, {
        ...entry(b, "Payment (AC)"),
        id: "x#0",
        key: "x",
        type: "Payment",
        method: "bitcoin",
        grants: undefined,
        allocations: [],
      }),
  },
  {
    name: "a fee without feeId",
    code: "invalid-input",
    change: (b) => withEntry(b, { ...entry(b, "Fee"), id: "y#0", key: "y", feeId: undefined }),
  },
  {
    name: 'a fee of "5" (not canonical)',
    code: "invalid-amount",
    change: (b) => withEntry(b, { ...entry(b, "Fee"), id: "y#0", key: "y", feeId: "y", amount: "5" }),
  },
  {
    name: "a fee dated 2026-02-30",
    code: "invalid-date",
    change: (b) => withEntry(b, { ...entry(b, "Fee"), id: "y#0", key: "y", feeId: "y", date: "2026-02-30" }),
  },
  {
    name: "a grant without creditType",
    code: "invalid-input",
    change: (b) => withEntry(b, { ...entry(b, "Account Credit"), id: "z#0", key: "z", grantId: "z", creditType: undefined }),
  },
  {
    name: "a void of a bogus target",
    code: "invalid-input",
    change: (b) =>
      withEntry(b, {
        ...entry(b, "Fee"),
        id: "v#0",
        key: "v",
        type: "Void",
        feeId: undefined,
        category: undefined,
        dueDate: undefined,
        target: { kind: "bogus" },
      }),
  },
  {
    name: "an entry with an own __proto__",
    code: "invalid-input",
    change: (b) => ledger(b, { entries: [withProto(b.ledger.entries[0]), ...b.ledger.entries.slice(1)] }),
  },
  { name: "a backup with an own __proto__", code: "invalid-input", change: (b) => withProto(b) },
  { name: "a ledger with an own __proto__", code: "invalid-input", change: (b) => withProto(b, '"ledger":{') },
  { name: "settings with an own __proto__", code: "invalid-input", change: (b) => withProto(b, '"settings":{') },
  { name: "a run with an own __proto__", code: "invalid-input", change: (b) => withProto(b, '"runs":[{') },
  { name: "reservations null", code: "invalid-input", change: (b) => ledger(b, { reservations: null }) },
  {
    name: 'a run counting "24" (a count as text)',
    code: "invalid-input",
    change: (b) => run0(b, { selected: String(b.runs[0]?.selected) }),
  },
  { name: "a run of status weird", code: "invalid-input", change: (b) => run0(b, { status: "weird" }) },
  { name: 'a runId with "/"', code: "invalid-input", change: (b) => run0(b, { runId: "a/b" }) },
  { name: 'a run total "abc"', code: "invalid-input", change: (b) => run0(b, { total: "abc" }) },
  { name: "a run twice", code: "invalid-input", change: (b) => ({ ...b, runs: [...b.runs, b.runs[0]] }) },
  { name: "a run without posts", code: "invalid-input", change: (b) => run0(b, { posts: undefined }) },
  {
    name: "a run whose posts are keyed for another run",
    code: "invalid-input",
    change: (b) => run0(b, { posts: (b.runs[0] as { posts: { key: string }[] }).posts.map((p) => ({ ...p, key: `other/${p.key}` })) }),
  },
];

describe("bad-input catalogue (#13): a hostile backup is refused by importLedger with a typed error and changes nothing", () => {
  let source: StoreDataSource;
  let valid: Json;
  const tally = { tried: 0, typed: 0, unchanged: 0 };
  const stored = async () => JSON.stringify((await source.exportLedger()).ledger);

  before(async () => {
    source = await createMemoryDataSource({ currency: "USD" });
    const plan = await demoRun(source, 12, "run-1");
    await source.processRun(plan);
    // A fee on a credited family: auto-apply (on) pays it from the run's credit.
    const familyId = plan.posts[0]?.familyId as string;
    const fee = { id: "fee-1#0", key: "fee-1", type: "Fee" as const, accountId: familyId, date: "2026-12-02", amount: "8.00" };
    await source.commit("fee-1", [{ ...fee, description: "Swim", feeId: "swim", category: "Tuition", dueDate: "2026-12-15" }]);
    valid = JSON.parse(JSON.stringify(await source.exportLedger())) as Json;
  });
  after(() => {
    console.log(`bad-input catalogue: tried ${tally.tried} / typed ${tally.typed} / unchanged ${tally.unchanged} (backup import)`);
    source.close();
  });

  it("starts from a backup that imports cleanly, with fees, credits, payments from credit and a run", async () => {
    const types = new Set(valid.ledger.entries.map((e) => e.type));
    for (const type of ["Fee", "Account Credit", "Payment (AC)"]) expect(types.has(type), type).to.equal(true);
    expect(valid.runs).to.have.length(1);
    const before = await stored();
    await source.importLedger(structuredClone(valid));
    expect(await stored()).to.equal(before);
  });

  for (const row of ROWS) {
    it(`${row.name} → ${row.code}`, async () => {
      const before = await stored();
      let error: unknown;
      try {
        await source.importLedger(row.change(structuredClone(valid)));
      } catch (caught) {
        error = caught;
      }
      const after = await stored();
      tally.tried += 1;
      if (isCreditKitError(error) && error.code === row.code) tally.typed += 1;
      if (after === before) tally.unchanged += 1;
      expect(isCreditKitError(error), String(error)).to.equal(true);
      expect((error as { code: string }).code, String(error)).to.equal(row.code);
      expect(after, "the stored ledger changed").to.equal(before);
    });
  }
});

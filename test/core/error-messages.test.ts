/**
 * Error messages as codes with parameters (issue #16): every message is
 * rendered from `code` + `details` by `messageFor`, so a host can word any
 * error in its own language from those two alone. Checked over the table
 * itself, over every row of the bad-input catalogue (real throws), and over
 * the source: no throw site passes an English sentence of its own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import {
  CreditKitError,
  type CreditKitErrorCode,
  ERROR_CODES,
  ERROR_MESSAGE_TEMPLATES,
  messageFor,
} from "../../packages/core/src/errors.js";
import { parseMoney, planCheckout } from "../../packages/core/src/index.js";
import { CHECKOUT_ROWS } from "./bad-input/checkout.js";
import { makeContext, type Row } from "./bad-input/context.js";
import { JOURNAL_ROWS } from "./bad-input/journal.js";
import { MASS_CREDIT_ROWS } from "./bad-input/mass-credit.js";
import { MONEY_ROWS } from "./bad-input/money.js";
import { REPORT_ROWS } from "./bad-input/reports.js";
import { SETTLEMENT_ROWS } from "./bad-input/settlement.js";
import { errorOf } from "./fixtures.js";

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** The templates `messageFor` tries for an error, in order. */
function templatesOf(code: string, details: Readonly<Record<string, unknown>>): readonly string[] {
  const reason = details.reason;
  const variant = typeof reason === "string" ? (ERROR_MESSAGE_TEMPLATES[`${code}/${reason}`] ?? []) : [];
  return [...variant, ...(ERROR_MESSAGE_TEMPLATES[code] ?? [])];
}

/** Asserts the message is the rendering of code + details, with every placeholder of its template filled from details. */
function expectRendered(error: CreditKitError, label: string): void {
  expect(error.message, label).to.equal(messageFor(error.code, error.details));
  expect(error.message, label).to.not.match(/\{\w*\}?/);
  const used = templatesOf(error.code, error.details).find((t) => placeholders(t).every((p) => error.details[p] !== undefined));
  expect(used, `${label}: a template fits`).to.be.a("string");
  for (const name of placeholders(used as string)) expect(error.message, `${label}: {${name}}`).to.contain(String(error.details[name]));
}

describe("error messages: codes with parameters (#16)", () => {
  it("lists every code once, frozen, and each has a message", () => {
    expect(ERROR_CODES.length).to.be.at.least(60);
    expect(new Set(ERROR_CODES).size).to.equal(ERROR_CODES.length);
    expect(Object.isFrozen(ERROR_CODES)).to.equal(true);
    for (const code of ERROR_CODES) {
      const message = messageFor(code);
      expect(message, code).to.be.a("string").and.not.equal("");
      expect(message, code).to.not.contain("{");
    }
  });

  it("ends every code's templates with one that needs no details, so no message keeps a {placeholder}", () => {
    for (const code of ERROR_CODES) {
      const templates = ERROR_MESSAGE_TEMPLATES[code] ?? [];
      expect(templates.length, code).to.be.at.least(1);
      expect(placeholders(templates[templates.length - 1] as string), code).to.deep.equal([]);
    }
  });

  it("keys every variant `code/reason` under a known code, each with a non-empty sentence", () => {
    const variants = Object.keys(ERROR_MESSAGE_TEMPLATES).filter((key) => key.includes("/"));
    expect(variants.length).to.be.at.least(40);
    for (const key of variants) {
      const code = key.slice(0, key.indexOf("/"));
      expect(ERROR_CODES, key).to.include(code);
      for (const template of ERROR_MESSAGE_TEMPLATES[key] ?? []) expect(template, key).to.match(/\S/);
    }
  });

  it("fills placeholders from details, picks the variant named by details.reason, and falls back when a value is missing", () => {
    expect(messageFor("invalid-input", { field: "channel" })).to.equal("The request is not valid (channel).");
    expect(messageFor("invalid-input")).to.equal("The request is not valid.");
    expect(messageFor("too-many-decimals", { currency: "KWD", maxDecimals: 3 })).to.equal("KWD amounts have at most 3 decimal places.");
    expect(messageFor("too-many-decimals", { currency: "JPY", maxDecimals: 0, reason: "whole-numbers" })).to.equal(
      "JPY amounts are whole numbers: no decimal places.",
    );
    expect(messageFor("invalid-input", { field: "x", reason: "no-such-reason" })).to.equal("The request is not valid (x).");
    // A value that itself holds braces is shown as given, not read as a placeholder.
    expect(messageFor("invalid-input", { field: "{field}" })).to.equal("The request is not valid ({field}).");
    // Not a code: undefined, as before (a client tells a newer server's codes by it).
    expect(messageFor("constructor" as CreditKitErrorCode)).to.equal(undefined);
    expect(messageFor("no-such-code" as CreditKitErrorCode)).to.equal(undefined);
  });

  it("names an invalid field in the message and in details.field, from one source", () => {
    const error = errorOf(() =>
      planCheckout(
        { account: { id: "a" }, currency: "USD", fees: [], grants: [], availableCredit: "0.00" } as never,
        { key: "k", channel: "kiosk", date: "2026-01-01", feeIds: [] } as never,
        { autoApply: true, overpaymentToCredit: false, portalPartialPayments: false },
      ),
    );
    expect(error.code).to.equal("invalid-input");
    expect(error.details.field).to.equal("channel");
    expect(error.message).to.equal("The request is not valid (channel).");
  });

  it("words too-many-decimals from the currency and its fraction digits in details", () => {
    const usd = errorOf(() => parseMoney("1.234", "USD"));
    expect(usd.details).to.include({ currency: "USD", maxDecimals: 2 });
    expect(usd.message).to.equal("USD amounts have at most 2 decimal places.");
    const jpy = errorOf(() => parseMoney("1.5", "JPY"));
    expect(jpy.details).to.include({ currency: "JPY", maxDecimals: 0, reason: "whole-numbers" });
    expectRendered(usd, "USD");
    expectRendered(jpy, "JPY");
  });

  it("renders a relayed error (a server's wording) as given, and the kit's own from code + details", () => {
    expect(new CreditKitError("internal", { status: 502 }, "Proxy said no.").message).to.equal("Proxy said no.");
    expect(new CreditKitError("internal", { status: 502, reason: "no-kit-error" }).message).to.equal(
      "The server answered 502 without a creditkit error.",
    );
  });
});

describe("error messages: every real throw of the bad-input catalogue is code + details rendered (#16)", () => {
  const ROWS: readonly Row[] = [...MONEY_ROWS, ...JOURNAL_ROWS, ...CHECKOUT_ROWS, ...SETTLEMENT_ROWS, ...MASS_CREDIT_ROWS, ...REPORT_ROWS];
  const ctx = makeContext();
  const seen = new Set<string>();

  after(() => {
    console.log(`error messages: ${ROWS.length} real throws, ${seen.size} distinct code/reason pairs rendered`);
  });

  for (const row of ROWS) {
    it(`${row.name}`, async () => {
      let error: unknown;
      try {
        await row.run(ctx);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).to.be.instanceOf(CreditKitError);
      const e = error as CreditKitError;
      seen.add(`${e.code}/${String(e.details.reason ?? "")}`);
      expectRendered(e, row.name);
      if (e.code === "invalid-input" && typeof e.details.field === "string" && e.details.reason === undefined) {
        expect(e.message).to.contain(e.details.field);
      }
    });
  }
});

/** The argument lists of every `new CreditKitError(` and `assertInput(` call in a source text. */
function callsIn(text: string, callee: string): string[][] {
  const calls: string[][] = [];
  let from = text.indexOf(callee);
  while (from >= 0) {
    let depth = 0;
    let quote: string | undefined;
    let arg = "";
    const args: string[] = [];
    for (let i = from + callee.length; i < text.length; i++) {
      const ch = text[i] as string;
      if (quote) {
        arg += ch;
        if (ch === "\\") arg += text[++i] ?? "";
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '"' || ch === "'" || ch === "`") quote = ch;
      if (ch === "(" || ch === "[" || ch === "{") depth++;
      if (ch === ")" || ch === "]" || ch === "}") {
        if (depth === 0) {
          if (arg.trim() !== "") args.push(arg.trim());
          break;
        }
        depth--;
      }
      if (ch === "," && depth === 0) {
        args.push(arg.trim());
        arg = "";
        continue;
      }
      arg += ch;
    }
    calls.push(args);
    from = text.indexOf(callee, from + callee.length);
  }
  return calls;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Where a message arrives from elsewhere and is relayed as given: a server's answer, a job's stored error, a worker thread's reply. */
const RELAYS = new Set([
  "packages/remote/src/http.ts",
  "packages/remote/src/jobs.ts",
  "packages/server/src/previews/previews.ts",
  "packages/server/src/errors.ts",
]);

describe("error messages: no throw site words its own sentence (#16)", () => {
  for (const pkg of ["core", "store", "postgres", "server", "remote"]) {
    it(`packages/${pkg}/src: CreditKitError and assertInput get code and details only`, () => {
      const offenders: string[] = [];
      let calls = 0;
      for (const file of sourceFiles(join("packages", pkg, "src"))) {
        if (file.endsWith("errors.ts") && pkg === "core") continue;
        const text = readFileSync(file, "utf8");
        for (const args of callsIn(text, "new CreditKitError(")) {
          calls += 1;
          if (args.length > 2 && !RELAYS.has(file)) offenders.push(`${file}: new CreditKitError(${args.join(", ")})`);
        }
        for (const args of callsIn(text, "assertInput(")) {
          if (args[2] !== undefined && !args[2].startsWith("{")) offenders.push(`${file}: assertInput(…, ${args[2]})`);
        }
        for (const args of callsIn(text, "refuse(")) {
          if (args.length > 2 && !text.includes("function refuse(")) offenders.push(`${file}: refuse(${args.join(", ")})`);
        }
      }
      expect(offenders).to.deep.equal([]);
      if (pkg === "core") expect(calls).to.be.at.least(90);
    });
  }
});

// `npm run test:e2e`, second part: the demo on the shared ledger, two people in two browsers (issue #15's
// proof). A real creditkit API (scripts/start-server.mjs as a child process: PGlite in a temporary data
// folder, or the PostgreSQL server of DATABASE_URL in an organisation of its own) and the demo site wired to
// it (scripts/start-demo.mjs, as `npm start` serves it). Two Chromium contexts, each signed in on its own:
// the admin issues a mass credit through the wizard; the family's page shows the credit without a reload;
// the family pays with it; the admin's transactions page shows the Payment (AC) line without a reload.
// Then the server jobs: the admin closes the wizard's page as soon as a run is queued and, on a new page,
// finds it finished; the API is killed (SIGKILL) in the middle of a batch and started again, and the batch
// completes with each invoice charged once (the gateway's charges against the ledger's card payments).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../../scripts/chromium.mjs";
import { startDemoSite } from "../../scripts/start-demo.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it with: sudo ${INSTALL_HINT}  (or set CHROME_PATH)`);
  process.exit(1);
}
const root = fileURLToPath(new URL("../..", import.meta.url));
const started = Date.now();
const step = (text) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}`);
const dataDir = mkdtempSync(join(tmpdir(), "creditkit-e2e-"));
// On a PostgreSQL server the test gets an organisation of its own, so runs never meet.
const orgId = process.env.DATABASE_URL ? `e2e-${Date.now().toString(36)}` : "riverside-aquatics";

/**
 * Starts the API on `dataDir` (a child process, so it can be killed and started again mid-test, on the
 * same port: the demo site's proxy points at it). The simulated gateway takes 150 ms a charge, so a
 * batch lasts long enough to be interrupted; a killed server's job is taken over 3 s after its last renewal.
 */
function startApi(port = "0") {
  const child = spawn(process.execPath, ["--import=tsx", "--conditions=source", "scripts/start-server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      CREDITKIT_DATA_DIR: dataDir,
      CREDITKIT_API_PORT: port,
      CREDITKIT_ORG: orgId,
      CREDITKIT_GATEWAY_LATENCY_MS: "150",
      CREDITKIT_JOB_LEASE_MS: "3000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = new Promise((done, fail) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (/Seed|stored|Ledger/.test(line)) step(`api: ${line.trim()}`);
      const match = /^creditkit API: (http\S+)\/api/.exec(line);
      if (match) done(match[1]);
    });
    child.once("exit", (code) => fail(new Error(`the API stopped before answering (exit code ${code})`)));
  });
  return {
    url,
    /** Stops the API (SIGTERM; SIGKILL for a crash). */
    stop: (signal = "SIGTERM") =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill(signal);
      }),
  };
}

let api = startApi();
const apiUrl = await api.url;
step(`the API answers at ${apiUrl} (organisation ${orgId}, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`);
const site = await startDemoSite({ apiUrl, orgId, port: 0, logLevel: process.env.E2E_VITE_LOG ?? "warn", cacheDir: join(dataDir, "vite") });
const base = site.url;
step(`the demo site at ${base}`);

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
const errors = [];
let failed = false;

/** A person in a browser context of their own (their own sessionStorage, their own sign-in). */
async function person(label) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  page.on("pageerror", (error) => {
    if (!String(error.message).includes("ResizeObserver loop")) errors.push(`${label}: ${error.message}`);
  });
  await page.goto(base);
  await page.locator("#sign-in-family").waitFor({ timeout: 120000 });
  return page;
}

/**
 * Under keys starting with `prefix`: the simulated gateway's charges, and the card payments in the ledger (count, distinct
 * keys, total), read from the database directly once the API is stopped (no route shows the gateway's charges).
 */
async function batchMoney(prefix) {
  const charges = `SELECT count(*)::int AS count, count(DISTINCT idempotency_key)::int AS keys, coalesce(sum(amount), 0)::numeric(14,2)::text AS total
                   FROM gateway_charges WHERE org_id = $1 AND starts_with(idempotency_key, $2)`;
  const payments = `SELECT count(*)::int AS count, count(DISTINCT key)::int AS keys, coalesce(sum(amount), 0)::numeric(14,2)::text AS total
                    FROM entries WHERE org_id = $1 AND starts_with(key, $2) AND type = 'Payment' AND entry->>'method' = 'card'`;
  const read = async (query) => ({
    charges: (await query(charges, [orgId, prefix])).rows[0],
    payments: (await query(payments, [orgId, prefix])).rows[0],
  });
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return await read((sql, params) => client.query(sql, params));
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(join(dataDir, "pglite"));
  try {
    return await read((sql, params) => db.query(sql, params));
  } finally {
    await db.close();
  }
}

/** Marks the page's document; `assertSameDocument` fails if it was reloaded or navigated away since. */
const markDocument = (page) => page.evaluate(() => Object.assign(window, { e2eDocument: "kept" }));
async function assertSameDocument(page, who) {
  assert.equal(await page.evaluate(() => window.e2eDocument), "kept", `${who}'s page was not reloaded`);
}

/** axe-core's violations on the page (axe-core comes with @open-wc/testing, which the element tests use). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () =>
    (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`),
  );
}

const money = (page, part) => page.locator(`ck-balance [part~=${part}] [part~=amount]`).textContent();

try {
  // ——— The admin signs in (keyboard: the admin choice is the default) ———
  const admin = await person("admin");
  assert.deepEqual(await axeViolations(admin), [], "the sign-in page passes axe");
  await admin.getByRole("button", { name: "Sign in" }).press("Enter");
  await admin.locator("ck-members-report").waitFor();
  assert.match(await admin.locator("#where").textContent(), /signed in as Admin/);
  step("admin: signed in, the members report shows");

  // A family with unpaid fees: the mass credit below goes to every family with outstanding charges.
  const family = await admin.evaluate(async () => {
    const source = document.querySelector("ck-provider").dataSource;
    const accounts = await source.getAccounts();
    const owing =
      accounts.find((a) => a.amountDue !== "0.00" && a.accountCredit === "0.00") ?? accounts.find((a) => a.amountDue !== "0.00");
    return { id: owing.account.id, name: owing.account.name };
  });

  // ——— The family signs in, in a second browser ———
  const member = await person("family");
  // By keyboard: the arrow key moves the radio group to "A family", which shows the family's select.
  await member.locator("#sign-in-admin").focus();
  await member.keyboard.press("ArrowDown");
  assert.equal(await member.locator("#sign-in-member").isChecked(), true, "the arrow key chose A family");
  await member.keyboard.press("Tab");
  assert.equal(await member.evaluate(() => document.activeElement?.id), "sign-in-family", "Tab goes to the family's select");
  await member.locator("#sign-in-family").selectOption(family.id);
  await member.getByRole("button", { name: "Sign in" }).press("Enter");
  const [surname, given] = family.name.split(", ");
  await member.locator("main h1", { hasText: given ? `${given} ${surname}` : family.name }).waitFor();
  await member.locator("ck-balance [part~=credit] [part~=amount]").waitFor();
  const creditBefore = (await money(member, "credit")).trim();
  assert.equal(await member.locator("#nav-admin").isHidden(), true, "a family sees no admin pages");
  await member.evaluate(() => {
    location.hash = "#/admin/transactions";
  });
  await member.locator("main h1", { hasText: "Welcome" }).waitFor();
  assert.match(member.url(), /#\/portal\//, "an admin address brings a family back to its own portal");
  await markDocument(member);
  step(`family: signed in as ${family.name} (Account Credit ${creditBefore}); no admin page reachable`);

  // ——— The admin issues a mass credit through the wizard ———
  await admin.locator(".sidenav a", { hasText: "Mass credit" }).click();
  const wizard = admin.locator("ck-mass-credit-wizard");
  await wizard.locator("#q-description").waitFor();
  const date = await admin.evaluate(() => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
  await wizard.locator("#q-description").fill("Pool closed for storm");
  await wizard.locator("#continue-description").click();
  await wizard.locator("#q-creditType").selectOption("weather");
  await wizard.locator("#continue-creditType").click();
  await wizard.locator("#q-date").fill(date);
  await wizard.locator("#continue-date").click();
  await wizard.locator("#q-amount").fill("15.00");
  await wizard.locator("#q-amount").press("Enter");
  await wizard.locator("#q-mode-family").check();
  await wizard.locator("#continue-mode").click();
  await wizard.locator("#q-outstanding").click();
  await wizard.locator("[part~=preview-button]").click();
  await wizard.locator("[part~=review]").waitFor();
  step("admin: previewed a credit of 15.00 to every family with outstanding charges");
  await wizard.locator("[part~=process-button]").click();
  await wizard.locator("#dialog-confirm").click();
  await wizard.locator("[part~=done]").waitFor({ timeout: 300000 });
  step("admin: processed the run on the server");

  // ——— The family's page shows the credit, without a reload ———
  await member.locator("ck-transactions").getByText("Pool closed for storm").first().waitFor();
  await member.waitForFunction(
    (before) => {
      const amount = document.querySelector("ck-balance")?.shadowRoot?.querySelector("[part~=credit] [part~=amount]");
      return amount && amount.textContent.trim() !== before;
    },
    creditBefore,
    { polling: 200 },
  );
  const creditAfter = (await money(member, "credit")).trim();
  await assertSameDocument(member, "the family");
  step(`family: the credit arrived without a reload (Account Credit ${creditBefore} → ${creditAfter})`);

  // ——— The admin watches the transactions page while the family pays with credit ———
  await admin.locator(".sidenav a", { hasText: "Transactions" }).click();
  const report = admin.locator("ck-transactions");
  await report.getByLabel("Transaction type").selectOption({ label: "Payment (AC)" });
  await report.locator("text=0 lines").first().waitFor();
  await markDocument(admin);
  step("admin: the transactions page shows no Payment (AC) line yet");

  const pay = member.locator("ck-pay-window");
  await pay.locator("[part~=confirm]").click();
  await pay.locator("[part~=result]").waitFor();
  await member.waitForFunction(
    (before) =>
      document.querySelector("ck-balance")?.shadowRoot?.querySelector("[part~=credit] [part~=amount]")?.textContent.trim() !== before,
    creditAfter,
    { polling: 200 },
  );
  const after = { due: (await money(member, "due")).trim(), credit: (await money(member, "credit")).trim() };
  step(`family: paid with credit first (Amount Due ${after.due}, Account Credit ${after.credit})`);

  await report.getByText(family.name).first().waitFor();
  await assertSameDocument(admin, "the admin");
  step(`admin: ${family.name}'s Payment (AC) line arrived without a reload`);

  // ——— The admin closes the wizard's page mid-run and finds the run finished when they come back ———
  await admin.locator(".sidenav a", { hasText: "Mass credit" }).click();
  await wizard.getByRole("button", { name: "Start a new run" }).click();
  // A new run starts from the last one's answers, every question shown: a new description and amount.
  await wizard.locator("#q-description").fill("Lane closed for repairs");
  await wizard.locator("#q-amount").fill("5.00");
  await wizard.locator("[part~=preview-button]").click();
  await wizard.locator("[part~=review]").waitFor();
  await wizard.locator("[part~=process-button]").click();
  const [queued] = await Promise.all([
    // The wizard queues the run from its server preview (or, without one, POST /api/runs): either answers 202 with the job.
    admin.waitForResponse((r) => r.request().method() === "POST" && /^\/api\/(runs|previews\/[^/]+\/run)$/.test(new URL(r.url()).pathname)),
    wizard.locator("#dialog-confirm").click(),
  ]);
  assert.equal(queued.status(), 202, "the run is queued as a server job");
  const runJob = await queued.json();
  await admin.close();
  step(
    `admin: closed the wizard's page as soon as the server took the run (job ${runJob.id}: ${runJob.status}, ${runJob.done} of ${runJob.total} rows)`,
  );

  const adminAgain = await person("admin, again");
  await adminAgain.getByRole("button", { name: "Sign in" }).press("Enter");
  await adminAgain.locator("ck-members-report").waitFor();
  const run = await adminAgain.evaluate(async (id) => {
    const source = document.querySelector("ck-provider").dataSource;
    const record = await source.jobs.follow("run", id);
    const runs = await source.listRuns();
    return { count: record.count, status: runs.find((r) => r.runId === id)?.status };
  }, runJob.id);
  assert.equal(run.status, "done", "the run finished without its page");
  assert.ok(run.count > 0, "the run issued credits");
  step(`admin (a new page): the run finished without its page — ${run.count} credits, run ${run.status}`);

  // ——— The server is killed in the middle of a batch; after a restart the batch completes, each invoice charged once ———
  const batchId = `dues-${date.slice(0, 7)}`;
  await adminAgain.locator(".sidenav a", { hasText: "Batch collection" }).click();
  const batch = adminAgain.locator("ck-batch-collect");
  await batch.getByRole("button", { name: "Run batch" }).click();
  await batch.getByRole("button", { name: /^Charge/ }).click();
  const batchJob = () =>
    adminAgain.evaluate(async (id) => {
      const jobs = await document.querySelector("ck-provider").dataSource.jobs.list();
      return jobs.find((j) => j.kind === "batch" && j.id === id);
    }, batchId);
  let atKill;
  for (const until = Date.now() + 60000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const job = await batchJob();
    if (job?.status === "running" && job.done > 0) {
      atKill = job;
      break;
    }
  }
  assert.ok(atKill && atKill.done < atKill.total, `the batch is under way when the server is killed (${JSON.stringify(atKill)})`);
  await api.stop("SIGKILL");
  step(`api: killed (SIGKILL) with the batch at ${atKill.done} of ${atKill.total} invoices`);
  api = startApi(new URL(apiUrl).port);
  await api.url;
  step("api: started again on the same ledger and port");

  const final = await adminAgain.evaluate(async (id) => {
    const source = document.querySelector("ck-provider").dataSource;
    for (const until = Date.now() + 120000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
      try {
        const job = (await source.jobs.list()).find((j) => j.kind === "batch" && j.id === id);
        if (job && job.status !== "queued" && job.status !== "running") {
          const result = await source.jobs.follow("batch", id);
          return { job, summary: result.summary };
        }
      } catch {
        // The server is starting again.
      }
    }
    return undefined;
  }, batchId);
  assert.ok(final, "the batch job ended after the restart");
  assert.equal(final.job.status, "done", "the batch job is done");
  const counts = final.summary.counts;
  const charged = (counts["paid-by-charge"] ?? 0) + (counts["paid-by-charge-and-credit"] ?? 0);
  step(
    `admin: the batch completed after the restart (round ${final.job.round}): ${JSON.stringify(counts)}, charged ${final.summary.charged}`,
  );
  assert.equal(counts.unresolved ?? 0, 0, "no invoice is left unresolved");

  // Each invoice charged once: the gateway's charges under this batch's keys (read from the ledger's database: no
  // route shows them) are one per invoice key, and match the card payments the ledger recorded under those keys.
  // The invoices settled before the kill count as already settled in the round that finished the batch.
  await api.stop();
  const { charges, payments } = await batchMoney(`${batchId}/`);
  assert.equal(charges.keys, charges.count, "no invoice charged twice");
  assert.deepEqual(charges, payments, "every charge is a recorded card payment, and every recorded card payment was charged once");
  assert.ok(charges.count >= charged, "the final round's card payments are among them");
  step(`each invoice charged once: ${charges.count} charges under ${charges.keys} keys, ${charges.total} in all, as the ledger recorded`);
  assert.deepEqual(errors, [], "no page errors");
} catch (error) {
  failed = true;
  console.error(error);
  console.error(errors);
  // What each open page showed, to look at.
  const shots = browser.contexts().flatMap((context) => context.pages());
  for (const [i, page] of shots.entries()) {
    const path = join(tmpdir(), `creditkit-shared-ledger-e2e-failure-${i + 1}.png`);
    await page.screenshot({ path, fullPage: true }).then(
      () => console.error(`screenshot: ${path}`),
      () => undefined,
    );
  }
} finally {
  await browser.close();
  await site.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(failed ? "\nshared-ledger e2e: FAILED" : `\nshared-ledger e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);

/**
 * What is built so far: the rules core driving a plain page. Every figure on
 * this page comes from @creditkit/core; data is rendered as text only.
 */
import {
  balanceDisplay,
  type Channel,
  CreditKitError,
  createJournal,
  createSimulatedGateway,
  DEFAULT_SETTINGS,
  formatMoney,
  fromAmountString,
  type Journal,
  planCheckout,
  recordCheckout,
  settleBatch,
} from "@creditkit/core";

const CURRENCY = "USD";
const TODAY = new Date().toISOString().slice(0, 10);
const show = (amount: string) => formatMoney(fromAmountString(amount, CURRENCY), navigator.language);
const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;

function seedFamily(journal: Journal): void {
  journal.openAccount({ id: "rivera", name: "Rivera family", kind: "family" });
  const fees = [
    ["tuition-oct", "October tuition", "85.00", "2026-10-01"],
    ["tuition-nov", "November tuition", "85.00", "2026-11-01"],
    ["camp-deposit", "Winter camp deposit", "40.00", "2026-11-15"],
  ] as const;
  for (const [feeId, description, amount, dueDate] of fees) {
    journal.commit(`seed-${feeId}`, [
      {
        id: `seed-${feeId}#0`,
        key: `seed-${feeId}`,
        type: "Fee",
        accountId: "rivera",
        feeId,
        description,
        amount,
        dueDate,
        date: dueDate,
        category: "Tuition",
      },
    ]);
  }
  journal.commit("seed-credit", [
    {
      id: "seed-credit#0",
      key: "seed-credit",
      type: "Account Credit",
      accountId: "rivera",
      grantId: "weather-1",
      amount: "25.00",
      date: "2026-10-20",
      description: "Pool closure credit",
      creditType: "Weather closure",
      source: { kind: "manual" },
    },
  ]);
}

const journal = createJournal({ currency: CURRENCY, settings: { autoApply: false } });
seedFamily(journal);
let payments = 0;

function renderAccount(): void {
  const snap = journal.snapshot("rivera");
  const display = balanceDisplay(snap);
  const due = $<HTMLElement>("#amount-due");
  const credit = $<HTMLElement>("#account-credit");
  due.textContent = show(snap.amountDue);
  due.className = display.due;
  credit.textContent = show(snap.accountCredit);
  credit.className = display.credit;
  const body = $<HTMLTableSectionElement>("#fees tbody");
  const chosen = new Set(selectedFees());
  body.replaceChildren(
    ...snap.fees
      .filter((f) => f.remainder !== "0.00")
      .map((f) => {
        const row = document.createElement("tr");
        const box = Object.assign(document.createElement("input"), {
          type: "checkbox",
          value: f.feeId,
          checked: chosen.has(f.feeId) || chosen.size === 0,
        });
        box.setAttribute("aria-label", `Pay ${f.description}`);
        const cells = [box, f.description, f.dueDate, show(f.remainder)].map((content, i) => {
          const cell = document.createElement("td");
          if (i === 3) cell.className = "num";
          cell.append(content);
          return cell;
        });
        row.append(...cells);
        return row;
      }),
  );
}

function selectedFees(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>("#fees tbody input:checked")].map((b) => b.value);
}

function currentRequest() {
  const form = $<HTMLFormElement>("#checkout");
  const data = new FormData(form);
  const tenders = (["card", "cash"] as const)
    .map((method) => ({ method, amount: String(data.get(method) ?? "").trim() }))
    .filter((t) => t.amount !== "");
  return {
    key: `demo-payment-${payments}`,
    channel: data.get("channel") as Channel,
    date: TODAY,
    feeIds: selectedFees(),
    applyCredit: (form.elements.namedItem("applyCredit") as HTMLInputElement).checked,
    tenders,
  };
}

function renderPlan(): ReturnType<typeof planCheckout> | undefined {
  const error = $<HTMLElement>("#checkout-error");
  const output = $<HTMLOutputElement>("#plan");
  try {
    const plan = planCheckout(journal.snapshot("rivera"), currentRequest(), { ...DEFAULT_SETTINGS, portalPartialPayments: true });
    error.textContent = "";
    output.textContent = [
      `Total ${show(plan.total)} · Applied credit ${show(plan.appliedCredit)} · Remaining due ${show(plan.remainingDue)}`,
      `Tenders applied ${show(plan.tenderApplied)} · Change ${show(plan.change)} · Still unpaid ${show(plan.unpaid)}`,
      ...plan.warnings.map((w) => `⚠ ${w.message}`),
    ].join("\n");
    $<HTMLButtonElement>("#checkout button").textContent = plan.paidEntirelyByCredit ? "Apply Credit" : "Record payment";
    return plan;
  } catch (e) {
    output.textContent = "";
    error.textContent = e instanceof CreditKitError ? e.message : String(e);
    return undefined;
  }
}

$<HTMLFormElement>("#checkout").addEventListener("input", () => renderPlan());
$<HTMLTableSectionElement>("#fees tbody").addEventListener("change", () => renderPlan());
$<HTMLFormElement>("#checkout").addEventListener("submit", (event) => {
  event.preventDefault();
  const plan = renderPlan();
  if (!plan) return;
  recordCheckout(journal, plan);
  payments += 1;
  renderAccount();
  renderPlan();
});

async function runBatch(): Promise<void> {
  const members = ["Ahmed", "Baker", "Chen", "Ito", "Park", "Silva"];
  const credits: Record<string, string> = { Ahmed: "25.00", Baker: "5.00", Ito: "5.00", Park: "10.00" };
  const ledger = createJournal({ currency: CURRENCY, settings: { autoApply: false } });
  for (const name of members) {
    ledger.openAccount({ id: name, name, kind: "member" });
    ledger.commit(`dues-${name}`, [
      {
        id: `dues-${name}#0`,
        key: `dues-${name}`,
        type: "Fee",
        accountId: name,
        feeId: "dues",
        amount: "20.00",
        date: TODAY,
        dueDate: TODAY,
        category: "Membership",
        description: "Monthly dues",
      },
    ]);
    const credit = credits[name];
    if (credit) {
      ledger.commit(`credit-${name}`, [
        {
          id: `credit-${name}#0`,
          key: `credit-${name}`,
          type: "Account Credit",
          accountId: name,
          grantId: "c1",
          amount: credit,
          date: TODAY,
          description: "Credit",
          creditType: "Goodwill",
          source: { kind: "manual" },
        },
      ]);
    }
  }
  const gateway = createSimulatedGateway({
    cardsOnFile: members,
    scripts: { Ito: ["decline"], Park: ["timeout-no-charge", "timeout-no-charge"] },
    latencyMs: 150,
  });
  const progress = $<HTMLProgressElement>("#batch-progress");
  const applyCredit = $<HTMLInputElement>("#batch-credit").checked;
  const { results } = await settleBatch(
    { ledger, gateway },
    {
      batchId: "dues-demo",
      invoices: members.map((name) => ({ invoiceId: name, accountId: name, feeIds: ["dues"] })),
      applyCredit,
      date: TODAY,
      concurrency: 2,
      timeoutMs: 1000,
      onProgress: ({ done, total }) => {
        progress.max = total;
        progress.value = done;
      },
    },
  );
  $<HTMLTableSectionElement>("#batch tbody").replaceChildren(
    ...results.map((r) => {
      const row = document.createElement("tr");
      for (const [i, text] of [r.accountId, r.outcome.replaceAll("-", " "), show(r.charged), show(r.creditUsed)].entries()) {
        const cell = document.createElement("td");
        if (i >= 2) cell.className = "num";
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

$<HTMLButtonElement>("#run-batch").addEventListener("click", () => void runBatch());
renderAccount();
renderPlan();

/**
 * The load generator of `npm run bench:server`, in a worker thread (its own
 * event loop, so making requests does not queue behind the server's). Each
 * autocannon connection is one member: its own token and account, and a
 * local core journal of that account from which it plans each checkout as
 * the portal does (`planCheckout` of the account's snapshot, the settings
 * and the member's choices). A plan is applied to the local journal when the
 * server answers 200 `committed`, so the next plan is made from what the
 * server holds. Before the load, each member's snapshot through the API must
 * equal the local one (the portal's first read).
 */
import { isDeepStrictEqual } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import {
  type AccountRecord,
  type CheckoutPlan,
  createJournal,
  type LedgerEntry,
  type OrgSettings,
  planCheckout,
  recordCheckout,
} from "@creditkit/core";
import autocannon from "autocannon";

export interface LoadMember {
  readonly token: string;
  readonly record: AccountRecord;
  /** What was committed on the account before the load, key by key. */
  readonly seed: readonly { readonly key: string; readonly entries: readonly LedgerEntry[] }[];
}

export interface LoadInput {
  readonly url: string;
  readonly currency: string;
  readonly settings: OrgSettings;
  readonly date: string;
  /** Each request's idempotency key starts with it (unique per run). */
  readonly tag: string;
  readonly seconds: number;
  readonly members: readonly LoadMember[];
  /** What each checkout pays by card (a part of the account's fee: partial payments are on). */
  readonly pay: string;
  /** Requests per second offered in all (autocannon's `overallRate`, latency corrected for coordinated omission). */
  readonly rate?: number;
}

export interface LoadOutput {
  readonly seconds: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** 200s answered `committed` (a fresh key written once). */
  readonly committed: number;
  /** 200s answered anything else (a fresh key must never be a duplicate). */
  readonly otherAnswers: number;
  /** Non-2xx answers by status and code, e.g. `409 idempotency-conflict`. */
  readonly refusals: Record<string, number>;
}

const input = workerData as LoadInput;

async function check(member: LoadMember, snapshot: unknown): Promise<void> {
  const headers = { authorization: `Bearer ${member.token}` };
  const [account, settings] = await Promise.all([
    fetch(`${input.url}/api/accounts/${encodeURIComponent(member.record.id)}`, { headers }).then((r) => r.json()),
    fetch(`${input.url}/api/settings`, { headers }).then((r) => r.json()),
  ]);
  if (!isDeepStrictEqual(account, JSON.parse(JSON.stringify(snapshot)))) {
    throw new Error(`${member.record.id}: the API's snapshot is not the member's: ${JSON.stringify(account).slice(0, 300)}`);
  }
  if (!isDeepStrictEqual(settings, input.settings)) throw new Error(`the API's settings differ: ${JSON.stringify(settings)}`);
}

async function main(): Promise<LoadOutput> {
  const journals = input.members.map((m) => {
    const journal = createJournal({ currency: input.currency, settings: input.settings });
    journal.openAccount(m.record);
    for (const c of m.seed) journal.commit(c.key, c.entries);
    return journal;
  });
  await Promise.all(input.members.map((m, i) => check(m, journals[i]?.snapshot(m.record.id))));

  let clients = 0;
  let committed = 0;
  let otherAnswers = 0;
  const refusals: Record<string, number> = {};
  const instance = autocannon({
    url: input.url,
    connections: input.members.length,
    duration: input.seconds,
    timeout: 10,
    ...(input.rate ? { overallRate: input.rate } : {}),
    setupClient(client) {
      const i = clients++ % input.members.length;
      const member = input.members[i] as LoadMember;
      const journal = journals[i] as ReturnType<typeof createJournal>;
      const accountId = member.record.id;
      let n = 0;
      let sent: CheckoutPlan | undefined;
      client.setRequests([
        {
          method: "POST",
          path: "/api/checkouts",
          headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json" },
          setupRequest(request) {
            n += 1;
            sent = planCheckout(
              journal.snapshot(accountId),
              {
                key: `${input.tag}/${accountId}/${n}`,
                channel: "portal",
                date: input.date,
                feeIds: ["f1"],
                tenders: [{ method: "card", amount: input.pay }],
              },
              input.settings,
            );
            return { ...request, body: JSON.stringify(sent) };
          },
          onResponse(status, body) {
            if (status === 200 && sent) {
              if (body.startsWith('{"status":"committed"')) {
                committed += 1;
                recordCheckout(journal, sent);
              } else otherAnswers += 1;
            } else {
              let code = "?";
              try {
                code = (JSON.parse(body) as { code?: string }).code ?? "?";
              } catch {}
              const label = `${status} ${code}`;
              refusals[label] = (refusals[label] ?? 0) + 1;
            }
            sent = undefined;
          },
        },
      ]);
    },
  });
  // Off the main thread autocannon answers the raw result: aggregate it into histograms here.
  const result = autocannon.aggregateResult([await instance], { url: input.url, connections: input.members.length });
  return {
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    committed,
    otherAnswers,
    refusals,
  };
}

main().then(
  (output) => parentPort?.postMessage({ output }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);

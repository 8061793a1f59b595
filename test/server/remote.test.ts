/**
 * The remote data source's own promises, against the server listening on a
 * port: a write whose answer was lost is retried under its key and written
 * once; refusals and a lost network are typed errors; the change stream
 * reconnects after the server drops it; no card is charged in the client.
 */
import { type DataSourceChange, isCreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { createRemoteDataSource } from "../../packages/remote/src/index.js";
import { fee, grant } from "../postgres/helpers.js";
import { type Listening, listening, type RemoteOrg, remoteOrg, signIn } from "./remote-helpers.js";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isCreditKitError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(10);
  }
}

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly key: string | null;
}

/** A fetch that records requests and lets a test break some of them. */
function wrapped(shouldBreak: (seen: Seen, n: number) => "drop-answer" | "no-network" | Response | undefined) {
  const seen: Seen[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const request: Seen = { method: init?.method ?? "GET", path: url.pathname, key: new Headers(init?.headers).get("idempotency-key") };
    seen.push(request);
    const broken = shouldBreak(request, seen.filter((s) => s.method === request.method && s.path === request.path).length);
    if (broken === "no-network") throw new TypeError("fetch failed");
    if (broken instanceof Response) return broken;
    const answer = await fetch(input, init);
    if (broken === "drop-answer") {
      await answer.arrayBuffer(); // the server handled it; the answer never reaches the client
      throw new TypeError("fetch failed: socket hang up");
    }
    return answer;
  };
  return { seen, fetch: doFetch };
}

describe("remote data source (server on a port, PGlite)", function () {
  this.timeout(30_000);
  let at: Listening;
  let org: RemoteOrg;
  before(async () => {
    at = await listening();
  });
  after(() => at.close());
  beforeEach(async () => {
    org = await remoteOrg(at);
    await org.direct.openAccounts([
      { id: "acc-1", name: "Family 1", kind: "family" },
      { id: "acc-2", name: "Family 2", kind: "family" },
    ]);
    await org.direct.updateSettings({ autoApply: false });
  });
  afterEach(async () => {
    await org.close();
    expect(at.unexpected).to.deep.equal([]);
  });

  it("reads the currency from the session; money comes back in the core's shapes", async () => {
    expect(org.source.currency).to.equal("USD");
    expect(org.source.session.role).to.equal("admin");
    await org.direct.commit("fee/acc-1/f1", [fee("acc-1", "f1", "40.00", "fee/acc-1/f1")]);
    const snapshot = await org.source.getAccount("acc-1");
    expect(snapshot).to.deep.equal(JSON.parse(JSON.stringify(await org.direct.getAccount("acc-1"))));
    expect(snapshot.amountDue).to.equal("40.00");
  });

  it("a write whose answer was lost after the server wrote it is retried under the same key and written once", async () => {
    const net = wrapped((s, n) => (s.path === "/api/credits" && n === 1 ? "drop-answer" : undefined));
    const source = await org.remote({ fetch: net.fetch });
    const heard: DataSourceChange[] = [];
    const stop = source.subscribe((c) => heard.push(c));
    await source.listening();
    const result = await source.postCredits("lost/acc-1", [grant("acc-1", "g1", "10.00", "lost/acc-1")]);
    stop();
    expect(result.status, "the retry finds it written").to.equal("duplicate");
    const posts = net.seen.filter((s) => s.path === "/api/credits");
    expect(posts.map((s) => s.key)).to.deep.equal(["lost/acc-1", "lost/acc-1"]);
    const entries = (await org.direct.listEntries({ accountIds: ["acc-1"] })).filter((e) => e.key === "lost/acc-1");
    expect(entries).to.have.length(1);
    expect((await org.direct.getAccount("acc-1")).accountCredit).to.equal("10.00");
    expect(
      heard.filter((c) => c.key === "lost/acc-1"),
      "its own change heard once, as its own",
    ).to.deep.equal([{ key: "lost/acc-1", accountIds: ["acc-1"] }]);
  });

  it("a 503 with Retry-After is retried; a 5xx that lasts becomes its typed error", async () => {
    const busy = () =>
      new Response(JSON.stringify({ code: "storage-timeout", message: "busy" }), {
        status: 503,
        headers: { "content-type": "application/json", "retry-after": "0" },
      });
    const once = wrapped((s, n) => (s.path === "/api/credits" && n === 1 ? busy() : undefined));
    const source = await org.remote({ fetch: once.fetch });
    expect((await source.postCredits("busy/acc-1", [grant("acc-1", "g2", "5.00", "busy/acc-1")])).status).to.equal("committed");
    expect(once.seen.filter((s) => s.path === "/api/credits")).to.have.length(2);
    const always = wrapped((s) => (s.path === "/api/settings" ? busy() : undefined));
    const stuck = await org.remote({ fetch: always.fetch, retries: 2 });
    expect(await codeOf(stuck.getSettings())).to.equal("storage-timeout");
    expect(always.seen.filter((s) => s.path === "/api/settings")).to.have.length(3);
  });

  it("the same key with other grants is idempotency-conflict (409); an unknown code is a typed internal error", async () => {
    await org.source.postCredits("twice/acc-1", [grant("acc-1", "g3", "5.00", "twice/acc-1")]);
    expect(await codeOf(org.source.postCredits("twice/acc-1", [grant("acc-1", "g3", "6.00", "twice/acc-1")]))).to.equal(
      "idempotency-conflict",
    );
    const odd = wrapped((s) =>
      s.path === "/api/settings" ? new Response(JSON.stringify({ code: "teapot", message: "I am a teapot" }), { status: 418 }) : undefined,
    );
    const source = await org.remote({ fetch: odd.fetch });
    try {
      await source.getSettings();
      expect.fail("refused");
    } catch (error) {
      expect(isCreditKitError(error, "internal")).to.equal(true);
      expect((error as { details: object }).details).to.deep.include({ status: 418, remoteCode: "teapot" });
      expect((error as Error).message).to.equal("I am a teapot");
    }
  });

  it("the network down is network-unavailable after a bounded number of tries, and nothing is written", async () => {
    let down = false;
    const net = wrapped(() => (down ? "no-network" : undefined));
    const source = await org.remote({ fetch: net.fetch, retries: 3 });
    down = true;
    expect(await codeOf(source.postCredits("down/acc-1", [grant("acc-1", "g4", "5.00", "down/acc-1")]))).to.equal("network-unavailable");
    expect(net.seen.filter((s) => s.path === "/api/credits")).to.have.length(4);
    expect((await org.direct.getAccount("acc-1")).accountCredit).to.equal("0.00");
    const nowhere = createRemoteDataSource({ url: "http://127.0.0.1:9", getToken: () => org.adminToken, retries: 1, retryDelayMs: 1 });
    expect(await codeOf(nowhere)).to.equal("network-unavailable");
  });

  it("the change stream reconnects after the server drops it: listeners are told to refresh, then hear changes again (remote)", async () => {
    const heard: DataSourceChange[] = [];
    const source = await org.remote({ reconnectDelayMs: 20 });
    const stop = source.subscribe((c) => heard.push(c));
    await source.listening();
    await org.direct.postCredits("before/acc-2", [grant("acc-2", "g5", "1.00", "before/acc-2")]);
    await until(() => heard.some((c) => c.key === "before/acc-2"));
    at.dropConnections();
    await until(() => heard.some((c) => c.key === ""));
    expect(heard.find((c) => c.key === "")).to.deep.equal({ key: "", accountIds: [], remote: true });
    await org.direct.postCredits("after/acc-2", [grant("acc-2", "g6", "1.00", "after/acc-2")]);
    await until(() => heard.some((c) => c.key === "after/acc-2"));
    expect(heard.find((c) => c.key === "after/acc-2")).to.deep.equal({ key: "after/acc-2", accountIds: ["acc-2"], remote: true });
    stop();
  });

  it("a member's remote source reads and hears only their family; the client's gateway refuses to charge", async () => {
    const member = await org.remote({ token: await signIn(at, { orgId: org.orgId, role: "member", accountIds: ["acc-1"] }) });
    expect((await member.listAccounts()).map((a) => a.id)).to.deep.equal(["acc-1"]);
    expect(await codeOf(member.getAccount("acc-2"))).to.equal("unknown-account");
    expect(await codeOf(member.postCredits("m/acc-1", [grant("acc-1", "g7", "1.00", "m/acc-1")]))).to.equal("forbidden");
    const heard: DataSourceChange[] = [];
    const stop = member.subscribe((c) => heard.push(c));
    await member.listening();
    await org.source.postCredits("other/acc-2", [grant("acc-2", "g8", "1.00", "other/acc-2")]);
    await org.source.postCredits("own/acc-1", [grant("acc-1", "g9", "1.00", "own/acc-1")]);
    await until(() => heard.some((c) => c.key === "own/acc-1"));
    stop();
    expect(heard).to.deep.equal([{ key: "own/acc-1", accountIds: ["acc-1"], remote: true }]);
    const charge = org.source.gateway.charge({
      accountId: "acc-1",
      amount: "1.00",
      currency: "USD",
      idempotencyKey: "k",
      description: "d",
    });
    expect(await codeOf(charge)).to.equal("forbidden");
    expect(await org.direct.gateway.charges()).to.deep.equal([]);
  });
});

/**
 * GET /api/changes: server-sent events relaying the organisation's changes,
 * signed in like every route; a member hears only their own accounts.
 */
import { expect } from "chai";
import { createServer, type ServerDataSource } from "../../packages/server/src/index.js";
import { grant } from "../postgres/helpers.js";
import { call, closeWorld, freshOrg, type Org, openWorld, perServerEngine, portalPlan, type World } from "./helpers.js";

interface Event {
  readonly event: string;
  readonly data: string;
}

/** An open stream: the events heard so far, and `close`. */
interface Stream {
  readonly events: Event[];
  readonly comments: string[];
  /** Resolves once an event passing `test` was heard (rejects after `ms`). */
  until(test: (e: Event) => boolean, ms?: number): Promise<Event>;
  close(): Promise<void>;
}

async function open(world: World, token: string): Promise<Stream> {
  const response = await world.server.request("/api/changes", { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).to.equal(200);
  expect(response.headers.get("content-type")).to.match(/^text\/event-stream/);
  const body = response.body;
  if (!body) throw new Error("no body");
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const events: Event[] = [];
  const comments: string[] = [];
  const waiting = new Set<() => void>();
  let buffer = "";
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments.push(line);
          else if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trim());
        }
        if (data.length > 0) events.push({ event, data: data.join("\n") });
        for (const wake of [...waiting]) wake();
        end = buffer.indexOf("\n\n");
      }
    }
  })().catch(() => undefined);
  return {
    events,
    comments,
    until(test, ms = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(test);
          if (!found) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`not heard in ${ms} ms: ${JSON.stringify(events)}`));
        }, ms);
        waiting.add(check);
        check();
      });
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

const changeOf = (e: Event) => (e.event === "change" ? (JSON.parse(e.data) as { key: string; accountIds: string[] }) : undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

perServerEngine((engine) => {
  describe(`server: live changes (GET /api/changes, ${engine.name})`, function () {
    this.timeout(30_000);
    let world: World;
    let org: Org;
    before(async () => {
      world = await openWorld(engine, { changes: { heartbeatMs: 50 } });
    });
    after(() => closeWorld(world));
    beforeEach(async () => {
      org = await freshOrg(world);
    });
    afterEach(() => {
      expect(world.unexpected).to.deep.equal([]);
    });

    it("an admin's stream hears another client's checkout (its key and account), after `ready`; heartbeats keep it open", async () => {
      const stream = await open(world, org.admin);
      try {
        await stream.until((e) => e.event === "ready");
        const plan = await portalPlan(world, org, "acc-1");
        expect((await call(world, "POST", "/api/checkouts", { token: org.member, body: plan })).status).to.equal(200);
        const heard = changeOf(await stream.until((e) => changeOf(e)?.key === plan.key));
        expect(heard).to.deep.equal({ key: plan.key, accountIds: ["acc-1"] });
        await sleep(120);
        expect(stream.comments.some((c) => c.startsWith(": heartbeat"))).to.equal(true);
      } finally {
        await stream.close();
      }
    });

    it("an admin hears a change written behind the server's back (another data source of the organisation: NOTIFY)", async () => {
      const stream = await open(world, org.admin);
      try {
        await stream.until((e) => e.event === "ready");
        await org.source.postCredits("behind/acc-3", [grant("acc-3", "g9", "3.00", "behind/acc-3")]);
        expect(changeOf(await stream.until((e) => changeOf(e)?.key === "behind/acc-3"))?.accountIds).to.deep.equal(["acc-3"]);
      } finally {
        await stream.close();
      }
    });

    it("a member's stream does not hear another family's change, and hears their own", async () => {
      const stream = await open(world, org.member);
      try {
        await stream.until((e) => e.event === "ready");
        const other = await portalPlan(world, org, "acc-2");
        expect((await call(world, "POST", "/api/checkouts", { token: org.admin, body: other })).status).to.equal(200);
        await call(world, "POST", "/api/credits", {
          token: org.admin,
          body: { key: "c/acc-2", grants: [grant("acc-2", "g7", "1.00", "c/acc-2")] },
        });
        const mine = await portalPlan(world, org, "acc-1");
        expect((await call(world, "POST", "/api/checkouts", { token: org.member, body: mine })).status).to.equal(200);
        await stream.until((e) => changeOf(e)?.key === mine.key);
        const keys = stream.events.map(changeOf).filter((c) => c !== undefined);
        expect(keys).to.deep.equal([{ key: mine.key, accountIds: ["acc-1"] }]);
        expect(JSON.stringify(stream.events)).not.to.include("acc-2");
      } finally {
        await stream.close();
      }
    });

    it("no token, or a forged one, is 401 with the error body (no stream)", async () => {
      const none = await call(world, "GET", "/api/changes");
      expect(none.status).to.equal(401);
      expect(none.body.code).to.equal("unauthorized");
      expect(none.headers.get("www-authenticate")).to.match(/^Bearer/);
      const forged = await call(world, "GET", "/api/changes", { token: `${org.admin.slice(0, -4)}AAAA` });
      expect(forged.status).to.equal(401);
      const query = await call(world, "GET", `/api/changes?token=${encodeURIComponent(org.admin)}`);
      expect(query.status, "a token in the URL is not accepted").to.equal(401);
    });

    it("a client that goes away unsubscribes its stream (no listener left behind)", async () => {
      let listening = 0;
      const host = createServer({
        dataSourceFor: async () =>
          ({
            currency: "USD",
            subscribe: () => {
              listening += 1;
              return () => {
                listening -= 1;
              };
            },
          }) as unknown as ServerDataSource,
        authenticate: () => ({ orgId: "o", role: "admin", accountIds: [] }),
        changes: { heartbeatMs: 20 },
      });
      const response = await host.request("/api/changes");
      const reader = response.body?.getReader();
      await reader?.read();
      expect(listening).to.equal(1);
      await reader?.cancel();
      await sleep(100);
      expect(listening).to.equal(0);
    });

    it("the OpenAPI document lists the stream as text/event-stream and describes a change", async () => {
      const doc = (await call(world, "GET", "/api/openapi.json")).body;
      expect(Object.keys(doc.paths["/api/changes"].get.responses["200"].content)).to.deep.equal(["text/event-stream"]);
      expect(doc.components.schemas.Change.properties).to.have.keys(["key", "accountIds"]);
    });
  });
});

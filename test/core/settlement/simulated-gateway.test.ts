import { expect } from "chai";
import type { ChargeRequest } from "../../../packages/core/src/gateway.js";
import { createSimulatedGateway } from "../../../packages/core/src/settlement/index.js";

const req = (key: string, amount = "15.00", accountId = "A"): ChargeRequest => ({
  accountId,
  amount,
  currency: "USD",
  idempotencyKey: key,
  description: "Invoice",
});

describe("simulated gateway", () => {
  it("a key that succeeded answers the same charge id and never charges again", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"] });
    const first = await gateway.charge(req("k1"));
    const again = await gateway.charge(req("k1"));
    expect(first).to.deep.equal({ status: "succeeded", chargeId: "ch_sim_1" });
    expect(again).to.deep.equal(first);
    expect(gateway.charges()).to.have.length(1);
    expect(gateway.attempts()).to.equal(2);
  });

  it("declines accounts without a card on file, until one is added", async () => {
    const gateway = createSimulatedGateway();
    expect((await gateway.charge(req("k1"))).status).to.equal("declined");
    gateway.addCard("A");
    expect((await gateway.charge(req("k1"))).status).to.equal("succeeded");
    gateway.removeCard("A");
    expect(gateway.hasCard("A")).to.equal(false);
  });

  it("consumes an account's script one outcome per new attempt, then the default", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: ["decline", "error"] }, defaultOutcome: "succeed" });
    expect((await gateway.charge(req("k1"))).status).to.equal("declined");
    expect((await gateway.charge(req("k1"))).status).to.equal("error");
    expect((await gateway.charge(req("k1"))).status).to.equal("succeeded");
    gateway.script("A", ["decline"]);
    expect((await gateway.charge(req("k2"))).status).to.equal("declined");
  });

  it("'timeout' charges but loses the answer; the retry with the same key reveals the charge", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: ["timeout", "decline"] } });
    expect((await gateway.charge(req("k1"))).status).to.equal("unknown");
    expect(gateway.charges()).to.have.length(1);
    expect(await gateway.charge(req("k1"))).to.deep.equal({ status: "succeeded", chargeId: "ch_sim_1" });
    expect(gateway.charges()).to.have.length(1);
  });

  it("'timeout-no-charge' charges nothing; the retry is a new attempt", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: ["timeout-no-charge", "succeed"] } });
    expect((await gateway.charge(req("k1"))).status).to.equal("unknown");
    expect(gateway.charges()).to.have.length(0);
    expect((await gateway.charge(req("k1"))).status).to.equal("succeeded");
    expect(gateway.charges()).to.have.length(1);
  });

  it("'reject' rejects the promise and charges nothing", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: ["reject"] } });
    let caught: unknown;
    try {
      await gateway.charge(req("k1"));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(Error);
    expect(gateway.charges()).to.have.length(0);
  });

  it("refuses to reuse a charged key for a different amount", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"] });
    await gateway.charge(req("k1", "15.00"));
    expect((await gateway.charge(req("k1", "16.00"))).status).to.equal("error");
    expect(gateway.charges()).to.have.length(1);
  });

  it("answers after the latency, or on a microtask when it is 0", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], latencyMs: 20 });
    const started = Date.now();
    await gateway.charge(req("k1"));
    expect(Date.now() - started).to.be.at.least(15);
    let answered = false;
    const fast = createSimulatedGateway({ cardsOnFile: ["A"] });
    const pending = fast.charge(req("k1")).then(() => {
      answered = true;
    });
    expect(answered).to.equal(false);
    await pending;
    expect(answered).to.equal(true);
  });

  it("is deterministic: the same calls give the same answers and charge ids", async () => {
    const run = async () => {
      const gateway = createSimulatedGateway({ cardsOnFile: ["A", "B"], scripts: { A: ["timeout", "decline"], B: ["error"] } });
      const out = [];
      for (const r of [req("a1"), req("b1", "3.00", "B"), req("a1"), req("a2"), req("b1", "3.00", "B")]) out.push(await gateway.charge(r));
      return { out, charges: gateway.charges() };
    };
    expect(await run()).to.deep.equal(await run());
  });

  it("answers an invalid amount with an error and charges nothing", async () => {
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"] });
    expect((await gateway.charge(req("k1", "0.00"))).status).to.equal("error");
    expect((await gateway.charge(req("k2", "1.234"))).status).to.equal("error");
    expect(gateway.charges()).to.have.length(0);
  });
});

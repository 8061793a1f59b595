/** Time-outs of one length share one platform timer: each still ends on time, once, unless cancelled. */
import { expect } from "chai";
import { Waits } from "../../../packages/core/src/settlement/timers.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Waits: many time-outs on one timer", () => {
  it("ends each wait after its length, in order, and never a cancelled one", async () => {
    const waits = new Waits(20);
    const ended: string[] = [];
    const started = performance.now();
    const endedAt: number[] = [];
    const a = waits.start(() => {
      ended.push("a");
      endedAt.push(performance.now() - started);
    });
    await sleep(8);
    const b = waits.start(() => ended.push("b"));
    waits.start(() => {
      ended.push("c");
      endedAt.push(performance.now() - started);
    });
    waits.cancel(b);
    waits.cancel(b);
    await sleep(60);
    expect(ended).to.deep.equal(["a", "c"]);
    expect(endedAt[0]).to.be.at.least(19);
    expect(endedAt[1]).to.be.at.least(27);
    waits.cancel(a); // already ended: nothing happens
    expect(ended).to.deep.equal(["a", "c"]);
  });

  it("keeps working after every wait was cancelled, and over thousands of waits", async () => {
    const waits = new Waits(5);
    let fired = 0;
    for (let i = 0; i < 5000; i++) waits.cancel(waits.start(() => (fired += 1)));
    const kept = Array.from({ length: 3000 }, () => waits.start(() => (fired += 1)));
    for (const n of kept.slice(0, 2000)) waits.cancel(n);
    await sleep(40);
    expect(fired).to.equal(1000);
    waits.start(() => (fired += 1));
    await sleep(40);
    expect(fired).to.equal(1001);
  });
});

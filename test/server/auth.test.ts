/**
 * The dev sign-in's `authenticate`: verified tokens are remembered for speed
 * (auth.ts), never past their expiry, and only the exact token verified.
 */
import { expect } from "chai";
import { SignJWT } from "jose";
import { devAuthenticate, devKey, type Session, signDevToken } from "../../packages/server/src/index.js";
import { SECRET } from "./helpers.js";

const session: Session = { orgId: "org-a", role: "member", accountIds: ["acc-1"] };
const bearer = (token: string) => new Request("http://x/api/session", { headers: { authorization: `Bearer ${token}` } });

describe("server: dev tokens (authenticate)", () => {
  const key = devKey(SECRET);

  it("a remembered token still expires: answered while valid, refused after its exp on the same clock", async () => {
    let clock = Date.now();
    const authenticate = devAuthenticate(key, { now: () => clock });
    const { token } = await signDevToken(key, session, 2);
    expect(await authenticate(bearer(token))).to.deep.equal(session);
    clock += 1000;
    expect(await authenticate(bearer(token))).to.deep.equal(session);
    clock += 2500;
    expect(await authenticate(bearer(token))).to.equal(undefined);
  });

  it("only the exact token verified is remembered: one byte changed, a token signed with another secret, refused", async () => {
    const authenticate = devAuthenticate(key);
    const { token } = await signDevToken(key, session, 600);
    expect(await authenticate(bearer(token))).to.deep.equal(session);
    // A byte inside the signature (its last character carries padding bits a decoder may ignore).
    const at = token.length - 10;
    const changed = `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
    expect(await authenticate(bearer(changed))).to.equal(undefined);
    const other = await signDevToken(devKey("another secret that is 32 bytes or more"), session, 600);
    expect(await authenticate(bearer(other.token))).to.equal(undefined);
    expect(await authenticate(bearer(token))).to.deep.equal(session);
  });

  it("a token without an expiry is refused (it would never expire)", async () => {
    const token = await new SignJWT({ org: "org-a", role: "admin", acc: [] })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("creditkit-dev")
      .setAudience("creditkit")
      .setIssuedAt()
      .sign(key);
    expect(await devAuthenticate(key)(bearer(token))).to.equal(undefined);
    const valid = await new SignJWT({ org: "org-a", role: "admin", acc: [] })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("creditkit-dev")
      .setAudience("creditkit")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
    expect(await devAuthenticate(key)(bearer(valid))).to.deep.equal({ orgId: "org-a", role: "admin", accountIds: [] });
  });

  it("with the cache off (ms 0) and with one slot, tokens are still answered rightly", async () => {
    const a = (await signDevToken(key, session, 600)).token;
    const b = (await signDevToken(key, { ...session, accountIds: ["acc-2"] }, 600)).token;
    for (const authenticate of [devAuthenticate(key, { ms: 0 }), devAuthenticate(key, { max: 1 })]) {
      for (let i = 0; i < 2; i++) {
        expect((await authenticate(bearer(a)))?.accountIds).to.deep.equal(["acc-1"]);
        expect((await authenticate(bearer(b)))?.accountIds).to.deep.equal(["acc-2"]);
      }
    }
  });
});

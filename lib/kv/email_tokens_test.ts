import assert from "node:assert/strict";
import { consumeEmailToken, EMAIL_TOKEN_PURPOSES, findEmailToken, issueEmailToken } from "./email_tokens.ts";
import { openKv } from "./open.ts";
import { sessionIdOf } from "./sessions.ts";

const ana = { staffId: "u_ana", tenantId: "t_north", email: "ana@example.com" };
const MINUTE = 60_000;

Deno.test("an e-mail token is stored only as its SHA-256", async () => {
  using kv = await openKv(":memory:");
  const token = await issueEmailToken(kv, "reset", ana);
  assert.match(token, /^[a-z2-7]{32}$/);
  const stored = await Array.fromAsync(kv.list({ prefix: ["reset_tokens"] }));
  assert.equal(stored.length, 1);
  assert.deepEqual(stored[0].key, ["reset_tokens", sessionIdOf(token)]);
  assert.ok(!JSON.stringify(stored).includes(token));
});

Deno.test("an e-mail token works once: finding it leaves it, consuming it uses it up", async () => {
  using kv = await openKv(":memory:");
  const token = await issueEmailToken(kv, "reset", ana);
  assert.equal((await findEmailToken(kv, "reset", token, "t_north"))?.staffId, "u_ana");
  assert.equal((await findEmailToken(kv, "reset", token, "t_north"))?.email, "ana@example.com");
  const used = await consumeEmailToken(kv, "reset", token, "t_north");
  assert.deepEqual({ ...used, createdAt: undefined, expiresAt: undefined }, {
    ...ana,
    createdAt: undefined,
    expiresAt: undefined,
  });
  assert.equal(await consumeEmailToken(kv, "reset", token, "t_north"), null, "second use");
  assert.equal(await findEmailToken(kv, "reset", token, "t_north"), null);
});

Deno.test("of two requests racing with one token, exactly one gets it", async () => {
  using kv = await openKv(":memory:");
  const token = await issueEmailToken(kv, "reset", ana);
  const results = await Promise.all(
    Array.from({ length: 5 }, () => consumeEmailToken(kv, "reset", token, "t_north")),
  );
  assert.equal(results.filter((r) => r !== null).length, 1);
});

Deno.test("a reset token expires after 30 minutes, a verification token after 24 hours", async () => {
  using kv = await openKv(":memory:");
  const now = Date.now();
  assert.equal(EMAIL_TOKEN_PURPOSES.reset.ttlMs, 30 * MINUTE);
  const reset = await issueEmailToken(kv, "reset", ana, now);
  assert.ok(await findEmailToken(kv, "reset", reset, "t_north", now + 29 * MINUTE));
  assert.equal(await consumeEmailToken(kv, "reset", reset, "t_north", now + 30 * MINUTE), null);
  assert.equal(await findEmailToken(kv, "reset", reset, "t_north", now), null, "an expired token is deleted");

  const verify = await issueEmailToken(kv, "verify_email", ana, now);
  assert.ok(await findEmailToken(kv, "verify_email", verify, "t_north", now + 23 * 60 * MINUTE));
  assert.equal(await consumeEmailToken(kv, "verify_email", verify, "t_north", now + 24 * 60 * MINUTE), null);
});

Deno.test("a token is refused at another studio (and still works at its own), and for another purpose", async () => {
  using kv = await openKv(":memory:");
  const token = await issueEmailToken(kv, "reset", ana);
  assert.equal(await consumeEmailToken(kv, "reset", token, "t_south"), null);
  assert.equal(await consumeEmailToken(kv, "verify_email", token, "t_north"), null);
  assert.ok(await consumeEmailToken(kv, "reset", token, "t_north"));
  for (const bad of ["", "not a token", token.toUpperCase(), `${token}a`]) {
    assert.equal(await findEmailToken(kv, "reset", bad, "t_north"), null, bad);
  }
});

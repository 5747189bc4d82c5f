// A studio's security rules and the SSO sessions whose provider checked a second factor.
import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import { SESSION_LIFETIME_MS } from "./sessions.ts";
import {
  getStudioSecurityEntry,
  isProviderMfaSession,
  markProviderMfaSession,
  putStudioSecurity,
  requiresTwoFactor,
} from "./studio_security.ts";

const DAY = 24 * 60 * 60_000;

Deno.test("2FA is not required until an owner says so; a stale save is refused", async () => {
  using kv = await openKv(":memory:");
  assert.equal(await requiresTwoFactor(kv, "t_1"), false);
  const entry = await getStudioSecurityEntry(kv, "t_1");
  const rules = {
    tenantId: "t_1",
    requireTwoFactor: true,
    updatedAt: "2030-01-01T00:00:00Z",
    updatedBy: "u_1",
  };
  assert.equal(await putStudioSecurity(kv, entry, rules), true);
  assert.equal(await requiresTwoFactor(kv, "t_1"), true);
  assert.equal(await requiresTwoFactor(kv, "t_2"), false, "per studio");
  assert.equal(await putStudioSecurity(kv, entry, { ...rules, requireTwoFactor: false }), false);
  assert.equal(await requiresTwoFactor(kv, "t_1"), true);
});

Deno.test("a provider-MFA mark belongs to one session, person and studio, and outlives the sliding session", async () => {
  using kv = await openKv(":memory:");
  const start = Date.parse("2030-01-01T00:00:00Z");
  await markProviderMfaSession(kv, "s_1", { staffId: "u_1", tenantId: "t_1", amr: ["mfa"] }, start);
  assert.equal(await isProviderMfaSession(kv, "s_1", "u_1", "t_1", start), true);
  assert.equal(await isProviderMfaSession(kv, "s_2", "u_1", "t_1", start), false);
  assert.equal(await isProviderMfaSession(kv, "s_1", "u_2", "t_1", start), false);
  assert.equal(await isProviderMfaSession(kv, "s_1", "u_1", "t_2", start), false);

  // Used every 20 days for 100 days: a session renewed all along keeps its mark.
  for (let day = 20; day <= 100; day += 20) {
    assert.equal(await isProviderMfaSession(kv, "s_1", "u_1", "t_1", start + day * DAY), true, `day ${day}`);
  }
  // Left alone longer than a session could live, it is gone.
  assert.equal(
    await isProviderMfaSession(kv, "s_1", "u_1", "t_1", start + 100 * DAY + SESSION_LIFETIME_MS + 2 * DAY),
    false,
  );
});

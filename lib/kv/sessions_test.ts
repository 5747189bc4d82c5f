import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import {
  createSession,
  listSessions,
  revokeAllSessions,
  revokeSession,
  revokeSessionById,
  SESSION_LIFETIME_MS,
  sessionIdOf,
  validateSession,
} from "./sessions.ts";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
const BLUE = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const RED = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B";
const ANA = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C";
const BOB = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1D";

async function allKeys(kv: Deno.Kv) {
  return (await Array.fromAsync(kv.list({ prefix: [] }))).map((entry) => entry.key);
}

Deno.test("the token is 32 lowercase base32 characters and only its SHA-256 is stored", async () => {
  using kv = await openKv(":memory:");
  const { token, session } = await createSession(kv, {
    staffId: ANA,
    tenantId: BLUE,
    ip: "203.0.113.7",
    userAgent: "Firefox",
  }, { now: T0 });

  assert.match(token, /^[a-z2-7]{32}$/);
  const hash = sessionIdOf(token);
  assert.match(hash, /^[0-9a-f]{64}$/);
  // SHA-256 itself, so sessions stored by an earlier release keep their keys.
  assert.equal(sessionIdOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(session.id, hash);
  assert.deepEqual(await allKeys(kv), [["sessions", hash], ["staff_sessions", ANA, hash]]);
  const stored = JSON.stringify(await Array.fromAsync(kv.list({ prefix: [] })));
  assert.ok(!stored.includes(token), "the token itself must never be stored");
  assert.deepEqual(session, {
    id: hash,
    staffId: ANA,
    tenantId: BLUE,
    createdAt: new Date(T0).toISOString(),
    expiresAt: new Date(T0 + 30 * DAY).toISOString(),
    lastSeenAt: new Date(T0).toISOString(),
    ip: "203.0.113.7",
    userAgent: "Firefox",
  });
});

Deno.test("a fresh session validates on its studio without being rewritten", async () => {
  using kv = await openKv(":memory:");
  const { token, session } = await createSession(kv, { staffId: ANA, tenantId: BLUE }, { now: T0 });
  const before = await kv.get(["sessions", session.id]);
  assert.deepEqual(await validateSession(kv, token, BLUE, { now: T0 + 10 * DAY }), session);
  assert.equal((await kv.get(["sessions", session.id])).versionstamp, before.versionstamp);
});

Deno.test("unknown and malformed tokens are refused", async () => {
  using kv = await openKv(":memory:");
  await createSession(kv, { staffId: ANA, tenantId: BLUE });
  assert.equal(await validateSession(kv, "a".repeat(32), BLUE), null);
  assert.equal(await validateSession(kv, "", BLUE), null);
  assert.equal(await validateSession(kv, "not a token at all!", BLUE), null);
});

Deno.test("a session of studio A presented on studio B is refused, and still works on A", async () => {
  using kv = await openKv(":memory:");
  const { token } = await createSession(kv, { staffId: ANA, tenantId: BLUE }, { now: T0 });
  assert.equal(await validateSession(kv, token, RED, { now: T0 + DAY }), null);
  assert.equal(await validateSession(kv, token, RED, { now: T0 + 20 * DAY }), null, "not renewed either");
  assert.ok(await validateSession(kv, token, BLUE, { now: T0 + DAY }));
});

Deno.test("an expired session is refused and its rows are removed", async () => {
  using kv = await openKv(":memory:");
  const { token } = await createSession(kv, { staffId: ANA, tenantId: BLUE }, { now: T0 });
  assert.ok(await validateSession(kv, token, BLUE, { now: T0 + SESSION_LIFETIME_MS - 1 }));
  // That validation renewed it; untouched for a full lifetime after the renewal, it expires.
  const renewedAt = T0 + SESSION_LIFETIME_MS - 1;
  assert.equal(await validateSession(kv, token, BLUE, { now: renewedAt + SESSION_LIFETIME_MS }), null);
  assert.deepEqual(await allKeys(kv), []);
});

Deno.test("a session untouched for 30 days expires", async () => {
  using kv = await openKv(":memory:");
  const { token } = await createSession(kv, { staffId: ANA, tenantId: BLUE }, { now: T0 });
  assert.equal(await validateSession(kv, token, BLUE, { now: T0 + 30 * DAY }), null);
  assert.equal(await validateSession(kv, token, BLUE, { now: T0 + DAY }), null, "its rows are gone");
});

Deno.test("sliding renewal: with less than 15 days left the session gets a full 30 days again", async () => {
  using kv = await openKv(":memory:");
  const { token, session } = await createSession(kv, { staffId: ANA, tenantId: BLUE }, { now: T0 });

  const at14 = await validateSession(kv, token, BLUE, { now: T0 + 14 * DAY });
  assert.equal(at14?.expiresAt, session.expiresAt, "more than half left: unchanged");

  const at16 = T0 + 16 * DAY;
  const renewed = await validateSession(kv, token, BLUE, { now: at16 });
  assert.equal(renewed?.expiresAt, new Date(at16 + 30 * DAY).toISOString());
  assert.equal(renewed?.lastSeenAt, new Date(at16).toISOString());
  assert.equal(renewed?.createdAt, session.createdAt);
  assert.deepEqual((await kv.get(["sessions", session.id])).value, renewed);

  // Past the original expiry, the renewed session lives on.
  assert.ok(await validateSession(kv, token, BLUE, { now: T0 + 40 * DAY }));
});

Deno.test("signing out revokes that session only", async () => {
  using kv = await openKv(":memory:");
  const phone = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const laptop = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  await revokeSession(kv, phone.token);
  await revokeSession(kv, phone.token);
  assert.equal(await validateSession(kv, phone.token, BLUE), null);
  assert.ok(await validateSession(kv, laptop.token, BLUE));
  assert.deepEqual(await allKeys(kv), [["sessions", laptop.session.id], [
    "staff_sessions",
    ANA,
    laptop.session.id,
  ]]);
  await revokeSessionById(kv, laptop.session.id);
  assert.deepEqual(await allKeys(kv), []);
});

Deno.test("revoke-all ends a person's sessions in every studio and leaves others' alone", async () => {
  using kv = await openKv(":memory:");
  const anaTokens = await Promise.all([
    createSession(kv, { staffId: ANA, tenantId: BLUE }),
    createSession(kv, { staffId: ANA, tenantId: BLUE }),
    createSession(kv, { staffId: ANA, tenantId: RED }),
  ]);
  const bobs = await createSession(kv, { staffId: BOB, tenantId: BLUE });
  assert.equal((await listSessions(kv, ANA)).length, 3);

  assert.equal(await revokeAllSessions(kv, ANA), 3);
  for (const { token, session } of anaTokens) {
    assert.equal(await validateSession(kv, token, session.tenantId), null);
  }
  assert.deepEqual(await listSessions(kv, ANA), []);
  assert.ok(await validateSession(kv, bobs.token, BLUE));
  assert.equal(await revokeAllSessions(kv, ANA), 0);
});

Deno.test("revoke-all can keep the session that asked for it (sign out everywhere else)", async () => {
  using kv = await openKv(":memory:");
  const here = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const phone = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const elsewhere = await createSession(kv, { staffId: ANA, tenantId: RED });
  const bobs = await createSession(kv, { staffId: BOB, tenantId: BLUE });

  assert.equal(await revokeAllSessions(kv, ANA, { keep: here.session.id }), 2);
  assert.ok(await validateSession(kv, here.token, BLUE), "this browser stays signed in");
  assert.equal(await validateSession(kv, phone.token, BLUE), null);
  assert.equal(await validateSession(kv, elsewhere.token, RED), null, "in every studio");
  assert.deepEqual((await listSessions(kv, ANA)).map((s) => s.id), [here.session.id]);
  assert.ok(await validateSession(kv, bobs.token, BLUE), "other people are untouched");
  assert.equal(await revokeAllSessions(kv, ANA, { keep: here.session.id }), 0);
});

Deno.test("revoke-all handles more sessions than one atomic operation holds", async () => {
  using kv = await openKv(":memory:");
  for (let i = 0; i < 450; i++) await createSession(kv, { staffId: ANA, tenantId: BLUE });
  assert.equal(await revokeAllSessions(kv, ANA), 450);
  assert.deepEqual(await allKeys(kv), []);
});

import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import {
  type ApiKeyActor,
  apiKeyStatus,
  authenticateApiKey,
  createApiKey,
  deleteApiKey,
  getApiKey,
  listApiKeys,
  revokeApiKey,
} from "./api_keys.ts";
import { openKv } from "./open.ts";
import { sessionIdOf } from "./sessions.ts";

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
const MINUTE = 60_000;
const BLUE = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const RED = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B";
const ANA: ApiKeyActor = { type: "staff", id: "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C", label: "ana@example.com" };

const website = (overrides: Partial<Parameters<typeof createApiKey>[1]> = {}) => ({
  tenantId: BLUE,
  name: "Website",
  role: "manager" as const,
  createdBy: ANA,
  ...overrides,
});

Deno.test("a key's token is rsm_ and 32 base32 characters, and only its SHA-256 is stored", async () => {
  using kv = await openKv(":memory:");
  const { token, key } = await createApiKey(kv, website(), { now: T0 });

  assert.match(token, /^rsm_[a-z2-7]{32}$/);
  assert.equal(key.hash, sessionIdOf(token));
  assert.equal(key.prefix, token.slice(0, 8));
  assert.match(key.id, /^key_[0-9A-Z]{26}$/);
  assert.deepEqual(key.createdBy, ANA);
  assert.equal(key.createdAt, new Date(T0).toISOString());
  const keys = (await Array.fromAsync(kv.list({ prefix: [] }))).map((entry) => entry.key);
  assert.deepEqual(keys, [["api_keys", key.hash], ["tenant_api_keys", BLUE, key.id]]);
  const stored = JSON.stringify(await Array.fromAsync(kv.list({ prefix: [] })));
  assert.ok(!stored.includes(token), "the token itself must never be stored");
});

Deno.test("a key authenticates only at its own studio, and not once revoked or expired", async () => {
  using kv = await openKv(":memory:");
  const { token, key } = await createApiKey(kv, website(), { now: T0 });
  assert.equal((await authenticateApiKey(kv, token, BLUE, { now: T0 }))?.id, key.id);
  assert.equal(await authenticateApiKey(kv, token, RED, { now: T0 }), null, "another studio's key");
  // One character changed (never to itself: a token may already end in "a").
  const altered = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
  assert.equal(await authenticateApiKey(kv, altered, BLUE, { now: T0 }), null);
  assert.equal(await authenticateApiKey(kv, "rsm_short", BLUE, { now: T0 }), null);
  assert.equal(await authenticateApiKey(kv, key.hash, BLUE, { now: T0 }), null, "the hash is no credential");

  const expiring = await createApiKey(kv, website({ expiresAt: new Date(T0 + MINUTE).toISOString() }), {
    now: T0,
  });
  assert.ok(await authenticateApiKey(kv, expiring.token, BLUE, { now: T0 + MINUTE - 1 }));
  assert.equal(await authenticateApiKey(kv, expiring.token, BLUE, { now: T0 + MINUTE }), null);
  assert.equal(apiKeyStatus(expiring.key, T0 + MINUTE), "expired");

  await revokeApiKey(kv, BLUE, key.id, ANA, { now: T0 + 1 });
  assert.equal(await authenticateApiKey(kv, token, BLUE, { now: T0 + 2 }), null);
});

Deno.test("last use is recorded at most once a minute", async () => {
  using kv = await openKv(":memory:");
  const { token, key } = await createApiKey(kv, website(), { now: T0 });
  assert.equal(key.lastUsedAt, undefined);
  await authenticateApiKey(kv, token, BLUE, { now: T0 + 1000 });
  const stamp = async () => (await getApiKey(kv, BLUE, key.id))?.lastUsedAt;
  assert.equal(await stamp(), new Date(T0 + 1000).toISOString());

  const { versionstamp } = await kv.get(["api_keys", key.hash]);
  await authenticateApiKey(kv, token, BLUE, { now: T0 + 1000 + MINUTE - 1 });
  assert.equal((await kv.get(["api_keys", key.hash])).versionstamp, versionstamp, "no write within a minute");
  await authenticateApiKey(kv, token, BLUE, { now: T0 + 1000 + MINUTE });
  assert.equal(await stamp(), new Date(T0 + 1000 + MINUTE).toISOString());
});

Deno.test("a use recorded while the key is being revoked never undoes the revocation", async () => {
  using kv = await openKv(":memory:");
  const { token, key } = await createApiKey(kv, website(), { now: T0 });
  await Promise.all([
    ...Array.from(
      { length: 5 },
      (_, i) => authenticateApiKey(kv, token, BLUE, { now: T0 + MINUTE * (i + 1) }),
    ),
    revokeApiKey(kv, BLUE, key.id, ANA, { now: T0 }),
  ]);
  assert.ok((await getApiKey(kv, BLUE, key.id))?.revokedAt, "still revoked");
  assert.equal(await authenticateApiKey(kv, token, BLUE, { now: T0 + 10 * MINUTE }), null);
});

Deno.test("a studio lists its own keys, newest first, revoked ones included", async () => {
  using kv = await openKv(":memory:");
  const first = await createApiKey(kv, website({ name: "First" }), { now: T0 });
  const second = await createApiKey(kv, website({ name: "Second" }), { now: T0 + 1 });
  await createApiKey(kv, website({ name: "Elsewhere", tenantId: RED }), { now: T0 + 2 });
  await revokeApiKey(kv, BLUE, first.key.id, ANA, { now: T0 + 3 });

  const listed = await listApiKeys(kv, BLUE);
  assert.deepEqual(listed.map((k) => k.name), ["Second", "First"]);
  assert.deepEqual(listed.map((k) => apiKeyStatus(k, T0 + 4)), ["active", "revoked"]);
  assert.equal((await listApiKeys(kv, RED)).length, 1);
  assert.equal(await getApiKey(kv, RED, second.key.id), null, "another studio's key is not found by id");
});

Deno.test("revoking is idempotent, records who did it, and an unknown or foreign id is not found", async () => {
  using kv = await openKv(":memory:");
  const { key } = await createApiKey(kv, website(), { now: T0 });
  const first = await revokeApiKey(kv, BLUE, key.id, ANA, { now: T0 + 5 });
  assert.equal(first.changed, true);
  assert.equal(first.key.revokedAt, new Date(T0 + 5).toISOString());
  assert.deepEqual(first.key.revokedBy, ANA);
  const again = await revokeApiKey(kv, BLUE, key.id, { type: "system", label: "cli" }, { now: T0 + 9 });
  assert.equal(again.changed, false);
  assert.equal(again.key.revokedAt, first.key.revokedAt, "the first revocation stands");
  await assert.rejects(() => revokeApiKey(kv, RED, key.id, ANA), { name: "NotFoundError" });
  await assert.rejects(() => revokeApiKey(kv, BLUE, "key_nothing", ANA), { name: "NotFoundError" });
});

Deno.test("a bad name, role or expiry is a field error and creates nothing", async () => {
  using kv = await openKv(":memory:");
  const refused = async (input: ReturnType<typeof website>, field: string) => {
    const err = await createApiKey(kv, input, { now: T0 }).catch((e) => e);
    assert.ok(err instanceof ValidationError, String(err));
    assert.ok(err.fields[field], `${field}: ${JSON.stringify(err.fields)}`);
  };
  await refused(website({ name: "  " }), "name");
  await refused(website({ name: "x".repeat(101) }), "name");
  await refused(website({ name: "line\nbreak" }), "name");
  await refused(website({ role: "superuser" as never }), "role");
  await refused(website({ expiresAt: "tomorrow" }), "expiresAt");
  await refused(website({ expiresAt: new Date(T0).toISOString() }), "expiresAt");
  assert.deepEqual(await listApiKeys(kv, BLUE), []);

  const trimmed = await createApiKey(kv, website({ name: "  Website  " }), { now: T0 });
  assert.equal(trimmed.key.name, "Website");
});

Deno.test("deleting a key removes it and its index entry", async () => {
  using kv = await openKv(":memory:");
  const { token, key } = await createApiKey(kv, website(), { now: T0 });
  await deleteApiKey(kv, key);
  assert.equal(await authenticateApiKey(kv, token, BLUE, { now: T0 }), null);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: [] })), []);
});

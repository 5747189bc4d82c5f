import assert from "node:assert/strict";
import { isId } from "./ids.ts";
import {
  consumeInvitation,
  consumeInvitationIn,
  findInvitation,
  getInvitation,
  INVITATION_TTL_MS,
  issueInvitation,
  listInvitations,
  type NewInvitation,
  revokeInvitation,
} from "./invitations.ts";
import { openKv } from "./open.ts";
import { sessionIdOf } from "./sessions.ts";

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);
const BLUE = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const RED = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B";
const ANA = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C";

/** A valid invitation to Blue; override only what the test is about. */
function invitation(overrides: Partial<NewInvitation> = {}): NewInvitation {
  return {
    tenantId: BLUE,
    email: "eli@example.com",
    role: "engineer",
    invitedBy: ANA,
    locale: "en",
    ...overrides,
  };
}

Deno.test("an invitation is stored under the SHA-256 of its token, never the token", async () => {
  using kv = await openKv(":memory:");
  const { token, invitation: stored } = await issueInvitation(
    kv,
    invitation({ email: " Eli@Example.COM " }),
    T0,
  );
  assert.match(token, /^[a-z2-7]{32}$/);
  assert.ok(isId(stored.id, "inv"));
  assert.equal(stored.email, "eli@example.com");
  assert.equal(stored.expiresAt, new Date(T0 + 7 * 24 * 60 * 60_000).toISOString());
  const keys = (await Array.fromAsync(kv.list({ prefix: [] }))).map((entry) => entry.key);
  assert.deepEqual(keys, [
    ["invitations", sessionIdOf(token)],
    ["studio_invitations", BLUE, "eli@example.com"],
  ]);
  assert.ok(!JSON.stringify(await Array.fromAsync(kv.list({ prefix: [] }))).includes(token));
  assert.deepEqual((await findInvitation(kv, token, BLUE, T0))?.value, stored);
});

Deno.test("an invitation works for 7 days and not a millisecond longer", async () => {
  using kv = await openKv(":memory:");
  const { token } = await issueInvitation(kv, invitation(), T0);
  assert.ok(await findInvitation(kv, token, BLUE, T0 + INVITATION_TTL_MS - 1));
  assert.equal(await findInvitation(kv, token, BLUE, T0 + INVITATION_TTL_MS), null);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: [] })), [], "an expired invitation is cleared");
  assert.deepEqual(await listInvitations(kv, BLUE, T0 + INVITATION_TTL_MS), []);
});

Deno.test("an invitation is refused at another studio and still works at its own", async () => {
  using kv = await openKv(":memory:");
  const { token } = await issueInvitation(kv, invitation(), T0);
  assert.equal(await findInvitation(kv, token, RED, T0), null);
  assert.ok(await findInvitation(kv, token, BLUE, T0));
  assert.equal(await findInvitation(kv, "a".repeat(32), BLUE, T0), null, "unknown");
  assert.equal(await findInvitation(kv, "not a token", BLUE, T0), null, "malformed");
});

Deno.test("inviting an address again replaces its invitation: the old link stops working", async () => {
  using kv = await openKv(":memory:");
  const first = await issueInvitation(kv, invitation({ role: "engineer" }), T0);
  assert.equal(first.replaced, null);
  const second = await issueInvitation(
    kv,
    invitation({ email: "ELI@example.com", role: "bookkeeper" }),
    T0 + 1,
  );
  assert.deepEqual(second.replaced, first.invitation);
  assert.equal(await findInvitation(kv, first.token, BLUE, T0 + 2), null);
  assert.equal((await findInvitation(kv, second.token, BLUE, T0 + 2))?.value.role, "bookkeeper");
  assert.deepEqual(await listInvitations(kv, BLUE, T0 + 2), [second.invitation]);
  assert.equal(
    (await Array.fromAsync(kv.list({ prefix: ["invitations"] }))).length,
    1,
    "the old record is gone",
  );
});

Deno.test("the same address may be invited to two studios independently", async () => {
  using kv = await openKv(":memory:");
  const blue = await issueInvitation(kv, invitation(), T0);
  const red = await issueInvitation(kv, invitation({ tenantId: RED }), T0);
  assert.equal(red.replaced, null);
  assert.ok(await findInvitation(kv, blue.token, BLUE, T0));
  assert.ok(await findInvitation(kv, red.token, RED, T0));
  assert.deepEqual((await listInvitations(kv, BLUE, T0)).map((i) => i.tenantId), [BLUE]);
});

Deno.test("a revoked invitation's link stops working; revoking again finds nothing", async () => {
  using kv = await openKv(":memory:");
  const { token, invitation: stored } = await issueInvitation(kv, invitation(), T0);
  assert.deepEqual(await revokeInvitation(kv, BLUE, "Eli@example.com", T0), stored);
  assert.equal(await findInvitation(kv, token, BLUE, T0), null);
  assert.equal(await getInvitation(kv, BLUE, "eli@example.com", T0), null);
  assert.equal(await revokeInvitation(kv, BLUE, "eli@example.com", T0), null);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: [] })), []);
});

Deno.test("an invitation is used once: of ten acceptances racing, exactly one commits", async () => {
  using kv = await openKv(":memory:");
  const { token } = await issueInvitation(kv, invitation());
  const entry = (await findInvitation(kv, token, BLUE))!;
  const results = await Promise.all(Array.from({ length: 10 }, async () => {
    const mine = (await findInvitation(kv, token, BLUE)) ?? entry;
    return (await consumeInvitationIn(kv.atomic().set(["joined", crypto.randomUUID()], true), mine).commit())
      .ok;
  }));
  assert.equal(results.filter(Boolean).length, 1);
  assert.equal(
    (await Array.fromAsync(kv.list({ prefix: ["joined"] }))).length,
    1,
    "only the winner's writes",
  );
  assert.equal(await findInvitation(kv, token, BLUE), null);
  assert.equal(await consumeInvitation(kv, entry), false, "a used invitation cannot be used again");
  assert.deepEqual(await listInvitations(kv, BLUE), []);
});

Deno.test("a replaced invitation can no longer be used up, even from an entry read before", async () => {
  using kv = await openKv(":memory:");
  const first = await issueInvitation(kv, invitation());
  const stale = (await findInvitation(kv, first.token, BLUE))!;
  const second = await issueInvitation(kv, invitation());
  assert.equal(await consumeInvitation(kv, stale), false);
  assert.ok(await findInvitation(kv, second.token, BLUE), "the new link is untouched");
});

Deno.test("a studio lists its pending invitations, skipping index entries without their record", async () => {
  using kv = await openKv(":memory:");
  const emails = Array.from({ length: 12 }, (_, i) => `person${String(i).padStart(2, "0")}@example.com`);
  for (const email of emails) await issueInvitation(kv, invitation({ email }), T0);
  await kv.set(["studio_invitations", BLUE, "ghost@example.com"], "0".repeat(64));
  const listed = await listInvitations(kv, BLUE, T0);
  assert.deepEqual(listed.map((i) => i.email), emails, "more than one getMany batch, in address order");
  assert.equal(await getInvitation(kv, BLUE, "ghost@example.com", T0), null);
});

// revokeStudioSessions: a role change or removal in one studio signs the person out there only.
import assert from "node:assert/strict";
import { openKv } from "./open.ts";
import { createSession, listSessions, revokeStudioSessions, validateSession } from "./sessions.ts";

const BLUE = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1A";
const RED = "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1B";
const ANA = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C";
const BOB = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1D";

Deno.test("ending a person's sessions in one studio leaves their other studios and other people alone", async () => {
  using kv = await openKv(":memory:");
  const laptop = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const phone = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const red = await createSession(kv, { staffId: ANA, tenantId: RED });
  const bobs = await createSession(kv, { staffId: BOB, tenantId: BLUE });

  assert.equal(await revokeStudioSessions(kv, ANA, BLUE), 2);
  assert.equal(await validateSession(kv, laptop.token, BLUE), null);
  assert.equal(await validateSession(kv, phone.token, BLUE), null);
  assert.ok(await validateSession(kv, red.token, RED), "still signed in at Red");
  assert.ok(await validateSession(kv, bobs.token, BLUE), "Bob is untouched");
  assert.deepEqual((await listSessions(kv, ANA)).map((s) => s.id), [red.session.id]);
  assert.equal(
    (await kv.get(["staff_sessions", ANA, laptop.session.id])).value,
    null,
    "index entry gone too",
  );
  assert.equal(await revokeStudioSessions(kv, ANA, BLUE), 0);
});

Deno.test("ending a person's sessions in a studio can keep the one making the change", async () => {
  using kv = await openKv(":memory:");
  const here = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const phone = await createSession(kv, { staffId: ANA, tenantId: BLUE });
  assert.equal(await revokeStudioSessions(kv, ANA, BLUE, { keep: here.session.id }), 1);
  assert.ok(await validateSession(kv, here.token, BLUE));
  assert.equal(await validateSession(kv, phone.token, BLUE), null);
});

Deno.test("ending sessions in a studio handles more than one atomic operation holds", async () => {
  using kv = await openKv(":memory:");
  for (let i = 0; i < 450; i++) await createSession(kv, { staffId: ANA, tenantId: BLUE });
  const red = await createSession(kv, { staffId: ANA, tenantId: RED });
  assert.equal(await revokeStudioSessions(kv, ANA, BLUE), 450);
  assert.deepEqual((await listSessions(kv, ANA)).map((s) => s.id), [red.session.id]);
});

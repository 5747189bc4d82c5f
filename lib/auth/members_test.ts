import assert from "node:assert/strict";
import { ForbiddenError } from "../errors.ts";
import { openKv } from "../kv/open.ts";
import { createSession, validateSession } from "../kv/sessions.ts";
import { addMembership, createStaff, getMembership, getStaff, ROLES } from "../kv/staff.ts";
import { auditRecorder } from "../testing/audit_recorder.ts";
import { catalogStudio } from "../testing/catalog.ts";
import {
  assignableRoles,
  changeMemberRole,
  listTeam,
  MemberChangeRefused,
  parseAssignableRole,
  removeMember,
} from "./members.ts";

/** Blue Room with Ana (owner) and Eli (engineer, also a member of Red Room). */
async function setup() {
  const kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue", { name: "Blue Room" });
  const red = await catalogStudio(kv, "red", { name: "Red Room" });
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana Lima" });
  const eli = await createStaff(kv, { email: "eli@example.com", name: "Eli Park" });
  await addMembership(kv, blue.id, ana.id, "owner");
  await addMembership(kv, blue.id, eli.id, "engineer");
  await addMembership(kv, red.id, eli.id, "manager");
  const audit = auditRecorder();
  const actor = { id: ana.id, email: ana.email, role: "owner" as const };
  return { kv, blue, red, ana, eli, audit, actor, [Symbol.dispose]: () => kv.close() };
}

Deno.test("owners may give every role; roles without members.manage none", () => {
  assert.deepEqual(assignableRoles("owner"), [...ROLES]);
  for (const role of ROLES.filter((r) => r !== "owner")) assert.deepEqual(assignableRoles(role), [], role);
  assert.equal(parseAssignableRole("owner", "bookkeeper"), "bookkeeper");
  assert.throws(() => parseAssignableRole("owner", "janitor"), MemberChangeRefused);
  assert.throws(
    () => parseAssignableRole("admin", "engineer"),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.role === "role_not_allowed",
  );
});

Deno.test("the team lists owners first, then by name, with their addresses", async () => {
  using s = await setup();
  const zoe = await createStaff(s.kv, { email: "zoe@example.com", name: "Aaron Zoe" });
  await addMembership(s.kv, s.blue.id, zoe.id, "engineer");
  assert.deepEqual((await listTeam(s.kv, s.blue.id)).map((m) => [m.name, m.role, m.email]), [
    ["Ana Lima", "owner", "ana@example.com"],
    ["Aaron Zoe", "engineer", "zoe@example.com"],
    ["Eli Park", "engineer", "eli@example.com"],
  ]);
});

Deno.test("a role change takes effect, ends the member's sessions in this studio only, and is audited", async () => {
  using s = await setup();
  const blueSession = await createSession(s.kv, { staffId: s.eli.id, tenantId: s.blue.id });
  const redSession = await createSession(s.kv, { staffId: s.eli.id, tenantId: s.red.id });
  const change = {
    tenantId: s.blue.id,
    actor: s.actor,
    staffId: s.eli.id,
    role: "bookkeeper",
    from: { ip: "203.0.113.7" },
  };
  assert.deepEqual(await changeMemberRole(s.kv, change, s.audit.writer), {
    before: "engineer",
    after: "bookkeeper",
    sessionsEnded: 1,
  });
  assert.equal((await getMembership(s.kv, s.blue.id, s.eli.id))?.role, "bookkeeper");
  assert.equal(await validateSession(s.kv, blueSession.token, s.blue.id), null);
  assert.ok(await validateSession(s.kv, redSession.token, s.red.id), "Red is another studio");
  assert.deepEqual(
    s.audit.rows.map((r) => [r.action, r.actorId, r.entityType, r.entityId, r.changes, r.ip]),
    [["member.role_changed", s.ana.id, "staff", s.eli.id, {
      role: { before: "engineer", after: "bookkeeper" },
    }, "203.0.113.7"]],
  );

  assert.deepEqual(await changeMemberRole(s.kv, change, s.audit.writer), {
    before: "bookkeeper",
    after: "bookkeeper",
    sessionsEnded: 0,
  });
  assert.equal(s.audit.rows.length, 1, "the same role again changes nothing and logs nothing");
});

Deno.test("the last owner can be neither demoted nor removed; with a second owner both work", async () => {
  using s = await setup();
  const demote = { tenantId: s.blue.id, actor: s.actor, staffId: s.ana.id, role: "engineer" };
  await assert.rejects(
    changeMemberRole(s.kv, demote, s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.role === "last_owner",
  );
  await assert.rejects(
    removeMember(s.kv, { tenantId: s.blue.id, actor: s.actor, staffId: s.ana.id }, s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.member === "last_owner",
  );
  assert.equal((await getMembership(s.kv, s.blue.id, s.ana.id))?.role, "owner");
  assert.deepEqual(s.audit.rows, []);

  await changeMemberRole(s.kv, { ...demote, staffId: s.eli.id, role: "owner" }, s.audit.writer);
  // Ana demotes herself from this very session: it stays, her others end.
  const here = await createSession(s.kv, { staffId: s.ana.id, tenantId: s.blue.id });
  const phone = await createSession(s.kv, { staffId: s.ana.id, tenantId: s.blue.id });
  const result = await changeMemberRole(s.kv, {
    ...demote,
    actor: { ...s.actor, sessionId: here.session.id },
  }, s.audit.writer);
  assert.equal(result.sessionsEnded, 1);
  assert.ok(await validateSession(s.kv, here.token, s.blue.id));
  assert.equal(await validateSession(s.kv, phone.token, s.blue.id), null);
});

Deno.test("removing a member ends their sessions here and keeps their account and other studios", async () => {
  using s = await setup();
  const blueSession = await createSession(s.kv, { staffId: s.eli.id, tenantId: s.blue.id });
  const redSession = await createSession(s.kv, { staffId: s.eli.id, tenantId: s.red.id });
  const removed = await removeMember(
    s.kv,
    { tenantId: s.blue.id, actor: s.actor, staffId: s.eli.id },
    s.audit.writer,
  );
  assert.equal(removed.sessionsEnded, 1);
  assert.equal(await getMembership(s.kv, s.blue.id, s.eli.id), null);
  assert.equal((await getMembership(s.kv, s.red.id, s.eli.id))?.role, "manager");
  assert.ok(await getStaff(s.kv, s.eli.id));
  assert.equal(await validateSession(s.kv, blueSession.token, s.blue.id), null);
  assert.ok(await validateSession(s.kv, redSession.token, s.red.id));
  assert.deepEqual(s.audit.rows.map((r) => [r.action, r.entityId, r.changes]), [
    ["member.removed", s.eli.id, { email: { before: "eli@example.com" }, role: { before: "engineer" } }],
  ]);
  await assert.rejects(
    removeMember(s.kv, { tenantId: s.blue.id, actor: s.actor, staffId: s.eli.id }, s.audit.writer),
    (err: unknown) => err instanceof MemberChangeRefused && err.problems.member === "not_member",
  );
});

Deno.test("members without members.manage can change nobody", async () => {
  using s = await setup();
  for (const role of ROLES.filter((r) => r !== "owner")) {
    const actor = { id: s.eli.id, email: s.eli.email, role };
    await assert.rejects(
      changeMemberRole(
        s.kv,
        { tenantId: s.blue.id, actor, staffId: s.ana.id, role: "engineer" },
        s.audit.writer,
      ),
      ForbiddenError,
    );
    await assert.rejects(
      removeMember(s.kv, { tenantId: s.blue.id, actor, staffId: s.ana.id }, s.audit.writer),
      ForbiddenError,
    );
  }
  assert.equal((await getMembership(s.kv, s.blue.id, s.ana.id))?.role, "owner");
});

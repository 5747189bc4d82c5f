// createMember and joinStudio: joining a studio in one atomic operation with what allows it.
import assert from "node:assert/strict";
import { ConflictError, ValidationError } from "../errors.ts";
import { hashPassword } from "../auth/password.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { openKv } from "./open.ts";
import {
  addMembership,
  createMember,
  createStaff,
  getMembership,
  getStaff,
  getStaffByEmail,
  joinStudio,
  listMemberships,
  type Role,
} from "./staff.ts";

const PASSWORD_HASH = hashPassword("violet tape machine at dawn");
const allowed = ["allowed"];
/** The stand-in for "the invitation is unused": a key the operation checks and deletes. */
const spend = (entry: Deno.KvEntryMaybe<unknown>) => (op: Deno.AtomicOperation) =>
  op.check(entry).delete(allowed);

Deno.test("a new member's identity, e-mail claim, membership and the caller's writes land together", async () => {
  using kv = await openKv(":memory:");
  const studio = await catalogStudio(kv, "blue");
  await kv.set(allowed, true);
  const verifiedAt = new Date().toISOString();
  const created = await createMember(
    kv,
    {
      email: "Eli@Example.com",
      name: " Eli Park ",
      passwordHash: await PASSWORD_HASH,
      emailVerifiedAt: verifiedAt,
    },
    studio.id,
    "engineer",
    spend(await kv.get(allowed)),
  );
  assert.ok(created);
  assert.equal(created.staff.email, "eli@example.com");
  assert.equal(created.staff.name, "Eli Park");
  assert.equal(created.staff.emailVerifiedAt, verifiedAt);
  assert.deepEqual(await getStaffByEmail(kv, "eli@example.com"), created.staff);
  assert.deepEqual(await getMembership(kv, studio.id, created.staff.id), created.membership);
  assert.deepEqual(await listMemberships(kv, created.staff.id), [created.membership]);
  assert.equal((await kv.get(allowed)).value, null, "the caller's delete committed with it");
});

Deno.test("when the caller's check fails nothing of the new member is written", async () => {
  using kv = await openKv(":memory:");
  const studio = await catalogStudio(kv, "blue");
  await kv.set(allowed, true);
  const stale = await kv.get(allowed);
  await kv.set(allowed, "changed");
  assert.equal(
    await createMember(kv, { email: "eli@example.com", name: "Eli" }, studio.id, "engineer", spend(stale)),
    null,
  );
  assert.equal(await getStaffByEmail(kv, "eli@example.com"), null);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: ["memberships"] })), []);
});

Deno.test("a new member whose e-mail already has an account is a ConflictError; bad fields a ValidationError", async () => {
  using kv = await openKv(":memory:");
  const studio = await catalogStudio(kv, "blue");
  await createStaff(kv, { email: "eli@example.com", name: "Eli" });
  await assert.rejects(
    createMember(kv, { email: "ELI@example.com", name: "Eli" }, studio.id, "engineer"),
    ConflictError,
  );
  await assert.rejects(
    createMember(kv, { email: "new@example.com", name: " " }, studio.id, "engineer"),
    ValidationError,
  );
  const janitor = "janitor" as Role; // a role from outside the list, as a form could send
  await assert.rejects(
    createMember(kv, { email: "new@example.com", name: "N" }, studio.id, janitor),
    ValidationError,
  );
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: ["memberships"] })), []);
});

Deno.test("an existing person joins a studio with the caller's writes, verifying the address in the same operation", async () => {
  using kv = await openKv(":memory:");
  const [blue, red] = [await catalogStudio(kv, "blue"), await catalogStudio(kv, "red")];
  const ana = await createStaff(kv, {
    email: "ana@example.com",
    name: "Ana",
    passwordHash: await PASSWORD_HASH,
  });
  await addMembership(kv, blue.id, ana.id, "owner");
  await kv.set(allowed, true);
  const joined = await joinStudio(kv, red.id, ana.id, "bookkeeper", {
    alsoIn: spend(await kv.get(allowed)),
    verifiedEmail: "Ana@example.com",
  });
  assert.ok(joined);
  assert.equal(joined.membership.role, "bookkeeper");
  assert.ok(joined.staff.emailVerifiedAt);
  assert.deepEqual(await getStaff(kv, ana.id), joined.staff);
  assert.equal(joined.staff.passwordHash, await PASSWORD_HASH, "an existing password is kept");
  assert.deepEqual((await listMemberships(kv, ana.id)).map((m) => [m.tenantId, m.role]), [
    [blue.id, "owner"],
    [red.id, "bookkeeper"],
  ]);
  assert.equal((await kv.get(allowed)).value, null);
});

Deno.test("joining gives a password only to an account without one", async () => {
  using kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue");
  const sso = await createStaff(kv, { email: "sso@example.com", name: "Sso" });
  const joined = await joinStudio(kv, blue.id, sso.id, "engineer", { passwordHash: await PASSWORD_HASH });
  assert.equal(joined?.staff.passwordHash, await PASSWORD_HASH);
  assert.ok(joined?.staff.passwordChangedAt);
  await assert.rejects(
    joinStudio(kv, (await catalogStudio(kv, "red")).id, sso.id, "engineer", { passwordHash: "plain text" }),
    ValidationError,
  );
});

Deno.test("joining a studio twice is a ConflictError 'already-member'; a failed caller check joins nothing", async () => {
  using kv = await openKv(":memory:");
  const blue = await catalogStudio(kv, "blue");
  const ana = await createStaff(kv, { email: "ana@example.com", name: "Ana" });
  await addMembership(kv, blue.id, ana.id, "engineer");
  await assert.rejects(joinStudio(kv, blue.id, ana.id, "owner"), (err: unknown) => {
    assert.ok(err instanceof ConflictError);
    assert.equal(err.conflicts[0].reason, "already-member");
    return true;
  });
  assert.equal((await getMembership(kv, blue.id, ana.id))?.role, "engineer", "the role is unchanged");

  const red = await catalogStudio(kv, "red");
  await kv.set(allowed, true);
  const stale = await kv.get(allowed);
  await kv.delete(allowed);
  assert.equal(await joinStudio(kv, red.id, ana.id, "engineer", { alsoIn: spend(stale) }), null);
  assert.equal(await getMembership(kv, red.id, ana.id), null);
});

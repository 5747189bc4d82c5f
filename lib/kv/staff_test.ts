import assert from "node:assert/strict";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { hashPassword } from "../auth/password.ts";
import { isId } from "./ids.ts";
import { openKv } from "./open.ts";
import {
  addMembership,
  createStaff,
  getMember,
  getMembership,
  getMemberWith,
  getStaff,
  getStaffByEmail,
  listMembers,
  listMemberships,
  markEmailVerified,
  type NewStaff,
  removeMembership,
  setPassword,
} from "./staff.ts";
import { catalogStudio } from "../testing/catalog.ts";

/** A valid new staff member with a unique e-mail; override only what the test is about. */
function randomStaff(overrides: Partial<NewStaff> = {}): NewStaff {
  return { email: `${crypto.randomUUID().slice(0, 8)}@blueroom.test`, name: "Ana Lima", ...overrides };
}

async function randomStudio(kv: Deno.Kv): Promise<string> {
  const slug = `studio-${crypto.randomUUID().slice(0, 8)}`;
  const tenant = await catalogStudio(kv, slug, {
    name: "Blue Room",
    timezone: "Europe/Paris",
    locale: "fr-FR",
    status: "provisioning",
  });
  return tenant.id;
}

async function rejectsWith<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
  check: (err: E) => void = () => {},
) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
    check(err);
    return true;
  });
}

// One hash for the file: argon2id takes ~50 ms on purpose.
const PASSWORD_HASH = hashPassword("violet tape machine at dawn");

Deno.test("a new staff member has a u_ id, a normalized e-mail and no password", async () => {
  using kv = await openKv(":memory:");
  const ana = await createStaff(kv, { email: "  Ana.Lima@BlueRoom.FR ", name: " Ana Lima " });
  assert.ok(isId(ana.id, "u"));
  assert.equal(ana.email, "ana.lima@blueroom.fr");
  assert.equal(ana.name, "Ana Lima");
  assert.equal(ana.passwordHash, undefined);
  assert.equal(ana.createdAt, ana.updatedAt);
  assert.deepEqual(await getStaff(kv, ana.id), ana);
  assert.deepEqual(await getStaffByEmail(kv, "ANA.LIMA@blueroom.fr"), ana);
  assert.equal((await kv.get(["staff_emails", "ana.lima@blueroom.fr"])).value, ana.id);
  assert.equal(await getStaffByEmail(kv, "nobody@blueroom.fr"), null);
});

Deno.test("an e-mail has one account, whatever its case", async () => {
  using kv = await openKv(":memory:");
  await createStaff(kv, randomStaff({ email: "ana@blueroom.fr" }));
  await rejectsWith(createStaff(kv, randomStaff({ email: "ANA@blueroom.fr" })), ConflictError, (err) => {
    assert.match(err.message, /already has an account/);
  });
});

Deno.test("of two sign-ups racing for one e-mail exactly one wins", async () => {
  using kv = await openKv(":memory:");
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, () => createStaff(kv, randomStaff({ email: "race@blueroom.fr" }))),
  );
  assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
  assert.equal((await Array.fromAsync(kv.list({ prefix: ["staff"] }))).length, 1);
});

Deno.test("bad e-mails and names are ValidationErrors naming the field", async () => {
  using kv = await openKv(":memory:");
  for (const email of ["", "ana", "ana@", "ana@blueroom", "a na@blueroom.fr", `${"a".repeat(250)}@x.fr`]) {
    await rejectsWith(createStaff(kv, randomStaff({ email })), ValidationError, (err) => {
      assert.ok(err.fields.email, email);
    });
  }
  for (const name of ["", "   ", "Ana\nLima", "x".repeat(101)]) {
    await rejectsWith(createStaff(kv, randomStaff({ name })), ValidationError, (err) => {
      assert.ok(err.fields.name, name);
    });
  }
  await rejectsWith(createStaff(kv, randomStaff({ passwordHash: "hunter2hunter2" })), ValidationError);
  assert.deepEqual(await Array.fromAsync(kv.list({ prefix: [] })), []);
});

Deno.test("setting a password stores the hash and stamps passwordChangedAt", async () => {
  using kv = await openKv(":memory:");
  const ana = await createStaff(kv, randomStaff());
  const updated = await setPassword(kv, ana.id, await PASSWORD_HASH);
  assert.equal(updated.passwordHash, await PASSWORD_HASH);
  assert.ok(updated.passwordChangedAt! >= ana.updatedAt);
  assert.equal(updated.updatedAt, updated.passwordChangedAt);
  assert.deepEqual(await getStaff(kv, ana.id), updated);

  await rejectsWith(setPassword(kv, ana.id, "violet tape machine at dawn"), ValidationError);
  await rejectsWith(setPassword(kv, "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z", await PASSWORD_HASH), NotFoundError);
});

Deno.test("verifying an e-mail stamps emailVerifiedAt once, and only for the address the account has", async () => {
  using kv = await openKv(":memory:");
  const ana = await createStaff(kv, randomStaff({ email: "Ana@BlueRoom.test" }));
  assert.equal(ana.emailVerifiedAt, undefined);
  const verified = await markEmailVerified(kv, ana.id, "ana@blueroom.test");
  assert.ok(verified.emailVerifiedAt);
  assert.deepEqual(await getStaff(kv, ana.id), verified);
  assert.equal(
    (await markEmailVerified(kv, ana.id, "ANA@blueroom.test")).emailVerifiedAt,
    verified.emailVerifiedAt,
  );

  await rejectsWith(markEmailVerified(kv, ana.id, "old@blueroom.test"), ConflictError);
  await rejectsWith(
    markEmailVerified(kv, "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z", "ana@blueroom.test"),
    NotFoundError,
  );
});

Deno.test("a membership is indexed both ways and listed per person and per studio", async () => {
  using kv = await openKv(":memory:");
  const [blue, red] = [await randomStudio(kv), await randomStudio(kv)];
  const ana = await createStaff(kv, randomStaff());
  const bob = await createStaff(kv, randomStaff({ name: "Bob" }));

  const owner = await addMembership(kv, blue, ana.id, "owner");
  await addMembership(kv, red, ana.id, "engineer");
  await addMembership(kv, blue, bob.id, "bookkeeper");

  assert.deepEqual(owner, { tenantId: blue, staffId: ana.id, role: "owner", createdAt: owner.createdAt });
  assert.deepEqual(await getMembership(kv, blue, ana.id), owner);
  assert.equal((await kv.get(["staff_memberships", ana.id, blue])).value, "owner");
  assert.deepEqual((await listMemberships(kv, ana.id)).map((m) => [m.tenantId, m.role]), [
    [blue, "owner"],
    [red, "engineer"],
  ]);
  assert.deepEqual((await listMemberships(kv, ana.id, red)).map((m) => m.tenantId), [blue]);
  assert.deepEqual(await listMemberships(kv, bob.id, blue), [], "nothing besides the studio left out");
  assert.deepEqual((await listMembers(kv, blue)).map((m) => [m.staffId, m.role]), [
    [ana.id, "owner"],
    [bob.id, "bookkeeper"],
  ]);
  assert.equal(await getMembership(kv, red, bob.id), null);
});

Deno.test("getMember reads a person and their role in a studio together, and nothing once they left", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const owner = await createStaff(kv, randomStaff());
  const engineer = await createStaff(kv, randomStaff({ name: "Eli" }));
  await addMembership(kv, studio, owner.id, "owner");
  await addMembership(kv, studio, engineer.id, "engineer");
  const member = await getMember(kv, studio, engineer.id);
  assert.equal(member?.staff.name, "Eli");
  assert.equal(member?.membership.role, "engineer");
  await removeMembership(kv, studio, engineer.id);
  assert.equal(await getMember(kv, studio, engineer.id), null);
  assert.equal(await getMember(kv, await randomStudio(kv), owner.id), null, "not a member there");
});

Deno.test("getMemberWith reads other keys in the same round trip, in order, member or not", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const owner = await createStaff(kv, randomStaff());
  await addMembership(kv, studio, owner.id, "owner");
  await kv.set(["extra", 1], "one");
  const read = await getMemberWith(kv, studio, owner.id, [["extra", 2], ["extra", 1]]);
  assert.equal(read.member?.membership.role, "owner");
  assert.deepEqual(read.also.map((entry) => entry.value), [null, "one"]);
  const stranger = await getMemberWith(kv, await randomStudio(kv), owner.id, [["extra", 1]]);
  assert.equal(stranger.member, null);
  assert.deepEqual(stranger.also.map((entry) => entry.value), ["one"]);
});

Deno.test("adding a membership again is a no-op; with another role it changes the role", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  const first = await addMembership(kv, studio, ana.id, "engineer");
  assert.deepEqual(await addMembership(kv, studio, ana.id, "engineer"), first);

  const promoted = await addMembership(kv, studio, ana.id, "manager");
  assert.equal(promoted.role, "manager");
  assert.equal(promoted.createdAt, first.createdAt);
  assert.equal((await kv.get(["staff_memberships", ana.id, studio])).value, "manager");
  assert.equal((await listMembers(kv, studio)).length, 1);
});

Deno.test("memberships need an existing studio, person and role", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  await rejectsWith(addMembership(kv, "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z", ana.id, "owner"), NotFoundError);
  await rejectsWith(addMembership(kv, studio, "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z", "owner"), NotFoundError);
  await rejectsWith(addMembership(kv, studio, ana.id, "superuser" as "owner"), ValidationError);
});

Deno.test("removing a membership deletes both index entries", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  await addMembership(kv, studio, ana.id, "engineer");
  const removed = await removeMembership(kv, studio, ana.id);
  assert.equal(removed.role, "engineer");
  assert.equal(await getMembership(kv, studio, ana.id), null);
  assert.deepEqual(await listMemberships(kv, ana.id), []);
  assert.equal((await kv.get(["staff_memberships", ana.id, studio])).versionstamp, null);
  await rejectsWith(removeMembership(kv, studio, ana.id), NotFoundError);
});

Deno.test("a studio's last owner can be neither removed nor demoted", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  const bob = await createStaff(kv, randomStaff());
  await addMembership(kv, studio, ana.id, "owner");
  await addMembership(kv, studio, bob.id, "admin");

  await rejectsWith(removeMembership(kv, studio, ana.id), ConflictError, (err) => {
    assert.match(err.message, /at least one owner/);
  });
  await rejectsWith(addMembership(kv, studio, ana.id, "admin"), ConflictError);

  await addMembership(kv, studio, bob.id, "owner");
  await removeMembership(kv, studio, ana.id);
  assert.deepEqual((await listMembers(kv, studio)).map((m) => m.role), ["owner"]);
});

Deno.test("two owners removing each other at once leave one owner", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  const bob = await createStaff(kv, randomStaff());
  await addMembership(kv, studio, ana.id, "owner");
  await addMembership(kv, studio, bob.id, "owner");

  const results = await Promise.allSettled([
    removeMembership(kv, studio, ana.id),
    removeMembership(kv, studio, bob.id),
  ]);
  assert.deepEqual(results.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
  assert.equal((await listMembers(kv, studio)).filter((m) => m.role === "owner").length, 1);
});

Deno.test("a reverse index entry without its record is skipped when listing", async () => {
  using kv = await openKv(":memory:");
  const studio = await randomStudio(kv);
  const ana = await createStaff(kv, randomStaff());
  await kv.set(["staff_memberships", ana.id, studio], "owner");
  assert.deepEqual(await listMemberships(kv, ana.id), []);
});

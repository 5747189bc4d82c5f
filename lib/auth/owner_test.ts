import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { openKv } from "../kv/open.ts";
import { getStaffByEmail, listMemberships } from "../kv/staff.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { addOwner, checkOwner } from "./owner.ts";
import { verifyPassword } from "./password.ts";

Deno.test("a new owner gets an identity with a hashed password and the owner role", async () => {
  using kv = await openKv(":memory:");
  const tenant = await catalogStudio(kv, "first-room");
  await addOwner(kv, tenant.id, {
    email: " Ana@Example.com ",
    password: "violet tractor singing",
    name: "Ana",
  });
  const staff = (await getStaffByEmail(kv, "ana@example.com"))!;
  assert.ok(await verifyPassword("violet tractor singing", staff.passwordHash!));
  assert.deepEqual((await listMemberships(kv, staff.id)).map((m) => [m.tenantId, m.role]), [[
    tenant.id,
    "owner",
  ]]);

  // The same person owning a second studio keeps one identity and its password.
  const second = await catalogStudio(kv, "second-room");
  await addOwner(kv, second.id, { email: "ana@example.com" });
  assert.equal((await listMemberships(kv, staff.id)).length, 2);
});

Deno.test("weak passwords and bad e-mails are refused before anything is created", async () => {
  using kv = await openKv(":memory:");
  await assert.rejects(
    checkOwner(kv, { email: "not-an-email", password: "violet tractor singing" }),
    (err) => {
      assert.ok(err instanceof ValidationError);
      assert.ok(err.fields.ownerEmail);
      return true;
    },
  );
  await assert.rejects(checkOwner(kv, { email: "ana@example.com", password: "short" }), (err) => {
    assert.ok(err instanceof ValidationError);
    assert.match(err.fields.ownerPassword, /at least 12/);
    return true;
  });
  await assert.rejects(checkOwner(kv, { email: "ana@example.com" }), ValidationError);
  assert.equal(await getStaffByEmail(kv, "ana@example.com"), null);
});

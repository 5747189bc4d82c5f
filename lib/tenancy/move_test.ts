import assert from "node:assert/strict";
import { studioProfile } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { listRetiredDatabases, retireDatabase } from "../kv/retired_databases.ts";
import { getTenant, updateTenant } from "../kv/tenants.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { moveStudio } from "./move.ts";
import { provisionStudio, resumeUnfinished } from "./provision.ts";

const studio = { slug: "mover", name: "Mover", timezone: "UTC", currency: "EUR", locale: "en", region: "eu" };

Deno.test("moving a studio copies its data to the new region and drops the old database", async () => {
  await using tenancy = await testTenancy();
  const before = await provisionStudio(tenancy, studio);
  await tenancy.pool.use(before.database, (db) => db.update(studioProfile).set({ name: "Mover (edited)" }));

  const after = await moveStudio(tenancy, before.id, "ap");
  assert.equal(after.region, "ap");
  assert.equal(after.database.region, "ap");
  assert.equal(after.status, "active", "its status is given back");
  assert.equal(await tenancy.driver.exists(before.database), false, "the old database is gone");
  const rows = await tenancy.pool.use(after.database, (db) => db.select().from(studioProfile));
  assert.equal(rows[0].name, "Mover (edited)");
  assert.deepEqual(await listRetiredDatabases(tenancy.kv), []);

  assert.equal((await moveStudio(tenancy, before.id, "ap")).database.name, after.database.name, "a no-op");
  await assert.rejects(moveStudio(tenancy, before.id, "mars"), ValidationError);
});

Deno.test("a move interrupted after the switch has its old database dropped by resumeUnfinished", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, studio);
  const moved = await moveStudio(tenancy, tenant.id, "us");
  // Simulate the crash: the old database exists again with its note, as if the drop never ran.
  const old = await tenancy.driver.create("eu", tenant.database.name);
  await retireDatabase(tenancy.kv, tenant.id, old);
  // A note for the database still in use (a crash before the switch) must not drop it.
  await retireDatabase(tenancy.kv, tenant.id, moved.database);

  const report = await resumeUnfinished(tenancy);
  assert.equal(report.retiredDropped, 2);
  assert.equal(await tenancy.driver.exists(old), false);
  assert.equal(await tenancy.driver.exists(moved.database), true);
  assert.deepEqual(await listRetiredDatabases(tenancy.kv), []);
});

Deno.test("a studio being set up or deleted cannot move", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, studio);
  await updateTenant(tenancy.kv, tenant.id, { status: "deleting" });
  await assert.rejects(moveStudio(tenancy, tenant.id, "us"), (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.match(err.fields.slug, /only active or suspended/);
    return true;
  });
  assert.equal((await getTenant(tenancy.kv, tenant.id))?.region, "eu");
});

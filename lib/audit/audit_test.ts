import assert from "node:assert/strict";
import { studioProfile } from "../../db/schema/mod.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { changedFields, listAudit, recordAudit } from "./audit.ts";
import { auditCsvLines, csvField } from "./csv.ts";

const settings = { timezone: "UTC", currency: "EUR", locale: "en" } as const;
const staff = (id: string) => ({ type: "staff" as const, id, label: `${id}@example.com` });

Deno.test("an audit row commits or rolls back with the change it describes", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, { ...settings, slug: "audited", name: "Audited" });
  await tenancy.pool.use(tenant.database, async (db) => {
    await assert.rejects(db.transaction(async (tx) => {
      await tx.update(studioProfile).set({ name: "Renamed" });
      await recordAudit(tx, {
        actor: staff("u_1"),
        action: "studio.updated",
        changes: { name: { before: "Audited", after: "Renamed" } },
      });
      throw new Error("the change fails after its audit row was written");
    }));
    assert.deepEqual(await listAudit(db), []);
    assert.equal((await db.select().from(studioProfile))[0].name, "Audited");

    await db.transaction(async (tx) => {
      await tx.update(studioProfile).set({ name: "Renamed" });
      await recordAudit(tx, {
        actor: staff("u_1"),
        action: "studio.updated",
        entity: { type: "studio", id: "1" },
      });
    });
    const [row] = await listAudit(db);
    assert.equal(row.action, "studio.updated");
    assert.equal(row.actorLabel, "u_1@example.com");
  });
});

Deno.test("the log is read newest first, filtered, one keyset page at a time", async () => {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, { ...settings, slug: "paged", name: "Paged" });
  await tenancy.pool.use(tenant.database, async (db) => {
    for (let i = 0; i < 7; i++) {
      await recordAudit(db, {
        actor: staff(i % 2 ? "u_odd" : "u_even"),
        action: i < 5 ? "auth.sign_in" : "auth.sign_in_failed",
        ip: "203.0.113.1",
      });
    }
    const first = await listAudit(db, { limit: 3 });
    assert.equal(first.length, 3);
    assert.ok(first[0].id > first[1].id);
    const second = await listAudit(db, { limit: 3, beforeId: first.at(-1)!.id });
    assert.ok(second[0].id < first.at(-1)!.id);
    assert.equal((await listAudit(db, { action: "auth.sign_in_failed" })).length, 2);
    assert.equal((await listAudit(db, { actorId: "u_odd" })).length, 3);
    assert.equal((await listAudit(db, { from: new Date(Date.now() + 60_000).toISOString() })).length, 0);
  });
});

Deno.test("changedFields keeps only what changed", () => {
  assert.deepEqual(
    changedFields({ name: "A", city: "Paris", updatedAt: 1 }, { name: "B", city: "Paris", updatedAt: 2 }),
    {
      name: { before: "A", after: "B" },
    },
  );
  assert.deepEqual(changedFields(null, { name: "B" }), { name: { after: "B" } });
});

Deno.test("CSV export escapes quotes and newlines and defuses spreadsheet formulas", () => {
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField("-1"), "'-1");
  assert.equal(csvField(null), "");
  const lines = auditCsvLines([], true);
  assert.equal(lines, "at,actorType,actorId,actorLabel,action,entityType,entityId,changes,ip,userAgent\r\n");
});

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { auditLog } from "../../db/schema/mod.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { insertClient, insertRoom, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { dataVersion } from "./data_version.ts";
import { PostgresDriver } from "./drivers/postgres.ts";
import { rowsOf } from "./migrations.ts";
import { provisionStudio } from "./provision.ts";

Deno.test("a committed change moves the data version by one, however many rows it writes", async () => {
  await withStudioDb(async (db) => {
    const before = BigInt(await dataVersion(db));
    await insertClient(db, { name: "Ana" });
    assert.equal(BigInt(await dataVersion(db)), before + 1n);
    await db.transaction(async (tx) => {
      await insertClient(tx as never, { name: "Ben" });
      await insertRoom(tx as never, { name: "Live room" });
      await tx.execute(sql`UPDATE clients SET name = name || '!'`);
    });
    assert.equal(BigInt(await dataVersion(db)), before + 2n);
  });
});

Deno.test("reads, rolled-back writes and audit rows leave the data version alone", async () => {
  await withStudioDb(async (db) => {
    const before = await dataVersion(db);
    await db.execute(sql`SELECT count(*) FROM clients`);
    await assert.rejects(db.transaction(async (tx) => {
      await insertClient(tx as never, { name: "Gone" });
      throw new Error("changed my mind");
    }));
    await db.insert(auditLog).values({
      actorType: "system",
      actorId: "test",
      action: "test.noted",
      entityType: "studio",
      entityId: "1",
    });
    assert.equal(await dataVersion(db), before);
  });
});

Deno.test("every table of the studio's data carries the version triggers", async () => {
  await withStudioDb(async (db) => {
    const missing = rowsOf<{ table: string }>(
      await db.execute(sql`
      SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND c.relname NOT IN ('audit_log', 'data_version', 'rsm_schema_migrations')
        AND (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid
             AND t.tgname IN (c.relname || '_data_version', c.relname || '_data_version_truncate')) <> 2
      ORDER BY 1`),
    ).map((row) => row.table);
    assert.deepEqual(missing, [], "a table created after migration 0008 needs the data_version triggers");
    const covered = rowsOf<{ n: number }>(
      await db.execute(sql`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE '%\\_data\\_version'`),
    );
    assert.ok(covered[0].n >= 20, `triggers on the studio's tables (${covered[0].n})`);
  });
});

Deno.test("postgres: concurrent writers each move the version, none is lost", async () => {
  await using server = await startPostgres();
  await using tenancy = await testTenancy({
    driver: (migrations) =>
      new PostgresDriver({ clusters: { eu: server.url }, migrations, maxConnectionsPerTenant: 16 }),
  });
  const tenant = await provisionStudio(tenancy, {
    slug: "versions",
    name: "Versions",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await tenancy.pool.use(tenant.database, async (db) => {
    const before = BigInt(await dataVersion(db));
    await Promise.all(Array.from({ length: 40 }, (_, i) => insertClient(db, { name: `Client ${i}` })));
    assert.equal(BigInt(await dataVersion(db)), before + 40n);
  });
});

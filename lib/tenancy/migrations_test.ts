import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { openPglite } from "./drivers/pglite.ts";
import {
  appliedMigrations,
  loadMigrations,
  migrate,
  type Migration,
  MigrationDriftError,
  rowsOf,
} from "./migrations.ts";

const migration = (version: number, ...statements: string[]): Migration => ({
  version,
  name: `000${version - 1}_test`,
  statements,
  checksum: statements.join(";"),
});

async function withDb(fn: (db: Awaited<ReturnType<typeof openPglite>>["db"]) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "rsm-migrate-" });
  const connection = await openPglite(dir);
  try {
    await fn(connection.db);
  } finally {
    await connection.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the project's migrations load in journal order with their statements", async () => {
  const migrations = await loadMigrations();
  assert.deepEqual(migrations.map((m) => [m.version, m.name]).slice(0, 2), [[1, "0000_init"], [
    2,
    "0001_extensions",
  ]]);
  assert.ok(migrations[1].statements.some((s) => /btree_gist/.test(s)));
});

Deno.test("pending migrations apply once; a re-run applies nothing", async () => {
  await withDb(async (db) => {
    const all = await loadMigrations();
    const first = await migrate(db, all);
    assert.equal(first.from, 0);
    assert.equal(first.to, all.length);
    assert.equal(first.applied.length, all.length);
    const again = await migrate(db, all);
    assert.deepEqual(again, { from: all.length, to: all.length, applied: [] });
    await db.execute(
      sql`INSERT INTO studio_profile (name, timezone, currency, locale) VALUES ('A', 'UTC', 'EUR', 'en')`,
    );
  });
});

Deno.test("a migration that fails half-way leaves no trace, and the fixed one applies cleanly", async () => {
  await withDb(async (db) => {
    const base = migration(1, "CREATE TABLE rooms (id int primary key)");
    await migrate(db, [base]);
    const broken = migration(
      2,
      "CREATE TABLE gear (id int primary key)",
      "ALTER TABLE nowhere ADD COLUMN x int",
    );
    await assert.rejects(() => migrate(db, [base, broken]));
    assert.deepEqual([...(await appliedMigrations(db)).keys()], [1]);
    const gear = await db.execute(sql`SELECT to_regclass('gear') AS t`);
    assert.equal(rowsOf<{ t: string | null }>(gear)[0].t, null, "the first statement was rolled back too");
    const fixed = migration(2, "CREATE TABLE gear (id int primary key)");
    assert.deepEqual((await migrate(db, [base, fixed])).applied, ["0001_test"]);
  });
});

Deno.test("concurrent runners on one database apply each migration exactly once", async () => {
  await withDb(async (db) => {
    const list = [migration(1, "CREATE TABLE a (id int)"), migration(2, "CREATE TABLE b (id int)")];
    const results = await Promise.all([migrate(db, list), migrate(db, list), migrate(db, list)]);
    assert.equal(results.flatMap((r) => r.applied).length, 2);
  });
});

Deno.test("editing an applied migration is refused", async () => {
  await withDb(async (db) => {
    await migrate(db, [migration(1, "CREATE TABLE a (id int)")]);
    await assert.rejects(
      () => migrate(db, [migration(1, "CREATE TABLE a (id bigint)")]),
      MigrationDriftError,
    );
  });
});

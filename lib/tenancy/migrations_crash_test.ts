import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema/mod.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { appliedMigrations, latestVersion, migrate, rowsOf } from "./migrations.ts";
import type { TenantDb } from "./tenant_db.ts";
import { slowMigrations } from "./testdata/slow_migrations.ts";

const CHILD = fileURLToPath(new URL("./testdata/migrate_child.ts", import.meta.url));

Deno.test("a migration run killed mid-migration leaves the previous version; the re-run applies it once", async () => {
  await using server = await startPostgres();
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin`CREATE DATABASE crash_target`;
  const url = server.url.replace(/\/postgres$/, "/crash_target");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as TenantDb;
  try {
    const migrations = await slowMigrations();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CHILD, url],
      stdout: "null",
      stderr: "inherit",
    }).spawn();
    // Kill it while the slow migration's transaction is open, after its first statement ran.
    await waitFor(async () =>
      (await admin`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'`).length > 0
    );
    child.kill("SIGKILL");
    await child.status;
    await waitFor(async () =>
      (await admin`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'`).length === 0
    );

    const before = await appliedMigrations(db);
    assert.equal(
      Math.max(...before.keys()),
      latestVersion(migrations) - 1,
      "stopped at the previous version",
    );
    const probe = await db.execute(sql`SELECT to_regclass('crash_probe') AS t`);
    assert.equal(
      rowsOf<{ t: string | null }>(probe)[0].t,
      null,
      "the killed migration's first statement was rolled back",
    );

    // Re-run without the sleep: the killed migration is applied exactly once.
    const fixed = migrations.map((m) =>
      m.name === "9999_slow" ? { ...m, statements: [m.statements[0]], checksum: "slow-fixed" } : m
    );
    assert.deepEqual((await migrate(db, fixed)).applied, ["9999_slow"]);
    assert.deepEqual((await migrate(db, fixed)).applied, []);
    const after = await db.execute(
      sql`SELECT count(*)::int AS n FROM rsm_schema_migrations WHERE name = '9999_slow'`,
    );
    assert.equal(rowsOf<{ n: number }>(after)[0].n, 1);
  } finally {
    await client.end();
    await admin.end();
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

// The behaviour every driver shares is in conformance.ts; these cases are about templates and clusters.
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { startPostgres } from "../../testing/postgres_server.ts";
import { loadMigrations, rowsOf } from "../migrations.ts";
import { PostgresDriver } from "./postgres.ts";

Deno.test("postgres: a region without a cluster names the variable to set", async () => {
  const driver = new PostgresDriver({ clusters: {}, migrations: [] });
  await assert.rejects(driver.create("ap", "t_a"), /region "ap".*POSTGRES_URL_AP/);
});

Deno.test("postgres: names that are not plain identifiers, or are ours, are refused", async () => {
  const driver = new PostgresDriver({ clusters: { eu: "postgres://127.0.0.1:1/postgres" }, migrations: [] });
  for (const name of ['a"; DROP DATABASE x; --', "Studio", "", "postgres", "template1", "rsm_template_v1"]) {
    await assert.rejects(driver.create("eu", name), /Unsafe database name/, name);
    await assert.rejects(driver.exists({ driver: "postgres", region: "eu", name }), /Unsafe database name/);
  }
});

Deno.test("postgres: one template per schema version, built once by racing processes, the older one dropped", async () => {
  await using server = await startPostgres();
  const all = await loadMigrations();
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  const templates = async () =>
    (await admin<{ datname: string; datallowconn: boolean }[]>`
      SELECT datname, datallowconn FROM pg_database WHERE datname LIKE 'rsm\\_template%' ORDER BY datname`)
      .map((row) => `${row.datname}${row.datallowconn ? "" : " (no connections)"}`);
  // Two drivers stand for two app processes starting at once.
  const v1 = [1, 2].map(() =>
    new PostgresDriver({ clusters: { eu: server.url }, migrations: all.slice(0, 1) })
  );
  const v2 = new PostgresDriver({ clusters: { eu: server.url }, migrations: all.slice(0, 2) });
  try {
    await Promise.all(v1.map((driver, i) => driver.create("eu", `t_old_${i}`)));
    assert.deepEqual(await templates(), ["rsm_template_v1 (no connections)"]);

    // A builder that died mid-way left this behind; the next builder removes it.
    await admin`CREATE DATABASE rsm_template_v2_partial_deadbeef`;
    const created = await v2.create("eu", "t_new");
    assert.deepEqual(await templates(), ["rsm_template_v2 (no connections)"]);

    const connection = await v2.open(created);
    try {
      const result = await connection.db.execute(sql`SELECT max(version) AS v FROM rsm_schema_migrations`);
      assert.equal(Number(rowsOf<{ v: number }>(result)[0].v), 2);
    } finally {
      await connection.close();
    }
    assert.equal(await v1[0].exists({ driver: "postgres", region: "eu", name: "t_old_1" }), true);
  } finally {
    await Promise.all([...v1, v2].map((driver) => driver.close()));
    await admin.end();
  }
});

Deno.test("postgres: drop ends the studio's open connections instead of failing on them", async () => {
  await using server = await startPostgres();
  const driver = new PostgresDriver({ clusters: { eu: server.url }, migrations: await loadMigrations() });
  try {
    const locator = await driver.create("eu", "t_busy");
    const connection = await driver.open(locator);
    try {
      await connection.db.execute(sql`SELECT 1`);
      await driver.drop(locator);
      assert.equal(await driver.exists(locator), false);
    } finally {
      await connection.close();
    }
  } finally {
    await driver.close();
  }
});

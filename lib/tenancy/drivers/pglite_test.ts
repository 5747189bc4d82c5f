import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { studioProfile } from "../../../db/schema/mod.ts";
import { latestVersion, loadMigrations, rowsOf } from "../migrations.ts";
import { PgliteDriver } from "./pglite.ts";

Deno.test("pglite: studios get separate databases at the latest schema, created from one template", async () => {
  const root = await Deno.makeTempDir({ prefix: "rsm-pglite-" });
  const migrations = await loadMigrations();
  const driver = new PgliteDriver(root, migrations);
  try {
    const a = await driver.create("eu", "studio_a");
    const b = await driver.create("eu", "studio_b");
    assert.deepEqual(a, { driver: "pglite", region: "eu", name: "studio_a" });
    assert.equal(await driver.exists(a), true);

    const ca = await driver.open(a);
    const cb = await driver.open(b);
    try {
      const versions = await ca.db.execute(sql`SELECT max(version) AS v FROM rsm_schema_migrations`);
      assert.equal(Number(rowsOf<{ v: number }>(versions)[0].v), latestVersion(migrations));
      await ca.db.insert(studioProfile).values({
        name: "A",
        timezone: "Europe/Paris",
        currency: "EUR",
        locale: "fr",
      });
      assert.equal((await cb.db.select().from(studioProfile)).length, 0, "B does not see A's rows");
    } finally {
      await ca.close();
      await cb.close();
    }

    // Creating again is a no-op that keeps the data.
    await driver.create("eu", "studio_a");
    const again = await driver.open(a);
    try {
      assert.equal((await again.db.select().from(studioProfile))[0].name, "A");
    } finally {
      await again.close();
    }

    await driver.drop(a);
    assert.equal(await driver.exists(a), false);
    await driver.drop(a);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pglite: a copy interrupted half-way is never mistaken for a studio's database", async () => {
  const root = await Deno.makeTempDir({ prefix: "rsm-pglite-" });
  const driver = new PgliteDriver(root, await loadMigrations());
  try {
    await Deno.mkdir(`${root}/eu/.partial-studio_c-crashed`, { recursive: true });
    assert.equal(await driver.exists({ driver: "pglite", region: "eu", name: "studio_c" }), false);
    const c = await driver.create("eu", "studio_c");
    assert.equal(await driver.exists(c), true);
    assert.deepEqual(
      [...Deno.readDirSync(`${root}/eu`)].map((e) => e.name),
      ["studio_c"],
      "the leftover is gone",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("pglite: database names that could escape the data directory are refused", async () => {
  const driver = new PgliteDriver("/tmp/unused", []);
  await assert.rejects(
    () => driver.exists({ driver: "pglite", region: "eu", name: "../etc" }),
    /Unsafe database name/,
  );
});

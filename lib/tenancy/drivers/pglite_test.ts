// The behaviour every driver shares is in conformance.ts; these cases are about PGlite's directories.
import assert from "node:assert/strict";
import { loadMigrations } from "../migrations.ts";
import { PgliteDriver } from "./pglite.ts";

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

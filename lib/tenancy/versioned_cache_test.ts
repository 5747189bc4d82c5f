import assert from "node:assert/strict";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { VersionedCache } from "./versioned_cache.ts";

const options = { maxBytes: 1_000, maxAgeMs: 60_000 };

Deno.test("a value is computed once while the studio's data stays the same, and again after a change", async () => {
  await withStudioDb(async (db) => {
    const cache = new VersionedCache<string>(options, (v) => v.length);
    let computed = 0;
    const compute = () => Promise.resolve(`value ${++computed}`);
    assert.equal(await cache.get(db, "t1", "list", compute), "value 1");
    assert.equal(await cache.get(db, "t1", "list", compute), "value 1");
    await insertClient(db, { name: "New" });
    assert.equal(await cache.get(db, "t1", "list", compute), "value 2");
    // Keys and studios are apart.
    assert.equal(await cache.get(db, "t1", "other", compute), "value 3");
    assert.equal(await cache.get(db, "t2", "list", compute), "value 4");
    assert.equal(await cache.get(db, "t1", "list", compute), "value 2");
  });
});

Deno.test("an entry older than maxAge is recomputed even at the same version", async () => {
  await withStudioDb(async (db) => {
    const cache = new VersionedCache<string>(options, (v) => v.length);
    let computed = 0;
    const compute = () => Promise.resolve(`value ${++computed}`);
    await cache.get(db, "t1", "list", compute, 0);
    assert.equal(await cache.get(db, "t1", "list", compute, 59_999), "value 1");
    assert.equal(await cache.get(db, "t1", "list", compute, 60_000), "value 2");
  });
});

Deno.test("the cache stays within its size, dropping the least recently used first", async () => {
  await withStudioDb(async (db) => {
    const cache = new VersionedCache<string>({ ...options, maxBytes: 250 }, (v) => v.length);
    const value = (c: string) => () => Promise.resolve(c.repeat(100));
    await cache.get(db, "t", "a", value("a"));
    await cache.get(db, "t", "b", value("b"));
    await cache.get(db, "t", "a", value("x")); // a is now the most recently used
    await cache.get(db, "t", "c", value("c")); // b goes
    assert.deepEqual(cache.size, { entries: 2, bytes: 200 });
    assert.equal(await cache.get(db, "t", "a", value("y")), "a".repeat(100));
    assert.equal(await cache.get(db, "t", "b", value("z")), "z".repeat(100));
    // Larger than the whole cache: returned, never kept.
    assert.equal((await cache.get(db, "t", "big", value("bbb"))).length, 300);
    assert.ok(cache.size.bytes <= 250);
  });
});

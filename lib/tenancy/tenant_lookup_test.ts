import assert from "node:assert/strict";
import { openKv } from "../kv/open.ts";
import { addCustomDomain, updateTenant } from "../kv/tenants.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { TenantLookup } from "./tenant_lookup.ts";

async function catalog() {
  const kv = await openKv(":memory:");
  const tenant = await catalogStudio(kv, "blue", { name: "Blue" });
  return { kv, tenant };
}

Deno.test("answers are reused for ttlMs, then read again", async () => {
  const { kv, tenant } = await catalog();
  using _ = kv;
  let now = 0;
  const lookup = new TenantLookup(kv, { ttlMs: 1000, maxEntries: 10, now: () => now });
  assert.equal((await lookup.bySlug("blue"))?.status, "active");
  await updateTenant(kv, tenant.id, { status: "suspended" });
  assert.equal((await lookup.bySlug("blue"))?.status, "active", "still the remembered answer");
  now = 1001;
  assert.equal((await lookup.bySlug("blue"))?.status, "suspended");
  assert.equal(await lookup.bySlug("nobody"), null);
});

Deno.test("forget shows this process's own changes at once; the cache stays within maxEntries", async () => {
  const { kv, tenant } = await catalog();
  using _ = kv;
  const lookup = new TenantLookup(kv, { ttlMs: 60_000, maxEntries: 2, now: () => 0 });
  assert.equal(await lookup.byDomain("book.blue.com"), null);
  const withDomain = await addCustomDomain(kv, tenant.id, "book.blue.com");
  lookup.forget(withDomain);
  assert.equal((await lookup.byDomain("book.blue.com"))?.slug, "blue");
  await lookup.bySlug("a");
  await lookup.bySlug("b");
  await lookup.bySlug("c");
  // "book.blue.com" was the oldest and is forgotten: a change now shows on the next read.
  await updateTenant(kv, tenant.id, { name: "Renamed" });
  assert.equal((await lookup.byDomain("book.blue.com"))?.name, "Renamed");
});

Deno.test("expired answers are let go, not kept until maxEntries pushes them out", async () => {
  const { kv } = await catalog();
  using _ = kv;
  let now = 0;
  const lookup = new TenantLookup(kv, { ttlMs: 1000, maxEntries: 10_000, now: () => now });
  for (const slug of ["blue", "a", "b", "c"]) await lookup.bySlug(slug);
  assert.equal(lookup.size, 4);
  now = 600;
  await lookup.byDomain("book.blue.com");
  assert.equal(lookup.size, 5, "none expired yet");
  now = 1000;
  assert.equal(await lookup.byDomain("book.blue.com"), null);
  assert.equal(lookup.size, 1, "the four answers of time 0 expired at 1000");
  now = 1600;
  assert.equal((await lookup.bySlug("blue"))?.slug, "blue");
  assert.equal(lookup.size, 1, "the domain's answer expired too; only the fresh one is left");
});

import assert from "node:assert/strict";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { isId, newId } from "./ids.ts";
import {
  addCustomDomain,
  createTenant,
  deleteTenant,
  getTenant,
  getTenantByDomain,
  getTenantBySlug,
  listTenants,
  type NewTenant,
  removeCustomDomain,
  type Tenant,
  type TenantStatus,
  updateTenant,
} from "./tenants.ts";

/** A valid new tenant with a unique slug; override only what the test is about. */
function randomTenant(overrides: Partial<NewTenant> = {}): NewTenant {
  const slug = overrides.slug ?? `studio-${crypto.randomUUID().slice(0, 8)}`;
  return {
    slug,
    name: "Blue Room Studios",
    region: "eu",
    database: { driver: "pglite", region: "eu", name: slug },
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr-FR",
    ...overrides,
  };
}

async function rejectsWith<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
  check: (err: E) => void = () => {},
) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
    check(err);
    return true;
  });
}

async function keysUnder(kv: Deno.Kv, prefix: string) {
  return (await Array.fromAsync(kv.list({ prefix: [prefix] }))).map((entry) => [entry.key, entry.value]);
}

Deno.test("a new tenant is provisioning on the free plan, without domains or migrations", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant({ slug: "blue-room", country: "FR" }));

  assert.ok(isId(tenant.id, "t"));
  assert.equal(tenant.status, "provisioning");
  assert.equal(tenant.plan, "free");
  assert.equal(tenant.schemaVersion, 0);
  assert.deepEqual(tenant.customDomains, []);
  assert.equal(tenant.country, "FR");
  assert.equal(tenant.createdAt, tenant.updatedAt);
  assert.equal(new Date(tenant.createdAt).toISOString(), tenant.createdAt);
  assert.deepEqual(await getTenant(kv, tenant.id), tenant);
  assert.deepEqual(await getTenantBySlug(kv, "blue-room"), tenant);
  assert.deepEqual(await keysUnder(kv, "tenant_slugs"), [[["tenant_slugs", "blue-room"], tenant.id]]);
});

Deno.test("status, plan and id may be given at creation", async () => {
  using kv = await Deno.openKv(":memory:");
  const id = newId("t");
  const tenant = await createTenant(kv, randomTenant({ id, status: "active", plan: "pro" }));
  assert.equal(tenant.id, id);
  assert.equal(tenant.status, "active");
  assert.equal(tenant.plan, "pro");

  await rejectsWith(createTenant(kv, randomTenant({ id })), ConflictError, (err) => {
    assert.match(err.message, /already exists/);
  });
  await rejectsWith(createTenant(kv, randomTenant({ id: "u_123" })), ValidationError, (err) => {
    assert.match(err.fields.id, /ULID/);
  });
});

Deno.test("a badly formed or reserved slug is a ValidationError on the slug field", async () => {
  using kv = await Deno.openKv(":memory:");
  const refused = [
    "ab",
    "Blue-Room",
    "-blue",
    "blue-",
    "blue--room",
    "blue_room",
    "x".repeat(41),
    "www",
    "admin",
  ];
  for (const slug of refused) {
    await rejectsWith(createTenant(kv, randomTenant({ slug })), ValidationError, (err) => {
      assert.equal(typeof err.fields.slug, "string", slug);
    });
  }
  for (const slug of ["abc", "studio-42", "x".repeat(40)]) {
    assert.equal((await createTenant(kv, randomTenant({ slug }))).slug, slug);
  }
  assert.equal((await listTenants(kv)).tenants.length, 3);
});

Deno.test("of 20 concurrent creates with one slug exactly one succeeds", async () => {
  using kv = await Deno.openKv(":memory:");
  const results = await Promise.allSettled(
    Array.from(
      { length: 20 },
      (_, i) => createTenant(kv, randomTenant({ slug: "echo-chamber", name: `Echo ${i}` })),
    ),
  );

  const created = results.filter((result) => result.status === "fulfilled");
  const refused = results.filter((result) => result.status === "rejected");
  assert.equal(created.length, 1);
  assert.equal(refused.length, 19);
  for (const { reason } of refused) {
    assert.ok(reason instanceof ConflictError);
    assert.equal(reason.message, 'The slug "echo-chamber" is already taken by another studio.');
    assert.deepEqual(reason.conflicts, [{ slug: "echo-chamber" }]);
  }
  const { tenants } = await listTenants(kv);
  assert.equal(tenants.length, 1);
  assert.deepEqual(await getTenantBySlug(kv, "echo-chamber"), tenants[0]);
});

Deno.test("unknown ids, slugs and domains read as null", async () => {
  using kv = await Deno.openKv(":memory:");
  assert.equal(await getTenant(kv, newId("t")), null);
  assert.equal(await getTenantBySlug(kv, "nobody"), null);
  assert.equal(await getTenantByDomain(kv, "nobody.example.com"), null);
});

Deno.test("a dangling index entry reads as no tenant", async () => {
  using kv = await Deno.openKv(":memory:");
  const ghost = newId("t");
  await kv.set(["tenant_slugs", "ghost-studio"], ghost);
  await kv.set(["tenant_domains", "ghost.example.com"], ghost);
  assert.equal(await getTenantBySlug(kv, "ghost-studio"), null);
  assert.equal(await getTenantByDomain(kv, "ghost.example.com"), null);

  // An entry pointing at a real tenant that does not list the name is dangling too.
  const tenant = await createTenant(kv, randomTenant());
  await kv.set(["tenant_domains", "stale.example.com"], tenant.id);
  await kv.set(["tenant_slugs", "old-slug"], tenant.id);
  assert.equal(await getTenantByDomain(kv, "stale.example.com"), null);
  assert.equal(await getTenantBySlug(kv, "old-slug"), null);
});

Deno.test("an update changes only the given fields and moves updatedAt", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant());
  await new Promise((resolve) => setTimeout(resolve, 2));

  const patch = { name: "Blue Room", status: "active", schemaVersion: 3, locale: undefined, slug: "sneaky" };
  const updated = await updateTenant(kv, tenant.id, patch as Parameters<typeof updateTenant>[2]);

  assert.equal(updated.name, "Blue Room");
  assert.equal(updated.status, "active");
  assert.equal(updated.schemaVersion, 3);
  assert.equal(updated.locale, tenant.locale, "undefined leaves a field alone");
  assert.equal(updated.slug, tenant.slug, "the slug is not an updatable field");
  assert.ok(updated.updatedAt > tenant.updatedAt);
  assert.equal(updated.createdAt, tenant.createdAt);
  assert.deepEqual(await getTenant(kv, tenant.id), updated);
  assert.equal(await getTenantBySlug(kv, "sneaky"), null);
});

Deno.test("concurrent updates of different fields and domains all land", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant());
  const database = { driver: "postgres", region: "us", name: "tenant_blue" } as const;

  await Promise.all([
    updateTenant(kv, tenant.id, { name: "Renamed" }),
    updateTenant(kv, tenant.id, { status: "active" }),
    updateTenant(kv, tenant.id, { schemaVersion: 7 }),
    updateTenant(kv, tenant.id, { plan: "pro" }),
    updateTenant(kv, tenant.id, { timezone: "America/New_York" }),
    updateTenant(kv, tenant.id, { currency: "USD" }),
    updateTenant(kv, tenant.id, { locale: "en-US" }),
    updateTenant(kv, tenant.id, { database }),
    addCustomDomain(kv, tenant.id, "one.example.com"),
    addCustomDomain(kv, tenant.id, "two.example.com"),
  ]);

  const stored = (await getTenant(kv, tenant.id))!;
  assert.equal(stored.name, "Renamed");
  assert.equal(stored.status, "active");
  assert.equal(stored.schemaVersion, 7);
  assert.equal(stored.plan, "pro");
  assert.equal(stored.timezone, "America/New_York");
  assert.equal(stored.currency, "USD");
  assert.equal(stored.locale, "en-US");
  assert.deepEqual(stored.database, database);
  assert.deepEqual([...stored.customDomains].sort(), ["one.example.com", "two.example.com"]);
  assert.equal((await getTenantByDomain(kv, "two.example.com"))?.id, tenant.id);
});

Deno.test("a write that loses every race gives up with a ConflictError and changes nothing", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant());
  // Another writer touches the record right after each read, so every versionstamp check fails.
  const contended = new Proxy(kv, {
    get(target, property) {
      if (property === "get") {
        return async (key: Deno.KvKey) => {
          const entry = await target.get(key);
          await target.set(key, entry.value);
          return entry;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });

  await rejectsWith(updateTenant(contended, tenant.id, { name: "Never" }), ConflictError, (err) => {
    assert.match(err.message, /changed by others 10 times/);
  });
  assert.equal((await getTenant(kv, tenant.id))?.name, tenant.name);
});

Deno.test("writes to an unknown tenant are NotFoundErrors", async () => {
  using kv = await Deno.openKv(":memory:");
  const id = newId("t");
  await rejectsWith(updateTenant(kv, id, { name: "x" }), NotFoundError);
  await rejectsWith(addCustomDomain(kv, id, "a.example.com"), NotFoundError);
  await rejectsWith(removeCustomDomain(kv, id, "a.example.com"), NotFoundError);
  await rejectsWith(deleteTenant(kv, id), NotFoundError);
  assert.deepEqual(await keysUnder(kv, "tenant_domains"), []);
});

Deno.test("a custom domain belongs to one tenant and is found case-insensitively", async () => {
  using kv = await Deno.openKv(":memory:");
  const blue = await createTenant(kv, randomTenant());
  const red = await createTenant(kv, randomTenant());

  const withDomain = await addCustomDomain(kv, blue.id, "Book.BlueRoom.com");
  assert.deepEqual(withDomain.customDomains, ["book.blueroom.com"]);
  assert.deepEqual(
    await addCustomDomain(kv, blue.id, "book.blueroom.com"),
    withDomain,
    "adding again is a no-op",
  );
  await rejectsWith(addCustomDomain(kv, red.id, "book.blueroom.com."), ConflictError, (err) => {
    assert.equal(err.message, "book.blueroom.com is already connected to another studio.");
    assert.deepEqual(err.conflicts, [{ hostname: "book.blueroom.com" }]);
  });

  assert.equal((await getTenantByDomain(kv, "BOOK.blueroom.com."))?.id, blue.id);
  assert.deepEqual((await getTenant(kv, red.id))?.customDomains, []);
  assert.deepEqual(await keysUnder(kv, "tenant_domains"), [[
    ["tenant_domains", "book.blueroom.com"],
    blue.id,
  ]]);
});

Deno.test("of 20 tenants adding one domain at once exactly one gets it", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenants = await Promise.all(Array.from({ length: 20 }, () => createTenant(kv, randomTenant())));

  const results = await Promise.allSettled(
    tenants.map((t) => addCustomDomain(kv, t.id, "shared.example.com")),
  );

  const winners = results.flatMap((result) => result.status === "fulfilled" ? [result.value] : []);
  assert.equal(winners.length, 1);
  for (const result of results) {
    if (result.status === "rejected") assert.ok(result.reason instanceof ConflictError);
  }
  assert.equal((await getTenantByDomain(kv, "shared.example.com"))?.id, winners[0].id);
  const holders = (await listTenants(kv)).tenants.filter((t) =>
    t.customDomains.includes("shared.example.com")
  );
  assert.deepEqual(holders.map((t) => t.id), [winners[0].id]);
});

Deno.test("an invalid hostname is refused before anything is written", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant());
  for (
    const hostname of [
      "studio.example.com:8443",
      "https://studio.example.com",
      "localhost",
      "bad_host.example.com",
    ]
  ) {
    await rejectsWith(addCustomDomain(kv, tenant.id, hostname), ValidationError, (err) => {
      assert.equal(typeof err.fields.hostname, "string", hostname);
    });
  }
  assert.deepEqual(await keysUnder(kv, "tenant_domains"), []);
});

Deno.test("removing a domain frees it for another tenant", async () => {
  using kv = await Deno.openKv(":memory:");
  const blue = await createTenant(kv, randomTenant());
  const red = await createTenant(kv, randomTenant());
  await addCustomDomain(kv, blue.id, "studio.example.com");
  await addCustomDomain(kv, blue.id, "keep.example.com");

  await rejectsWith(removeCustomDomain(kv, red.id, "studio.example.com"), NotFoundError);
  const removed = await removeCustomDomain(kv, blue.id, "Studio.Example.com");
  assert.deepEqual(removed.customDomains, ["keep.example.com"]);
  assert.equal(await getTenantByDomain(kv, "studio.example.com"), null);
  await rejectsWith(removeCustomDomain(kv, blue.id, "studio.example.com"), NotFoundError);

  await addCustomDomain(kv, red.id, "studio.example.com");
  assert.equal((await getTenantByDomain(kv, "studio.example.com"))?.id, red.id);
  assert.equal((await getTenantByDomain(kv, "keep.example.com"))?.id, blue.id);
});

Deno.test("deleting a tenant removes its slug and domains so both can be reused", async () => {
  using kv = await Deno.openKv(":memory:");
  const tenant = await createTenant(kv, randomTenant({ slug: "reused-name" }));
  await addCustomDomain(kv, tenant.id, "a.example.com");
  await addCustomDomain(kv, tenant.id, "b.example.com");
  const other = await createTenant(kv, randomTenant());

  const deleted = await deleteTenant(kv, tenant.id);
  assert.equal(deleted.id, tenant.id);
  assert.deepEqual(deleted.customDomains, ["a.example.com", "b.example.com"]);
  assert.equal(await getTenant(kv, tenant.id), null);
  assert.deepEqual(await keysUnder(kv, "tenant_domains"), []);
  assert.deepEqual(await keysUnder(kv, "tenant_slugs"), [[["tenant_slugs", other.slug], other.id]]);

  const successor = await createTenant(kv, randomTenant({ slug: "reused-name" }));
  await addCustomDomain(kv, successor.id, "a.example.com");
  assert.equal((await getTenantBySlug(kv, "reused-name"))?.id, successor.id);
  assert.equal((await getTenantByDomain(kv, "a.example.com"))?.id, successor.id);
  await rejectsWith(deleteTenant(kv, tenant.id), NotFoundError);
});

Deno.test("a domain added while the tenant is being deleted is never left behind", async () => {
  using kv = await Deno.openKv(":memory:");
  for (let round = 0; round < 10; round++) {
    const tenant = await createTenant(kv, randomTenant());
    await Promise.allSettled([
      addCustomDomain(kv, tenant.id, `r${round}.example.com`),
      deleteTenant(kv, tenant.id),
      addCustomDomain(kv, tenant.id, `s${round}.example.com`),
    ]);
    assert.equal(await getTenant(kv, tenant.id), null);
  }
  assert.deepEqual(await keysUnder(kv, "tenant_domains"), []);
  assert.deepEqual(await keysUnder(kv, "tenant_slugs"), []);
});

Deno.test("tenants list in creation order, a page at a time", async () => {
  using kv = await Deno.openKv(":memory:");
  const created: Tenant[] = [];
  for (let i = 0; i < 5; i++) created.push(await createTenant(kv, randomTenant()));

  const first = await listTenants(kv, { limit: 2 });
  const second = await listTenants(kv, { limit: 2, cursor: first.cursor });
  const third = await listTenants(kv, { limit: 2, cursor: second.cursor });

  assert.deepEqual(
    [...first.tenants, ...second.tenants, ...third.tenants].map((t) => t.id),
    created.map((t) => t.id),
  );
  assert.deepEqual(third.tenants.map((t) => t.id), [created[4].id]);
  assert.equal(third.cursor, undefined);
  assert.deepEqual(created.map((t) => t.id), created.map((t) => t.id).sort(), "ids sort in creation order");

  const exact = await listTenants(kv, { limit: 5 });
  assert.equal(exact.tenants.length, 5);
  assert.equal(exact.cursor, undefined, "no cursor to an empty page");
  assert.equal((await listTenants(kv)).tenants.length, 5);
});

Deno.test("a status filter pages through matching tenants only", async () => {
  using kv = await Deno.openKv(":memory:");
  const statuses: TenantStatus[] = [
    "active",
    "suspended",
    "active",
    "provisioning",
    "active",
    "active",
    "suspended",
  ];
  const created: Tenant[] = [];
  for (const status of statuses) created.push(await createTenant(kv, randomTenant({ status })));
  const active = created.filter((t) => t.status === "active").map((t) => t.id);

  const first = await listTenants(kv, { status: "active", limit: 3 });
  assert.deepEqual(first.tenants.map((t) => t.id), active.slice(0, 3));
  assert.ok(first.cursor);
  const second = await listTenants(kv, { status: "active", limit: 3, cursor: first.cursor });
  assert.deepEqual(second.tenants.map((t) => t.id), active.slice(3));
  assert.equal(second.cursor, undefined);

  assert.equal((await listTenants(kv, { status: "suspended" })).tenants.length, 2);
  assert.deepEqual(await listTenants(kv, { status: "deleting" }), { tenants: [] });
});

Deno.test("a page size outside 1–1000 or an undecodable cursor is a ValidationError", async () => {
  using kv = await Deno.openKv(":memory:");
  await createTenant(kv, randomTenant());
  for (const limit of [0, -1, 1.5, 1001]) {
    await rejectsWith(listTenants(kv, { limit }), ValidationError, (err) => assert.ok(err.fields.limit));
  }
  await rejectsWith(listTenants(kv, { cursor: "%%not base64%%" }), ValidationError, (err) => {
    assert.ok(err.fields.cursor);
  });
});

import { clients, engineers, gear, rooms } from "../../db/schema/mod.ts";
import { newId } from "../kv/ids.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { testTenancy } from "./test_tenancy.ts";

/** Rows valid in one call; each test overrides only what it is about. */
export async function insertRoom(db: TenantDb, fields: Partial<typeof rooms.$inferInsert> = {}) {
  const [row] = await db.insert(rooms).values({
    id: newId("room"),
    name: `Room ${crypto.randomUUID()}`,
    ...fields,
  })
    .returning();
  return row;
}

export async function insertEngineer(db: TenantDb, fields: Partial<typeof engineers.$inferInsert> = {}) {
  const [row] = await db.insert(engineers).values({
    id: newId("eng"),
    name: `Engineer ${crypto.randomUUID()}`,
    ...fields,
  })
    .returning();
  return row;
}

export async function insertGear(db: TenantDb, fields: Partial<typeof gear.$inferInsert> = {}) {
  const [row] = await db.insert(gear).values({
    id: newId("gear"),
    name: `Gear ${crypto.randomUUID()}`,
    ...fields,
  })
    .returning();
  return row;
}

export async function insertClient(db: TenantDb, fields: Partial<typeof clients.$inferInsert> = {}) {
  const [row] = await db.insert(clients).values({
    id: newId("cli"),
    kind: "person",
    name: "Ada Lovelace",
    ...fields,
  })
    .returning();
  return row;
}

/** Runs `fn` against a fresh studio database on PGlite (the embedded default). */
export async function withStudioDb<T>(fn: (db: TenantDb) => Promise<T>): Promise<T> {
  await using tenancy = await testTenancy();
  const tenant = await provisionStudio(tenancy, {
    slug: `s${crypto.randomUUID().slice(0, 8)}`,
    name: "Test Studio",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  return await tenancy.pool.use(tenant.database, fn);
}

import { bookingOffers } from "../../db/schema/mod.ts";
import { newId } from "../kv/ids.ts";
import { DEFAULT_POLICY } from "../portal/policy.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertRoom } from "./scheduling_fixtures.ts";

/** A room open every day 09:00–21:00 (studio time), so tests can book any day. */
export async function insertOpenRoom(db: TenantDb, name = "Live room") {
  return await insertRoom(db, {
    name,
    openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "09:00", close: "21:00" })),
  });
}

export async function insertOffer(
  db: TenantDb,
  fields: Partial<typeof bookingOffers.$inferInsert> & { roomIds: string[] },
) {
  const [row] = await db.insert(bookingOffers).values({
    id: newId("off"),
    name: "Vocal recording",
    durations: [{ minutes: 240, price: 40_000 }],
    currency: "EUR",
    policy: DEFAULT_POLICY,
    ...fields,
  }).returning();
  return row;
}

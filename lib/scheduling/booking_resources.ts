import { eq, inArray, sql } from "drizzle-orm";
import { engineers, gear, rooms } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { listPlaceholders, listValues, ReusableSelect, ReusableSelects } from "../tenancy/reusable_select.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export type Room = typeof rooms.$inferSelect;
export type Engineer = typeof engineers.$inferSelect;
export type GearItem = typeof gear.$inferSelect;

/** The room, engineers and gear a booking asks for, loaded and checked to exist. */
export interface BookingResources {
  room: Room;
  engineers: Engineer[];
  gear: { item: GearItem; quantity: number }[];
}

const roomById = new ReusableSelect((qb) =>
  qb.select().from(rooms).where(eq(rooms.id, sql.placeholder("id")))
);
const engineersByIds = new ReusableSelects((qb, count: number) =>
  qb.select().from(engineers).where(inArray(engineers.id, listPlaceholders("id", count)))
);
const gearByIds = new ReusableSelects((qb, count: number) =>
  qb.select().from(gear).where(inArray(gear.id, listPlaceholders("id", count)))
);

/**
 * Loads what a booking names. An unknown or inactive room or engineer, or gear that does not exist,
 * is a field error, not a conflict: the request itself is wrong.
 */
export async function loadBookingResources(
  db: Pick<TenantDb, "_">,
  request: { roomId: string; engineerIds: string[]; gear: { gearId: string; quantity: number }[] },
): Promise<BookingResources> {
  const engineerIds = [...new Set(request.engineerIds)];
  const gearIds = request.gear.map((g) => g.gearId);
  const [[room], engineerRows, gearRows] = await Promise.all([
    roomById.run(db, { id: request.roomId }),
    engineerIds.length ? engineersByIds.run(db, engineerIds.length, listValues("id", engineerIds)) : [],
    gearIds.length ? gearByIds.run(db, gearIds.length, listValues("id", gearIds)) : [],
  ]);
  const errors: Record<string, string> = {};
  if (!room || !room.active) errors.roomId = "Choose a room of the studio.";
  if (engineerRows.length !== engineerIds.length || engineerRows.some((e) => !e.active)) {
    errors.engineerIds = "Choose engineers of the studio.";
  }
  if (new Set(gearIds).size !== gearIds.length) errors.gear = "List each gear item once.";
  else if (gearRows.length !== gearIds.length) errors.gear = "Choose gear of the studio.";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const byId = new Map(gearRows.map((g) => [g.id, g]));
  return {
    room,
    engineers: engineerIds.map((id) => engineerRows.find((e) => e.id === id)!),
    gear: request.gear.map((g) => ({ item: byId.get(g.gearId)!, quantity: g.quantity })),
  };
}

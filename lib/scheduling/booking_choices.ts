import { asc, eq, isNull } from "drizzle-orm";
import { clients, engineers, gear, rooms } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** The most clients the booking form lists; larger studios pick from the client's own page. */
export const CLIENT_CHOICES = 1_000;

/** Active rooms and engineers by name: what the calendar's pickers offer. */
export async function roomAndEngineerChoices(db: TenantDb) {
  const [roomRows, engineerRows] = await Promise.all([
    db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.active, true)).orderBy(
      asc(rooms.name),
    ),
    db.select({ id: engineers.id, name: engineers.name }).from(engineers).where(eq(engineers.active, true))
      .orderBy(asc(engineers.name)),
  ]);
  return { rooms: roomRows, engineers: engineerRows };
}

/** What the booking form offers: active rooms and engineers, all gear (with status), clients by name. */
export async function bookingChoices(db: TenantDb) {
  const [people, gearRows, clientRows] = await Promise.all([
    roomAndEngineerChoices(db),
    db.select({ id: gear.id, name: gear.name, quantity: gear.quantity, status: gear.status }).from(gear)
      .orderBy(asc(gear.name)),
    db.select({ id: clients.id, name: clients.name }).from(clients).where(isNull(clients.archivedAt))
      .orderBy(asc(clients.name)).limit(CLIENT_CHOICES),
  ]);
  return { ...people, gear: gearRows, clients: clientRows };
}

export type BookingChoices = Awaited<ReturnType<typeof bookingChoices>>;

import { bookingBlocks, bookings, engineerReservations, gearReservations } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** A staff member acting from a known address, as the resource tests record it. */
export const ACTING: ActingAs = {
  actor: { type: "staff", id: "u_ana", label: "ana@example.com" },
  ip: "203.0.113.7",
};

/**
 * A confirmed one-block session written straight to the tables (the booking rules are tested in
 * bookings_test): enough for "this room, engineer or gear item has sessions".
 */
export async function insertSession(
  db: TenantDb,
  session: {
    roomId: string;
    start: Date;
    end: Date;
    engineerId?: string;
    gear?: { id: string; quantity: number };
  },
): Promise<string> {
  const bookingId = newId("bkg");
  const blockId = newId("blk");
  const span = { blockedFrom: session.start, blockedUntil: session.end };
  await db.transaction(async (tx) => {
    await tx.insert(bookings).values({
      id: bookingId,
      roomId: session.roomId,
      title: "Session",
      status: "confirmed",
    });
    await tx.insert(bookingBlocks).values({
      id: blockId,
      bookingId,
      roomId: session.roomId,
      startsAt: session.start,
      endsAt: session.end,
      ...span,
    });
    if (session.engineerId) {
      await tx.insert(engineerReservations).values({
        blockId,
        bookingId,
        engineerId: session.engineerId,
        ...span,
      });
    }
    if (session.gear) {
      await tx.insert(gearReservations).values({
        blockId,
        bookingId,
        gearId: session.gear.id,
        quantity: session.gear.quantity,
        ...span,
      });
    }
  });
  return bookingId;
}

/** An instant `hours` from now. */
export function hoursFromNow(hours: number): Date {
  return new Date(Date.now() + hours * 3_600_000);
}

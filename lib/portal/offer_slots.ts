/**
 * Free times for a bookable offer: any of its rooms (first listed first) together with its engineer,
 * within the studio's notice and horizon. What the public booking page lists and what a booking is
 * checked against before it is written (the database's exclusion constraints settle races).
 */
import type { bookingOffers } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import { studioSlots } from "../scheduling/studio_availability.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export type Offer = typeof bookingOffers.$inferSelect;

export interface OfferSlot {
  start: Date;
  end: Date;
  roomId: string;
}

export interface OfferSlotQuery {
  from: Date;
  to: Date;
  minutes: number;
  now: Date;
  timeZone: string;
  minNoticeHours: number;
  horizonDays: number;
  /** A booking being moved (lib/portal/reschedule.ts): its own time counts as free. */
  excludeBookingId?: string;
}

/** Long sessions start on the hour; short ones every half hour. */
export const stepFor = (minutes: number): number => (minutes >= 120 ? 60 : 30);

/** The offer's free slots in [from, to), each with the room it would take; sorted by start. */
export async function offerSlots(
  db: Pick<TenantDb, "select">,
  offer: Offer,
  query: OfferSlotQuery,
): Promise<OfferSlot[]> {
  const perRoom = await Promise.all(offer.roomIds.map(async (roomId) => {
    try {
      return (await studioSlots(db, {
        roomId,
        engineerIds: offer.engineerId ? [offer.engineerId] : [],
        from: query.from,
        to: query.to,
        durationMinutes: query.minutes,
        stepMinutes: stepFor(query.minutes),
        minimumNoticeMinutes: query.minNoticeHours * 60,
        horizonDays: query.horizonDays,
        now: query.now,
        timeZone: query.timeZone,
        excludeBookingId: query.excludeBookingId,
      })).map((slot) => ({ ...slot, roomId }));
    } catch (err) {
      // A room (or the engineer) that stopped taking bookings simply offers nothing.
      if (err instanceof ValidationError) return [];
      throw err;
    }
  }));
  const byStart = new Map<number, OfferSlot>();
  for (const slots of perRoom) {
    for (const slot of slots) {
      if (!byStart.has(slot.start)) {
        byStart.set(slot.start, {
          start: new Date(slot.start),
          end: new Date(slot.end),
          roomId: slot.roomId,
        });
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The rooms free for exactly this start, in the offer's order: which a booking may take. */
export async function roomsFreeAt(
  db: Pick<TenantDb, "select">,
  offer: Offer,
  start: Date,
  query: Omit<OfferSlotQuery, "from" | "to">,
): Promise<string[]> {
  const window = { ...query, from: start, to: new Date(start.getTime() + 1) };
  const free = await Promise.all(offer.roomIds.map(async (roomId) => {
    const slots = await offerSlots(db, { ...offer, roomIds: [roomId] }, window);
    return slots.some((s) => s.start.getTime() === start.getTime()) ? roomId : null;
  }));
  return free.filter((roomId) => roomId !== null);
}

/**
 * A month of an offer's free times as the booking page shows it: the month's days in the studio's
 * zone, each with its free starts. One availability query per room for the whole month.
 */
import { Temporal } from "temporal-polyfill";
import { addDays, localParts, zonedInstant } from "../scheduling/local_time.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { type Offer, type OfferSlot, offerSlots } from "./offer_slots.ts";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface MonthAvailability {
  /** "YYYY-MM". */
  month: string;
  previous: string | null;
  next: string | null;
  /** Every local date of the month, in order, with its free slots (empty when none). */
  days: { date: string; slots: OfferSlot[] }[];
}

export interface MonthQuery {
  month?: string | null;
  minutes: number;
  now: Date;
  timeZone: string;
  minNoticeHours: number;
  horizonDays: number;
  /** A booking being moved: its own time counts as free. */
  excludeBookingId?: string;
}

export async function monthAvailability(
  db: Pick<TenantDb, "select">,
  offer: Offer,
  query: MonthQuery,
): Promise<MonthAvailability> {
  const today = localParts(query.now, query.timeZone).date;
  const current = today.slice(0, 7);
  const last = addDays(today, query.horizonDays).slice(0, 7);
  const month = query.month && MONTH.test(query.month) && query.month >= current && query.month <= last
    ? query.month
    : current;
  const first = `${month}-01`;
  const following = Temporal.PlainDate.from(first).add({ months: 1 }).toString();
  const from = zonedInstant(first, "00:00", query.timeZone)!;
  const to = zonedInstant(following, "00:00", query.timeZone)!;
  const slots = await offerSlots(db, offer, {
    ...query,
    from: from < query.now ? query.now : from,
    to,
  });
  const byDate = new Map<string, OfferSlot[]>();
  for (const slot of slots) {
    const date = localParts(slot.start, query.timeZone).date;
    byDate.set(date, [...byDate.get(date) ?? [], slot]);
  }
  const days: MonthAvailability["days"] = [];
  for (let date = first; date < following; date = addDays(date, 1)) {
    days.push({ date, slots: byDate.get(date) ?? [] });
  }
  const previous = Temporal.PlainDate.from(first).subtract({ months: 1 }).toString().slice(0, 7);
  return {
    month,
    previous: previous >= current ? previous : null,
    next: following.slice(0, 7) <= last ? following.slice(0, 7) : null,
    days,
  };
}

/** The day a picker shows: the one asked for when it has free times, else the month's first that has. */
export function chosenDay(month: MonthAvailability, asked: string | null): string | null {
  return month.days.find((d) => d.date === asked && d.slots.length > 0)?.date ??
    month.days.find((d) => d.slots.length > 0)?.date ?? null;
}

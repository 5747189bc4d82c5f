import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One interval of a weekly timetable in local wall time; `close` ≤ `open` ends the next day. */
export interface WeeklyInterval {
  /** ISO weekday: Monday 1 … Sunday 7. */
  weekday: number;
  /** "HH:MM" */
  open: string;
  /** "HH:MM", or "24:00" */
  close: string;
}

export type RoomKind =
  | "live"
  | "control"
  | "booth"
  | "mixing"
  | "mastering"
  | "rehearsal"
  | "podcast"
  | "other";

/**
 * A bookable room with its opening hours, buffers and rates. Rates are minor units of the studio's
 * currency; a null rate is not offered. Buffers are kept free around every session in the room.
 */
export const rooms = pgTable("rooms", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").$type<RoomKind>().notNull().default("other"),
  capacity: integer("capacity"),
  /** "#rrggbb", shown on the calendar. */
  colour: text("colour").notNull().default("#6366f1"),
  location: text("location"),
  openingHours: jsonb("opening_hours").$type<WeeklyInterval[]>().notNull().default([]),
  setupMinutes: integer("setup_minutes").notNull().default(0),
  teardownMinutes: integer("teardown_minutes").notNull().default(0),
  minimumMinutes: integer("minimum_minutes").notNull().default(0),
  hourlyRate: bigint("hourly_rate", { mode: "number" }).notNull().default(0),
  halfDayRate: bigint("half_day_rate", { mode: "number" }),
  halfDayMinutes: integer("half_day_minutes").notNull().default(240),
  dayRate: bigint("day_rate", { mode: "number" }),
  dayMinutes: integer("day_minutes").notNull().default(600),
  /** Hourly rate inside the night window (local wall time). */
  nightRate: bigint("night_rate", { mode: "number" }),
  nightStart: text("night_start").notNull().default("22:00"),
  nightEnd: text("night_end").notNull().default("08:00"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check("rooms_buffers_check", sql`${table.setupMinutes} >= 0 AND ${table.teardownMinutes} >= 0`),
  check("rooms_rates_check", sql`${table.hourlyRate} >= 0`),
]);

/** A closure of one room, or of the whole studio when `roomId` is null (holidays, maintenance). */
export const closures = pgTable("closures", {
  id: text("id").primaryKey(),
  roomId: text("room_id").references(() => rooms.id, { onDelete: "cascade" }),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  reason: text("reason"),
}, (table) => [
  check("closures_range_check", sql`${table.endsAt} > ${table.startsAt}`),
  index("closures_room_idx").on(table.roomId, table.startsAt),
]);

/** A bookable person, optionally a staff member of the studio (their KV staff id). */
export const engineers = pgTable("engineers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email"),
  phone: text("phone"),
  staffId: text("staff_id").unique(),
  colour: text("colour").notNull().default("#0ea5e9"),
  workingHours: jsonb("working_hours").$type<WeeklyInterval[]>().notNull().default([]),
  hourlyRate: bigint("hourly_rate", { mode: "number" }).notNull().default(0),
  dayRate: bigint("day_rate", { mode: "number" }),
  dayMinutes: integer("day_minutes").notNull().default(600),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const engineerTimeOff = pgTable("engineer_time_off", {
  id: text("id").primaryKey(),
  engineerId: text("engineer_id").notNull().references(() => engineers.id, { onDelete: "cascade" }),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  reason: text("reason"),
}, (table) => [
  check("engineer_time_off_range_check", sql`${table.endsAt} > ${table.startsAt}`),
  index("engineer_time_off_idx").on(table.engineerId, table.startsAt),
]);

export type GearStatus = "in_service" | "maintenance" | "out";
export type GearFeePer = "hour" | "day";

/** Gear lent with sessions: `quantity` units, an add-on fee per hour or day. Maintenance blocks bookings. */
export const gear = pgTable("gear", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  category: text("category"),
  quantity: integer("quantity").notNull().default(1),
  fee: bigint("fee", { mode: "number" }).notNull().default(0),
  feePer: text("fee_per").$type<GearFeePer>().notNull().default("day"),
  status: text("status").$type<GearStatus>().notNull().default("in_service"),
  notes: text("notes"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (table) => [
  check("gear_quantity_check", sql`${table.quantity} >= 0`),
  check("gear_fee_check", sql`${table.fee} >= 0`),
]);

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { clients } from "./clients.ts";
import { engineers, gear, rooms } from "./resources.ts";

export type BookingStatus =
  | "hold"
  | "confirmed"
  | "in_progress"
  | "completed"
  | "cancelled"
  | "no_show"
  | "expired";
export type BookingSource = "staff" | "portal" | "api";

/** How a series repeats; occurrences are ordinary bookings that point back to it. */
export interface SeriesRule {
  frequency: "weekly" | "monthly_weekday";
  /** Every N weeks (weekly) or months (monthly_weekday). */
  interval: number;
  /** Stop after this many occurrences, or at this local date (inclusive). */
  count?: number;
  until?: string;
}

/**
 * A studio session: one client, one room, engineers and gear, one or more time blocks. The blocks,
 * engineer and gear reservations below carry the buffered time range and whether they block, so
 * the database itself refuses a double booking (migration 0004_booking_integrity).
 */
export const bookings = pgTable("bookings", {
  id: text("id").primaryKey(),
  clientId: text("client_id").references(() => clients.id),
  roomId: text("room_id").notNull().references(() => rooms.id),
  title: text("title").notNull(),
  status: text("status").$type<BookingStatus>().notNull(),
  /** A hold stops blocking at this instant. */
  holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }),
  source: text("source").$type<BookingSource>().notNull().default("staff"),
  notes: text("notes"),
  seriesId: text("series_id").references(() => bookingSeries.id),
  /** 0-based position in its series. */
  seriesIndex: integer("series_index"),
  /** Bumped on every change; edits from a stale page are refused. */
  version: integer("version").notNull().default(1),
  createdBy: text("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  cancelReason: text("cancel_reason"),
}, (table) => [
  check("bookings_hold_check", sql`${table.status} <> 'hold' OR ${table.holdExpiresAt} IS NOT NULL`),
  index("bookings_client_idx").on(table.clientId),
  index("bookings_series_idx").on(table.seriesId, table.seriesIndex),
  index("bookings_hold_expiry_idx").on(table.holdExpiresAt).where(sql`${table.status} = 'hold'`),
]);

export const bookingSeries = pgTable("booking_series", {
  id: text("id").primaryKey(),
  rule: jsonb("rule").$type<SeriesRule>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One block of a booking's time in its room. `startsAt`–`endsAt` is the session; `blockedFrom`–
 * `blockedUntil` adds the room's setup and teardown buffers and is what other bookings must not
 * overlap while `blocking` (holds not expired, confirmed, in progress, completed).
 */
export const bookingBlocks = pgTable("booking_blocks", {
  id: text("id").primaryKey(),
  bookingId: text("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  roomId: text("room_id").notNull().references(() => rooms.id),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  blockedFrom: timestamp("blocked_from", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
  blocking: boolean("blocking").notNull().default(true),
}, (table) => [
  check("booking_blocks_range_check", sql`${table.endsAt} > ${table.startsAt}`),
  check(
    "booking_blocks_buffer_check",
    sql`${table.blockedFrom} <= ${table.startsAt} AND ${table.blockedUntil} >= ${table.endsAt}`,
  ),
  index("booking_blocks_booking_idx").on(table.bookingId),
  index("booking_blocks_time_idx").on(table.startsAt),
]);

/** An engineer assigned to one block of a booking, with the block's buffered range. */
export const engineerReservations = pgTable("engineer_reservations", {
  blockId: text("block_id").notNull().references(() => bookingBlocks.id, { onDelete: "cascade" }),
  engineerId: text("engineer_id").notNull().references(() => engineers.id),
  bookingId: text("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  blockedFrom: timestamp("blocked_from", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
  blocking: boolean("blocking").notNull().default(true),
}, (table) => [
  primaryKey({ columns: [table.blockId, table.engineerId] }),
  index("engineer_reservations_booking_idx").on(table.bookingId),
]);

/** Units of a gear item taken for one block of a booking. */
export const gearReservations = pgTable("gear_reservations", {
  blockId: text("block_id").notNull().references(() => bookingBlocks.id, { onDelete: "cascade" }),
  gearId: text("gear_id").notNull().references(() => gear.id),
  bookingId: text("booking_id").notNull().references(() => bookings.id, { onDelete: "cascade" }),
  quantity: integer("quantity").notNull(),
  blockedFrom: timestamp("blocked_from", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
  blocking: boolean("blocking").notNull().default(true),
}, (table) => [
  primaryKey({ columns: [table.blockId, table.gearId] }),
  check("gear_reservations_quantity_check", sql`${table.quantity} > 0`),
  index("gear_reservations_booking_idx").on(table.bookingId),
]);

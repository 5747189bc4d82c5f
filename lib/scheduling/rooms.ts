/**
 * Rooms: what a studio books by the hour, half day, day or night. Every change is audited in the
 * transaction that makes it; a room that sessions refer to is deactivated, never deleted.
 *
 * ```ts
 * const room = await createRoom(db, { name: "Studio A", hourlyRate: 6000 }, actingAs(ctx));
 * await updateRoom(db, room.id, { setupMinutes: 30 }, actingAs(ctx));
 * ```
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { bookingBlocks, bookings, type RoomKind, rooms } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  clockSchema,
  colourSchema,
  minutesSchema,
  moneySchema,
  nameSchema,
  optionalTextSchema,
} from "./resource_fields.ts";
import {
  assertNameFree,
  deleteUnused,
  findRecord,
  setRecordActive,
  upcomingSessions,
} from "./resource_records.ts";
import {
  parseResource,
  type Problem,
  problem,
  ResourceConflictError,
  ResourceValidationError,
  say,
} from "./resource_validation.ts";
import {
  assertUnchangedSince,
  auditChange,
  changesOf,
  guardedWrite,
  type UpdateOptions,
} from "./resource_writes.ts";
import { weeklyHoursSchema } from "./weekly_hours.ts";

export type Room = typeof rooms.$inferSelect;

export const ROOM_KINDS = [
  "live",
  "control",
  "booth",
  "mixing",
  "mastering",
  "rehearsal",
  "podcast",
  "other",
] as const satisfies readonly RoomKind[];

export const ROOM_NAME_MAX = 100;

const roomFields = z.object({
  name: nameSchema(ROOM_NAME_MAX),
  kind: z.enum(ROOM_KINDS, say("rooms.error.kind")),
  capacity: z.number(say("rooms.error.capacity")).int(say("rooms.error.capacity"))
    .min(1, say("rooms.error.capacity")).max(10_000, say("rooms.error.capacity")).nullable(),
  colour: colourSchema,
  location: optionalTextSchema(200),
  openingHours: weeklyHoursSchema,
  setupMinutes: minutesSchema(0),
  teardownMinutes: minutesSchema(0),
  minimumMinutes: minutesSchema(0),
  hourlyRate: moneySchema,
  halfDayRate: moneySchema.nullable(),
  halfDayMinutes: minutesSchema(1),
  dayRate: moneySchema.nullable(),
  dayMinutes: minutesSchema(1),
  nightRate: moneySchema.nullable(),
  nightStart: clockSchema,
  nightEnd: clockSchema,
});

/**
 * A new room: a name and any other field (the rest take {@link ROOM_DEFAULTS}). Amounts are minor
 * units of the studio's currency, lengths minutes; a null rate is not offered.
 */
export const roomInputSchema = roomFields.partial().required({ name: true });
/** A change to a room: only the fields given change. */
export const roomPatchSchema = roomFields.partial();

export type RoomInput = z.input<typeof roomInputSchema>;
export type RoomPatch = z.input<typeof roomPatchSchema>;
/** Every field a room's owner sets. */
export type RoomSettings = z.output<typeof roomFields>;

/** What a room is until told otherwise; the same as the table's column defaults. */
export const ROOM_DEFAULTS: Omit<RoomSettings, "name"> = {
  kind: "other",
  capacity: null,
  colour: "#6366f1",
  location: null,
  openingHours: [],
  setupMinutes: 0,
  teardownMinutes: 0,
  minimumMinutes: 0,
  hourlyRate: 0,
  halfDayRate: null,
  halfDayMinutes: 240,
  dayRate: null,
  dayMinutes: 600,
  nightRate: null,
  nightStart: "22:00",
  nightEnd: "08:00",
};

/** Rules between fields, checked on the room as it will be saved. */
export function roomRuleProblems(room: RoomSettings): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  if (room.halfDayRate !== null && room.dayRate !== null && room.halfDayMinutes >= room.dayMinutes) {
    problems.halfDayMinutes = problem("rooms.error.half_day_longer");
  }
  if (room.nightRate !== null && room.nightStart === room.nightEnd) {
    problems.nightEnd = problem("rooms.error.night_empty");
  }
  return problems;
}

function assertRules(room: RoomSettings): void {
  const problems = roomRuleProblems(room);
  if (Object.keys(problems).length > 0) throw new ResourceValidationError(problems);
}

/** The studio's rooms by name, active ones first; inactive ones only when asked. */
export async function listRooms(
  db: Pick<TenantDb, "select">,
  options: { includeInactive?: boolean } = {},
): Promise<Room[]> {
  return await db.select().from(rooms)
    .where(options.includeInactive ? undefined : eq(rooms.active, true))
    .orderBy(desc(rooms.active), asc(sql`lower(${rooms.name})`), asc(rooms.name));
}

/** One room, or a NotFoundError. */
export async function getRoom(db: Pick<TenantDb, "select">, id: string): Promise<Room> {
  return await findRecord(db, rooms, id);
}

const nameTaken = (name: string) => ({
  rooms_name_unique: { field: "name", id: "rooms.error.name_taken" as const, params: { name } },
});

/** Creates a room; a name another room has (in any case) is a field error. */
export async function createRoom(db: TenantDb, input: RoomInput, acting: ActingAs): Promise<Room> {
  const parsed = parseResource(roomInputSchema, input);
  const settings: RoomSettings = { ...ROOM_DEFAULTS, ...parsed };
  assertRules(settings);
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, rooms, settings.name, "rooms.error.name_taken");
        const [room] = await tx.insert(rooms).values({ id: newId("room"), ...settings }).returning();
        await auditChange(tx, acting, "room.created", { type: "room", id: room.id }, null, room);
        return room;
      }),
    nameTaken(settings.name),
  );
}

/**
 * Changes the fields given; the audit row lists each field that changed, before and after. A patch
 * that changes nothing writes nothing.
 */
export async function updateRoom(
  db: TenantDb,
  id: string,
  patch: RoomPatch,
  acting: ActingAs,
  options: UpdateOptions = {},
): Promise<Room> {
  const parsed = parseResource(roomPatchSchema, patch);
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        const before = await findRecord(tx, rooms, id, { lock: true });
        assertUnchangedSince(before, options);
        const settings: RoomSettings = { ...settingsOf(before), ...parsed };
        assertRules(settings);
        if (Object.keys(changesOf(before, parsed)).length === 0) return before;
        if (parsed.name !== undefined) {
          await assertNameFree(tx, rooms, settings.name, "rooms.error.name_taken", id);
        }
        const [after] = await tx.update(rooms).set({ ...parsed, updatedAt: new Date() })
          .where(eq(rooms.id, id)).returning();
        await auditChange(tx, acting, "room.updated", { type: "room", id }, before, after);
        return after;
      }),
    nameTaken(parsed.name ?? ""),
  );
}

function settingsOf(room: Room): RoomSettings {
  const { id: _id, active: _active, createdAt: _createdAt, updatedAt: _updatedAt, ...settings } = room;
  return settings;
}

/**
 * Takes a room off (or back on) the booking pages while keeping its history. Deactivating leaves
 * sessions already booked in place; {@link upcomingRoomSessions} says how many there are.
 */
export async function setRoomActive(
  db: TenantDb,
  id: string,
  active: boolean,
  acting: ActingAs,
): Promise<Room> {
  return await setRecordActive(db, rooms, id, active, acting);
}

const roomInUse = () => new ResourceConflictError(problem("rooms.error.in_use"));

/**
 * Deletes a room no session has ever used (a room created by mistake), with its closures. A room
 * with sessions, past or future, is refused: deactivate it instead, so its history stays whole.
 */
export async function deleteRoom(db: TenantDb, id: string, acting: ActingAs): Promise<void> {
  await deleteUnused(db, rooms, id, acting, {
    used: async (tx) =>
      (await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.roomId, id)).limit(1)).length >
        0,
    inUse: roomInUse,
  });
}

/** Sessions still to come in a room (holds included), shown before it is deactivated. */
export async function upcomingRoomSessions(
  db: Pick<TenantDb, "select">,
  id: string,
  now: Date = new Date(),
): Promise<number> {
  const { bookingId, roomId, blocking, endsAt } = bookingBlocks;
  return await upcomingSessions(db, { bookingId, recordId: roomId, blocking, until: endsAt }, id, now);
}

// The shapes of /rooms, /engineers and /gear, read and written (studio_resources*.ts register the routes).
import { z } from "@hono/zod-openapi";
import type { Engineer } from "../../scheduling/engineers.ts";
import type { GearItem } from "../../scheduling/gear.ts";
import { type Room, ROOM_KINDS } from "../../scheduling/rooms.ts";

export const minor = z.number().int().openapi({ description: "Minor units of the studio's currency." });
export const instant = z.string().openapi({ format: "date-time", example: "2026-12-24T00:00:00.000Z" });

export const Hours = z.array(z.object({
  weekday: z.number().int().openapi({ description: "ISO weekday, Monday 1 … Sunday 7." }),
  open: z.string().openapi({ example: "10:00" }),
  close: z.string().openapi({ example: "02:00", description: "At or before `open`: the next day." }),
})).openapi({ description: "Weekly hours in the studio's time zone." });

const updatedAt = instant.openapi({
  description: "When it last changed: send it back with a change; a stale one is a 409.",
});

export const RoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  capacity: z.number().int().nullable(),
  colour: z.string(),
  location: z.string().nullable(),
  openingHours: Hours,
  setupMinutes: z.number().int(),
  teardownMinutes: z.number().int(),
  minimumMinutes: z.number().int(),
  hourlyRate: minor,
  halfDayRate: minor.nullable(),
  halfDayMinutes: z.number().int(),
  dayRate: minor.nullable(),
  dayMinutes: z.number().int(),
  nightRate: minor.nullable(),
  nightStart: z.string(),
  nightEnd: z.string(),
  active: z.boolean(),
  updatedAt,
}).openapi("Room");

export const EngineerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  colour: z.string(),
  workingHours: Hours,
  hourlyRate: minor,
  dayRate: minor.nullable(),
  dayMinutes: z.number().int(),
  active: z.boolean(),
  updatedAt,
}).openapi("Engineer");

export const GEAR_STATUS = z.enum(["in_service", "maintenance", "out"]);

export const GearSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  quantity: z.number().int(),
  fee: minor,
  feePer: z.enum(["hour", "day"]),
  status: GEAR_STATUS,
  notes: z.string().nullable(),
  updatedAt,
}).openapi("Gear");

// Write shapes document the fields; the domain (lib/scheduling/rooms.ts, engineers.ts, gear.ts)
// validates them all at once, so a 422 lists every field that is wrong, not only the first.
const text = z.string().nullable().optional();
const num = z.number().optional();
const rate = z.number().nullable().optional().openapi({
  description: "Minor units; null when the rate is not offered.",
});

export const RoomWrite = z.object({
  name: z.string(),
  kind: z.string().optional().openapi({ description: `One of ${ROOM_KINDS.join(", ")}; default other.` }),
  capacity: z.number().nullable().optional(),
  colour: z.string().optional().openapi({ example: "#6366f1" }),
  location: text,
  openingHours: Hours.optional(),
  setupMinutes: num,
  teardownMinutes: num,
  minimumMinutes: num,
  hourlyRate: num.openapi({ description: "Minor units." }),
  halfDayRate: rate,
  halfDayMinutes: num,
  dayRate: rate,
  dayMinutes: num,
  nightRate: rate,
  nightStart: z.string().optional().openapi({ example: "22:00" }),
  nightEnd: z.string().optional().openapi({ example: "08:00" }),
}).openapi("RoomWrite");

export const EngineerWrite = z.object({
  name: z.string(),
  email: text,
  phone: text,
  colour: z.string().optional(),
  workingHours: Hours.optional(),
  hourlyRate: num.openapi({ description: "Minor units." }),
  dayRate: rate,
  dayMinutes: num,
}).openapi("EngineerWrite");

export const GearWrite = z.object({
  name: z.string(),
  category: text,
  quantity: num,
  fee: num.openapi({ description: "Minor units, per `feePer`." }),
  feePer: z.string().optional().openapi({ description: "hour or day; default day." }),
  status: z.string().optional().openapi({ description: "in_service (default), maintenance or out." }),
  notes: text,
}).openapi("GearWrite");

const lock = { updatedAt: z.iso.datetime({ offset: true }).openapi({ description: "As last read." }) };
/** A change: only the fields given change; `updatedAt` as read guards against overwriting another's. */
export const RoomChange = RoomWrite.partial().extend(lock).openapi("RoomChange");
export const EngineerChange = EngineerWrite.partial().extend(lock).openapi("EngineerChange");
export const GearChange = GearWrite.partial().extend(lock).openapi("GearChange");

export const TimeOffSchema = z.object({
  id: z.string(),
  engineerId: z.string(),
  startsAt: instant,
  endsAt: instant,
  reason: z.string().nullable(),
}).openapi("TimeOff");

export const ClosureSchema = z.object({
  id: z.string(),
  roomId: z.string().nullable().openapi({ description: "Null: the whole studio is closed." }),
  startsAt: instant,
  endsAt: instant,
  reason: z.string().nullable(),
}).openapi("Closure");

const span = {
  startsAt: z.string().openapi({ format: "date-time" }),
  endsAt: z.string().openapi({ format: "date-time", description: "After `startsAt`." }),
  reason: text,
};
export const TimeOffWrite = z.object(span).openapi("TimeOffWrite");
export const ClosureWrite = z.object({
  roomId: z.string().nullable().openapi({ description: "The room, or null to close the whole studio." }),
  ...span,
}).openapi("ClosureWrite");

export const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
export const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

const iso = (at: Date) => at.toISOString();

/** A room as the API shows it. */
export function roomJson({ createdAt: _c, updatedAt, ...room }: Room): z.infer<typeof RoomSchema> {
  return { ...room, updatedAt: iso(updatedAt) };
}

/** An engineer as the API shows it: the link to a staff account stays internal. */
export function engineerJson(
  { createdAt: _c, updatedAt, staffId: _s, ...engineer }: Engineer,
): z.infer<typeof EngineerSchema> {
  return { ...engineer, updatedAt: iso(updatedAt) };
}

/** A gear item as the API shows it. */
export function gearJson({ createdAt: _c, updatedAt, ...item }: GearItem): z.infer<typeof GearSchema> {
  return { ...item, updatedAt: iso(updatedAt) };
}

/** Time off or a closure as the API shows it. */
export function spanJson<T extends { startsAt: Date; endsAt: Date }>({ startsAt, endsAt, ...rest }: T) {
  return { ...rest, startsAt: iso(startsAt), endsAt: iso(endsAt) };
}

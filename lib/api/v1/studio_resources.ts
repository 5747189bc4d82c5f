import { z } from "@hono/zod-openapi";
import { getEngineer, listEngineers } from "../../scheduling/engineers.ts";
import { getGear, listGear } from "../../scheduling/gear.ts";
import { getRoom, listRooms } from "../../scheduling/rooms.ts";
import { MAX_WINDOW_DAYS, studioSlots } from "../../scheduling/studio_availability.ts";
import { type ApiResource, apiRoute } from "../route.ts";

const minor = z.number().int().openapi({ description: "Minor units of the studio's currency." });
const Hours = z.array(z.object({
  weekday: z.number().int().openapi({ description: "ISO weekday, Monday 1 … Sunday 7." }),
  open: z.string().openapi({ example: "10:00" }),
  close: z.string().openapi({ example: "02:00", description: "At or before `open`: the next day." }),
})).openapi({ description: "Weekly hours in the studio's time zone." });

const RoomSchema = z.object({
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
}).openapi("Room");

const EngineerSchema = z.object({
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
}).openapi("Engineer");

const GearSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  quantity: z.number().int(),
  fee: minor,
  feePer: z.enum(["hour", "day"]),
  status: z.enum(["in_service", "maintenance", "out"]),
  notes: z.string().nullable(),
}).openapi("Gear");

const SlotSchema = z.object({ start: z.string(), end: z.string() }).openapi("Slot");

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const withInactive = z.object({
  inactive: z.enum(["true", "false"]).optional().openapi({ description: "Include inactive ones." }),
});
/** A row without its bookkeeping timestamps. */
const publicFields = <T extends { createdAt: Date; updatedAt: Date }>(
  { createdAt: _c, updatedAt: _u, ...row }: T,
) => row;

const op = (tag: string) => tag.replace(/s$/, "");

const listRoute = <S extends z.ZodType>(path: string, tag: string, noun: string, schema: S) =>
  apiRoute({
    method: "get",
    path,
    operationId: `list${op(tag)}s`,
    tags: [tag],
    summary: `The studio's ${noun}s by name, active first`,
    permission: "rooms.view",
    request: { query: withInactive },
    responses: { 200: { description: `Every ${noun}.`, content: json(z.object({ data: z.array(schema) })) } },
  });

const getRoute = <S extends z.ZodType>(path: string, tag: string, noun: string, schema: S) =>
  apiRoute({
    method: "get",
    path: `${path}/{id}`,
    operationId: `get${op(tag)}`,
    tags: [tag],
    summary: `One ${noun}`,
    permission: "rooms.view",
    request: { params: IdParams },
    responses: { 200: { description: `The ${noun}.`, content: json(schema) } },
  });

const availability = apiRoute({
  method: "get",
  path: "/rooms/{id}/availability",
  operationId: "roomAvailability",
  tags: ["Rooms"],
  summary: "Free session times in a room, optionally with engineers",
  description: "Opening hours, closures, set-up and teardown buffers, live holds and bookings, and each " +
    `engineer's working hours, time off and sessions all count. Windows of up to ${MAX_WINDOW_DAYS} days.`,
  permission: "sessions.view.assigned",
  request: {
    params: IdParams,
    query: z.object({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      durationMinutes: z.coerce.number().int().min(1).max(7 * 24 * 60),
      stepMinutes: z.coerce.number().int().min(5).max(24 * 60).optional().openapi({
        description: "Starts every N minutes of wall time from each opening; default 30.",
      }),
      engineerId: z.union([z.string(), z.array(z.string())]).optional().openapi({
        description: "Repeat for several engineers; all must be free.",
      }),
    }),
  },
  responses: {
    200: { description: "The free slots, by start.", content: json(z.object({ data: z.array(SlotSchema) })) },
  },
});

/** `/rooms`, `/engineers`, `/gear`: what can be booked, and a room's free times. */
export const studioResources: ApiResource = (api) => {
  api.openapi(listRoute("/rooms", "Rooms", "room", RoomSchema), async (c) => {
    const rooms = await listRooms(c.get("studio")!.db, {
      includeInactive: c.req.valid("query").inactive === "true",
    });
    return c.json({ data: rooms.map(publicFields) }, 200);
  });
  api.openapi(getRoute("/rooms", "Rooms", "room", RoomSchema), async (c) => {
    return c.json(publicFields(await getRoom(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });
  api.openapi(listRoute("/engineers", "Engineers", "engineer", EngineerSchema), async (c) => {
    const list = await listEngineers(c.get("studio")!.db, {
      includeInactive: c.req.valid("query").inactive === "true",
    });
    return c.json({ data: list.map(({ staffId: _s, ...e }) => publicFields(e)) }, 200);
  });
  api.openapi(getRoute("/engineers", "Engineers", "engineer", EngineerSchema), async (c) => {
    const { staffId: _s, ...engineer } = await getEngineer(c.get("studio")!.db, c.req.valid("param").id);
    return c.json(publicFields(engineer), 200);
  });
  api.openapi(listRoute("/gear", "Gear", "gear item", GearSchema), async (c) => {
    return c.json({ data: (await listGear(c.get("studio")!.db)).map(publicFields) }, 200);
  });
  api.openapi(getRoute("/gear", "Gear", "gear item", GearSchema), async (c) => {
    return c.json(publicFields(await getGear(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });

  api.openapi(availability, async (c) => {
    const query = c.req.valid("query");
    const studio = c.get("studio")!;
    const slots = await studioSlots(studio.db, {
      roomId: c.req.valid("param").id,
      engineerIds: query.engineerId === undefined ? [] : [query.engineerId].flat(),
      from: new Date(query.from),
      to: new Date(query.to),
      durationMinutes: query.durationMinutes,
      stepMinutes: query.stepMinutes,
      timeZone: studio.tenant.timezone as string,
    });
    const iso = (ms: number) => new Date(ms).toISOString();
    return c.json({ data: slots.map((s) => ({ start: iso(s.start), end: iso(s.end) })) }, 200);
  });
};

import { z } from "@hono/zod-openapi";
import { getEngineer, listEngineers } from "../../scheduling/engineers.ts";
import { getGear, listGear } from "../../scheduling/gear.ts";
import { getRoom, listRooms } from "../../scheduling/rooms.ts";
import { MAX_WINDOW_DAYS, studioSlots } from "../../scheduling/studio_availability.ts";
import { type ApiResource, apiRoute } from "../route.ts";
import {
  engineerJson,
  EngineerSchema,
  gearJson,
  GearSchema,
  IdParams,
  json,
  roomJson,
  RoomSchema,
} from "./studio_resources_schemas.ts";
import { studioResourceSpans } from "./studio_resources_spans.ts";
import { studioResourceWrites } from "./studio_resources_writes.ts";

const SlotSchema = z.object({ start: z.string(), end: z.string() }).openapi("Slot");

const withInactive = z.object({
  inactive: z.enum(["true", "false"]).optional().openapi({ description: "Include inactive ones." }),
});
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

/**
 * `/rooms`, `/engineers`, `/gear`: what can be booked, a room's free times, and (in
 * studio_resources_writes.ts and studio_resources_spans.ts) their writes, time off and closures.
 */
export const studioResources: ApiResource = (api) => {
  api.openapi(listRoute("/rooms", "Rooms", "room", RoomSchema), async (c) => {
    const rooms = await listRooms(c.get("studio")!.db, {
      includeInactive: c.req.valid("query").inactive === "true",
    });
    return c.json({ data: rooms.map(roomJson) }, 200);
  });
  api.openapi(getRoute("/rooms", "Rooms", "room", RoomSchema), async (c) => {
    return c.json(roomJson(await getRoom(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });
  api.openapi(listRoute("/engineers", "Engineers", "engineer", EngineerSchema), async (c) => {
    const list = await listEngineers(c.get("studio")!.db, {
      includeInactive: c.req.valid("query").inactive === "true",
    });
    return c.json({ data: list.map(engineerJson) }, 200);
  });
  api.openapi(getRoute("/engineers", "Engineers", "engineer", EngineerSchema), async (c) => {
    return c.json(engineerJson(await getEngineer(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });
  api.openapi(listRoute("/gear", "Gear", "gear item", GearSchema), async (c) => {
    return c.json({ data: (await listGear(c.get("studio")!.db)).map(gearJson) }, 200);
  });
  api.openapi(getRoute("/gear", "Gear", "gear item", GearSchema), async (c) => {
    return c.json(gearJson(await getGear(c.get("studio")!.db, c.req.valid("param").id)), 200);
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

  studioResourceWrites(api);
  studioResourceSpans(api);
};

// Engineers' time off and room (or studio-wide) closures: stretches of time that cannot be booked.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { addClosure, type ClosureInput, listClosures, removeClosure } from "../../scheduling/closures.ts";
import { getEngineer } from "../../scheduling/engineers.ts";
import { addTimeOff, listTimeOff, removeTimeOff } from "../../scheduling/time_off.ts";
import { apiActingAs } from "../auth.ts";
import { type ApiApp, apiRoute } from "../route.ts";
import {
  ClosureSchema,
  ClosureWrite,
  IdParams,
  json,
  spanJson,
  TimeOffSchema,
  TimeOffWrite,
} from "./studio_resources_schemas.ts";

const endingAfter = z.iso.datetime({ offset: true }).optional().openapi({
  description: "Only those still running or to come after this instant.",
});
const param = (name: string) => z.string().openapi({ param: { name, in: "path" } });

const listTimeOffRoute = apiRoute({
  method: "get",
  path: "/engineers/{id}/time-off",
  operationId: "listEngineerTimeOff",
  tags: ["Engineers"],
  summary: "An engineer's time off, by start",
  // Reasons can be personal; the pages show them only to those who manage the engineers.
  permission: "rooms.manage",
  request: { params: IdParams, query: z.object({ endingAfter }) },
  responses: {
    200: { description: "The time off.", content: json(z.object({ data: z.array(TimeOffSchema) })) },
  },
});

const addTimeOffRoute = apiRoute({
  method: "post",
  path: "/engineers/{id}/time-off",
  operationId: "addEngineerTimeOff",
  tags: ["Engineers"],
  summary: "Record time off: it stops new bookings of the engineer; sessions already booked stay",
  permission: "rooms.manage",
  request: { params: IdParams, body: { required: true, content: json(TimeOffWrite) } },
  responses: { 201: { description: "Recorded.", content: json(TimeOffSchema) } },
});

const removeTimeOffRoute = apiRoute({
  method: "delete",
  path: "/engineers/{id}/time-off/{timeOffId}",
  operationId: "removeEngineerTimeOff",
  tags: ["Engineers"],
  summary: "Cancel an engineer's time off",
  permission: "rooms.manage",
  request: { params: z.object({ id: param("id"), timeOffId: param("timeOffId") }) },
  responses: { 204: { description: "Removed." } },
});

const listClosuresRoute = apiRoute({
  method: "get",
  path: "/closures",
  operationId: "listClosures",
  tags: ["Rooms"],
  summary: "Closures of rooms and of the whole studio, by start",
  permission: "rooms.view",
  request: {
    query: z.object({
      roomId: z.string().optional().openapi({
        description: "One room's closures; `studio` for the studio-wide ones only; absent for all.",
      }),
      endingAfter,
    }),
  },
  responses: {
    200: { description: "The closures.", content: json(z.object({ data: z.array(ClosureSchema) })) },
  },
});

const addClosureRoute = apiRoute({
  method: "post",
  path: "/closures",
  operationId: "addClosure",
  tags: ["Rooms"],
  summary: "Close a room, or the whole studio, for a stretch of time; sessions already booked stay",
  permission: "rooms.manage",
  request: { body: { required: true, content: json(ClosureWrite) } },
  responses: { 201: { description: "Recorded.", content: json(ClosureSchema) } },
});

const removeClosureRoute = apiRoute({
  method: "delete",
  path: "/closures/{id}",
  operationId: "removeClosure",
  tags: ["Rooms"],
  summary: "Reopen what a closure closed",
  permission: "rooms.manage",
  request: { params: IdParams },
  responses: { 204: { description: "Removed." } },
});

const db = (c: Context) => c.get("studio")!.db;
const after = (at: string | undefined) => at === undefined ? undefined : new Date(at);

/** Registers `/engineers/{id}/time-off` and `/closures` (studio_resources.ts calls it). */
export function studioResourceSpans(api: ApiApp): void {
  api.openapi(listTimeOffRoute, async (c) => {
    const { id } = c.req.valid("param");
    await getEngineer(db(c), id);
    const list = await listTimeOff(db(c), id, { endingAfter: after(c.req.valid("query").endingAfter) });
    return c.json({ data: list.map(spanJson) }, 200);
  });
  api.openapi(addTimeOffRoute, async (c) => {
    const { id } = c.req.valid("param");
    await getEngineer(db(c), id);
    const off = await addTimeOff(db(c), { ...c.req.valid("json"), engineerId: id }, apiActingAs(c));
    return c.json(spanJson(off), 201);
  });
  api.openapi(removeTimeOffRoute, async (c) => {
    const { id, timeOffId } = c.req.valid("param");
    await removeTimeOff(db(c), timeOffId, id, apiActingAs(c));
    return c.body(null, 204);
  });

  api.openapi(listClosuresRoute, async (c) => {
    const query = c.req.valid("query");
    const list = await listClosures(db(c), {
      roomId: query.roomId === "studio" ? null : query.roomId,
      endingAfter: after(query.endingAfter),
    });
    return c.json({ data: list.map(spanJson) }, 200);
  });
  api.openapi(addClosureRoute, async (c) => {
    const closure = await addClosure(db(c), c.req.valid("json") as ClosureInput, apiActingAs(c));
    return c.json(spanJson(closure), 201);
  });
  api.openapi(removeClosureRoute, async (c) => {
    await removeClosure(db(c), c.req.valid("param").id, apiActingAs(c));
    return c.body(null, 204);
  });
}

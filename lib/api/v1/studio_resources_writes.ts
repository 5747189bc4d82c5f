// Creating, changing, deactivating and deleting rooms, engineers and gear through the domain writes,
// which validate, check names and links, and audit in the same transaction as the pages do.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  createEngineer,
  deleteEngineer,
  type EngineerInput,
  setEngineerActive,
  studioStaff,
  updateEngineer,
} from "../../scheduling/engineers.ts";
import { createGear, deleteGear, type GearInput, setGearStatus, updateGear } from "../../scheduling/gear.ts";
import { createRoom, deleteRoom, type RoomInput, setRoomActive, updateRoom } from "../../scheduling/rooms.ts";
import { apiActingAs } from "../auth.ts";
import { problemResponse } from "../problems.ts";
import { type ApiApp, apiRoute } from "../route.ts";
import {
  EngineerChange,
  engineerJson,
  EngineerSchema,
  EngineerWrite,
  GEAR_STATUS,
  GearChange,
  gearJson,
  GearSchema,
  GearWrite,
  IdParams,
  json,
  RoomChange,
  roomJson,
  RoomSchema,
  RoomWrite,
} from "./studio_resources_schemas.ts";

/** Path, tag and words of one kind of resource in the document. */
interface Kind {
  path: "/rooms" | "/engineers" | "/gear";
  tag: string;
  /** In operation ids: createRoom, updateGear … */
  op: string;
  noun: string;
}

const ROOMS: Kind = { path: "/rooms", tag: "Rooms", op: "Room", noun: "room" };
const ENGINEERS: Kind = { path: "/engineers", tag: "Engineers", op: "Engineer", noun: "engineer" };
const GEAR: Kind = { path: "/gear", tag: "Gear", op: "Gear", noun: "gear item" };

const createOperation = <W extends z.ZodType, S extends z.ZodType>(kind: Kind, write: W, schema: S) =>
  apiRoute({
    method: "post",
    path: kind.path,
    operationId: `create${kind.op}`,
    tags: [kind.tag],
    summary: `Create a ${kind.noun}; fields left out take their defaults`,
    permission: "rooms.manage",
    request: { body: { required: true, content: json(write) } },
    responses: { 201: { description: "Created.", content: json(schema) } },
  });

const updateOperation = <W extends z.ZodType, S extends z.ZodType>(kind: Kind, change: W, schema: S) =>
  apiRoute({
    method: "patch",
    path: `${kind.path}/{id}`,
    operationId: `update${kind.op}`,
    tags: [kind.tag],
    summary: `Change a ${kind.noun}: only the fields given change`,
    permission: "rooms.manage",
    request: { params: IdParams, body: { required: true, content: json(change) } },
    responses: {
      200: { description: "Saved (unchanged when nothing differed).", content: json(schema) },
      409: problemResponse(`The ${kind.noun} changed since \`updatedAt\`: read it again.`),
    },
  });

const activeOperation = <S extends z.ZodType>(kind: Kind, active: boolean, schema: S) =>
  apiRoute({
    method: "post",
    path: `${kind.path}/{id}/${active ? "reactivate" : "deactivate"}`,
    operationId: `${active ? "reactivate" : "deactivate"}${kind.op}`,
    tags: [kind.tag],
    summary: active
      ? `Put a ${kind.noun} back on the booking pages`
      : `Take a ${kind.noun} off the booking pages; sessions already booked stay`,
    permission: "rooms.manage",
    request: { params: IdParams },
    responses: { 200: { description: "Done (also when it already was).", content: json(schema) } },
  });

const deleteOperation = (kind: Kind, instead: string) =>
  apiRoute({
    method: "delete",
    path: `${kind.path}/{id}`,
    operationId: `delete${kind.op}`,
    tags: [kind.tag],
    summary: `Delete a ${kind.noun} no session has ever used (one created by mistake)`,
    permission: "rooms.manage",
    request: { params: IdParams },
    responses: {
      204: { description: "Deleted." },
      409: problemResponse(`Sessions used it: ${instead} instead, so its history stays whole.`),
    },
  });

const gearStatusRoute = apiRoute({
  method: "post",
  path: "/gear/{id}/status",
  operationId: "setGearStatus",
  tags: ["Gear"],
  summary: "Put a gear item in service, in maintenance or out; the last two stop new bookings of it",
  permission: "rooms.manage",
  request: {
    params: IdParams,
    body: { required: true, content: json(z.object({ status: GEAR_STATUS })) },
  },
  responses: { 200: { description: "Done.", content: json(GearSchema) } },
});

const db = (c: Context) => c.get("studio")!.db;
const since = (updatedAt: string) => ({ unchangedSince: new Date(updatedAt) });

/** Registers the writes of `/rooms`, `/engineers` and `/gear` (studio_resources.ts calls it). */
export function studioResourceWrites(api: ApiApp): void {
  api.openapi(createOperation(ROOMS, RoomWrite, RoomSchema), async (c) => {
    const room = await createRoom(db(c), c.req.valid("json") as RoomInput, apiActingAs(c));
    return c.json(roomJson(room), 201);
  });
  api.openapi(updateOperation(ROOMS, RoomChange, RoomSchema), async (c) => {
    const { updatedAt, ...patch } = c.req.valid("json");
    const room = await updateRoom(
      db(c),
      c.req.valid("param").id,
      patch as RoomInput,
      apiActingAs(c),
      since(updatedAt),
    );
    return c.json(roomJson(room), 200);
  });
  for (const active of [false, true]) {
    api.openapi(activeOperation(ROOMS, active, RoomSchema), async (c) => {
      const room = await setRoomActive(db(c), c.req.valid("param").id, active, apiActingAs(c));
      return c.json(roomJson(room), 200);
    });
  }
  api.openapi(deleteOperation(ROOMS, "deactivate it"), async (c) => {
    await deleteRoom(db(c), c.req.valid("param").id, apiActingAs(c));
    return c.body(null, 204);
  });

  // The staff-account link is not part of the API (reads hide it too): it is set on the pages.
  const staff = (c: Context) => studioStaff(c.get("deps").kv, c.get("studio")!.tenant.id);
  api.openapi(createOperation(ENGINEERS, EngineerWrite, EngineerSchema), async (c) => {
    const input = c.req.valid("json") as EngineerInput;
    const engineer = await createEngineer(db(c), input, apiActingAs(c), staff(c));
    return c.json(engineerJson(engineer), 201);
  });
  api.openapi(updateOperation(ENGINEERS, EngineerChange, EngineerSchema), async (c) => {
    const { updatedAt, ...patch } = c.req.valid("json");
    const engineer = await updateEngineer(
      db(c),
      c.req.valid("param").id,
      patch as EngineerInput,
      apiActingAs(c),
      staff(c),
      since(updatedAt),
    );
    return c.json(engineerJson(engineer), 200);
  });
  for (const active of [false, true]) {
    api.openapi(activeOperation(ENGINEERS, active, EngineerSchema), async (c) => {
      const engineer = await setEngineerActive(db(c), c.req.valid("param").id, active, apiActingAs(c));
      return c.json(engineerJson(engineer), 200);
    });
  }
  api.openapi(deleteOperation(ENGINEERS, "deactivate them"), async (c) => {
    await deleteEngineer(db(c), c.req.valid("param").id, apiActingAs(c));
    return c.body(null, 204);
  });

  api.openapi(createOperation(GEAR, GearWrite, GearSchema), async (c) => {
    const item = await createGear(db(c), c.req.valid("json") as GearInput, apiActingAs(c));
    return c.json(gearJson(item), 201);
  });
  api.openapi(updateOperation(GEAR, GearChange, GearSchema), async (c) => {
    const { updatedAt, ...patch } = c.req.valid("json");
    const item = await updateGear(
      db(c),
      c.req.valid("param").id,
      patch as GearInput,
      apiActingAs(c),
      since(updatedAt),
    );
    return c.json(gearJson(item), 200);
  });
  api.openapi(gearStatusRoute, async (c) => {
    const { status } = c.req.valid("json");
    const item = await setGearStatus(db(c), c.req.valid("param").id, status, apiActingAs(c));
    return c.json(gearJson(item), 200);
  });
  api.openapi(deleteOperation(GEAR, "put it out of service"), async (c) => {
    await deleteGear(db(c), c.req.valid("param").id, apiActingAs(c));
    return c.body(null, 204);
  });
}

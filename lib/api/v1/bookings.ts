import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { NotFoundError } from "../../errors.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { type BookingDetail, bookingDetails, getBooking } from "../../scheduling/booking_reads.ts";
import {
  type BookingAction,
  createBooking,
  transitionBooking,
  updateBooking,
} from "../../scheduling/bookings.ts";
import { canSeeBooking, type Viewer, visibleEngineer } from "../../scheduling/session_access.ts";
import { listSessionBlocks } from "../../scheduling/session_list.ts";
import { apiActingAs, apiActor } from "../auth.ts";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "../pagination.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";

const instant = z.string().openapi({ format: "date-time", example: "2026-03-10T09:00:00.000Z" });
const STATUSES = [
  "hold",
  "confirmed",
  "in_progress",
  "completed",
  "cancelled",
  "no_show",
  "expired",
] as const;

export const BookingSchema = z.object({
  id: z.string().openapi({ example: "bkg_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z" }),
  title: z.string(),
  status: z.enum(STATUSES),
  source: z.string(),
  notes: z.string().nullable(),
  holdExpiresAt: instant.nullable(),
  version: z.number().int().openapi({ description: "Send it back with a change; a stale one is a 409." }),
  seriesId: z.string().nullable(),
  seriesIndex: z.number().int().nullable(),
  room: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ id: z.string(), name: z.string() }).nullable(),
  blocks: z.array(z.object({ start: instant, end: instant })),
  engineers: z.array(z.object({ id: z.string(), name: z.string() })),
  gear: z.array(z.object({ id: z.string(), name: z.string(), quantity: z.number().int() })),
}).openapi("Booking");

const block = z.object({ start: instant, end: instant });
const gearLine = z.object({ gearId: z.string(), quantity: z.number().int().min(1) });

// The domain validates fully (lib/scheduling/booking_input.ts); these schemas document the shapes.
const BookingCreate = z.object({
  roomId: z.string(),
  title: z.string(),
  clientId: z.string().nullable().optional(),
  status: z.enum(["hold", "confirmed"]).optional().openapi({ description: "Default confirmed." }),
  holdMinutes: z.number().int().optional().openapi({ description: "How long a hold blocks; default 1 day." }),
  blocks: z.array(block).min(1),
  engineerIds: z.array(z.string()).optional(),
  gear: z.array(gearLine).optional(),
  notes: z.string().nullable().optional(),
}).openapi("BookingCreate");

const BookingChange = BookingCreate.omit({ status: true, holdMinutes: true }).partial()
  .extend({ version: z.number().int() }).openapi("BookingChange");

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

const conflict = problemResponse(
  "The time is taken: `conflicts` names each resource, the booking in its way and when.",
);

function bookingJson(b: BookingDetail): z.infer<typeof BookingSchema> {
  return {
    id: b.id,
    title: b.title,
    status: b.status,
    source: b.source,
    notes: b.notes,
    holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null,
    version: b.version,
    seriesId: b.seriesId,
    seriesIndex: b.seriesIndex,
    room: { id: b.room.id, name: b.room.name },
    client: b.client,
    blocks: b.blocks.map((x) => ({ start: x.start.toISOString(), end: x.end.toISOString() })),
    engineers: b.engineers,
    gear: b.gear,
  };
}

/** The API caller as a viewer of sessions: keys see by role only; staff also by assignment. */
function viewerOf(c: Context): Viewer {
  const actor = apiActor(c);
  return { role: actor.role, staffId: actor.type === "staff" ? actor.id : undefined };
}

async function visibleBooking(c: Context, db: TenantDb, id: string): Promise<BookingDetail> {
  const booking = await getBooking(db, id);
  if (!booking || !await canSeeBooking(db, viewerOf(c), booking)) throw new NotFoundError("No such booking.");
  return booking;
}

const zoneOf = (c: Context) => ({ timeZone: c.get("studio")!.tenant.timezone as string });

const listBookings = apiRoute({
  method: "get",
  path: "/bookings",
  operationId: "listBookings",
  tags: ["Bookings"],
  summary: "Bookings with a block in a time window, by start",
  permission: "sessions.view.assigned",
  request: {
    query: z.object({
      from: z.iso.datetime({ offset: true }).openapi({ description: "Window start (RFC 3339)." }),
      to: z.iso.datetime({ offset: true }).openapi({
        description: "Window end, at most 366 days after `from`.",
      }),
      roomId: z.string().optional(),
      engineerId: z.string().optional(),
      status: z.enum(STATUSES).optional(),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: "One page of bookings.",
      content: { "application/json": { schema: pageSchema(BookingSchema, "BookingPage") } },
    },
  },
});

const getOne = apiRoute({
  method: "get",
  path: "/bookings/{id}",
  operationId: "getBooking",
  tags: ["Bookings"],
  summary: "One booking",
  permission: "sessions.view.assigned",
  request: { params: IdParams },
  responses: {
    200: { description: "The booking.", content: { "application/json": { schema: BookingSchema } } },
  },
});

const create = apiRoute({
  method: "post",
  path: "/bookings",
  operationId: "createBooking",
  tags: ["Bookings"],
  summary: "Book a session (room, engineers, gear, one or more blocks)",
  permission: "sessions.manage",
  request: { body: { required: true, content: { "application/json": { schema: BookingCreate } } } },
  responses: {
    201: { description: "Booked.", content: { "application/json": { schema: BookingSchema } } },
    409: conflict,
  },
});

const update = apiRoute({
  method: "patch",
  path: "/bookings/{id}",
  operationId: "updateBooking",
  tags: ["Bookings"],
  summary: "Move, resize or change a booking; everything is re-checked",
  permission: "sessions.manage",
  request: {
    params: IdParams,
    body: { required: true, content: { "application/json": { schema: BookingChange } } },
  },
  responses: {
    200: { description: "Changed.", content: { "application/json": { schema: BookingSchema } } },
    409: conflict,
  },
});

const ACTIONS: Record<string, BookingAction> = { confirm: "confirm", cancel: "cancel", complete: "complete" };

const action = (name: keyof typeof ACTIONS) =>
  apiRoute({
    method: "post",
    path: `/bookings/{id}/${name}`,
    operationId: `${name}Booking`,
    tags: ["Bookings"],
    summary: `${name[0].toUpperCase()}${name.slice(1)} a booking`,
    permission: "sessions.manage",
    request: {
      params: IdParams,
      body: {
        required: false,
        content: {
          "application/json": {
            schema: z.object({
              reason: z.string().max(500).optional(),
              version: z.number().int().optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: { description: "Done.", content: { "application/json": { schema: BookingSchema } } },
      409: problemResponse(
        "Its status does not allow this, or (confirming a lapsed hold) its time is taken.",
      ),
    },
  });

/** `/bookings`: list, read, create, change, and the confirm / cancel / complete actions. */
export const bookings: ApiResource = (api) => {
  api.openapi(listBookings, async (c) => {
    const query = c.req.valid("query");
    const db = c.get("studio")!.db;
    const from = new Date(query.from);
    const to = new Date(query.to);
    const engineer = await visibleEngineer(db, viewerOf(c));
    const cursor = decodeCursor(query.after, z.object({ start: z.string(), blockId: z.string() }));
    const rows = engineer === "" || to <= from || to.getTime() - from.getTime() > 366 * 86_400_000
      ? []
      : await listSessionBlocks(db, {
        from,
        to,
        roomId: query.roomId,
        engineerId: engineer ?? query.engineerId,
        statuses: query.status ? [query.status] : undefined,
        after: cursor && { start: new Date(cursor.start), blockId: cursor.blockId },
        // Blocks, not bookings: enough for a page of multi-block bookings.
        limit: (query.limit + 1) * 4,
      });
    const firstBlock = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!firstBlock.has(row.bookingId)) firstBlock.set(row.bookingId, row);
    const ids = [...firstBlock.keys()];
    const details = await bookingDetails(db, ids.slice(0, query.limit + 1));
    const page = pageOf(c, details, query.limit, (last) => {
      const row = firstBlock.get(last.id)!;
      return { start: row.start.toISOString(), blockId: row.blockId };
    });
    return c.json({ data: page.data.map(bookingJson), next: page.next }, 200);
  });

  api.openapi(getOne, async (c) => {
    const db = c.get("studio")!.db;
    return c.json(bookingJson(await visibleBooking(c, db, c.req.valid("param").id)), 200);
  });

  api.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const booking = await createBooking(
      c.get("studio")!.db,
      { ...body, source: "api" },
      apiActingAs(c),
      zoneOf(c),
    );
    return c.json(bookingJson(booking), 201);
  });

  api.openapi(update, async (c) => {
    const db = c.get("studio")!.db;
    const { id } = c.req.valid("param");
    const booking = await updateBooking(db, id, c.req.valid("json"), apiActingAs(c), zoneOf(c));
    return c.json(bookingJson(booking), 200);
  });

  for (const name of Object.keys(ACTIONS)) {
    api.openapi(action(name), async (c) => {
      const db = c.get("studio")!.db;
      const { id } = c.req.valid("param");
      await visibleBooking(c, db, id);
      const body = c.req.header("content-type")?.includes("json") ? await c.req.json().catch(() => ({})) : {};
      const booking = await transitionBooking(db, id, ACTIONS[name], apiActingAs(c), {
        ...zoneOf(c),
        reason: typeof body.reason === "string" ? body.reason : undefined,
        version: typeof body.version === "number" ? body.version : undefined,
      });
      return c.json(bookingJson(booking), 200);
    });
  }
};

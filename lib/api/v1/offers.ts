import { z } from "@hono/zod-openapi";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { offerSlots } from "../../portal/offer_slots.ts";
import {
  createOffer,
  getOffer,
  listOffers,
  type Offer,
  setOfferActive,
  updateOffer,
} from "../../portal/offers.ts";
import { getPortalSettings } from "../../portal/portal_settings.ts";
import { apiActingAs } from "../auth.ts";
import { problemResponse } from "../problems.ts";
import { type ApiResource, apiRoute } from "../route.ts";

const minor = z.number().int().openapi({ description: "Minor units of the offer's currency." });
const Duration = z.object({
  minutes: z.number().int().openapi({ example: 240 }),
  price: minor,
});
const Policy = z.object({
  deposit: z.object({
    rule: z.enum(["none", "percent", "flat", "greater"]),
    percentBp: z.number().int().openapi({ description: "Basis points: 3000 is 30 %." }),
    flatAmount: minor,
  }),
  cancellation: z.array(z.object({
    minHoursBefore: z.number().int(),
    outcome: z.enum(["full_refund", "deposit_kept", "full_charge"]),
  })).openapi({ description: "Longest notice first; the first window the notice reaches applies." }),
  maxTransfers: z.number().int(),
  rescheduleMinHours: z.number().int(),
}).openapi("BookingPolicy");

const OfferSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  roomIds: z.array(z.string()).openapi({ description: "A room group: a booking takes the first one free." }),
  engineerId: z.string().nullable(),
  durations: z.array(Duration),
  currency: z.string().openapi({ example: "EUR" }),
  policy: Policy,
  requiresApproval: z.boolean(),
  active: z.boolean(),
  position: z.number().int(),
  version: z.number().int().openapi({ description: "Send it back with a change; a stale one is a 409." }),
}).openapi("Offer");

const OfferBody = z.object({
  name: z.string(),
  description: z.string().nullable().optional(),
  roomIds: z.array(z.string()),
  engineerId: z.string().nullable().optional(),
  durations: z.array(Duration),
  currency: z.string().optional().openapi({ description: "ISO 4217; the studio's currency when absent." }),
  policy: Policy,
  requiresApproval: z.boolean().optional(),
  position: z.number().int().optional(),
}).openapi("OfferInput");

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: json(schema) } });
const SlotSchema = z.object({
  start: z.string(),
  end: z.string(),
  roomId: z.string().openapi({ description: "The room of the group the booking would take." }),
});

const offerJson = ({ createdAt: _c, updatedAt: _u, ...offer }: Offer) => offer;

async function existing(db: Parameters<typeof getOffer>[0], id: string): Promise<Offer> {
  const offer = await getOffer(db, id);
  if (!offer) throw new NotFoundError("No offer with this id.");
  return offer;
}

const list = apiRoute({
  method: "get",
  path: "/offers",
  operationId: "listOffers",
  tags: ["Offers"],
  summary: "What clients can book online, in booking-page order",
  permission: "rooms.view",
  request: {
    query: z.object({
      inactive: z.enum(["true", "false"]).optional().openapi({ description: "Include inactive ones." }),
    }),
  },
  responses: { 200: { description: "The offers.", content: json(z.object({ data: z.array(OfferSchema) })) } },
});

const getOne = apiRoute({
  method: "get",
  path: "/offers/{id}",
  operationId: "getOffer",
  tags: ["Offers"],
  summary: "One offer",
  permission: "rooms.view",
  request: { params: IdParams },
  responses: { 200: { description: "The offer.", content: json(OfferSchema) } },
});

const create = apiRoute({
  method: "post",
  path: "/offers",
  operationId: "createOffer",
  tags: ["Offers"],
  summary: "Create an offer",
  permission: "studio.settings",
  request: body(OfferBody),
  responses: { 201: { description: "Created.", content: json(OfferSchema) } },
});

const update = apiRoute({
  method: "put",
  path: "/offers/{id}",
  operationId: "updateOffer",
  tags: ["Offers"],
  summary: "Replace an offer's details; bookings already made keep their terms",
  permission: "studio.settings",
  request: { params: IdParams, ...body(OfferBody.extend({ version: z.number().int() })) },
  responses: {
    200: { description: "Saved.", content: json(OfferSchema) },
    409: problemResponse("Someone changed the offer since `version`."),
  },
});

const activation = (name: "activate" | "deactivate") =>
  apiRoute({
    method: "post",
    path: `/offers/{id}/${name}`,
    operationId: `${name}Offer`,
    tags: ["Offers"],
    summary: name === "activate" ? "Put an offer on the booking page" : "Take an offer off the booking page",
    permission: "studio.settings",
    request: { params: IdParams },
    responses: { 200: { description: "Done (also when it already was).", content: json(OfferSchema) } },
  });

const availability = apiRoute({
  method: "get",
  path: "/offers/{id}/availability",
  operationId: "offerAvailability",
  tags: ["Offers"],
  summary: "Free starts of an offer, as the booking page offers them",
  description: "Any room of the offer's group, its engineer's hours, and the portal's notice and " +
    "horizon all count. Windows of up to 62 days.",
  permission: "sessions.view.assigned",
  request: {
    params: IdParams,
    query: z.object({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      durationMinutes: z.coerce.number().int().openapi({ description: "One of the offer's lengths." }),
    }),
  },
  responses: {
    200: { description: "The free starts.", content: json(z.object({ data: z.array(SlotSchema) })) },
  },
});

const MAX_WINDOW_MS = 62 * 86_400_000;

/** `/offers`: what clients book online (read, write, activate) and an offer's free starts. */
export const offers: ApiResource = (api) => {
  api.openapi(list, async (c) => {
    const all = await listOffers(c.get("studio")!.db, {
      activeOnly: c.req.valid("query").inactive !== "true",
    });
    return c.json({ data: all.map(offerJson) }, 200);
  });
  api.openapi(getOne, async (c) => {
    return c.json(offerJson(await existing(c.get("studio")!.db, c.req.valid("param").id)), 200);
  });
  api.openapi(create, async (c) => {
    return c.json(
      offerJson(await createOffer(c.get("studio")!.db, c.req.valid("json"), apiActingAs(c))),
      201,
    );
  });
  api.openapi(update, async (c) => {
    const { version, ...input } = c.req.valid("json");
    const offer = await updateOffer(
      c.get("studio")!.db,
      c.req.valid("param").id,
      version,
      input,
      apiActingAs(c),
    );
    return c.json(offerJson(offer), 200);
  });
  for (const name of ["activate", "deactivate"] as const) {
    api.openapi(activation(name), async (c) => {
      const db = c.get("studio")!.db;
      const offer = await setOfferActive(db, c.req.valid("param").id, name === "activate", apiActingAs(c));
      return c.json(offerJson(offer), 200);
    });
  }
  api.openapi(availability, async (c) => {
    const studio = c.get("studio")!;
    const query = c.req.valid("query");
    const offer = await existing(studio.db, c.req.valid("param").id);
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > MAX_WINDOW_MS) {
      throw new ValidationError({ to: "Give a window after `from`, of at most 62 days." });
    }
    if (!offer.durations.some((d) => d.minutes === query.durationMinutes)) {
      throw new ValidationError({
        durationMinutes: `Choose one of the offer's lengths: ${
          offer.durations.map((d) => d.minutes).join(", ")
        }.`,
      });
    }
    const settings = await getPortalSettings(studio.db);
    const slots = offer.active
      ? await offerSlots(studio.db, offer, {
        from,
        to,
        minutes: query.durationMinutes,
        now: new Date(),
        timeZone: studio.tenant.timezone as string,
        minNoticeHours: settings.minNoticeHours,
        horizonDays: settings.horizonDays,
      })
      : [];
    return c.json({
      data: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), roomId: s.roomId })),
    }, 200);
  });
};

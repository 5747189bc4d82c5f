import { z } from "@hono/zod-openapi";
import { getStudioProfile } from "../../tenancy/studio_profile.ts";
import { type ApiResource, apiRoute } from "../route.ts";

export const StudioSchema = z.object({
  id: z.string().openapi({ example: "t_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z" }),
  slug: z.string().openapi({ description: "The studio's address: <slug>.<domain>.", example: "blue-room" }),
  name: z.string().openapi({ example: "Blue Room Studios" }),
  timezone: z.string().openapi({
    description: "IANA time zone: the studio's wall clock for hours and dates.",
    example: "Europe/Paris",
  }),
  currency: z.string().openapi({
    description: "ISO 4217 code; every amount is in its minor units.",
    example: "EUR",
  }),
  locale: z.string().openapi({ example: "fr" }),
  country: z.string().nullable().openapi({ description: "ISO 3166-1 alpha-2 code.", example: "FR" }),
}).openapi("Studio");

export const getStudio = apiRoute({
  method: "get",
  path: "/studio",
  operationId: "getStudio",
  tags: ["Studio"],
  summary: "The studio's profile",
  responses: {
    200: { description: "The studio.", content: { "application/json": { schema: StudioSchema } } },
  },
});

/** `GET /studio`: who this API talks to, for any member or key of the studio. */
export const studio: ApiResource = (api) => {
  api.openapi(getStudio, async (c) => {
    const { tenant, db } = c.get("studio")!;
    const profile = await getStudioProfile(db);
    return c.json({
      id: tenant.id,
      slug: tenant.slug,
      name: profile.name,
      timezone: profile.timezone,
      currency: profile.currency,
      locale: profile.locale,
      country: profile.country,
    }, 200);
  });
};

import assert from "node:assert/strict";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { ValidationError } from "../errors.ts";
import { HttpError } from "../fw/http_error.ts";
import { errorHandler } from "../http/error_handler.ts";
import { fromHttpException, validationHook } from "./problems.ts";

/** A JSON-body endpoint wired as /api/v1 wires its resources, behind the app's real error handler. */
function fixture() {
  const api = new OpenAPIHono({ defaultHook: validationHook });
  api.onError((err) => {
    throw fromHttpException(err);
  });
  const Booking = z.object({
    room: z.string().min(1),
    hours: z.number().int().min(1).max(24),
    guests: z.array(z.object({ name: z.string().min(1) })).optional(),
  });
  api.openapi(
    createRoute({
      method: "post",
      path: "/bookings",
      request: { body: { content: { "application/json": { schema: Booking } }, required: true } },
      responses: { 201: { description: "Booked." } },
    }),
    (c) => c.json(c.req.valid("json"), 201),
  );
  const app = new Hono();
  app.route("/api/v1", api);
  app.onError(errorHandler({ render: () => new Response("an error page") }, "en"));
  const post = (body: string, type = "application/json") =>
    app.request("/api/v1/bookings", { method: "POST", body, headers: { "content-type": type } });
  return { post };
}

async function fieldsOf(res: Response): Promise<Record<string, string>> {
  assert.equal(res.status, 422);
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const body = await res.json();
  assert.equal(body.type, "/problems/validation");
  return Object.fromEntries(body.errors.map((e: { field: string; detail: string }) => [e.field, e.detail]));
}

Deno.test("a body breaking the schema is a 422 problem naming each field, nested paths dotted", async () => {
  const { post } = fixture();
  const fields = await fieldsOf(await post(JSON.stringify({ room: "", hours: 30, guests: [{ name: "" }] })));
  assert.deepEqual(Object.keys(fields).sort(), ["guests.0.name", "hours", "room"]);
  assert.match(fields.hours, /24/);

  const ok = await post(JSON.stringify({ room: "A", hours: 2 }));
  assert.equal(ok.status, 201);
  assert.deepEqual(await ok.json(), { room: "A", hours: 2 });
});

Deno.test("a body that is not JSON, or not declared as JSON, is a 422 on `body`, never a 400 or 500", async () => {
  const { post } = fixture();
  assert.match((await fieldsOf(await post("{nope"))).body, /not valid JSON/);
  assert.match((await fieldsOf(await post("room=A", "application/x-www-form-urlencoded"))).body, /JSON/);
  assert.match((await fieldsOf(await post(""))).body, /not valid JSON/, "an empty body declared as JSON");
  const bare = await fixture().post("", "");
  assert.deepEqual(
    Object.keys(await fieldsOf(bare)).sort(),
    ["hours", "room"],
    "no body: each field missing",
  );
});

Deno.test("other HTTPExceptions keep their status as HttpErrors; other errors pass unchanged", () => {
  const teapot = fromHttpException(new HTTPException(418, { message: "short and stout" }));
  assert.ok(teapot instanceof HttpError);
  assert.equal(teapot.status, 418);
  assert.equal(teapot.message, "short and stout");
  const mine = new ValidationError({ a: "b" });
  assert.equal(fromHttpException(mine), mine);
});

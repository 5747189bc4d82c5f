import assert from "node:assert/strict";
import { Hono } from "hono";
import { ForbiddenError } from "../errors.ts";
import { originCheck } from "./origin_check.ts";

const app = new Hono()
  .use(originCheck())
  .all("*", (c) => c.text("ok"))
  .onError((err, c) => c.text(err.message, err instanceof ForbiddenError ? 403 : 500));

const post = (path: string, headers: Record<string, string> = {}) =>
  app.request(`https://blue.studios.example${path}`, { method: "POST", headers });

Deno.test("forms are accepted from their own host and refused from another", async () => {
  assert.equal((await post("/sign-in", { origin: "https://blue.studios.example" })).status, 200);
  assert.equal(
    (await post("/sign-in", { origin: "http://blue.studios.example" })).status,
    200,
    "scheme ignored",
  );
  assert.equal((await post("/sign-in", { origin: "https://evil.example" })).status, 403);
  assert.equal(
    (await post("/sign-in", { origin: "https://red.studios.example" })).status,
    403,
    "another studio",
  );
  assert.equal((await post("/sign-in", { origin: "null" })).status, 403);
  assert.equal((await post("/sign-in")).status, 403, "no statement of origin");
  assert.equal((await post("/sign-in", { "sec-fetch-site": "same-origin" })).status, 200);
  assert.equal((await post("/sign-in", { "sec-fetch-site": "cross-site" })).status, 403);
});

Deno.test("safe methods and cookie-less machine routes pass; machine routes with cookies are checked", async () => {
  assert.equal((await app.request("https://blue.studios.example/app")).status, 200);
  assert.equal((await post("/api/v1/bookings")).status, 200);
  assert.equal((await post("/webhooks/stripe")).status, 200);
  assert.equal((await post("/api/v1/bookings", { cookie: "rsm_session=x" })).status, 403);
});

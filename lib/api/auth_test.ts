import assert from "node:assert/strict";
import { Hono } from "hono";
import { ForbiddenError } from "../errors.ts";
import { apiActingAs, type ApiActor, apiActor, type ApiEnv, requireApiPermission } from "./auth.ts";

/** A handler behind `requireApiPermission`, called as `actor`. */
async function call(actor: ApiActor | undefined, permission: Parameters<typeof requireApiPermission>[0]) {
  const app = new Hono<ApiEnv>();
  app.use(async (c, next) => {
    if (actor) c.set("apiActor", actor);
    await next();
  });
  app.get(
    "/",
    requireApiPermission(permission),
    (c) => c.json({ actor: apiActor(c), acting: apiActingAs(c) }),
  );
  let error: unknown;
  app.onError((err, c) => {
    error = err;
    return c.text("", 500);
  });
  const res = await app.request("/", { headers: { "user-agent": "integration/1.0" } });
  return { body: res.status === 200 ? await res.json() : undefined, error };
}

const KEY: ApiActor = {
  type: "api_key",
  id: "key_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z",
  label: "Website",
  role: "manager",
};

Deno.test("a handler sees its caller, and the audit actor names the key without its role", async () => {
  const { body } = await call(KEY, "rooms.manage");
  assert.deepEqual(body.actor, KEY);
  assert.deepEqual(body.acting, {
    actor: { type: "api_key", id: KEY.id, label: "Website" },
    ip: "unknown",
    userAgent: "integration/1.0",
  });
});

Deno.test("a caller whose role lacks the permission is refused, and no caller at all is unauthorized", async () => {
  assert.ok((await call(KEY, "invoices.manage")).error instanceof ForbiddenError);
  assert.equal((await call(undefined, "rooms.view")).error?.constructor.name, "UnauthorizedError");
});

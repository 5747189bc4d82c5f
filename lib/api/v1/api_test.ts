import assert from "node:assert/strict";
import { recordAudit } from "../../audit/audit.ts";
import { type ApiKeyActor, createApiKey, getApiKey, revokeApiKey } from "../../kv/api_keys.ts";
import { hitRateLimit } from "../../kv/rate_limits.ts";
import type { Role } from "../../kv/staff.ts";
import type { Tenant } from "../../kv/tenants.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import { signedInCookie } from "../../testing/staff_session.ts";
import { testApp } from "../../testing/test_app.ts";
import { API_RATE_LIMIT } from "../auth.ts";

const OPERATOR: ApiKeyActor = { type: "system", label: "test" };
const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "fr", country: "FR" } as const;

/** The app with studios Blue and Red at /s/blue and /s/red. */
async function studios() {
  const t = await testApp();
  const blue = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const red = await provisionStudio(t.tenancy, { ...settings, slug: "red", name: "Red Room" });
  const keyOf = async (tenant: Tenant, role: Role, extra: { expiresAt?: string } = {}) =>
    await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: OPERATOR,
      ...extra,
    });
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return { t, blue, red, keyOf, get, bearer };
}

async function problem(res: Response) {
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  return await res.json();
}

Deno.test("an API key of the studio reads the studio's profile, and its use is recorded", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  const { token, key } = await keyOf(blue, "engineer");
  const res = await get("/s/blue/api/v1/studio", bearer(token));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.deepEqual(await res.json(), {
    id: blue.id,
    slug: "blue",
    name: "Blue Room",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr",
    country: "FR",
  });
  assert.ok((await getApiKey(t.kv, blue.id, key.id))?.lastUsedAt, "last use recorded");
  // The scheme is case-insensitive (RFC 9110 §11.1).
  assert.equal((await get("/s/blue/api/v1/studio", { authorization: `bearer ${token}` })).status, 200);
});

Deno.test("no credentials is a 401 problem with a Bearer challenge", async () => {
  const { t, get } = await studios();
  await using _ = t;
  const res = await get("/s/blue/api/v1/studio");
  assert.equal(res.status, 401);
  assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
  const body = await problem(res);
  assert.equal(body.type, "/problems/unauthorized");
  assert.equal(body.status, 401);
  assert.match(body.instance, /^urn:request:/);
});

Deno.test("a wrong, malformed, revoked, expired or other studio's key is a 401, even beside a good cookie", async () => {
  const { t, blue, red, keyOf, get, bearer } = await studios();
  await using _ = t;
  const revoked = await keyOf(blue, "owner");
  await revokeApiKey(t.kv, blue.id, revoked.key.id, OPERATOR);
  const expiring = await keyOf(blue, "owner", { expiresAt: new Date(Date.now() + 50).toISOString() });
  await new Promise((resolve) => setTimeout(resolve, 60));
  const foreign = await keyOf(red, "owner");
  const cookie = await signedInCookie(t.kv, blue, { base: "/s/blue" });

  const refusals: Record<string, Record<string, string>> = {
    unknown: bearer(`rsm_${"a".repeat(32)}`),
    malformed: bearer("not-a-key"),
    "another scheme": { authorization: `Basic ${btoa("a:b")}` },
    revoked: bearer(revoked.token),
    expired: bearer(expiring.token),
    "another studio's key": bearer(foreign.token),
    "a bad key beside a good cookie": { ...bearer("rsm_nope"), cookie },
  };
  for (const [why, headers] of Object.entries(refusals)) {
    const res = await get("/s/blue/api/v1/studio", headers);
    assert.equal(res.status, 401, why);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"', why);
    assert.equal((await problem(res)).type, "/problems/unauthorized", why);
  }
  assert.equal((await get("/s/red/api/v1/studio", bearer(foreign.token))).status, 200, "fine at home");
});

Deno.test("a key acts with its role's permissions: 403 problem without them", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  for (const role of ["admin", "manager", "engineer", "bookkeeper"] as const) {
    const { token } = await keyOf(blue, role);
    const res = await get("/s/blue/api/v1/audit", bearer(token));
    assert.equal(res.status, 403, role);
    const body = await problem(res);
    assert.equal(body.type, "/problems/forbidden");
    assert.equal(body.title, "Access denied");
  }
  const owner = await keyOf(blue, "owner");
  assert.equal((await get("/s/blue/api/v1/audit", bearer(owner.token))).status, 200);
  // Permission comes before validation: a caller without it learns nothing about the input's rules.
  const engineer = await keyOf(blue, "engineer");
  assert.equal((await get("/s/blue/api/v1/audit?limit=0", bearer(engineer.token))).status, 403);
});

Deno.test("the staff session cookie works with the member's role, and only in its own studio", async () => {
  const { t, blue, red, get } = await studios();
  await using _ = t;
  const owner = await signedInCookie(t.kv, blue, { base: "/s/blue" });
  const engineer = await signedInCookie(t.kv, blue, {
    base: "/s/blue",
    role: "engineer",
    email: "e@x.example",
  });
  const foreign = await signedInCookie(t.kv, red, { base: "/s/blue", email: "o@red.example" });
  assert.equal((await get("/s/blue/api/v1/audit", { cookie: owner })).status, 200);
  assert.equal((await get("/s/blue/api/v1/studio", { cookie: engineer })).status, 200);
  assert.equal((await get("/s/blue/api/v1/audit", { cookie: engineer })).status, 403);
  assert.equal((await get("/s/blue/api/v1/studio", { cookie: foreign })).status, 401);
});

Deno.test("unsafe requests with a cookie go through the origin check; with a key they need none", async () => {
  const { t, blue, keyOf, bearer } = await studios();
  await using _ = t;
  const cookie = await signedInCookie(t.kv, blue, { base: "/s/blue" });
  const { token } = await keyOf(blue, "owner");
  const post = (headers: Record<string, string>) =>
    t.app.request("/s/blue/api/v1/studio", { method: "POST", headers });
  const forged = await post({ cookie, origin: "https://evil.example" });
  assert.equal(forged.status, 403);
  assert.equal((await problem(forged)).type, "/problems/forbidden");
  assert.equal((await post({ cookie })).status, 403, "no Origin at all");
  // Past the origin check, the API itself answers: there is no POST /studio.
  assert.equal((await post({ cookie, origin: "http://localhost" })).status, 404);
  assert.equal((await post(bearer(token))).status, 404);
});

Deno.test("invalid query fields are a 422 problem listing each field", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  const { token } = await keyOf(blue, "owner");
  const res = await get("/s/blue/api/v1/audit?limit=500&from=yesterday", bearer(token));
  assert.equal(res.status, 422);
  const body = await problem(res);
  assert.equal(body.type, "/problems/validation");
  assert.deepEqual(body.errors.map((e: { field: string }) => e.field).sort(), ["from", "limit"]);
  for (const error of body.errors) assert.ok(error.detail.length > 0);

  for (const after of ["%%%", "bm90IGpzb24", btoa(JSON.stringify("x")).replaceAll("=", "")]) {
    const bad = await get(`/s/blue/api/v1/audit?after=${encodeURIComponent(after)}`, bearer(token));
    assert.equal(bad.status, 422, after);
    assert.deepEqual((await problem(bad)).errors.map((e: { field: string }) => e.field), ["after"]);
  }
});

Deno.test("the audit log pages newest first through `next`, with the filters kept", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  await t.tenancy.pool.use(blue.database, async (db) => {
    for (let i = 1; i <= 5; i++) {
      await recordAudit(db, {
        actor: { type: "staff", id: "u_1", label: "ana@example.com" },
        action: `test.${i}`,
      });
    }
    await recordAudit(db, { actor: { type: "system" }, action: "other.thing" });
  });
  const { token } = await keyOf(blue, "owner");

  const actions: string[] = [];
  let next: string | null = "/s/blue/api/v1/audit?actor=u_1&limit=2";
  let pages = 0;
  while (next) {
    const res = await get(next, bearer(token));
    assert.equal(res.status, 200);
    const page = await res.json();
    actions.push(...page.data.map((entry: { action: string }) => entry.action));
    if (page.next) {
      assert.match(page.next, /^\/s\/blue\/api\/v1\/audit\?/);
      assert.equal(new URLSearchParams(page.next.split("?")[1]).get("actor"), "u_1", "filters are kept");
      assert.equal(res.headers.get("link"), `<${page.next}>; rel="next"`);
    } else {
      assert.equal(res.headers.get("link"), null);
    }
    next = page.next;
    pages++;
  }
  assert.deepEqual(actions, ["test.5", "test.4", "test.3", "test.2", "test.1"]);
  assert.equal(pages, 3);

  const [entry] = (await (await get("/s/blue/api/v1/audit?limit=1", bearer(token))).json()).data;
  assert.equal(entry.action, "other.thing");
  assert.deepEqual(entry.actor, { type: "system", id: null, label: null });
  assert.match(entry.at, /^\d{4}-\d{2}-\d{2}T/);

  const future = new Date(Date.now() + 60_000).toISOString();
  const none = await (await get(`/s/blue/api/v1/audit?from=${encodeURIComponent(future)}`, bearer(token)))
    .json();
  assert.deepEqual(none, { data: [], next: null });
});

Deno.test("the OpenAPI 3.1 document is public and describes the paths, schemas and security", async () => {
  const { t, get } = await studios();
  await using _ = t;
  const res = await get("/s/blue/api/v1/openapi.json");
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(doc.info.title, "Recording Studio Manager API");
  assert.deepEqual(doc.servers.map((s: { url: string }) => s.url), ["/s/blue/api/v1"]);
  for (const path of ["/audit", "/studio", "/bookings", "/clients", "/invoices", "/quotes", "/rooms"]) {
    assert.ok(doc.paths[path], path);
  }
  assert.deepEqual(doc.components.securitySchemes.bearer, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "rsm_<32 characters>",
    description: "An API key of this studio.",
  });
  assert.equal(doc.components.securitySchemes.session.in, "cookie");
  for (const name of ["Problem", "Studio", "AuditEntry", "AuditPage"]) {
    assert.ok(doc.components.schemas[name], name);
  }
  assert.deepEqual(doc.components.schemas.Problem.required, ["type", "title", "status"]);

  const audit = doc.paths["/audit"].get;
  assert.equal(audit.operationId, "listAuditEntries");
  assert.equal(audit["x-permission"], "audit.view");
  assert.deepEqual(audit.security, [{ bearer: [] }, { session: [] }]);
  assert.deepEqual(Object.keys(audit.responses).sort(), ["200", "401", "403", "422", "429"]);
  assert.equal(
    audit.responses["403"].content["application/problem+json"].schema.$ref,
    "#/components/schemas/Problem",
  );
  const limit = audit.parameters.find((p: { name: string }) => p.name === "limit");
  assert.deepEqual({ in: limit.in, max: limit.schema.maximum }, { in: "query", max: 100 });
  assert.deepEqual(Object.keys(doc.paths["/studio"].get.responses).sort(), ["200", "401", "429"]);
  const red = await (await get("/s/red/api/v1/openapi.json")).json();
  assert.deepEqual(
    red.servers.map((s: { url: string }) => s.url),
    ["/s/red/api/v1"],
    "each studio its own server",
  );
  assert.deepEqual(red.paths, doc.paths);
});

Deno.test("on a studio's own host the document's server is /api/v1", async () => {
  await using t = await testApp({ BASE_URL: "https://studios.example" });
  await provisionStudio(t.tenancy, { ...settings, slug: "north", name: "North" });
  const doc = await (await t.app.request("https://north.studios.example/api/v1/openapi.json")).json();
  assert.deepEqual(doc.servers, [{ url: "/api/v1", description: "This studio" }]);
  const res = await t.app.request("https://studios.example/api/v1/studio");
  assert.equal(res.status, 404, "the platform's own host has no API");
  assert.equal((await problem(res)).type, "/problems/studio-unavailable");
});

Deno.test("a caller over its rate limit gets a 429 problem with Retry-After; others are unaffected", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  const busy = await keyOf(blue, "owner");
  const calm = await keyOf(blue, "owner");
  // Fixed windows: start well inside one, so the request below lands in the window we fill.
  const left = API_RATE_LIMIT.windowMs - (Date.now() % API_RATE_LIMIT.windowMs);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 10));
  const now = Date.now();
  // Use up the window as that many earlier requests would have.
  for (let i = 0; i < API_RATE_LIMIT.limit; i++) {
    await hitRateLimit(t.kv, API_RATE_LIMIT, `api_key:${busy.key.id}`, now);
  }
  const res = await get("/s/blue/api/v1/studio", bearer(busy.token));
  assert.equal(res.status, 429);
  const retryAfter = Number(res.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
  const body = await problem(res);
  assert.equal(body.type, "/problems/rate-limited");
  assert.equal(body.retryAfter, retryAfter);
  assert.equal((await get("/s/blue/api/v1/studio", bearer(calm.token))).status, 200);
});

Deno.test("unknown API paths are 404 problems once authenticated", async () => {
  const { t, blue, keyOf, get, bearer } = await studios();
  await using _ = t;
  const { token } = await keyOf(blue, "owner");
  const res = await get("/s/blue/api/v1/nothing-here", bearer(token));
  assert.equal(res.status, 404);
  assert.equal((await problem(res)).type, "/problems/not-found");
  assert.equal((await get("/s/blue/api/v1/nothing-here")).status, 401, "nothing is revealed before that");
});

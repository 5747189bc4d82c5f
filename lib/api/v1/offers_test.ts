import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { auditLog } from "../../../db/schema/mod.ts";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { addDays, localParts, zonedInstant } from "../../scheduling/local_time.ts";
import { DEFAULT_POLICY } from "../../portal/policy.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { insertOffer, insertOpenRoom } from "../../testing/portal_fixtures.ts";
import { createBooking } from "../../scheduling/bookings.ts";
import { testApp } from "../../testing/test_app.ts";

const ZONE = "Europe/Paris";

async function offersApi() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "offers-api",
    name: "Offers",
    timezone: ZONE,
    currency: "EUR",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const key = async (role: Role) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: role,
      role,
      createdBy: { type: "system", label: "test" },
    }))
      .token;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(`/s/offers-api/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  return { t, use, key, call, [Symbol.asyncDispose]: () => t[Symbol.asyncDispose]() };
}

Deno.test("API: an admin creates, changes and deactivates an offer; a manager may only read; every change is audited", async () => {
  await using api = await offersApi();
  const room = await api.use((db) => insertOpenRoom(db));
  const admin = await api.key("admin");
  const manager = await api.key("manager");
  const input = {
    name: "Vocal recording",
    roomIds: [room.id],
    durations: [{ minutes: 240, price: 40_000 }],
    policy: DEFAULT_POLICY,
  };

  assert.equal((await api.call(manager, "POST", "/offers", input)).status, 403);
  const created = await api.call(admin, "POST", "/offers", input);
  assert.equal(created.status, 201);
  assert.equal(created.body.currency, "EUR", "the studio's currency by default");
  assert.equal(created.body.version, 1);

  const refused = await api.call(admin, "POST", "/offers", {
    ...input,
    durations: [{ minutes: 10, price: -1 }],
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.type.endsWith("validation"), true, JSON.stringify(refused.body));
  const noRoom = await api.call(admin, "POST", "/offers", { ...input, roomIds: ["room_nope"] });
  assert.equal(noRoom.status, 422);

  const id = created.body.id;
  const renamed = await api.call(admin, "PUT", `/offers/${id}`, {
    ...input,
    name: "Vocals, 4 h",
    version: 1,
  });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, "Vocals, 4 h");
  const stale = await api.call(admin, "PUT", `/offers/${id}`, { ...input, version: 1 });
  assert.equal(stale.status, 409);

  assert.equal((await api.call(admin, "POST", `/offers/${id}/deactivate`)).body.active, false);
  assert.deepEqual((await api.call(manager, "GET", "/offers")).body.data, [], "active ones by default");
  const all = await api.call(manager, "GET", "/offers?inactive=true");
  assert.deepEqual(all.body.data.map((o: { name: string }) => o.name), ["Vocals, 4 h"]);
  assert.equal((await api.call(manager, "GET", "/offers/off_nope")).status, 404);

  const audits = await api.use((db) => db.select().from(auditLog).where(eq(auditLog.entityId, id)));
  assert.deepEqual(audits.map((a) => a.action).sort(), [
    "offer.created",
    "offer.deactivated",
    "offer.updated",
  ]);
  assert.ok(audits.every((a) => a.actorType === "api_key"));
});

Deno.test("API: an offer's free starts are the booking page's, each with the room of the group it would take", async () => {
  await using api = await offersApi();
  const day = addDays(localParts(new Date(), ZONE).date, 5);
  const at = (time: string) => zonedInstant(day, time, ZONE)!;
  const { offerId, live, booth } = await api.use(async (db) => {
    const live = await insertOpenRoom(db, "Live room");
    const booth = await insertOpenRoom(db, "Booth");
    const offer = await insertOffer(db, {
      roomIds: [live.id, booth.id],
      durations: [{ minutes: 240, price: 40_000 }],
    });
    // The live room is taken in the morning: those starts fall to the booth.
    await createBooking(db, {
      roomId: live.id,
      title: "Mix",
      blocks: [{ start: at("09:00"), end: at("13:00") }],
    }, {
      actor: { type: "system" },
    }, { timeZone: ZONE });
    return { offerId: offer.id, live: live.id, booth: booth.id };
  });
  const engineer = await api.key("engineer");
  const window = `from=${encodeURIComponent(at("00:00").toISOString())}&to=${
    encodeURIComponent(zonedInstant(addDays(day, 1), "00:00", ZONE)!.toISOString())
  }`;
  const free = await api.call(
    engineer,
    "GET",
    `/offers/${offerId}/availability?${window}&durationMinutes=240`,
  );
  assert.equal(free.status, 200);
  // Open 09:00–21:00, 4 h starting on the hour: 09:00 … 17:00.
  assert.deepEqual(
    free.body.data.map((s: { start: string; roomId: string }) => [s.start, s.roomId]),
    ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"].map((time) => [
      at(time).toISOString(),
      time < "13:00" ? booth : live,
    ]),
  );

  const wrongLength = await api.call(
    engineer,
    "GET",
    `/offers/${offerId}/availability?${window}&durationMinutes=90`,
  );
  assert.equal(wrongLength.status, 422);
  assert.match(JSON.stringify(wrongLength.body), /one of the offer's lengths: 240/);
});

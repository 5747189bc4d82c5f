import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { auditLog } from "../../../db/schema/mod.ts";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { insertEngineer, insertGear, insertRoom } from "../../testing/scheduling_fixtures.ts";
import { testApp } from "../../testing/test_app.ts";

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "10:00", close: "18:00" }));

Deno.test("API: rooms, engineers and gear are listed; a room's free times follow its opening hours", async () => {
  const t = await testApp();
  await using _ = t;
  const tenant = await provisionStudio(t.tenancy, {
    slug: "res-api",
    name: "Resources",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { room, engineer } = await use(async (db) => ({
    room: await insertRoom(db, { name: "Studio A", openingHours: weekdays, hourlyRate: 6000 }),
    engineer: await insertEngineer(db, { name: "Sam", workingHours: weekdays, staffId: "stf_secret" }),
    gear: await insertGear(db, { name: "U87", quantity: 2 }),
    old: await insertRoom(db, { name: "Old booth", active: false }),
  }));
  const token = (await createApiKey(t.kv, {
    tenantId: tenant.id,
    name: "key",
    role: "engineer" as Role,
    createdBy: { type: "system", label: "test" },
  })).token;
  const get = async (path: string) => {
    const res = await t.app.request(`/s/res-api/api/v1${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  };
  assert.deepEqual((await get("/rooms")).body.data.map((r: { name: string }) => r.name), ["Studio A"]);
  assert.equal((await get("/rooms?inactive=true")).body.data.length, 2);
  assert.equal((await get(`/rooms/${room.id}`)).body.hourlyRate, 6000);
  const sam = (await get(`/engineers/${engineer.id}`)).body;
  assert.equal(sam.name, "Sam");
  assert.equal(sam.staffId, undefined, "the staff link stays internal");
  assert.equal((await get("/gear")).body.data[0].quantity, 2);
  assert.equal((await get("/rooms/room_nope")).status, 404);

  const from = "2027-03-01T00:00:00%2B01:00";
  const to = "2027-03-02T00:00:00%2B01:00";
  const free = await get(
    `/rooms/${room.id}/availability?from=${from}&to=${to}&durationMinutes=240&stepMinutes=120`,
  );
  assert.equal(free.status, 200);
  assert.deepEqual(free.body.data.map((s: { start: string }) => s.start), [
    "2027-03-01T09:00:00.000Z",
    "2027-03-01T11:00:00.000Z",
    "2027-03-01T13:00:00.000Z",
  ]);
  const tooLong = await get(
    `/rooms/${room.id}/availability?from=${from}&to=2027-09-01T00:00:00Z&durationMinutes=60`,
  );
  assert.equal(tooLong.status, 422);
});

async function resourcesApi() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "res-write",
    name: "Resources",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const tokenFor = async (role: Role) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: { type: "system", label: "test" },
    })).token;
  const manager = await tokenFor("manager");
  const call = async (method: string, path: string, body?: unknown, token = manager) => {
    const res = await t.app.request(`/s/res-write/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const audits = (id: string) =>
    inStudio((db) => db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.at));
  return { t, inStudio, tokenFor, call, audits };
}

Deno.test("API: a room is created, changed with its updatedAt, refused on a stale one, deactivated and audited", async () => {
  const { t, call, audits } = await resourcesApi();
  await using _ = t;
  const created = await call("POST", "/rooms", {
    name: "Studio A",
    kind: "live",
    hourlyRate: 6000,
    openingHours: weekdays,
  });
  assert.equal(created.status, 201);
  const room = created.body;
  assert.equal(room.kind, "live");
  assert.equal(room.setupMinutes, 0, "fields left out take their defaults");
  assert.equal(room.active, true);

  const changed = await call("PATCH", `/rooms/${room.id}`, { setupMinutes: 30, updatedAt: room.updatedAt });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.setupMinutes, 30);
  assert.equal(changed.body.hourlyRate, 6000, "fields not given keep their values");
  assert.notEqual(changed.body.updatedAt, room.updatedAt);

  const stale = await call("PATCH", `/rooms/${room.id}`, { setupMinutes: 45, updatedAt: room.updatedAt });
  assert.equal(stale.status, 409, "a change based on an older read would undo someone's change");
  assert.equal((await call("GET", `/rooms/${room.id}`)).body.setupMinutes, 30);
  const noLock = await call("PATCH", `/rooms/${room.id}`, { setupMinutes: 45 });
  assert.equal(noLock.status, 422);
  assert.deepEqual(noLock.body.errors.map((e: { field: string }) => e.field), ["updatedAt"]);

  const off = await call("POST", `/rooms/${room.id}/deactivate`);
  assert.equal(off.status, 200);
  assert.equal(off.body.active, false);
  assert.equal((await call("GET", "/rooms")).body.data.length, 0, "inactive rooms leave the list");
  assert.equal((await call("POST", `/rooms/${room.id}/reactivate`)).body.active, true);

  const actions = (await audits(room.id)).map((a) => a.action);
  assert.deepEqual(actions, ["room.created", "room.updated", "room.deactivated", "room.reactivated"]);
  const [first] = await audits(room.id);
  assert.equal(first.actorType, "api_key");

  assert.equal((await call("DELETE", `/rooms/${room.id}`)).status, 204, "a room no session used can go");
  assert.equal((await call("GET", `/rooms/${room.id}`)).status, 404);
});

Deno.test("API: bad resource input is a 422 naming each field; a taken name is a field error", async () => {
  const { t, call } = await resourcesApi();
  await using _ = t;
  const bad = await call("POST", "/rooms", { name: " ", kind: "garage", hourlyRate: -5, setupMinutes: 1.5 });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.type, "/problems/validation");
  assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), [
    "hourlyRate",
    "kind",
    "name",
    "setupMinutes",
  ]);
  assert.equal((await call("POST", "/gear", { name: "U87", quantity: 2 })).status, 201);
  const taken = await call("POST", "/gear", { name: "u87" });
  assert.equal(taken.status, 422);
  assert.equal(taken.body.errors[0].field, "name");
  const engineer = await call("POST", "/engineers", { name: "Sam", email: "not-an-email" });
  assert.equal(engineer.status, 422);
  assert.equal(engineer.body.errors[0].field, "email");
  const wrongType = await call("POST", "/rooms", { name: "B", hourlyRate: "60" });
  assert.equal(wrongType.status, 422);
  assert.equal(wrongType.body.errors[0].field, "hourlyRate");
});

Deno.test("API: engineers and gear are written like rooms; an engineer sessions named is kept, not deleted", async () => {
  const { t, inStudio, call, audits } = await resourcesApi();
  await using _ = t;
  const sam =
    (await call("POST", "/engineers", { name: "Sam", hourlyRate: 4000, workingHours: weekdays })).body;
  assert.equal(sam.staffId, undefined);
  const renamed = await call("PATCH", `/engineers/${sam.id}`, {
    name: "Sam Rivera",
    updatedAt: sam.updatedAt,
  });
  assert.equal(renamed.body.name, "Sam Rivera");
  const room = await inStudio((db) => insertRoom(db, { name: "A", openingHours: weekdays }));
  const booked = await call("POST", "/bookings", {
    roomId: room.id,
    title: "Take",
    engineerIds: [sam.id],
    blocks: [{ start: "2027-03-01T10:00:00Z", end: "2027-03-01T12:00:00Z" }],
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  assert.equal((await call("POST", `/engineers/${sam.id}/deactivate`)).body.active, false);
  assert.deepEqual((await audits(sam.id)).map((a) => a.action), [
    "engineer.created",
    "engineer.updated",
    "engineer.deactivated",
  ]);

  const mic = (await call("POST", "/gear", { name: "U87", quantity: 2, fee: 2500, feePer: "day" })).body;
  assert.equal(mic.status, "in_service");
  const more = await call("PATCH", `/gear/${mic.id}`, { quantity: 3, updatedAt: mic.updatedAt });
  assert.equal(more.body.quantity, 3);
  assert.equal(
    (await call("PATCH", `/gear/${mic.id}`, { quantity: 4, updatedAt: mic.updatedAt })).status,
    409,
  );
  const repair = await call("POST", `/gear/${mic.id}/status`, { status: "maintenance" });
  assert.equal(repair.body.status, "maintenance");
  assert.equal((await call("POST", `/gear/${mic.id}/status`, { status: "broken" })).status, 422);

  const refused = await call("DELETE", `/engineers/${sam.id}`);
  assert.equal(refused.status, 409, "an engineer sessions named keeps their history");
  assert.equal((await call("GET", `/engineers/${sam.id}`)).status, 200);
});

Deno.test("API: time off and closures are listed, added and removed; an engineer key cannot write resources", async () => {
  const { t, inStudio, tokenFor, call, audits } = await resourcesApi();
  await using _ = t;
  const { room, engineer } = await inStudio(async (db) => ({
    room: await insertRoom(db, { name: "Studio A" }),
    engineer: await insertEngineer(db, { name: "Sam" }),
  }));
  const off = await call("POST", `/engineers/${engineer.id}/time-off`, {
    startsAt: "2027-03-01T00:00:00+01:00",
    endsAt: "2027-03-08T00:00:00+01:00",
    reason: "Tour",
  });
  assert.equal(off.status, 201);
  assert.equal(off.body.startsAt, "2027-02-28T23:00:00.000Z");
  const backwards = await call("POST", `/engineers/${engineer.id}/time-off`, {
    startsAt: "2027-03-08T00:00:00Z",
    endsAt: "2027-03-01T00:00:00Z",
  });
  assert.equal(backwards.status, 422);
  assert.equal(backwards.body.errors[0].field, "endsAt");
  assert.equal((await call("POST", "/engineers/eng_nope/time-off", off.body)).status, 404);
  const listed = await call("GET", `/engineers/${engineer.id}/time-off`);
  assert.deepEqual(listed.body.data.map((o: { reason: string }) => o.reason), ["Tour"]);
  const later = await call("GET", `/engineers/${engineer.id}/time-off?endingAfter=2027-04-01T00:00:00Z`);
  assert.equal(later.body.data.length, 0);
  assert.equal((await call("DELETE", `/engineers/${engineer.id}/time-off/${off.body.id}`)).status, 204);
  assert.equal((await call("DELETE", `/engineers/${engineer.id}/time-off/${off.body.id}`)).status, 404);
  assert.deepEqual((await audits(off.body.id)).map((a) => a.action), [
    "time_off.created",
    "time_off.deleted",
  ]);

  const closed = await call("POST", "/closures", {
    roomId: room.id,
    startsAt: "2027-12-24T00:00:00+01:00",
    endsAt: "2027-12-27T00:00:00+01:00",
    reason: "Holidays",
  });
  assert.equal(closed.status, 201);
  const studioWide = await call("POST", "/closures", {
    roomId: null,
    startsAt: "2027-12-31T00:00:00+01:00",
    endsAt: "2028-01-02T00:00:00+01:00",
  });
  assert.equal(studioWide.body.roomId, null);
  assert.equal((await call("POST", "/closures", { ...closed.body, roomId: "room_nope" })).status, 422);
  assert.equal((await call("GET", "/closures")).body.data.length, 2);
  assert.deepEqual(
    (await call("GET", `/closures?roomId=${room.id}`)).body.data.map((c: { id: string }) => c.id),
    [
      closed.body.id,
    ],
  );
  assert.deepEqual(
    (await call("GET", "/closures?roomId=studio")).body.data.map((c: { id: string }) => c.id),
    [
      studioWide.body.id,
    ],
  );
  assert.equal((await call("DELETE", `/closures/${closed.body.id}`)).status, 204);
  assert.equal((await call("GET", "/closures")).body.data.length, 1);

  const engineerKey = await tokenFor("engineer");
  assert.equal((await call("GET", "/closures", undefined, engineerKey)).status, 200);
  for (
    const [method, path, body] of [
      ["POST", "/rooms", { name: "X" }],
      ["PATCH", `/rooms/${room.id}`, { name: "X", updatedAt: new Date().toISOString() }],
      ["POST", `/rooms/${room.id}/deactivate`, undefined],
      ["POST", "/closures", {
        roomId: null,
        startsAt: "2028-01-01T00:00:00Z",
        endsAt: "2028-01-02T00:00:00Z",
      }],
      ["GET", `/engineers/${engineer.id}/time-off`, undefined],
    ] as const
  ) {
    assert.equal((await call(method, path, body, engineerKey)).status, 403, `${method} ${path}`);
  }
  assert.equal((await call("GET", `/rooms/${room.id}`)).body.name, "Studio A");
});

import assert from "node:assert/strict";
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

import assert from "node:assert/strict";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { insertEngineer, insertRoom } from "../../testing/scheduling_fixtures.ts";
import { testApp } from "../../testing/test_app.ts";

async function bookingApi() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "studio-api",
    name: "API Studio",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const tokenFor = async (role: Role) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: { type: "system", label: "test" },
    }))
      .token;
  const call = (token: string, method: string, path: string, body?: unknown) =>
    t.app.request(`/s/studio-api/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { t, use, tokenFor, call };
}

const slot = [{ start: "2026-12-07T09:00:00Z", end: "2026-12-07T12:00:00Z" }];

Deno.test("API: book, read, list, move and cancel a session; a clash is a 409 problem naming it", async () => {
  const { t, use, tokenFor, call } = await bookingApi();
  await using _ = t;
  const token = await tokenFor("manager");
  const { room, engineer } = await use(async (db) => ({
    room: await insertRoom(db, { name: "Studio A" }),
    engineer: await insertEngineer(db, { name: "Sam" }),
  }));
  const created = await call(token, "POST", "/bookings", {
    roomId: room.id,
    title: "Tracking",
    engineerIds: [engineer.id],
    blocks: slot,
  });
  assert.equal(created.status, 201);
  const booking = await created.json();
  assert.equal(booking.source, "api");
  assert.deepEqual(booking.blocks, [{ start: "2026-12-07T09:00:00.000Z", end: "2026-12-07T12:00:00.000Z" }]);

  const clash = await call(token, "POST", "/bookings", { roomId: room.id, title: "Other", blocks: slot });
  assert.equal(clash.status, 409);
  assert.equal(clash.headers.get("content-type"), "application/problem+json");
  const problem = await clash.json();
  assert.match(problem.detail, /Studio A is booked for “Tracking”/);
  assert.equal(problem.conflicts[0].bookingId, booking.id);

  const listed = await call(token, "GET", "/bookings?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z");
  assert.deepEqual((await listed.json()).data.map((b: { id: string }) => b.id), [booking.id]);

  const moved = await call(token, "PATCH", `/bookings/${booking.id}`, {
    version: booking.version,
    blocks: [{ start: "2026-12-08T09:00:00Z", end: "2026-12-08T12:00:00Z" }],
  });
  assert.equal(moved.status, 200);
  assert.equal((await moved.json()).version, booking.version + 1);

  const cancelled = await call(token, "POST", `/bookings/${booking.id}/cancel`, { reason: "Band ill" });
  assert.equal((await cancelled.json()).status, "cancelled");
  const again = await call(token, "POST", `/bookings/${booking.id}/complete`);
  assert.equal(again.status, 409);
});

Deno.test("API: bad input is a 422 listing fields; bookkeepers cannot book; unknown ids are 404", async () => {
  const { t, use, tokenFor, call } = await bookingApi();
  await using _ = t;
  const room = await use((db) => insertRoom(db));
  const bad = await call(await tokenFor("manager"), "POST", "/bookings", {
    roomId: room.id,
    title: "",
    blocks: [{ start: "2026-12-07T12:00:00Z", end: "2026-12-07T09:00:00Z" }],
  });
  assert.equal(bad.status, 422);
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["blocks.0.end", "title"]);
  const bookkeeper = await call(await tokenFor("bookkeeper"), "POST", "/bookings", {
    roomId: room.id,
    title: "X",
    blocks: slot,
  });
  assert.equal(bookkeeper.status, 403);
  assert.equal((await call(await tokenFor("manager"), "GET", "/bookings/bkg_missing")).status, 404);
});

Deno.test("API: the OpenAPI document describes the booking operations", async () => {
  const { t } = await bookingApi();
  await using _ = t;
  const doc = await (await t.app.request("/s/studio-api/api/v1/openapi.json")).json();
  assert.ok(doc.paths["/bookings"].post);
  assert.ok(doc.paths["/bookings/{id}"].patch);
  assert.ok(doc.paths["/bookings/{id}/cancel"].post);
  assert.ok(doc.components.schemas.Booking);
});

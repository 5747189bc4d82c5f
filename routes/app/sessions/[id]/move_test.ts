import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { getBooking } from "@/lib/scheduling/booking_reads.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const ZONE = "Europe/Paris";
const system = { actor: { type: "system" as const } };
const span = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

/** A studio with Studio A: "Vocals" 10:00–12:00 and "Mixing" 15:00–17:00 (Paris) on 8 Dec 2026. */
async function calendarStudio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "desk",
    name: "Desk",
    timezone: ZONE,
    currency: "EUR",
    locale: "en",
  });
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const owner = await signedInCookie(t.kv, tenant, { base: "/s/desk" });
  const { room, vocals } = await inStudio(async (db) => {
    const room = await insertRoom(db, { name: "Studio A" });
    const options = { timeZone: ZONE, now: new Date("2026-12-01T08:00:00Z") };
    await createBooking(
      db,
      {
        roomId: room.id,
        title: "Mixing",
        blocks: [span("2026-12-08T14:00:00Z", "2026-12-08T16:00:00Z")],
      },
      system,
      options,
    );
    const vocals = await createBooking(
      db,
      {
        roomId: room.id,
        title: "Vocals",
        blocks: [span("2026-12-08T09:00:00Z", "2026-12-08T11:00:00Z")],
      },
      system,
      options,
    );
    return { room, vocals };
  });
  const moveUrl = `http://localhost/s/desk/app/sessions/${vocals.id}/move`;
  const postJson = (body: unknown, cookie = owner, url = moveUrl) =>
    t.app.request(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
    });
  const postForm = (fields: Record<string, string>) =>
    t.app.request(moveUrl, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: {
        cookie: owner,
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  const get = (path: string, cookie = owner) =>
    t.app.request(`http://localhost/s/desk${path}`, { headers: { cookie } });
  const move = (start: string, end: string) => ({
    blockId: vocals.blocks[0].id,
    start,
    end,
    version: vocals.version,
  });
  const stored = async () => {
    const b = (await inStudio((db) => getBooking(db, vocals.id)))!;
    return { version: b.version, blocks: b.blocks.map((x) => [x.start.toISOString(), x.end.toISOString()]) };
  };
  return { t, tenant, inStudio, owner, room, vocals, postJson, postForm, get, move, stored };
}

Deno.test("a JSON move answers 200 with the block at its new time, saves it and audits it", async () => {
  const { t, inStudio, vocals, postJson, move, stored } = await calendarStudio();
  await using _ = t;
  const res = await postJson(move("2026-12-08T11:00:00Z", "2026-12-08T13:30:00Z"));
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.bookingId, vocals.id);
  assert.equal(body.version, vocals.version + 1);
  assert.equal(body.block.start, "2026-12-08T11:00:00.000Z");
  assert.equal(body.block.end, "2026-12-08T13:30:00.000Z");
  assert.deepEqual(body.blocks.map((b: { id: string }) => b.id), [body.block.id]);
  assert.deepEqual(await stored(), {
    version: vocals.version + 1,
    blocks: [["2026-12-08T11:00:00.000Z", "2026-12-08T13:30:00.000Z"]],
  });
  const [entry] = await inStudio((db) => listAudit(db, { action: "booking.updated" }));
  assert.equal(entry.entityId, vocals.id);
  assert.equal(entry.actorLabel, "owner@desk.example");
});

Deno.test("a JSON move onto another booking of the room is a 409 problem naming it as the edit page does; nothing changes", async () => {
  const { t, vocals, postJson, move, stored } = await calendarStudio();
  await using _ = t;
  const before = await stored();
  const res = await postJson(move("2026-12-08T13:00:00Z", "2026-12-08T15:00:00Z"));
  assert.equal(res.status, 409);
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const problem = await res.json();
  assert.equal(problem.type, "/problems/conflict");
  assert.equal(problem.title, "This change conflicts with existing data");
  assert.equal(problem.detail, "Studio A is booked for “Mixing”: 8 Dec 2026, 15:00–17:00.");
  assert.equal(problem.conflicts[0].bookingTitle, "Mixing");
  assert.deepEqual(await stored(), before);

  const stale = await postJson({
    ...move("2026-12-08T07:00:00Z", "2026-12-08T08:00:00Z"),
    version: vocals.version + 1,
  });
  assert.equal(stale.status, 409);
  assert.match((await stale.json()).detail, /Someone changed this session since you opened it/);
});

Deno.test("invalid moves are 422 problems naming the field; unknown sessions 404; a non-JSON body is read as a form", async () => {
  const { t, postJson, move, stored } = await calendarStudio();
  await using _ = t;
  const before = await stored();
  const backwards = await postJson(move("2026-12-08T12:00:00Z", "2026-12-08T11:00:00Z"));
  assert.equal(backwards.status, 422);
  const problem = await backwards.json();
  assert.equal(problem.type, "/problems/validation");
  assert.deepEqual(problem.errors, [{ field: "end", detail: "The end must be after the start." }]);

  const noBlock = await postJson({
    ...move("2026-12-08T07:00:00Z", "2026-12-08T08:00:00Z"),
    blockId: "blk_gone",
  });
  assert.equal(noBlock.status, 422);
  assert.equal((await noBlock.json()).errors[0].field, "blockId");

  const notJson = await postJson("just a string");
  assert.equal(notJson.status, 422);

  const unknown = await postJson(
    move("2026-12-08T07:00:00Z", "2026-12-08T08:00:00Z"),
    undefined,
    "http://localhost/s/desk/app/sessions/bkg_nope/move",
  );
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).type, "/problems/not-found");
  assert.deepEqual(await stored(), before);
});

Deno.test("staff who may not change sessions get a 403 problem, and the calendar shows them plain links without script", async () => {
  const { t, tenant, room, postJson, move, stored, get } = await calendarStudio();
  await using _ = t;
  const before = await stored();
  for (const role of ["engineer", "bookkeeper"] as const) {
    const cookie = await signedInCookie(t.kv, tenant, {
      role,
      email: `${role}@desk.example`,
      base: "/s/desk",
    });
    const res = await postJson(move("2026-12-08T07:00:00Z", "2026-12-08T08:00:00Z"), cookie);
    assert.equal(res.status, 403, role);
    assert.equal((await res.json()).type, "/problems/forbidden");
  }
  assert.deepEqual(await stored(), before);

  const bookkeeper = await signedInCookie(t.kv, tenant, {
    role: "bookkeeper",
    email: "bookkeeper@desk.example",
  });
  const plain = await (await get(`/app/calendar?view=week&date=2026-12-07&room=${room.id}`, bookkeeper))
    .text();
  assert.match(plain, /Vocals/);
  assert.doesNotMatch(plain, /<rsm-island/);
  assert.doesNotMatch(plain, /<script type="module"/);

  const owned = await (await get(`/app/calendar?view=week&date=2026-12-07&room=${room.id}`)).text();
  assert.equal(owned.match(/<rsm-island data-island="CalendarBlock.tsx#CalendarBlock"/g)?.length, 2);
  assert.match(owned, /data-day="2026-12-07T23:00:00.000Z"/, "each day column carries its start instant");
  assert.match(owned, /<script type="module" nonce="[^"]+">/);
});

Deno.test("a plain form post moves the block and goes back to the calendar with a notice; a conflict says it was not moved", async () => {
  const { t, room, postForm, move, stored, get } = await calendarStudio();
  await using _ = t;
  const back = `/s/desk/app/calendar?view=week&date=2026-12-07&room=${room.id}`;
  const wanted = move("2026-12-08T07:00:00Z", "2026-12-08T08:00:00Z");
  const clash = await postForm({
    ...wanted,
    start: "2026-12-08T14:30:00Z",
    end: "2026-12-08T15:30:00Z",
    version: String(wanted.version),
    back,
  });
  assert.equal(clash.status, 303);
  const refused = clash.headers.get("location")!;
  assert.match(
    refused,
    /^\/s\/desk\/app\/calendar\?view=week&date=2026-12-07&room=[^&]+&not_moved=bkg_\w+&why=conflict$/,
  );
  assert.match(
    await (await get(refused.slice("/s/desk".length))).text(),
    /The session was not moved: the new time clashes/,
  );

  const res = await postForm({ ...wanted, version: String(wanted.version), back: "https://evil.example/" });
  assert.equal(res.status, 303);
  const location = res.headers.get("location")!;
  assert.match(
    location,
    /^\/s\/desk\/app\/calendar\?date=2026-12-08&moved=bkg_\w+$/,
    "another site is never a way back",
  );
  assert.deepEqual((await stored()).blocks, [["2026-12-08T07:00:00.000Z", "2026-12-08T08:00:00.000Z"]]);
  const page = await (await get(location.slice("/s/desk".length))).text();
  assert.match(page, /The session was moved\./);
});

import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { bookings } from "@/db/schema/mod.ts";
import { createStaff, getStaffByEmail } from "@/lib/kv/staff.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient, insertEngineer, insertGear, insertRoom } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const ZONE = "America/New_York";
const system = { actor: { type: "system" as const } };

async function bookingStudio() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "desk",
    name: "Desk",
    timezone: ZONE,
    currency: "USD",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const owner = await signedInCookie(t.kv, tenant, { base: "/s/desk" });
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return t.app.request(`http://localhost/s/desk${path}`, {
      method: "POST",
      body,
      headers: {
        cookie: owner,
        origin: "http://localhost",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
  };
  const get = (path: string, cookie = owner) =>
    t.app.request(`http://localhost/s/desk${path}`, { headers: { cookie } });
  return { t, tenant, use, owner, post, get };
}

Deno.test("journey 7 in the form: room, engineer and gear over two separate days; a clash names the conflict", async () => {
  const { t, use, post, get } = await bookingStudio();
  await using _ = t;
  const { room, engineer, mic, client } = await use(async (db) => ({
    room: await insertRoom(db, { name: "Studio A" }),
    engineer: await insertEngineer(db, { name: "Sam Rivera" }),
    mic: await insertGear(db, { name: "U87", quantity: 2 }),
    client: await insertClient(db, { name: "The Midnight Band" }),
  }));
  const form = {
    title: "Album tracking",
    clientId: client.id,
    roomId: room.id,
    day0: "2026-12-07",
    start0: "10:00",
    end0: "18:00",
    day1: "2026-12-09",
    start1: "22:00",
    end1: "02:00",
    engineerIds: [engineer.id],
    [`gear_${mic.id}`]: "2",
  };
  const created = await post("/app/sessions/new", form);
  assert.equal(created.status, 303);
  const id = created.headers.get("location")!.split("/").at(-1)!;
  const page = await (await get(`/app/sessions/${id}`)).text();
  assert.match(page, /Album tracking/);
  assert.match(page, /The Midnight Band/);
  assert.match(page, /U87 × 2/);
  const stored = await use((db) =>
    db.query.bookingBlocks.findMany({ where: (b, { eq }) => eq(b.bookingId, id) })
  );
  assert.deepEqual(stored.map((b) => [b.startsAt.toISOString(), b.endsAt.toISOString()]).sort(), [
    ["2026-12-07T15:00:00.000Z", "2026-12-07T23:00:00.000Z"],
    // 22:00 to 02:00 the next morning, New York time.
    ["2026-12-10T03:00:00.000Z", "2026-12-10T07:00:00.000Z"],
  ]);

  const clash = await post("/app/sessions/new", {
    ...form,
    title: "Overdubs",
    day1: "",
    start1: "",
    end1: "",
    day0: "2026-12-09",
    start0: "23:00",
    end0: "23:30",
    engineerIds: [],
  });
  assert.equal(clash.status, 409);
  const refusal = await clash.text();
  assert.match(refusal, /Studio A is booked for/);
  assert.match(refusal, new RegExp(`href="/s/desk/app/sessions/${id}"`));
  assert.equal((await use((db) => db.select().from(bookings))).length, 1);

  const week = await (await get(`/app/calendar?view=week&date=2026-12-07&room=${room.id}`)).text();
  assert.match(week, /Album tracking/);
  assert.match(week, /10:00\s*AM\s*–\s*6:00\s*PM/, "the calendar shows studio-zone times");
});

Deno.test("form errors are shown beside their fields and nothing is booked", async () => {
  const { t, use, post } = await bookingStudio();
  await using _ = t;
  const room = await use((db) => insertRoom(db));
  const res = await post("/app/sessions/new", {
    title: "",
    roomId: room.id,
    day0: "2026-12-07",
    start0: "25:00",
    end0: "",
  });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /Enter the day and start time\./);
  assert.match(html, /Enter the end time\./);
  assert.equal((await use((db) => db.select().from(bookings))).length, 0);
});

Deno.test("a booking is moved from its edit page; a stale page's edit is refused", async () => {
  const { t, use, post, get } = await bookingStudio();
  await using _ = t;
  const room = await use((db) => insertRoom(db, { name: "B" }));
  const booking = await use((db) =>
    createBooking(
      db,
      {
        roomId: room.id,
        title: "Mix",
        blocks: [{ start: new Date("2026-12-07T15:00:00Z"), end: new Date("2026-12-07T17:00:00Z") }],
      },
      system,
      { timeZone: ZONE },
    )
  );
  assert.match(await (await get(`/app/sessions/${booking.id}/edit`)).text(), /value="2026-12-07"/);
  const fields = {
    title: "Mix",
    roomId: room.id,
    day0: "2026-12-08",
    start0: "11:00",
    end0: "13:00",
    version: "1",
  };
  assert.equal((await post(`/app/sessions/${booking.id}/edit`, fields)).status, 303);
  const [row] = await use((db) => db.select().from(bookings).where(eq(bookings.id, booking.id)));
  assert.equal(row.version, 2);
  const stale = await post(`/app/sessions/${booking.id}/edit`, { ...fields, start0: "12:00", end0: "14:00" });
  assert.equal(stale.status, 409);
  assert.match(await stale.text(), /changed this session since you opened it/);
});

Deno.test("engineers see only the sessions they are assigned to", async () => {
  const { t, tenant, use, get } = await bookingStudio();
  await using _ = t;
  const engineerCookie = await signedInCookie(t.kv, tenant, {
    base: "/s/desk",
    role: "engineer",
    email: "sam@desk.example",
  });
  const staffId = (await getStaffByEmail(t.kv, "sam@desk.example"))!.id;
  const room = await use((db) => insertRoom(db));
  const [mine, other] = await use(async (db) => {
    const sam = await insertEngineer(db, { name: "Sam", staffId });
    const block = (
      day: string,
    ) => [{ start: new Date(`${day}T15:00:00Z`), end: new Date(`${day}T17:00:00Z`) }];
    return [
      await createBooking(
        db,
        { roomId: room.id, title: "Sam's session", engineerIds: [sam.id], blocks: block("2026-12-07") },
        system,
        { timeZone: ZONE },
      ),
      await createBooking(
        db,
        { roomId: room.id, title: "Someone else's", blocks: block("2026-12-08") },
        system,
        { timeZone: ZONE },
      ),
    ];
  });
  const list = await (await get("/app/sessions?from=2026-12-01&to=2026-12-31", engineerCookie)).text();
  assert.match(list, /Sam&#39;s session|Sam's session/);
  assert.doesNotMatch(list, /Someone else/);
  assert.equal((await get(`/app/sessions/${mine.id}`, engineerCookie)).status, 200);
  assert.equal((await get(`/app/sessions/${other.id}`, engineerCookie)).status, 404);
  assert.equal((await get(`/app/sessions/new`, engineerCookie)).status, 403);
});

Deno.test("the list, kept between requests, shows every committed change at once and each viewer their own rows", async () => {
  const { t, tenant, use: inDb, get } = await bookingStudio();
  await using _ = t;
  const engineerCookie = await signedInCookie(t.kv, tenant, {
    base: "/s/desk",
    role: "engineer",
    email: "sam@desk.example",
  });
  const room = await inDb((db) => insertRoom(db, { name: "Studio A" }));
  const book = (title: string, day: string) =>
    inDb((db) =>
      createBooking(
        db,
        {
          roomId: room.id,
          title,
          blocks: [{ start: new Date(`${day}T15:00:00Z`), end: new Date(`${day}T17:00:00Z`) }],
        },
        system,
        { timeZone: ZONE },
      )
    );
  const list = async (cookie?: string) =>
    await (await get("/app/sessions?from=2026-12-01&to=2026-12-31", cookie)).text();
  await book("Mixing day", "2026-12-07");
  assert.match(await list(), /Mixing day/);
  assert.match(await list(), /Mixing day/, "served again unchanged");
  assert.doesNotMatch(await list(engineerCookie), /Mixing day/, "the owner's rows are not the engineer's");
  // The same rows for another member who sees them all: the page around them is theirs.
  await createStaff(t.kv, { email: "mo@desk.example", name: "Mo Manager" });
  const managerCookie = await signedInCookie(t.kv, tenant, {
    base: "/s/desk",
    role: "manager",
    email: "mo@desk.example",
  });
  const managers = await list(managerCookie);
  assert.match(managers, /Mixing day/);
  assert.match(managers, /Signed in as Mo Manager/);
  assert.match(await list(), /Signed in as Staff of Desk/, "the owner's page is still the owner's");

  await book("Vocal takes", "2026-12-09");
  assert.match(await list(), /Vocal takes/, "a new booking shows on the next request");
  // Any writer counts, not only the app's own modules.
  await inDb((db) => db.execute(sql`UPDATE rooms SET name = 'Studio B'`));
  const after = await list();
  assert.match(after, /Studio B/);
  assert.doesNotMatch(after, /Studio A/);
});

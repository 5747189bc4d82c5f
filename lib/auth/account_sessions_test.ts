import assert from "node:assert/strict";
import { NotFoundError } from "../errors.ts";
import { openKv } from "../kv/open.ts";
import { createSession, listSessions } from "../kv/sessions.ts";
import { catalogStudio } from "../testing/catalog.ts";
import { accountSessions, deviceOf, signOutOtherSessions, signOutSession } from "./account_sessions.ts";

const ANA = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1C";
const BOB = "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1D";

Deno.test("a user agent becomes a browser and a system", () => {
  const cases: [string, string, string][] = [
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0",
      "Firefox",
      "Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      "Safari",
      "macOS",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
      "Edge",
      "Windows",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
      "Chrome",
      "Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1",
      "Chrome",
      "iOS",
    ],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
      "Chrome",
      "Linux",
    ],
  ];
  for (const [ua, browser, os] of cases) assert.deepEqual(deviceOf(ua), { browser, os }, ua);
  assert.equal(deviceOf(undefined), null);
  assert.equal(deviceOf("curl/8.5.0"), null);
});

Deno.test("the list shows every studio's sessions, this one first, with the studio's name", async () => {
  using kv = await openKv(":memory:");
  const north = await catalogStudio(kv, "north");
  const south = await catalogStudio(kv, "south");
  const here = await createSession(kv, { staffId: ANA, tenantId: north.id, ip: "203.0.113.7" });
  await createSession(kv, { staffId: ANA, tenantId: south.id, userAgent: "Firefox/130 (Windows)" });
  await createSession(kv, { staffId: BOB, tenantId: north.id });

  const rows = await accountSessions(kv, ANA, here.session.id);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0], {
    id: here.session.id,
    studioName: north.name,
    current: true,
    createdAt: here.session.createdAt,
    ip: "203.0.113.7",
    device: null,
  });
  assert.equal(rows[1].studioName, south.name);
  assert.deepEqual(rows[1].device, { browser: "Firefox", os: "Windows" });
});

Deno.test("signing out elsewhere keeps this session; signing out one refuses someone else's", async () => {
  using kv = await openKv(":memory:");
  const north = await catalogStudio(kv, "north");
  const here = await createSession(kv, { staffId: ANA, tenantId: north.id });
  const phone = await createSession(kv, { staffId: ANA, tenantId: north.id });
  const bobs = await createSession(kv, { staffId: BOB, tenantId: north.id });
  const ana = { staffId: ANA, email: "ana@example.com", sessionId: here.session.id };

  await assert.rejects(signOutSession(kv, ana, bobs.session.id), NotFoundError);
  assert.equal((await listSessions(kv, BOB)).length, 1);
  await signOutSession(kv, ana, phone.session.id);
  assert.deepEqual((await listSessions(kv, ANA)).map((s) => s.id), [here.session.id]);

  await createSession(kv, { staffId: ANA, tenantId: north.id });
  assert.equal(await signOutOtherSessions(kv, ana), 1);
  assert.deepEqual((await listSessions(kv, ANA)).map((s) => s.id), [here.session.id]);
});

// The client portal settings page through the real app: the portal's address, saving with problems
// beside their fields, the audit row, and who may open it.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { DEFAULT_PORTAL_SETTINGS, getPortalSettings } from "@/lib/portal/portal_settings.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/north";
const PATH = "/app/settings/portal";

async function setup() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const cookie = (role: "owner" | "admin" | "manager" | "bookkeeper") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email: `${role}@example.com` });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  return { t, owner: await cookie("owner"), cookie, inDb };
}

const headers = (cookie: string) => ({ origin: "http://localhost", "accept-language": "en", cookie });

function post(t: App, fields: Record<string, string>, cookie: string) {
  return t.app.request(`${BASE}${PATH}`, {
    method: "POST",
    headers: { ...headers(cookie), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (t: App, path: string, cookie: string) =>
  t.app.request(`${BASE}${path}`, { headers: headers(cookie) });

function errorBeside(html: string, name: string): string | undefined {
  return new RegExp(`<p id="field-${name}-error"[^>]*>([^<]*)</p>`).exec(html)?.[1];
}

const settingsForm = (changes: Record<string, string> = {}) => ({
  bookingEnabled: "1",
  brandColor: "#4338ca",
  accentColor: "#0f766e",
  welcomeText: "",
  minNoticeHours: "24",
  horizonDays: "60",
  holdMinutes: "30",
  reminderLeadHours: "24",
  ...changes,
});

Deno.test("an owner sees the portal's address and the defaults, saves, and the change is audited", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const page = await (await get(t, PATH, owner)).text();
  assert.match(page, /http:\/\/localhost\/s\/north\/portal/);
  assert.match(page, /name="brandColor" value="#4338ca"/);
  assert.match(page, /name="horizonDays" type="number" value="60"/);
  assert.match(page, /logo set in the billing settings/);
  assert.match(page, /href="\/s\/north\/app\/settings\/offers"/, "the settings tabs");

  const { bookingEnabled: _off, ...withoutBooking } = settingsForm({
    brandColor: "#1D4ED8",
    welcomeText: "Book your session at North Sound.",
    holdMinutes: "45",
    reminderLeadHours: "48",
  });
  const res = await post(t, withoutBooking, owner);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}${PATH}?saved=1`);
  const settings = await inDb(getPortalSettings);
  assert.equal(settings.bookingEnabled, false, "an unticked box turns booking off");
  assert.equal(settings.brandColor, "#1d4ed8");
  assert.equal(settings.welcomeText, "Book your session at North Sound.");
  assert.equal(settings.holdMinutes, 45);
  assert.equal(settings.reminderLeadHours, 48);
  const [audit] = await inDb((db) => listAudit(db, { action: "portal_settings.updated" }));
  assert.equal(audit.actorLabel, "owner@example.com");
  assert.deepEqual(audit.changes?.holdMinutes, { before: 30, after: 45 });
  assert.match(await (await get(t, `${PATH}?saved=1`, owner)).text(), /The portal settings were saved\./);
});

Deno.test("values outside the allowed ranges come back beside their fields and nothing is saved", async () => {
  const { t, owner, inDb } = await setup();
  await using _ = t;
  const res = await post(
    t,
    settingsForm({
      brandColor: "red",
      minNoticeHours: "9000",
      horizonDays: "0",
      holdMinutes: "",
      reminderLeadHours: "400",
    }),
    owner,
  );
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.equal(errorBeside(html, "brandColor"), "Give the brand colour as #rrggbb, such as #4338ca.");
  assert.equal(errorBeside(html, "minNoticeHours"), "Enter at most 8760.");
  assert.equal(errorBeside(html, "horizonDays"), "Enter at least 1.");
  assert.equal(errorBeside(html, "holdMinutes"), "Enter the minutes.");
  assert.equal(errorBeside(html, "reminderLeadHours"), "Enter at most 336.");
  assert.match(html, /name="minNoticeHours" type="number" value="9000"/);
  assert.deepEqual(await inDb(getPortalSettings), DEFAULT_PORTAL_SETTINGS);
});

Deno.test("only owners and admins open the portal settings", async () => {
  const { t, cookie, inDb } = await setup();
  await using _ = t;
  const admin = await cookie("admin");
  assert.equal((await get(t, PATH, admin)).status, 200);
  assert.equal((await post(t, settingsForm({ horizonDays: "90" }), admin)).status, 303);
  for (const role of ["manager", "bookkeeper"] as const) {
    const c = await cookie(role);
    assert.equal((await get(t, PATH, c)).status, 403, role);
    assert.equal((await post(t, settingsForm({ horizonDays: "10" }), c)).status, 403, role);
  }
  assert.equal((await inDb(getPortalSettings)).horizonDays, 90);
});

// "Require two-factor authentication" through the real app: only owners set it, it is audited, and a
// member without 2FA can reach only the set-up page (and sign out) until they have it.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { createApiKey } from "@/lib/kv/api_keys.ts";
import { getStaffByEmail } from "@/lib/kv/staff.ts";
import { markProviderMfaSession } from "@/lib/kv/studio_security.ts";
import { sessionIdOf } from "@/lib/kv/sessions.ts";
import { activateTwoFactor, getEnrolment, putEnrolment } from "@/lib/kv/two_factor.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const PAGE = `${BASE}/app/settings/security`;
const SETUP = `${BASE}/app/account/security`;

async function setup(locale = "en") {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale,
  });
  const cookie = (email: string, role: "owner" | "admin" | "engineer" = "engineer") =>
    signedInCookie(t.kv, tenant, { base: BASE, role, email });
  const owner = await cookie("ana@north.example", "owner");
  const request = (path: string, cookie: string, form?: Record<string, string>) =>
    t.app.request(path, {
      method: form ? "POST" : "GET",
      headers: {
        origin: "http://localhost",
        "accept-language": "en",
        cookie,
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
  const audit = () => t.tenancy.pool.use(tenant.database, (db) => listAudit(db, {}));
  return { t, tenant, owner, cookie, request, audit, [Symbol.asyncDispose]: () => t[Symbol.asyncDispose]() };
}

/** Turns 2FA on for a person without going through an authenticator app. */
async function giveTwoFactor(kv: Deno.Kv, email: string) {
  const staff = (await getStaffByEmail(kv, email))!;
  await putEnrolment(kv, staff.id, "sealed-key");
  const now = new Date().toISOString();
  const ok = await activateTwoFactor(kv, (await getEnrolment(kv, staff.id))!, {
    staffId: staff.id,
    totpKey: "sealed-key",
    lastUsedStep: 0,
    backupCodes: [],
    enabledAt: now,
    backupCodesCreatedAt: now,
    updatedAt: now,
  });
  assert.ok(ok);
}

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);

Deno.test("only owners see and change the studio's security settings", async () => {
  await using s = await setup();
  const admin = await s.cookie("bo@north.example", "admin");
  const engineer = await s.cookie("eli@north.example", "engineer");
  for (const cookie of [admin, engineer]) {
    assert.equal((await s.request(PAGE, cookie)).status, 403);
    assert.equal((await s.request(PAGE, cookie, { requireTwoFactor: "1" })).status, 403);
  }
  assert.ok(!(await s.audit()).some((row) => row.action.startsWith("security.")));

  const page = await s.request(PAGE, s.owner);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /3 members have not set up two-factor authentication yet/);
  assert.match(html, new RegExp(`href="${PAGE}"`), "in the settings tabs");
});

Deno.test("turning the requirement on and off is audited, with the count of members without 2FA", async () => {
  await using s = await setup();
  await s.cookie("eli@north.example");
  await giveTwoFactor(s.t.kv, "ana@north.example");

  const on = await s.request(PAGE, s.owner, { requireTwoFactor: "1" });
  assert.equal(on.status, 303);
  assert.equal(on.headers.get("location"), `${PAGE}?saved=1`);
  const html = await (await s.request(`${PAGE}?saved=1`, s.owner)).text();
  assert.match(html, /name="requireTwoFactor" value="1" checked/);
  assert.match(html, /1 member has not set up two-factor authentication yet/);
  assert.match(html, /Security settings saved/);

  // Saving unchanged writes nothing; turning it off is audited too.
  await s.request(PAGE, s.owner, { requireTwoFactor: "1" });
  await s.request(PAGE, s.owner, {});
  const rows = (await s.audit()).filter((row) => row.action.startsWith("security."));
  assert.deepEqual(rows.map((row) => row.action).sort(), [
    "security.two_factor_not_required",
    "security.two_factor_required",
  ]);
  const required = rows.find((row) => row.action === "security.two_factor_required")!;
  assert.deepEqual(required.changes, { requireTwoFactor: { before: false, after: true } });
  assert.equal(required.actorLabel, "ana@north.example");
});

Deno.test("a member without 2FA is sent to set it up and reaches nothing else until they have", async () => {
  await using s = await setup();
  const eli = await s.cookie("eli@north.example");
  assert.equal((await s.request(`${BASE}/app/clients`, eli)).status, 200, "nothing required yet");
  await giveTwoFactor(s.t.kv, "ana@north.example");
  await s.request(PAGE, s.owner, { requireTwoFactor: "1" });

  for (const path of [`${BASE}/app`, `${BASE}/app/clients`, `${BASE}/app/settings/security`]) {
    const res = await s.request(path, eli);
    assert.equal(res.status, 303, path);
    assert.equal(res.headers.get("location"), `${SETUP}?required=1`);
  }
  const posted = await s.request(`${BASE}/app/clients/new`, eli, { name: "Sneaky Records" });
  assert.equal(posted.status, 303, "forms are turned away too");
  assert.equal(posted.headers.get("location"), `${SETUP}?required=1`);

  const setupPage = await s.request(`${SETUP}?required=1`, eli);
  assert.equal(setupPage.status, 200, "the set-up page stays open");
  assert.match(await setupPage.text(), /This studio requires two-factor authentication/);
  const start = await s.request(SETUP, eli, { intent: "start" });
  assert.equal(start.status, 303, "set-up can begin");
  assert.equal(start.headers.get("location"), SETUP);

  // The API with the same session cookie is closed too; sign-out stays open.
  const api = await s.t.app.request(`${BASE}/api/v1/clients`, { headers: { cookie: eli } });
  assert.equal(api.status, 403);
  const signOut = await s.request(`${BASE}/sign-out`, eli, {});
  assert.equal(signOut.status, 303);
  assert.equal(signOut.headers.get("location"), `${BASE}/sign-in`);
});

Deno.test("members with 2FA, and SSO sessions where the provider used MFA, pass", async () => {
  await using s = await setup();
  await giveTwoFactor(s.t.kv, "ana@north.example");
  await s.request(PAGE, s.owner, { requireTwoFactor: "1" });
  assert.equal((await s.request(`${BASE}/app/clients`, s.owner)).status, 200);

  const eli = await s.cookie("eli@north.example");
  assert.equal((await s.request(`${BASE}/app/clients`, eli)).status, 303);
  await giveTwoFactor(s.t.kv, "eli@north.example");
  assert.equal((await s.request(`${BASE}/app/clients`, eli)).status, 200);

  const mo = await s.cookie("mo@north.example");
  const moId = (await getStaffByEmail(s.t.kv, "mo@north.example"))!.id;
  await markProviderMfaSession(s.t.kv, sessionIdOf(tokenOf(mo)), {
    staffId: moId,
    tenantId: s.tenant.id,
    amr: ["pwd", "mfa"],
  });
  assert.equal((await s.request(`${BASE}/app/clients`, mo)).status, 200);
});

Deno.test("API keys are not affected by the requirement", async () => {
  await using s = await setup();
  await giveTwoFactor(s.t.kv, "ana@north.example");
  await s.request(PAGE, s.owner, { requireTwoFactor: "1" });
  const created = await createApiKey(s.t.kv, {
    tenantId: s.tenant.id,
    name: "Sync",
    role: "admin",
    createdBy: { type: "system" },
  });
  const res = await s.t.app.request(`${BASE}/api/v1/clients`, {
    headers: { authorization: `Bearer ${created.token}` },
  });
  assert.equal(res.status, 200);
  await res.body?.cancel();
});

Deno.test("the SSO settings page says clearly when an issuer address is refused", async () => {
  await using s = await setup();
  const res = await s.request(`${BASE}/app/settings/sso`, s.owner, {
    enabled: "1",
    preset: "generic",
    providerDetail: "https://169.254.169.254/latest",
    clientId: "client",
    clientSecret: "secret",
    allowedDomains: "north.example",
    defaultRole: "engineer",
  });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /This provider address is refused: 169\.254\.169\.254 is the cloud metadata service/);
});

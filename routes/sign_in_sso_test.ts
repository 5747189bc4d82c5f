// Single sign-on through the real app, redirects followed by hand: the owner sets the provider up,
// the sign-in page offers SSO, the provider (served on 127.0.0.1) sends the browser back, a session
// starts; refusals are pages that say why, and "SSO only" turns the password away.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { addMembership, createStaff, getMembership, getStaffByEmail } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { startOidcProvider } from "@/lib/testing/oidc_provider.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";

async function setup() {
  // The provider runs on 127.0.0.1, which only this switch lets an issuer be.
  const t = await testApp({ SSO_ALLOW_PRIVATE_ISSUERS: "1" });
  const idp = await startOidcProvider();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const owner = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "owner",
    email: "ana@northsound.example",
  });
  const audit = () => t.tenancy.pool.use(tenant.database, (db) => listAudit(db, {}));
  return {
    t,
    idp,
    tenant,
    owner,
    audit,
    [Symbol.asyncDispose]: async () => {
      await idp[Symbol.asyncDispose]();
      await t[Symbol.asyncDispose]();
    },
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const headers = (cookie?: string) => ({
  origin: "http://localhost",
  "accept-language": "en",
  ...(cookie ? { cookie } : {}),
});

function saveSettings(s: Setup, fields: Record<string, string>, cookie = s.owner) {
  return s.t.app.request(`${BASE}/app/settings/sso`, {
    method: "POST",
    headers: { ...headers(cookie), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      enabled: "1",
      preset: "generic",
      providerDetail: s.idp.issuer,
      clientId: s.idp.clientId,
      clientSecret: s.idp.clientSecret,
      allowedDomains: "northsound.example",
      defaultRole: "engineer",
      ...fields,
    }).toString(),
  });
}

/** `name=value` of a Set-Cookie header of `res`, or undefined. */
function cookieOf(res: Response, name: string): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const pair = line?.split(";")[0];
  return pair && pair !== `${name}=` ? pair : undefined;
}

/** Sign-in page → start → provider → callback, as a browser would; the callback's response. */
async function throughProvider(s: Setup, options: { dropCookie?: boolean } = {}) {
  const page = await (await s.t.app.request(`${BASE}/sign-in`, { headers: headers() })).text();
  const start = /href="([^"]*\/sign-in\/sso[^"]*)"/.exec(page)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(start, "the sign-in page offers SSO");
  const started = await s.t.app.request(start, { headers: headers() });
  assert.equal(started.status, 302);
  const ssoCookie = cookieOf(started, "rsm_sso");
  assert.ok(ssoCookie, "the state rides in a cookie");
  assert.match(started.headers.getSetCookie().join(), /HttpOnly/i);
  const provider = new URL(started.headers.get("location")!);
  assert.equal(provider.origin, s.idp.issuer);
  const answered = await fetch(provider, { redirect: "manual" });
  await answered.body?.cancel();
  const back = new URL(answered.headers.get("location")!);
  assert.equal(`${back.origin}${back.pathname}`, `http://localhost${BASE}/sign-in/sso/callback`);
  return await s.t.app.request(`${back.pathname}${back.search}`, {
    headers: headers(options.dropCookie ? undefined : ssoCookie),
  });
}

Deno.test("an owner sets SSO up; a new teammate signs in through the provider and lands in the app", async () => {
  await using s = await setup();
  const before = await (await s.t.app.request(`${BASE}/sign-in`, { headers: headers() })).text();
  assert.doesNotMatch(before, /Sign in with SSO/, "no SSO button before it is set up");

  const saved = await saveSettings(s, {});
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), `${BASE}/app/settings/sso?saved=1`);
  const settings = await (await s.t.app.request(`${BASE}/app/settings/sso`, { headers: headers(s.owner) }))
    .text();
  assert.match(
    settings,
    /http:\/\/localhost\/s\/north\/sign-in\/sso\/callback/,
    "the redirect URI to register",
  );
  assert.match(settings, /A secret is set and is never shown/);
  assert.ok(!settings.includes(s.idp.clientSecret), "the secret is never shown back");
  assert.match(settings, /href="\/s\/north\/app\/settings\/sso" aria-current="page"/, "its settings tab");

  s.idp.signInAs({ email: "eli@northsound.example", name: "Eli Moreau" });
  const res = await throughProvider(s);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/app`);
  const session = cookieOf(res, "rsm_session");
  assert.ok(session, "a session cookie, as after a password");
  assert.equal((await s.t.app.request(`${BASE}/app`, { headers: headers(session) })).status, 200);

  const eli = await getStaffByEmail(s.t.kv, "eli@northsound.example");
  assert.equal((await getMembership(s.t.kv, s.tenant.id, eli!.id))?.role, "engineer");
  const actions = (await s.audit()).map((row) => row.action);
  assert.ok(actions.includes("sso.settings_changed"));
  assert.ok(actions.includes("member.joined_by_sso"));
  assert.ok(actions.includes("auth.sso_sign_in"));
});

Deno.test("refusals are pages that say why, never a 500", async () => {
  await using s = await setup();
  // Not set up: the start says so.
  const off = await s.t.app.request(`${BASE}/sign-in/sso`, { headers: headers() });
  assert.equal(off.status, 404);
  assert.match(await off.text(), /does not use single sign-on/);

  await saveSettings(s, {});
  s.idp.signInAs({ email: "eve@elsewhere.example" });
  const wrongDomain = await throughProvider(s);
  assert.equal(wrongDomain.status, 400);
  assert.match(await wrongDomain.text(), /not in a domain this studio accepts/);
  assert.equal(cookieOf(wrongDomain, "rsm_session"), undefined);

  s.idp.signInAs({ email: "eli@northsound.example" });
  const otherBrowser = await throughProvider(s, { dropCookie: true });
  assert.equal(otherBrowser.status, 400);
  assert.match(await otherBrowser.text(), /started in another browser/);

  s.idp.misbehave({ authorizeError: "access_denied" });
  const denied = await throughProvider(s);
  assert.equal(denied.status, 400);
  assert.match(await denied.text(), /did not sign you in/);

  s.idp.misbehave({ badSignature: true });
  const forged = await throughProvider(s);
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /could not be verified/);

  const bare = await s.t.app.request(`${BASE}/sign-in/sso/callback?code=x&state=y`, { headers: headers() });
  assert.equal(bare.status, 400);
  const failed = (await s.audit()).filter((row) => row.action === "auth.sso_sign_in_failed");
  assert.equal(failed.length, 5);
});

Deno.test("with SSO required, the password form turns a member away and says to use SSO; owners still get in", async () => {
  await using s = await setup();
  await saveSettings(s, { ssoOnly: "1" });
  const password = "copper kettle whistling";
  const passwordHash = await hashPassword(password);
  const eli = await createStaff(s.t.kv, { email: "eli@northsound.example", name: "Eli", passwordHash });
  await addMembership(s.t.kv, s.tenant.id, eli.id, "engineer");
  const boss = await createStaff(s.t.kv, { email: "boss@northsound.example", name: "Boss", passwordHash });
  await addMembership(s.t.kv, s.tenant.id, boss.id, "owner");
  const signIn = (email: string) =>
    s.t.app.request(`${BASE}/sign-in`, {
      method: "POST",
      headers: { ...headers(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }).toString(),
    });

  const refused = await signIn("eli@northsound.example");
  assert.equal(refused.status, 422);
  const page = await refused.text();
  assert.match(page, /signs in through your organisation account/);
  assert.match(page, /Sign in with SSO/);
  assert.equal(cookieOf(refused, "rsm_session"), undefined);
  assert.equal((await signIn("boss@northsound.example")).status, 303, "owners keep their password");
});

Deno.test("only owners open the SSO settings", async () => {
  await using s = await setup();
  const admin = await signedInCookie(s.t.kv, s.tenant, { base: BASE, role: "admin", email: "adm@x.example" });
  assert.equal((await s.t.app.request(`${BASE}/app/settings/sso`, { headers: headers(admin) })).status, 403);
  assert.equal((await saveSettings(s, {}, admin)).status, 403);
  const problems = await saveSettings(s, { allowedDomains: "gmail.com", defaultRole: "owner" });
  assert.equal(problems.status, 422);
  const html = await problems.text();
  assert.match(html, /<p id="field-allowedDomains-error"[^>]*>Anyone can have an address at gmail.com/);
  assert.match(html, /<p id="field-defaultRole-error"[^>]*>Choose a role other than owner/);
});

// Single sign-on through a studio's OpenID Connect provider, against a real provider served on
// 127.0.0.1 (lib/testing/oidc_provider.ts): who gets in, with which role, and every way it is refused.
import assert from "node:assert/strict";
import { RateLimitedError, ValidationError } from "../errors.ts";
import { validateSession } from "../kv/sessions.ts";
import { getSsoConfig } from "../kv/sso_config.ts";
import { isProviderMfaSession } from "../kv/studio_security.ts";
import { addMembership, createStaff, getMembership, getStaffByEmail } from "../kv/staff.ts";
import { type Misbehaviour } from "../testing/oidc_provider.ts";
import { SSO_IP as IP, SSO_REDIRECT as REDIRECT, ssoStudio } from "../testing/sso_studio.ts";
import { hashPassword } from "./password.ts";
import { signIn } from "./sign_in.ts";
import { finishSso, SSO_START_PER_ADDRESS, SsoRefused, SsoRequired, startSso } from "./sso.ts";
import { saveSsoSettings, type SsoForm } from "./sso_settings.ts";
import { clearDiscoveryCache, discover, DiscoveryFailed, IssuerAddressRefused } from "./sso_discovery.ts";
import type { Resolver } from "../net/public_host.ts";

async function setup(settings: Partial<SsoForm> = {}) {
  const studio = await ssoStudio(settings);
  const refusal = async (misbehaviour: Misbehaviour) => {
    studio.idp.misbehave(misbehaviour);
    const err = await studio.signInThroughProvider().then(() => null, (e) => e);
    studio.idp.misbehave({});
    assert.ok(err instanceof SsoRefused, `refused, not ${err}`);
    return err.problem;
  };
  const actions = () => studio.audit.rows.map((row) => row.action);
  return Object.assign(studio, { refusal, actions });
}

Deno.test("a new person of an allowed domain joins with the default role and is signed in", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "Eli@NorthSound.example", name: "Eli Moreau" });
  const outcome = await s.signInThroughProvider();

  assert.equal(outcome.status, "signed_in");
  assert.equal(outcome.joined, true);
  if (outcome.status !== "signed_in") return;
  const session = await validateSession(s.kv, outcome.token, s.north.id);
  assert.equal(session?.staffId, outcome.staff.id);
  const eli = await getStaffByEmail(s.kv, "eli@northsound.example");
  assert.equal(eli?.name, "Eli Moreau");
  assert.ok(eli?.emailVerifiedAt, "the provider vouched for the address");
  assert.equal(eli?.passwordHash, undefined, "no password: this account signs in through the provider");
  assert.equal((await getMembership(s.kv, s.north.id, eli!.id))?.role, "engineer");
  assert.deepEqual(s.actions().slice(-2), ["member.joined_by_sso", "auth.sso_sign_in"]);
  const signedIn = s.audit.rows.at(-1)!;
  assert.equal(signedIn.actorId, eli!.id);
  assert.deepEqual(signedIn.changes?.subject, { after: "sub-Eli@NorthSound.example" });

  const asked = s.idp.lastAuthorize!;
  assert.equal(asked.get("code_challenge_method"), "S256", "PKCE");
  assert.ok(asked.get("nonce"), "a nonce");
  assert.equal(asked.get("scope"), "openid email profile");
});

Deno.test("an existing member signs in as themselves and keeps their role", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "ana@northsound.example" });
  const outcome = await s.signInThroughProvider();
  assert.equal(outcome.status, "signed_in");
  assert.equal(outcome.joined, false);
  assert.equal(outcome.staff.id, s.ana.id);
  assert.equal((await getMembership(s.kv, s.north.id, s.ana.id))?.role, "owner");
  assert.deepEqual(s.actions().at(-1), "auth.sso_sign_in");
  assert.ok(!s.actions().includes("member.joined_by_sso"));
});

Deno.test("a person known from another studio joins this one with the default role", async () => {
  await using s = await setup({ defaultRole: "bookkeeper" });
  const bo = await createStaff(s.kv, { email: "bo@north.example", name: "Bo" });
  await addMembership(s.kv, s.other.id, bo.id, "owner");
  s.idp.signInAs({ email: "bo@north.example" });
  const outcome = await s.signInThroughProvider();
  assert.equal(outcome.joined, true);
  assert.equal(outcome.staff.id, bo.id);
  assert.equal((await getMembership(s.kv, s.north.id, bo.id))?.role, "bookkeeper");
  assert.equal((await getMembership(s.kv, s.other.id, bo.id))?.role, "owner", "their other studio untouched");
});

Deno.test("ID tokens that are wrong in any way are refused and nobody joins", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "mallory@northsound.example" });
  assert.equal(await s.refusal({ audience: "another-client" }), "invalid_token");
  assert.equal(await s.refusal({ issuer: "https://evil.example" }), "invalid_token");
  assert.equal(await s.refusal({ expired: true }), "invalid_token");
  assert.equal(await s.refusal({ badSignature: true }), "invalid_token");
  assert.equal(await s.refusal({ nonce: "replayed-nonce" }), "invalid_token");
  assert.equal(await s.refusal({ authorizeError: "access_denied" }), "provider_error");
  s.idp.signInAs({ email: "mallory@northsound.example", email_verified: false });
  assert.equal(await s.refusal({}), "email_unverified");

  assert.equal(await getStaffByEmail(s.kv, "mallory@northsound.example"), null);
  const failed = s.audit.rows.filter((row) => row.action === "auth.sso_sign_in_failed");
  assert.deepEqual(failed.map((row) => row.changes?.reason?.after), [
    "invalid_token",
    "invalid_token",
    "invalid_token",
    "invalid_token",
    "invalid_token",
    "provider_error",
    "email_unverified",
  ]);
});

Deno.test("only the allowed e-mail domains get in; a subdomain is not its parent", async () => {
  await using s = await setup();
  for (const email of ["eve@elsewhere.example", "eve@eu.northsound.example"]) {
    s.idp.signInAs({ email });
    assert.equal(await s.refusal({}), "domain_not_allowed");
    assert.equal(await getStaffByEmail(s.kv, email), null);
  }
});

Deno.test("the state must be this browser's, live, unused and of this studio", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "eli@northsound.example" });
  const problem = (p: Promise<unknown>) => p.then(() => "accepted", (e) => (e as SsoRefused).problem);
  assert.equal(await problem(s.signInThroughProvider({ cookieState: () => undefined })), "bad_state");
  assert.equal(
    await problem(s.signInThroughProvider({ cookieState: (st) => st.replace(/.$/, "x") })),
    "bad_state",
  );
  assert.equal(await problem(s.signInThroughProvider({ tenantId: s.other.id })), "bad_state");

  // The provider's answer replayed: the flow was used up by the first callback.
  const { url, state } = await startSso(s.env, {
    tenantId: s.north.id,
    redirectUri: REDIRECT,
    next: "",
    ip: IP,
  });
  const back = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
  const callback = { tenantId: s.north.id, cookieState: state, params: back.searchParams, ip: IP };
  assert.equal((await finishSso(s.env, callback)).status, "signed_in");
  assert.equal(await problem(finishSso(s.env, callback)), "bad_state");
});

Deno.test("starts are rate limited per address", async () => {
  await using s = await setup();
  const start = (ip: string) =>
    startSso(s.env, { tenantId: s.north.id, redirectUri: REDIRECT, next: "", ip });
  for (let i = 0; i < SSO_START_PER_ADDRESS.limit; i++) await start("198.51.100.1");
  await assert.rejects(start("198.51.100.1"), RateLimitedError);
  await start("198.51.100.2");
  assert.equal(s.idp.counts["/.well-known/openid-configuration"], 1, "discovery read once, then cached");
});

Deno.test("a studio without SSO turned on refuses to start one", async () => {
  await using s = await setup();
  await s.save({ enabled: false });
  await assert.rejects(
    startSso(s.env, { tenantId: s.north.id, redirectUri: REDIRECT, next: "", ip: IP }),
    (err) => err instanceof SsoRefused && err.problem === "not_enabled" && err.status === 404,
  );
  await assert.rejects(
    startSso(s.env, { tenantId: s.other.id, redirectUri: REDIRECT, next: "", ip: IP }),
    (err) => err instanceof SsoRefused && err.problem === "not_enabled",
  );
});

Deno.test("with SSO required, password sign-in is refused for members but owners keep a way in", async () => {
  await using s = await setup({ ssoOnly: true });
  const password = "copper kettle whistling";
  const passwordHash = await hashPassword(password);
  const eli = await createStaff(s.kv, { email: "eli@northsound.example", name: "Eli", passwordHash });
  await addMembership(s.kv, s.north.id, eli.id, "engineer");
  await addMembership(
    s.kv,
    s.north.id,
    (await createStaff(s.kv, {
      email: "owner2@northsound.example",
      name: "Owner Two",
      passwordHash,
    })).id,
    "owner",
  );
  const attempt = (email: string) =>
    signIn(s.kv, { tenantId: s.north.id, email, password, ip: IP }, s.audit.writer);

  await assert.rejects(attempt("eli@northsound.example"), SsoRequired);
  assert.equal(s.actions().at(-1), "auth.sign_in_refused_sso_only");
  assert.equal((await attempt("owner2@northsound.example")).status, "signed_in", "break-glass for owners");

  // The same member through the provider is welcome.
  s.idp.signInAs({ email: "eli@northsound.example" });
  assert.equal((await s.signInThroughProvider()).status, "signed_in");

  await s.save({ ssoOnly: false });
  assert.equal((await attempt("eli@northsound.example")).status, "signed_in");
});

Deno.test("settings: the secret is sealed, never shown back, and each change is audited", async () => {
  await using s = await setup();
  const stored = await getSsoConfig(s.kv, s.north.id);
  assert.ok(stored?.clientSecret?.startsWith("v1."), "sealed");
  assert.ok(!JSON.stringify(stored).includes(s.idp.clientSecret), "the secret is nowhere in the clear");
  assert.equal(await s.box.openText(stored!.clientSecret!, `sso:${s.north.id}`), s.idp.clientSecret);
  assert.deepEqual(stored?.allowedDomains, ["northsound.example", "north.example"]);

  const view = await s.save({ clientSecret: "", defaultRole: "manager" });
  assert.equal(view.secretSet, true, "an empty secret field keeps the stored one");
  assert.equal((await getSsoConfig(s.kv, s.north.id))?.clientSecret, stored?.clientSecret);
  await s.save({ clientSecret: "a-new-secret", defaultRole: "manager" });

  const rows = s.audit.rows.filter((row) => row.action === "sso.settings_changed");
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0].changes?.clientSecret, { before: null, after: "set" });
  assert.deepEqual(rows[1].changes, { defaultRole: { before: "engineer", after: "manager" } });
  assert.deepEqual(rows[2].changes, { clientSecret: { before: "set", after: "replaced" } });
  assert.ok(!JSON.stringify(s.audit.rows).includes("a-new-secret"));
});

Deno.test("settings: each problem is named beside its field", async () => {
  await using s = await setup();
  const fields = (changes: Partial<SsoForm>) =>
    s.save(changes).then((): Record<string, string> => ({}), (err) => (err as ValidationError).fields);

  assert.match((await fields({ allowedDomains: "gmail.com" })).allowedDomains, /Anyone can have an address/);
  assert.match((await fields({ allowedDomains: "not a domain!" })).allowedDomains, /is not a domain/);
  assert.match((await fields({ allowedDomains: "" })).allowedDomains, /at least one/);
  assert.match((await fields({ defaultRole: "owner" })).defaultRole, /other than owner/);
  assert.match((await fields({ preset: "entra", providerDetail: "contoso" })).providerDetail, /tenant/);
  assert.match((await fields({ preset: "okta", providerDetail: "http://x" })).providerDetail, /Okta domain/);
  assert.match((await fields({ clientId: "" })).clientId, /client ID/);
  assert.match((await fields({ enabled: false, ssoOnly: true })).ssoOnly, /Turn single sign-on on/);
  // The issuer must answer its discovery document before SSO turns on.
  const unreachable = await fields({ providerDetail: "http://127.0.0.1:9/nowhere" });
  assert.match(unreachable.providerDetail, /could not be read/);
  assert.ok(Object.keys(await fields({ enabled: false, clientId: "", allowedDomains: "" })).length === 0);
});

Deno.test("settings: presets lead to their providers' issuers", async () => {
  const { issuerFor } = await import("./sso_settings.ts");
  assert.deepEqual(issuerFor("okta", "https://dev-1.okta.com/", false), { issuer: "https://dev-1.okta.com" });
  assert.deepEqual(issuerFor("okta", "https://dev-1.okta.com/oauth2/default", false), {
    issuer: "https://dev-1.okta.com/oauth2/default",
  });
  assert.deepEqual(issuerFor("auth0", "studio.eu.auth0.com", false), {
    issuer: "https://studio.eu.auth0.com/",
  });
  assert.deepEqual(issuerFor("google", "", false), { issuer: "https://accounts.google.com" });
  assert.deepEqual(issuerFor("entra", "72F988BF-86F1-41AF-91AB-2D7CD011DB47", false), {
    issuer: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
  });
  assert.ok(
    "problem" in issuerFor("generic", "http://127.0.0.1:8080", false),
    "http only outside production",
  );
  assert.deepEqual(issuerFor("generic", "http://127.0.0.1:8080", true), { issuer: "http://127.0.0.1:8080" });
});

Deno.test("settings: an issuer on a private network, the metadata service or this machine is refused", async () => {
  await using s = await setup();
  const providerDetail = async (
    detail: string,
    options: { allowLoopback?: boolean; resolve?: Resolver } = {},
  ) => {
    const err = await saveSsoSettings(s.kv, s.box, {
      tenantId: s.north.id,
      form: {
        enabled: true,
        preset: "generic",
        providerDetail: detail,
        clientId: "client",
        clientSecret: "secret",
        allowedDomains: "northsound.example",
        defaultRole: "engineer",
        ssoOnly: false,
      },
      acting: { actor: { type: "staff", id: s.ana.id, label: s.ana.email } },
      audit: s.audit.writer,
      allowLoopback: options.allowLoopback ?? false,
      resolve: options.resolve,
    }).then(() => null, (e) => e);
    assert.ok(err instanceof ValidationError, `refused, not ${err}`);
    return err.fields.providerDetail;
  };
  const before = s.idp.counts["/.well-known/openid-configuration"] ?? 0;

  assert.match(await providerDetail("https://10.0.0.5"), /10\.0\.0\.5 is a private network address/);
  assert.match(await providerDetail("https://169.254.169.254"), /cloud metadata service/);
  assert.match(await providerDetail("https://[fd00::1]"), /unique-local/);
  assert.match(await providerDetail("https://100.64.0.1"), /carrier-grade NAT/);
  assert.match(await providerDetail(s.idp.issuer.replace("http:", "https:")), /loopback/);
  const resolve: Resolver = () => Promise.resolve(["93.184.215.14", "192.168.1.20"]);
  assert.match(
    await providerDetail("https://idp.northsound.example", { resolve }),
    /idp\.northsound\.example resolves to 192\.168\.1\.20, a private network address/,
  );
  // The loopback switch is about this machine only.
  assert.match(await providerDetail("https://10.0.0.5", { allowLoopback: true }), /private network/);
  assert.equal(s.idp.counts["/.well-known/openid-configuration"] ?? 0, before, "nothing was fetched");
});

Deno.test("discovery refuses a provider whose JWKS or token endpoint leads to a private address", async () => {
  clearDiscoveryCache();
  let document: Record<string, unknown> = {};
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => Response.json(document),
  );
  const issuer = `http://127.0.0.1:${server.addr.port}`;
  const base = { issuer, authorization_endpoint: `${issuer}/authorize` };
  const read = async (endpoints: Record<string, string>) => {
    clearDiscoveryCache();
    document = { ...base, ...endpoints };
    return await discover(issuer, { allowLoopback: true }).then(() => null, (err) => err);
  };

  const jwks = await read({ jwks_uri: "https://169.254.169.254/jwks", token_endpoint: `${issuer}/token` });
  assert.ok(jwks instanceof IssuerAddressRefused);
  assert.match(jwks.message, /169\.254\.169\.254 is the cloud metadata service/);
  const token = await read({ jwks_uri: `${issuer}/jwks`, token_endpoint: "https://10.1.2.3/token" });
  assert.ok(token instanceof IssuerAddressRefused);
  assert.match(token.message, /10\.1\.2\.3 is a private network address/);
  assert.equal(await read({ jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` }), null);
  // Without the switch, the issuer itself (on loopback) is refused before anything is fetched.
  clearDiscoveryCache();
  const loopback = await discover(issuer, { allowLoopback: false }).then(() => null, (err) => err);
  assert.ok(loopback instanceof DiscoveryFailed);
  clearDiscoveryCache();
});

Deno.test("an SSO sign-in counts for a studio's 2FA rule only when the provider reports MFA", async () => {
  await using s = await setup();
  s.idp.signInAs({ email: "eli@northsound.example", amr: ["pwd", "mfa"] });
  const withMfa = await s.signInThroughProvider();
  assert.equal(withMfa.status, "signed_in");
  if (withMfa.status !== "signed_in") return;
  const eli = withMfa.staff.id;
  assert.equal(await isProviderMfaSession(s.kv, withMfa.session.id, eli, s.north.id), true);
  assert.deepEqual(s.audit.rows.at(-1)?.changes?.providerMfa, { after: true });
  assert.equal(
    await isProviderMfaSession(s.kv, withMfa.session.id, eli, s.other.id),
    false,
    "this studio only",
  );

  s.idp.signInAs({ email: "eli@northsound.example", amr: ["pwd"] });
  const passwordOnly = await s.signInThroughProvider();
  if (passwordOnly.status !== "signed_in") throw new Error("expected a session");
  assert.equal(await isProviderMfaSession(s.kv, passwordOnly.session.id, eli, s.north.id), false);
  s.idp.signInAs({ email: "eli@northsound.example" });
  const noClaim = await s.signInThroughProvider();
  if (noClaim.status !== "signed_in") throw new Error("expected a session");
  assert.equal(await isProviderMfaSession(s.kv, noClaim.session.id, eli, s.north.id), false);
});

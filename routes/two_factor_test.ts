// Two-factor authentication through the real app: the sign-in second step (/sign-in/two-factor) and
// the account security page (/app/account/security).
import assert from "node:assert/strict";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { ANA_PASSWORD, NORTH, SOUTH, twoStudiosWithOwner } from "@/lib/testing/two_studios.ts";
import { listAudit } from "@/lib/audit/audit.ts";
import { enableTwoFactor, startTwoFactorSetup, TWO_FACTOR_PER_ACCOUNT } from "@/lib/auth/two_factor.ts";
import { totpCodeAt, totpStep } from "@/lib/auth/two_factor_codes.ts";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { createSession, listSessions, validateSession } from "@/lib/kv/sessions.ts";
import { getTwoFactor } from "@/lib/kv/two_factor.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { linkIn, waitForMail } from "@/lib/testing/outbox.ts";

type Setup = Awaited<ReturnType<typeof twoStudiosWithOwner>>;
type App = Setup["t"];

const SESSION = "__Host-rsm_session";
const CHALLENGE = "__Host-rsm_2fa";

function post(t: App, url: string, fields: Record<string, string>, cookie?: string) {
  return t.app.request(url, {
    method: "POST",
    headers: {
      origin: new URL(url).origin,
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** name=value of each cookie the response sets (an empty value clears it). */
function cookiesOf(res: Response): Record<string, string> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => c.split(";")[0].split(/=(.*)/s).slice(0, 2)),
  );
}

/** The `<input …>` tag carrying `attribute`, whatever the order of its attributes. */
function inputTag(html: string, attribute: string): string {
  const tag = html.match(/<input\b[^>]*>/g)?.find((t) => t.includes(attribute));
  assert.ok(tag, `no input with ${attribute}`);
  return tag;
}

/**
 * North and South, Ana owning North, with 2FA turned on ten minutes ago (so codes of the current
 * steps have not been used yet). Returns her key, as her app holds it, and her backup codes.
 */
async function withTwoFactor() {
  const s = await twoStudiosWithOwner();
  const box = await secretBoxFor(s.t.config.appSecret);
  const then = Date.now() - 10 * 60_000;
  const actor = { staffId: s.ana.id, email: s.ana.email };
  const shown = await startTwoFactorSetup(s.t.kv, box, actor, { password: ANA_PASSWORD }, then);
  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  const { backupCodes } = await enableTwoFactor(
    s.t.kv,
    box,
    actor,
    totpCodeAt(key, totpStep(then)),
    undefined,
    then,
  );
  return { ...s, key, backupCodes };
}

/** A code the app would show that has not been used yet (the step after the last used, if need be). */
async function freshCode(s: Awaited<ReturnType<typeof withTwoFactor>>): Promise<string> {
  const last = (await getTwoFactor(s.t.kv, s.ana.id))!.value.lastUsedStep;
  // The current step rather than the one before: it stays valid if a step boundary passes meanwhile.
  const step = Math.max(last + 1, totpStep(Date.now()));
  assert.ok(step <= totpStep(Date.now()) + 1, "the test used more codes than the window allows");
  return totpCodeAt(s.key, step);
}

/** Signs in with the password; returns the challenge cookie ("name=token"). */
async function passwordStep(t: App, host = NORTH, next = "/app?tab=today") {
  const res = await post(t, `${host}/sign-in`, { email: "ana@example.com", password: ANA_PASSWORD, next });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/sign-in/two-factor");
  const cookies = cookiesOf(res);
  assert.equal(cookies[SESSION], undefined, "no session yet");
  assert.match(cookies[CHALLENGE], /^[a-z2-7]{32}$/);
  return `${CHALLENGE}=${cookies[CHALLENGE]}`;
}

Deno.test("with 2FA on, the right password alone starts no session", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const challenge = await passwordStep(s.t);
  assert.deepEqual(await listSessions(s.t.kv, s.ana.id), []);
  const app = await s.t.app.request(`${NORTH}/app`, { headers: { cookie: challenge } });
  assert.equal(app.status, 302, "the challenge cookie opens nothing");

  const page = await s.t.app.request(`${NORTH}/sign-in/two-factor`, { headers: { cookie: challenge } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("cache-control"), "no-store");
  const html = await page.text();
  assert.match(html, /Two-factor authentication/);
  assert.match(html, /autocomplete="one-time-code"/);
  assert.match(html, /href="\/sign-in\/two-factor\?method=backup"/);
});

Deno.test("a wrong code is refused beside the field and starts no session; the right one then signs in", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const challenge = await passwordStep(s.t);
  const wrong = await post(s.t, `${NORTH}/sign-in/two-factor`, { method: "code", code: "000000" }, challenge);
  assert.equal(wrong.status, 422);
  assert.equal(cookiesOf(wrong)[SESSION], undefined);
  const html = await wrong.text();
  assert.match(html, /role="alert"/);
  assert.match(inputTag(html, 'name="code"'), /aria-invalid="true"/);
  assert.match(html, /The code is not right/);
  assert.deepEqual(await listSessions(s.t.kv, s.ana.id), []);

  const right = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code: await freshCode(s) },
    challenge,
  );
  assert.equal(right.status, 303);
  assert.equal(right.headers.get("location"), "/app?tab=today", "on to the page first asked for");
  const cookies = cookiesOf(right);
  assert.equal(cookies[CHALLENGE], "", "the challenge cookie is cleared");
  const session = await validateSession(s.t.kv, cookies[SESSION], s.north.id);
  assert.equal(session?.staffId, s.ana.id);
  const app = await s.t.app.request(`${NORTH}/app`, {
    headers: { cookie: `${SESSION}=${cookies[SESSION]}` },
  });
  assert.equal(app.status, 200);

  const again = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code: await freshCode(s) },
    challenge,
  );
  assert.equal(again.status, 410, "a challenge is used up by the first right code");

  const actions = (await s.t.tenancy.pool.use(s.north.database, (db) => listAudit(db))).map((r) => r.action);
  assert.deepEqual(actions, ["auth.sign_in", "auth.two_factor_failed", "auth.sign_in_needs_second_factor"]);
});

Deno.test("the code that was just used cannot be used again on a new challenge", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const code = await freshCode(s);
  const first = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code },
    await passwordStep(s.t),
  );
  assert.equal(first.status, 303);
  const replay = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code },
    await passwordStep(s.t),
  );
  assert.equal(replay.status, 422);
  assert.match(await replay.text(), /This code was already used/);
});

Deno.test(`after ${TWO_FACTOR_PER_ACCOUNT.limit} wrong codes the step answers 429, even to a right code`, async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const challenge = await passwordStep(s.t);
  for (let i = 0; i < TWO_FACTOR_PER_ACCOUNT.limit; i++) {
    const res = await post(
      s.t,
      `${NORTH}/sign-in/two-factor`,
      { method: "code", code: `12345${i}` },
      challenge,
    );
    assert.equal(res.status, 422, `attempt ${i + 1}`);
    await res.body?.cancel();
  }
  // A new password step does not buy new guesses: the limit is the person's, not the challenge's.
  const fresh = await passwordStep(s.t);
  const limited = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code: await freshCode(s) },
    fresh,
  );
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
  assert.equal(cookiesOf(limited)[SESSION], undefined);
  assert.deepEqual(await listSessions(s.t.kv, s.ana.id), []);
});

Deno.test("a backup code signs in once", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const form = await s.t.app.request(`${NORTH}/sign-in/two-factor?method=backup`, {
    headers: { cookie: await passwordStep(s.t) },
  });
  assert.match(await form.text(), /name="backup_code"/);

  const code = s.backupCodes[3].toUpperCase();
  const used = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "backup_code", backup_code: code },
    await passwordStep(s.t),
  );
  assert.equal(used.status, 303);
  assert.ok(cookiesOf(used)[SESSION]);
  const twice = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "backup_code", backup_code: code },
    await passwordStep(s.t),
  );
  assert.equal(twice.status, 422);
  assert.match(await twice.text(), /This backup code is not right, or it was already used/);
  assert.equal((await getTwoFactor(s.t.kv, s.ana.id))!.value.backupCodes.length, 9);
  const actions = (await s.t.tenancy.pool.use(s.north.database, (db) => listAudit(db))).map((r) => r.action);
  assert.ok(actions.includes("auth.two_factor_backup_code_used"));
});

Deno.test("a challenge opened at one studio is refused at another", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  const challenge = await passwordStep(s.t);
  const res = await post(
    s.t,
    `${SOUTH}/sign-in/two-factor`,
    { method: "code", code: await freshCode(s) },
    challenge,
  );
  assert.equal(res.status, 410);
  assert.deepEqual(await listSessions(s.t.kv, s.ana.id), []);
  const page = await s.t.app.request(`${NORTH}/sign-in/two-factor`);
  assert.equal(page.status, 410, "no cookie, no step");
  assert.match(await page.text(), /This sign-in step has expired/);
});

Deno.test("a password reset with 2FA on asks for the code instead of signing in", async () => {
  const s = await withTwoFactor();
  await using _ = s.t;
  await (await post(s.t, `${NORTH}/forgot-password`, { email: "ana@example.com" })).body?.cancel();
  const link = linkIn(await waitForMail(s.t.kv, "ana@example.com"), /reset-password\?token=/);
  const token = new URL(link).searchParams.get("token")!;
  const res = await post(s.t, `${NORTH}/reset-password`, { token, password: "orange ferry humming" });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/sign-in/two-factor");
  const cookies = cookiesOf(res);
  assert.equal(cookies[SESSION], undefined);
  const done = await post(
    s.t,
    `${NORTH}/sign-in/two-factor`,
    { method: "code", code: await freshCode(s) },
    `${CHALLENGE}=${cookies[CHALLENGE]}`,
  );
  assert.equal(done.status, 303);
  assert.equal(done.headers.get("location"), "/app");
  assert.equal((await listOutbox(s.t.kv)).length, 1);
});

/** Ana signed in at North without 2FA, plus her phone's session there and her session at South. */
async function signedInAna() {
  const s = await twoStudiosWithOwner();
  const here = await createSession(s.t.kv, {
    staffId: s.ana.id,
    tenantId: s.north.id,
    userAgent: "Firefox/130 (Windows)",
  });
  const phone = await createSession(s.t.kv, {
    staffId: s.ana.id,
    tenantId: s.north.id,
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1",
  });
  const cookie = `${SESSION}=${here.token}`;
  return { ...s, here, phone, cookie, page: `${NORTH}/app/account/security` };
}

Deno.test("the security page turns 2FA on with the key it shows, shows backup codes once, and signs out elsewhere", async () => {
  const s = await signedInAna();
  await using _ = s.t;
  const off = await s.t.app.request(s.page, { headers: { cookie: s.cookie } });
  assert.equal(off.status, 200);
  assert.equal(off.headers.get("cache-control"), "no-store");
  const offHtml = await off.text();
  assert.match(offHtml, /Set up two-factor authentication/);
  assert.match(offHtml, /Safari on iOS/);
  assert.match(offHtml, /This device/);

  const wrongPassword = await post(s.t, s.page, { intent: "start", password: "nope" }, s.cookie);
  assert.equal(wrongPassword.status, 422);
  assert.match(await wrongPassword.text(), /The password is not right/);

  const started = await post(s.t, s.page, { intent: "start", password: ANA_PASSWORD }, s.cookie);
  assert.equal(started.status, 303);
  const setup = await (await s.t.app.request(s.page, { headers: { cookie: s.cookie } })).text();
  const shown = setup.match(/id="two-factor-key"[^>]*>([A-Z2-7 ]+)</)![1].trim();
  assert.match(setup, /href="otpauth:\/\/totp\/[^"]*secret=([A-Z2-7]+)/);
  const key = decodeBase32IgnorePadding(shown.replaceAll(" ", ""));

  const wrong = await post(s.t, s.page, { intent: "enable", code: "000000" }, s.cookie);
  assert.equal(wrong.status, 422);
  assert.match(inputTag(await wrong.text(), 'id="enable-code"'), /aria-invalid="true"/);

  const on = await post(
    s.t,
    s.page,
    { intent: "enable", code: totpCodeAt(key, totpStep(Date.now())) },
    s.cookie,
  );
  assert.equal(on.status, 200);
  const onHtml = await on.text();
  const codes = [...onHtml.matchAll(/<li[^>]*>([0-9a-z]{5}-[0-9a-z]{5})<\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.match(onHtml, /Two-factor authentication is on/);

  assert.ok(await validateSession(s.t.kv, s.here.token, s.north.id), "this browser stays signed in");
  assert.equal(await validateSession(s.t.kv, s.phone.token, s.north.id), null, "the phone is signed out");
  const later = await (await s.t.app.request(s.page, { headers: { cookie: s.cookie } })).text();
  assert.ok(!codes.some((code) => later.includes(code)), "backup codes are never shown again");
  assert.match(later, /10 backup codes left/);

  const audit = await s.t.tenancy.pool.use(s.north.database, (db) => listAudit(db));
  assert.equal(audit[0].action, "auth.two_factor_enabled");
  assert.equal(audit[0].actorId, s.ana.id);
});

Deno.test("turning 2FA off from the page needs a right code", async () => {
  const s = await signedInAna();
  await using _ = s.t;
  const box = await secretBoxFor(s.t.config.appSecret);
  const then = Date.now() - 10 * 60_000;
  const actor = { staffId: s.ana.id, email: s.ana.email, sessionId: s.here.session.id };
  const shown = await startTwoFactorSetup(s.t.kv, box, actor, { password: ANA_PASSWORD }, then);
  const key = decodeBase32IgnorePadding(shown.key.replaceAll(" ", ""));
  const { backupCodes } = await enableTwoFactor(
    s.t.kv,
    box,
    actor,
    totpCodeAt(key, totpStep(then)),
    undefined,
    then,
  );

  const wrong = await post(s.t, s.page, { intent: "disable", code: "111111" }, s.cookie);
  assert.equal(wrong.status, 422);
  assert.match(inputTag(await wrong.text(), 'id="disable-code"'), /aria-invalid="true"/);
  assert.ok(await getTwoFactor(s.t.kv, s.ana.id));

  const regenerated = await post(s.t, s.page, { intent: "regenerate", code: backupCodes[0] }, s.cookie);
  assert.equal(regenerated.status, 200);
  const fresh = [...(await regenerated.text()).matchAll(/<li[^>]*>([0-9a-z]{5}-[0-9a-z]{5})<\/li>/g)].map((
    m,
  ) => m[1]);
  assert.equal(fresh.length, 10);

  const stale = await post(s.t, s.page, { intent: "disable", code: backupCodes[1] }, s.cookie);
  assert.equal(stale.status, 422, "old backup codes stopped working");
  const off = await post(
    s.t,
    s.page,
    { intent: "disable", code: totpCodeAt(key, totpStep(Date.now())) },
    s.cookie,
  );
  assert.equal(off.status, 303);
  assert.equal(off.headers.get("location"), "/app/account/security?done=disabled");
  assert.equal(await getTwoFactor(s.t.kv, s.ana.id), null);

  const actions = (await s.t.tenancy.pool.use(s.north.database, (db) => listAudit(db))).map((r) => r.action);
  assert.deepEqual(actions, [
    "auth.two_factor_disabled",
    "auth.two_factor_failed",
    "auth.two_factor_backup_codes_regenerated",
    "auth.two_factor_backup_code_used",
    "auth.two_factor_failed",
  ]);
});

Deno.test("sign out everywhere else keeps this browser and ends every other session, in every studio", async () => {
  const s = await signedInAna();
  await using _ = s.t;
  const south = await createSession(s.t.kv, { staffId: s.ana.id, tenantId: s.south.id });
  const res = await post(s.t, s.page, { intent: "sign_out_others" }, s.cookie);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/app/account/security?done=signed_out_others&count=2");
  assert.deepEqual((await listSessions(s.t.kv, s.ana.id)).map((x) => x.id), [s.here.session.id]);
  assert.equal(await validateSession(s.t.kv, south.token, s.south.id), null);
  const page = await s.t.app.request(`${NORTH}${res.headers.get("location")}`, {
    headers: { cookie: s.cookie },
  });
  assert.match(await page.text(), /Signed out of 2 other sessions/);
  const audit = await s.t.tenancy.pool.use(s.north.database, (db) => listAudit(db));
  assert.equal(audit[0].action, "auth.sessions_revoked");
});

Deno.test("one session can be signed out from the list; another person's cannot", async () => {
  const s = await signedInAna();
  await using _ = s.t;
  const res = await post(s.t, s.page, { intent: "sign_out_session", session: s.phone.session.id }, s.cookie);
  assert.equal(res.status, 303);
  assert.equal(await validateSession(s.t.kv, s.phone.token, s.north.id), null);
  const bob = await createSession(s.t.kv, { staffId: "u_01JD8X3Z7W5M9Q2R4T6V8X0Y1D", tenantId: s.north.id });
  const foreign = await post(s.t, s.page, { intent: "sign_out_session", session: bob.session.id }, s.cookie);
  assert.equal(foreign.status, 404);
  await foreign.body?.cancel();
  assert.ok(await validateSession(s.t.kv, bob.token, s.north.id));
});

// "Forgot your password?" through the real app: /forgot-password, the e-mail, /reset-password.
import assert from "node:assert/strict";
import { ANA_PASSWORD, NORTH, SOUTH, twoStudiosWithOwner } from "@/lib/testing/two_studios.ts";
import { listAudit } from "@/lib/audit/audit.ts";
import { RESET_REQUESTS_PER_EMAIL } from "@/lib/auth/password_reset.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { addMembership, createStaff } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { linkIn, waitForMail } from "@/lib/testing/outbox.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const PASSWORD = ANA_PASSWORD;
const NEW_PASSWORD = "orange ferry humming";

const setup = twoStudiosWithOwner;

type App = Awaited<ReturnType<typeof testApp>>;

function post(t: App, url: string, fields: Record<string, string>, cookie?: string) {
  const origin = new URL(url).origin;
  return t.app.request(url, {
    method: "POST",
    headers: {
      origin,
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
const signIn = (t: App, host: string, password: string) =>
  post(t, `${host}/sign-in`, { email: "ana@example.com", password });
const forgot = (t: App, host: string, email: string) => post(t, `${host}/forgot-password`, { email });
/** The page without what differs between any two responses (the echoed e-mail, ids, nonces). */
const comparable = (html: string, email: string) =>
  html.replaceAll(email, "EMAIL").replace(/nonce-[^'"]+|nonce="[^"]*"|[0-9a-f-]{36}/g, "");

/** Asks for a reset link for Ana at North and returns the link from her e-mail. */
async function resetLink(t: App): Promise<string> {
  assert.equal((await forgot(t, NORTH, "ana@example.com")).status, 200);
  return linkIn(await waitForMail(t.kv, "ana@example.com"), /\/reset-password\?token=/);
}

Deno.test("the sign-in page links to the forgotten-password form", async () => {
  const { t } = await setup();
  await using _ = t;
  const html = await (await t.app.request(`${NORTH}/sign-in`)).text();
  assert.match(html, /<a href="\/forgot-password"[^>]*>Forgot your password\?<\/a>/);
  const form = await (await t.app.request(`${NORTH}/forgot-password`)).text();
  assert.match(form, /Reset your password/);
  assert.match(form, /<form method="post"/);
});

Deno.test("the answer is the same for a member, an unknown e-mail and someone from another studio; only the member gets mail", async () => {
  const { t } = await setup();
  await using _ = t;
  const pages: string[] = [];
  for (
    const [host, email] of [
      [NORTH, "ana@example.com"],
      [NORTH, "nobody@example.com"],
      [SOUTH, "ana@example.com"],
    ]
  ) {
    const res = await forgot(t, host, email);
    assert.equal(res.status, 200, `${host} ${email}`);
    assert.equal(res.headers.get("set-cookie"), null);
    const html = await res.text();
    assert.ok(html.includes(`If an account exists for ${email}, we sent a link`), html);
    pages.push(comparable(html, email).replaceAll("South Sound", "North Sound"));
  }
  assert.equal(pages[1], pages[0]);
  assert.equal(pages[2], pages[0]);

  const mail = await waitForMail(t.kv, "ana@example.com");
  assert.equal(mail.subject, "Reset your password for North Sound");
  // The link points at the studio address the request came to.
  assert.match(
    linkIn(mail, /reset-password/),
    /^https:\/\/north\.studios\.example\/reset-password\?token=[a-z2-7]{32}$/,
  );
  assert.equal((await listOutbox(t.kv)).length, 1, "nothing to the unknown address or for South");
});

Deno.test("a studio addressed by path gets links under its path", async () => {
  await using t = await testApp();
  const north = await provisionStudio(t.tenancy, {
    timezone: "UTC",
    currency: "EUR",
    locale: "en",
    slug: "north",
    name: "North Sound",
  });
  const ana = await createStaff(t.kv, { email: "ana@example.com", name: "Ana Lima" });
  await addMembership(t.kv, north.id, ana.id, "owner");
  assert.equal((await forgot(t, "http://localhost:8000/s/north", "ana@example.com")).status, 200);
  const link = linkIn(await waitForMail(t.kv, "ana@example.com"), /reset-password/);
  assert.match(link, /^http:\/\/localhost:8000\/s\/north\/reset-password\?token=[a-z2-7]{32}$/);
});

Deno.test("too many requests for one e-mail, known or not, are stopped with 429 and Retry-After", async () => {
  const { t } = await setup();
  await using _ = t;
  for (const email of ["nobody@example.com", "ana@example.com"]) {
    const statuses: number[] = [];
    for (let i = 0; i <= RESET_REQUESTS_PER_EMAIL.limit; i++) {
      const res = await forgot(t, NORTH, email);
      statuses.push(res.status);
      if (res.status === 429) assert.ok(Number(res.headers.get("retry-after")) > 0);
      await res.body?.cancel();
    }
    assert.deepEqual(statuses, [...Array(RESET_REQUESTS_PER_EMAIL.limit).fill(200), 429], email);
  }
  // Ana's links go out in the background; let them land before the app is closed.
  while ((await listOutbox(t.kv, { to: "ana@example.com" })).length < RESET_REQUESTS_PER_EMAIL.limit) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
});

Deno.test("an empty e-mail is a field error, and a form posted from elsewhere is refused", async () => {
  const { t } = await setup();
  await using _ = t;
  const res = await forgot(t, NORTH, "  ");
  assert.equal(res.status, 422);
  assert.match(await res.text(), /Enter the e-mail address of your account/);
  const forged = await t.app.request(`${NORTH}/forgot-password`, {
    method: "POST",
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    body: "email=ana%40example.com",
  });
  assert.equal(forged.status, 403);
});

Deno.test("a reset sets the new password, ends every old session, signs in here and is audited", async () => {
  const { t, north } = await setup();
  await using _ = t;
  const laptop = cookieOf(await signIn(t, NORTH, PASSWORD));
  const phone = cookieOf(await signIn(t, NORTH, PASSWORD));
  assert.equal((await t.app.request(`${NORTH}/app`, { headers: { cookie: laptop } })).status, 200);

  const link = await resetLink(t);
  const form = await t.app.request(link);
  assert.equal(form.status, 200);
  assert.equal(form.headers.get("cache-control"), "no-store");
  const html = await form.text();
  assert.match(html, /Choose a new password/);
  assert.match(html, /For ana@example\.com/);
  const token = new URL(link).searchParams.get("token")!;
  assert.ok(html.includes(`name="token" value="${token}"`));

  const res = await post(t, `${NORTH}/reset-password`, { token, password: NEW_PASSWORD });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/app");
  const fresh = cookieOf(res);
  assert.match(fresh, /^__Host-rsm_session=[a-z2-7]{32}$/);
  const dashboard = await t.app.request(`${NORTH}/app`, { headers: { cookie: fresh } });
  assert.equal(dashboard.status, 200);
  assert.match(await dashboard.text(), /Signed in as Ana Lima/);
  for (const old of [laptop, phone]) {
    assert.equal(
      (await t.app.request(`${NORTH}/app`, { headers: { cookie: old } })).status,
      302,
      "signed out",
    );
  }

  assert.equal((await signIn(t, NORTH, PASSWORD)).status, 422, "the old password no longer works");
  assert.equal((await signIn(t, NORTH, NEW_PASSWORD)).status, 303);

  const actions = (await t.tenancy.pool.use(north.database, (db) => listAudit(db))).map((r) => r.action);
  assert.deepEqual(actions.toReversed().filter((a) => a.startsWith("auth.password")), [
    "auth.password_reset_requested",
    "auth.password_reset",
  ]);
});

Deno.test("a weak new password is refused beside its field, and the link still works", async () => {
  const { t } = await setup();
  await using _ = t;
  const token = new URL(await resetLink(t)).searchParams.get("token")!;
  const res = await post(t, `${NORTH}/reset-password`, { token, password: "short" });
  assert.equal(res.status, 422);
  assert.equal(res.headers.get("set-cookie"), null);
  const html = await res.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /aria-invalid="true"/);
  assert.match(html, /Use at least 12 characters/);
  assert.ok(html.includes(`name="token" value="${token}"`), "the form keeps the link");
  assert.equal((await post(t, `${NORTH}/reset-password`, { token, password: NEW_PASSWORD })).status, 303);
});

Deno.test("a used, unknown or other studio's link is refused with a clear message", async () => {
  const { t } = await setup();
  await using _ = t;
  const link = await resetLink(t);
  const token = new URL(link).searchParams.get("token")!;

  const elsewhere = await t.app.request(`${SOUTH}/reset-password?token=${token}`);
  assert.equal(elsewhere.status, 410);
  assert.match(await elsewhere.text(), /This link has expired or was already used/);
  assert.equal((await post(t, `${SOUTH}/reset-password`, { token, password: NEW_PASSWORD })).status, 410);

  assert.equal((await post(t, `${NORTH}/reset-password`, { token, password: NEW_PASSWORD })).status, 303);
  const used = await t.app.request(link);
  assert.equal(used.status, 410);
  const html = await used.text();
  assert.match(html, /This link has expired or was already used/);
  assert.match(html, /href="\/forgot-password"/);
  const again = await post(t, `${NORTH}/reset-password`, { token, password: "yet another fine password" });
  assert.equal(again.status, 410);
  assert.equal(again.headers.get("set-cookie"), null);

  for (const bad of ["", "nonsense", "a".repeat(32)]) {
    assert.equal((await t.app.request(`${NORTH}/reset-password?token=${bad}`)).status, 410, bad);
  }
});

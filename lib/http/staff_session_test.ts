import assert from "node:assert/strict";
import { ANA_PASSWORD, NORTH, SOUTH, twoStudiosWithOwner } from "../testing/two_studios.ts";
import { listAudit } from "../audit/audit.ts";
import { SIGN_IN_PER_ACCOUNT } from "../auth/sign_in.ts";
import { addMembership } from "../kv/staff.ts";
import { testApp } from "../testing/test_app.ts";

const PASSWORD = ANA_PASSWORD;

const setup = twoStudiosWithOwner;

function signIn(
  t: Awaited<ReturnType<typeof testApp>>,
  host: string,
  fields: Record<string, string>,
  origin = host,
) {
  return t.app.request(`${host}/sign-in`, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];

Deno.test("a protected page leads to sign-in and back; the session survives further requests", async () => {
  const { t } = await setup();
  await using _ = t;
  const protectedPage = await t.app.request(`${NORTH}/app?tab=today`);
  assert.equal(protectedPage.status, 302);
  assert.equal(protectedPage.headers.get("location"), "/sign-in?next=%2Fapp%3Ftab%3Dtoday");

  const form = await (await t.app.request(`${NORTH}/sign-in?next=%2Fapp%3Ftab%3Dtoday`)).text();
  assert.match(form, /Sign in to North Sound/);
  assert.match(form, /name="next" value="\/app\?tab=today"/);

  const res = await signIn(t, NORTH, {
    email: "ANA@example.com ",
    password: PASSWORD,
    next: "/app?tab=today",
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/app?tab=today");
  const setCookie = res.headers.get("set-cookie")!;
  assert.match(setCookie, /^__Host-rsm_session=[a-z2-7]{32};/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /Secure/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.match(setCookie, /Path=\//);

  for (let i = 0; i < 2; i++) {
    const page = await t.app.request(`${NORTH}/app`, { headers: { cookie: cookieOf(res) } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Signed in as Ana Lima/);
  }
});

Deno.test("a wrong password, an unknown e-mail and a studio without the person get the same refusal", async () => {
  const { t } = await setup();
  await using _ = t;
  for (
    const [host, email, password] of [
      [NORTH, "ana@example.com", "wrong password here"],
      [NORTH, "nobody@example.com", PASSWORD],
      [SOUTH, "ana@example.com", PASSWORD],
    ]
  ) {
    const res = await signIn(t, host, { email, password });
    assert.equal(res.status, 422, `${host} ${email}`);
    assert.equal(res.headers.get("set-cookie"), null);
    assert.match(await res.text(), /The e-mail or password is not right/);
  }
});

Deno.test("a session of one studio is refused on another studio's host", async () => {
  const { t, south, ana } = await setup();
  await using _ = t;
  const cookie = cookieOf(await signIn(t, NORTH, { email: "ana@example.com", password: PASSWORD }));
  const elsewhere = await t.app.request(`${SOUTH}/app`, { headers: { cookie } });
  assert.equal(elsewhere.status, 302, "treated as signed out");
  assert.match(elsewhere.headers.get("location")!, /^\/sign-in/);
  // Even once Ana is a member of South, North's session does not open it: she signs in there.
  await addMembership(t.kv, south.id, ana.id, "engineer");
  assert.equal((await t.app.request(`${SOUTH}/app`, { headers: { cookie } })).status, 302);
});

Deno.test("signing out ends the session: the old cookie no longer opens anything", async () => {
  const { t } = await setup();
  await using _ = t;
  const cookie = cookieOf(await signIn(t, NORTH, { email: "ana@example.com", password: PASSWORD }));
  const out = await t.app.request(`${NORTH}/sign-out`, {
    method: "POST",
    headers: { cookie, origin: NORTH },
  });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get("location"), "/sign-in");
  assert.match(out.headers.get("set-cookie")!, /Max-Age=0/);
  assert.equal((await t.app.request(`${NORTH}/app`, { headers: { cookie } })).status, 302);
});

Deno.test("forms posted from another site are refused, and so are redirects off the studio", async () => {
  const { t } = await setup();
  await using _ = t;
  const forged = await signIn(
    t,
    NORTH,
    { email: "ana@example.com", password: PASSWORD },
    "https://evil.example",
  );
  assert.equal(forged.status, 403);
  const res = await signIn(t, NORTH, {
    email: "ana@example.com",
    password: PASSWORD,
    next: "//evil.example/x",
  });
  assert.equal(res.headers.get("location"), "/app");
});

Deno.test("repeated wrong passwords for one account are stopped with 429 and Retry-After", async () => {
  const { t } = await setup();
  await using _ = t;
  const statuses: number[] = [];
  for (let i = 0; i < SIGN_IN_PER_ACCOUNT.limit + 2; i++) {
    const res = await signIn(t, NORTH, { email: "ana@example.com", password: `wrong password ${i}` });
    statuses.push(res.status);
    if (res.status === 429) assert.ok(Number(res.headers.get("retry-after")) > 0);
  }
  assert.deepEqual(statuses.slice(0, SIGN_IN_PER_ACCOUNT.limit), Array(SIGN_IN_PER_ACCOUNT.limit).fill(422));
  assert.deepEqual(statuses.slice(SIGN_IN_PER_ACCOUNT.limit), [429, 429]);
  // Even the right password waits out the window.
  assert.equal((await signIn(t, NORTH, { email: "ana@example.com", password: PASSWORD })).status, 429);
});

Deno.test("sign-ins, failed sign-ins and sign-outs are written to the studio's audit log", async () => {
  const { t, north } = await setup();
  await using _ = t;
  await signIn(t, NORTH, { email: "ana@example.com", password: "wrong password here" });
  const cookie = cookieOf(await signIn(t, NORTH, { email: "ana@example.com", password: PASSWORD }));
  await t.app.request(`${NORTH}/sign-out`, { method: "POST", headers: { cookie, origin: NORTH } });
  const rows = await t.tenancy.pool.use(north.database, (db) => listAudit(db));
  assert.deepEqual(rows.map((r) => r.action).toReversed(), [
    "auth.sign_in_failed",
    "auth.sign_in",
    "auth.sign_out",
  ]);
  assert.equal(rows.at(-1)!.actorLabel, "ana@example.com");
});

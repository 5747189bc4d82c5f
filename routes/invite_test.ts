// Accepting an invitation through the real app: /invite?token=… from the e-mail, as a new person
// and as someone who already has an account, and every way a link can stop working.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { issueInvitation } from "@/lib/kv/invitations.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { addMembership, createStaff, getMembership, getStaffByEmail } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { linkIn } from "@/lib/testing/outbox.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/blue";
const ELI_PASSWORD = "copper kettle whistling";

/** Blue Room with Ana as owner (signed in); `invite` goes through the team page and returns the link. */
async function setup() {
  const t = await testApp();
  const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "en" } as const;
  const tenant = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const red = await provisionStudio(t.tenancy, { ...settings, slug: "red", name: "Red Room" });
  const owner = await signedInCookie(t.kv, tenant, { base: BASE, email: "ana@example.com" });
  const invite = async (email: string, role: string) => {
    const res = await post(t, `${BASE}/app/members`, { intent: "invite", email, role }, owner);
    assert.equal(res.status, 303, `inviting ${email}`);
    return linkIn((await listOutbox(t.kv, { to: email }))[0], /\/invite\?token=/);
  };
  return { t, tenant, red, owner, invite };
}

function post(t: App, path: string, fields: Record<string, string>, cookie?: string) {
  return t.app.request(path, {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];

Deno.test("a new person opens the link, gives a name and a password, and lands signed in with their role's menu", async () => {
  const { t, tenant, invite } = await setup();
  await using _ = t;
  const link = await invite("eli@example.com", "engineer");
  const form = await t.app.request(pathOf(link));
  assert.equal(form.status, 200);
  assert.equal(form.headers.get("cache-control"), "no-store");
  const html = await form.text();
  assert.match(html, /Join Blue Room/);
  assert.match(html, /Staff of Blue Room invited you to join Blue Room as Engineer/);
  assert.match(html, /Create your account for eli@example\.com/);
  assert.match(html, /name="name"/);

  const weak = await post(t, `${BASE}/invite`, { token: tokenOf(link), name: "Eli Park", password: "short" });
  assert.equal(weak.status, 422);
  const weakHtml = await weak.text();
  assert.match(weakHtml, /Use at least 12 characters/);
  assert.match(weakHtml, /value="Eli Park"/, "the name is kept");

  const res = await post(t, `${BASE}/invite`, {
    token: tokenOf(link),
    name: "Eli Park",
    password: ELI_PASSWORD,
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/app`);
  const cookie = cookieOf(res);
  const dashboard = await t.app.request(`${BASE}/app`, { headers: { cookie } });
  assert.equal(dashboard.status, 200);
  const page = await dashboard.text();
  assert.match(page, /Signed in as Eli Park/);
  assert.ok(!page.includes("/app/members"), "an engineer's menu has no team page");
  assert.ok(!page.includes("/app/audit"), "nor the audit log");
  assert.equal((await t.app.request(`${BASE}/app/audit`, { headers: { cookie } })).status, 403);
  assert.equal((await t.app.request(`${BASE}/app/members`, { headers: { cookie } })).status, 403);

  const eli = (await getStaffByEmail(t.kv, "eli@example.com"))!;
  assert.ok(eli.emailVerifiedAt);
  assert.equal((await getMembership(t.kv, tenant.id, eli.id))?.role, "engineer");
  const actions = (await t.tenancy.pool.use(tenant.database, (db) => listAudit(db))).map((r) => r.action);
  assert.deepEqual(actions.toReversed(), ["member.invited", "member.joined", "auth.sign_in"]);

  const reused = await t.app.request(pathOf(link));
  assert.equal(reused.status, 410);
  assert.match(await reused.text(), /This invitation can no longer be used/);
});

Deno.test("someone with an account enters its password to add the studio; a wrong one is said beside the field", async () => {
  const { t, tenant, red, invite } = await setup();
  await using _ = t;
  const zoe = await createStaff(t.kv, {
    email: "zoe@example.com",
    name: "Zoe Quinn",
    passwordHash: await hashPassword(ELI_PASSWORD),
  });
  await addMembership(t.kv, red.id, zoe.id, "owner");
  const link = await invite("zoe@example.com", "bookkeeper");
  const form = await (await t.app.request(pathOf(link))).text();
  assert.match(form, /zoe@example\.com already has an account\. Enter its password to add Blue Room to it\./);
  assert.ok(!form.includes('name="name"'), "no name to give");

  const wrong = await post(t, `${BASE}/invite`, { token: tokenOf(link), password: "not the password" });
  assert.equal(wrong.status, 422);
  assert.match(await wrong.text(), /id="field-password-error"[^>]*>The password is not right\./);
  assert.equal(await getMembership(t.kv, tenant.id, zoe.id), null);

  const res = await post(t, `${BASE}/invite`, { token: tokenOf(link), password: ELI_PASSWORD });
  assert.equal(res.status, 303);
  const page = await (await t.app.request(`${BASE}/app`, { headers: { cookie: cookieOf(res) } })).text();
  assert.match(page, /Signed in as Zoe Quinn/);
  assert.match(page, /<nav aria-label="Your studios"/, "Zoe now belongs to two studios");
  assert.equal((await getMembership(t.kv, tenant.id, zoe.id))?.role, "bookkeeper");
  assert.equal((await getMembership(t.kv, red.id, zoe.id))?.role, "owner");
});

Deno.test("an expired, withdrawn, unknown or other studio's link shows a clear page, never a 500", async () => {
  const { t, tenant, red, owner, invite } = await setup();
  await using _ = t;
  const ana = (await getStaffByEmail(t.kv, "ana@example.com"))!;
  const { token: expired } = await issueInvitation(t.kv, {
    tenantId: tenant.id,
    email: "old@example.com",
    role: "engineer",
    invitedBy: ana.id,
    locale: "en",
  }, Date.now() - 7 * 24 * 60 * 60_000 - 1);
  const withdrawn = await invite("gone@example.com", "engineer");
  await post(t, `${BASE}/app/members`, { intent: "revoke", email: "gone@example.com" }, owner);
  const { token: elsewhere } = await issueInvitation(t.kv, {
    tenantId: red.id,
    email: "red@example.com",
    role: "engineer",
    invitedBy: ana.id,
    locale: "en",
  });
  for (
    const path of [
      `${BASE}/invite?token=${expired}`,
      pathOf(withdrawn),
      `${BASE}/invite?token=${"a".repeat(32)}`,
      `${BASE}/invite?token=%00%ff`,
      `${BASE}/invite`,
      `${BASE}/invite?token=${elsewhere}`,
    ]
  ) {
    const res = await t.app.request(path);
    assert.equal(res.status, 410, path);
    const html = await res.text();
    assert.match(html, /This invitation can no longer be used/, path);
    assert.match(html, /Ask the person who invited you to send a new one/);
  }
  const posted = await post(t, `${BASE}/invite`, { token: expired, name: "Old", password: ELI_PASSWORD });
  assert.equal(posted.status, 410);
  assert.equal(await getStaffByEmail(t.kv, "old@example.com"), null);
  assert.equal(
    (await t.app.request(`/s/red/invite?token=${elsewhere}`)).status,
    200,
    "fine at its own studio",
  );
});

Deno.test("accepting in a browser signed in as someone else says so, and replaces that session", async () => {
  const { t, owner, invite } = await setup();
  await using _ = t;
  const link = await invite("eli@example.com", "manager");
  const html = await (await t.app.request(pathOf(link), { headers: { cookie: owner } })).text();
  assert.match(
    html,
    /You are signed in here as Staff of Blue Room\. Accepting this invitation signs you in as eli@example\.com instead\./,
  );
  const res = await post(
    t,
    `${BASE}/invite`,
    { token: tokenOf(link), name: "Eli", password: ELI_PASSWORD },
    owner,
  );
  assert.equal(res.status, 303);
  assert.equal(
    (await t.app.request(`${BASE}/app`, { headers: { cookie: owner } })).status,
    302,
    "Ana's session ended",
  );
});

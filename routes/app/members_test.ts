// The team page through the real app: inviting, the pending list, role changes and removals.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { listInvitations } from "@/lib/kv/invitations.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { getMembership, getStaffByEmail } from "@/lib/kv/staff.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { linkIn } from "@/lib/testing/outbox.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

type App = Awaited<ReturnType<typeof testApp>>;
const BASE = "/s/blue";
const PAGE = `${BASE}/app/members`;

/** Blue Room (French by default) with Ana as owner and Eli as engineer, each signed in. */
async function setup() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "blue",
    name: "Blue Room",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "fr",
  });
  const owner = await signedInCookie(t.kv, tenant, { base: BASE, email: "ana@example.com" });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "engineer",
    email: "eli@example.com",
  });
  return { t, tenant, owner, engineer };
}

function post(t: App, path: string, fields: Record<string, string>, cookie: string) {
  return t.app.request(path, {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
      cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (t: App, path: string, cookie: string) =>
  t.app.request(path, { headers: { cookie, "accept-language": "en" } });

const auditActions = async (t: App, tenant: { database: Parameters<App["tenancy"]["pool"]["use"]>[0] }) =>
  (await t.tenancy.pool.use(tenant.database, (db) => listAudit(db))).map((row) => row.action).toReversed();

Deno.test("the owner's menu leads to the team page; an engineer gets 403 and no link", async () => {
  const { t, owner, engineer } = await setup();
  await using _ = t;
  const dashboard = await (await get(t, `${BASE}/app`, owner)).text();
  assert.match(dashboard, /href="\/s\/blue\/app\/members"/);
  const page = await get(t, PAGE, owner);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<h1[^>]*>Équipe<\/h1>/, "in the studio's language");
  assert.match(html, /eli@example\.com/);
  assert.match(html, /Staff of Blue Room \(vous\)/);

  assert.equal((await get(t, PAGE, engineer)).status, 403);
  assert.equal(
    (await post(t, PAGE, { intent: "invite", email: "x@example.com", role: "owner" }, engineer)).status,
    403,
  );
  assert.ok(!(await (await get(t, `${BASE}/app`, engineer)).text()).includes("/app/members"));
  assert.deepEqual(await listOutbox(t.kv), []);
});

Deno.test("an invitation with a bad address or for a member is refused beside its field, keeping what was typed", async () => {
  const { t, tenant, owner } = await setup();
  await using _ = t;
  const bad = await post(t, PAGE, { intent: "invite", email: "eli@", role: "bookkeeper" }, owner);
  assert.equal(bad.status, 422);
  const html = await bad.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /href="#invite-email"/, "the summary links to the field");
  assert.match(html, /id="invite-email-error"[^>]*>Saisissez une adresse e-mail/);
  assert.match(html, /id="invite-email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="invite-email"/);
  assert.match(html, /value="eli@"/);
  assert.match(html, /<option\s+value="bookkeeper" selected\s*>/);

  const member = await post(t, PAGE, { intent: "invite", email: "ELI@example.com", role: "engineer" }, owner);
  assert.equal(member.status, 422);
  assert.match(await member.text(), /Cette personne fait déjà partie du studio/);
  const role = await post(t, PAGE, { intent: "invite", email: "zoe@example.com", role: "janitor" }, owner);
  assert.equal(role.status, 422);
  assert.match(await role.text(), /id="invite-role-error"/);
  assert.deepEqual(await listInvitations(t.kv, tenant.id), []);
});

Deno.test("inviting sends a link to the studio's /invite, lists it as pending; resend and withdraw work", async () => {
  const { t, tenant, owner } = await setup();
  await using _ = t;
  const res = await post(t, PAGE, { intent: "invite", email: "Zoe@Example.com", role: "bookkeeper" }, owner);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${PAGE}?done=invited&email=zoe%40example.com`);
  const [mail] = await listOutbox(t.kv, { to: "zoe@example.com" });
  assert.match(mail.subject, /vous invite à rejoindre Blue Room/, "in the studio's language");
  const link = linkIn(mail, /\/invite\?token=/);
  assert.match(link, /^http:\/\/localhost\/s\/blue\/invite\?token=[a-z2-7]{32}$/);

  const page = await (await get(t, res.headers.get("location")!, owner)).text();
  assert.match(page, /Invitation envoyée à zoe@example\.com/);
  assert.match(page, /<th[^>]*scope="row"[^>]*>zoe@example\.com<\/th>/);
  assert.match(page, /Comptable/);

  const resent = await post(t, PAGE, { intent: "resend", email: "zoe@example.com" }, owner);
  assert.equal(resent.status, 303);
  const mails = await listOutbox(t.kv, { to: "zoe@example.com" });
  assert.equal(mails.length, 2);
  assert.notEqual(linkIn(mails[0], /invite/), link, "a fresh link");
  assert.equal((await t.app.request(link)).status, 410, "the old link is dead");

  const withdrawn = await post(t, PAGE, { intent: "revoke", email: "zoe@example.com" }, owner);
  assert.equal(withdrawn.headers.get("location"), `${PAGE}?done=revoked&email=zoe%40example.com`);
  assert.deepEqual(await listInvitations(t.kv, tenant.id), []);
  assert.equal((await t.app.request(linkIn(mails[0], /invite/))).status, 410);
  const again = await post(t, PAGE, { intent: "revoke", email: "zoe@example.com" }, owner);
  assert.equal(again.status, 422);
  assert.match(await again.text(), /Cette invitation n’est plus en attente/);

  assert.deepEqual(await auditActions(t, tenant), [
    "member.invited",
    "invitation.resent",
    "invitation.revoked",
  ]);
});

Deno.test("changing a member's role signs them out of the studio and is audited with before and after", async () => {
  const { t, tenant, owner, engineer } = await setup();
  await using _ = t;
  assert.equal((await get(t, `${BASE}/app`, engineer)).status, 200);
  const eli = (await getStaffByEmail(t.kv, "eli@example.com"))!;
  const res = await post(t, PAGE, { intent: "role", staffId: eli.id, role: "bookkeeper" }, owner);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${PAGE}?done=role_changed&member=${eli.id}`);
  assert.equal((await getMembership(t.kv, tenant.id, eli.id))?.role, "bookkeeper");
  assert.equal((await get(t, `${BASE}/app`, engineer)).status, 302, "Eli's session here has ended");
  const page = await (await get(t, res.headers.get("location")!, owner)).text();
  assert.match(page, /Staff of Blue Room|Eli/);
  assert.match(page, /a désormais le rôle Comptable/);

  const rows = await t.tenancy.pool.use(
    tenant.database,
    (db) => listAudit(db, { action: "member.role_changed" }),
  );
  assert.deepEqual(rows.map((r) => [r.entityId, r.changes]), [
    [eli.id, { role: { before: "engineer", after: "bookkeeper" } }],
  ]);
});

Deno.test("the last owner can be neither removed nor demoted: the page says why, next to the row", async () => {
  const { t, tenant, owner } = await setup();
  await using _ = t;
  const ana = (await getStaffByEmail(t.kv, "ana@example.com"))!;
  const removal = await post(t, PAGE, { intent: "remove", staffId: ana.id }, owner);
  assert.equal(removal.status, 422);
  const html = await removal.text();
  assert.match(html, /role="alert"/);
  assert.match(html, new RegExp(`href="#remove-${ana.id}"`));
  assert.match(html, /Un studio doit garder au moins un propriétaire/);
  const demotion = await post(t, PAGE, { intent: "role", staffId: ana.id, role: "engineer" }, owner);
  assert.equal(demotion.status, 422);
  assert.match(await demotion.text(), new RegExp(`id="role-${ana.id}-error"[^>]*>Un studio doit garder`));
  assert.equal((await getMembership(t.kv, tenant.id, ana.id))?.role, "owner");
  assert.equal((await get(t, PAGE, owner)).status, 200, "still signed in");
});

Deno.test("removing a member signs them out here, and the log keeps who they were", async () => {
  const { t, tenant, owner, engineer } = await setup();
  await using _ = t;
  const eli = (await getStaffByEmail(t.kv, "eli@example.com"))!;
  const res = await post(t, PAGE, { intent: "remove", staffId: eli.id }, owner);
  assert.equal(res.headers.get("location"), `${PAGE}?done=removed&email=eli%40example.com`);
  assert.equal(await getMembership(t.kv, tenant.id, eli.id), null);
  assert.equal((await get(t, `${BASE}/app`, engineer)).status, 302);
  const page = await (await get(t, res.headers.get("location")!, owner)).text();
  assert.match(page, /eli@example\.com a été retiré du studio/);
  assert.ok(!page.includes(`value="${eli.id}"`), "no longer listed");
  const [row] = await t.tenancy.pool.use(
    tenant.database,
    (db) => listAudit(db, { action: "member.removed" }),
  );
  assert.deepEqual(row.changes, { email: { before: "eli@example.com" }, role: { before: "engineer" } });
});

Deno.test("a person in two studios sees both in the account menu; the other one's link prefills its sign-in", async () => {
  const { t, owner } = await setup();
  await using _ = t;
  const red = await provisionStudio(t.tenancy, {
    slug: "red",
    name: "Red Room",
    timezone: "UTC",
    currency: "EUR",
    locale: "en",
  });
  await signedInCookie(t.kv, red, { base: "/s/red", role: "engineer", email: "ana@example.com" });
  const html = await (await get(t, `${BASE}/app`, owner)).text();
  assert.match(html, /<nav aria-label="Vos studios"/);
  assert.match(html, /aria-current="true"[^>]*><span[^>]*>Blue Room<\/span>/);
  const href = html.match(/href="(\/s\/red\/sign-in\?[^"]+)"/)?.[1];
  assert.equal(href, "/s/red/sign-in?email=ana%40example.com");
  const signIn = await t.app.request(href!.replaceAll("&amp;", "&"));
  assert.equal(signIn.status, 200, "not signed in at Red in this browser: its sign-in page");
  assert.match(await signIn.text(), /value="ana@example\.com"/);

  const alone = await signedInCookie(t.kv, red, { base: "/s/red", email: "solo@example.com" });
  assert.ok(!(await (await get(t, "/s/red/app", alone)).text()).includes('aria-label="Your studios"'));
});

Deno.test("an owner who leaves while another owner remains is signed out and sent to sign-in", async () => {
  const { t, tenant, owner } = await setup();
  await using _ = t;
  await signedInCookie(t.kv, tenant, { base: BASE, email: "bea@example.com" });
  const ana = (await getStaffByEmail(t.kv, "ana@example.com"))!;
  const res = await post(t, PAGE, { intent: "remove", staffId: ana.id }, owner);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), `${BASE}/sign-in`);
  assert.match(res.headers.get("set-cookie") ?? "", /rsm_session=;/);
  assert.equal(await getMembership(t.kv, tenant.id, ana.id), null);
  assert.equal((await get(t, `${BASE}/app`, owner)).status, 302);
});

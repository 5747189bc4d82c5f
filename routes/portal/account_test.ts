// The client's own account pages through the real app (issue 7): payment history, profile, sign-in
// e-mail change by link, and the optional password with its sign-in.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { portalAccounts } from "@/db/schema/mod.ts";
import { createDraft } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { recordPayment, refundPayment } from "@/lib/billing/payments.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { PORTAL_SIGN_IN_PER_ACCOUNT } from "@/lib/portal/portal_password.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { linkIn } from "@/lib/testing/outbox.ts";
import { portalCookie } from "@/lib/testing/portal_session.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const ACTING = { actor: { type: "staff" as const, id: "stf_1" } };
const PASSWORD = "violet tram orchestra 42";

function form(fields: Record<string, string>, cookie?: string): RequestInit {
  return {
    method: "POST",
    headers: {
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields),
  };
}

const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];

/** Blue Room with Nina signed in to its portal. */
async function blueRoom() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "blue",
    name: "Blue Room",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { nina, cookie } = await inStudio(async (db) => {
    const nina = await insertClient(db, { name: "Nina Simone", email: "nina@example.com" });
    return { nina, cookie: await portalCookie(t.kv, db, tenant, nina.id, "nina@example.com") };
  });
  const get = (path: string, c = cookie) =>
    t.app.request(`/s/blue/portal${path}`, { headers: { cookie: c } });
  const post = (path: string, fields: Record<string, string>, c: string | undefined = cookie) =>
    t.app.request(`/s/blue/portal${path}`, form(fields, c));
  return { t, tenant, inStudio, nina, cookie, get, post };
}

async function issuedInvoice(db: TenantDb, clientId: string, total: number) {
  const draft = await createDraft(db, "invoice", {
    clientId,
    currency: "EUR",
    lines: [{ description: "Mixing", quantity: "1", unitPrice: total }],
  }, ACTING);
  return await issueDocument(db, draft.id, draft.version, ACTING);
}

Deno.test("a client's payment page lists their payments and refunds with the invoice, and no one else's", async () => {
  const { t, inStudio, nina, get } = await blueRoom();
  await using _ = t;
  const { mine, theirs } = await inStudio(async (db) => {
    const other = await insertClient(db, { name: "Other", email: "other@example.com" });
    const mine = await issuedInvoice(db, nina.id, 50_000);
    const theirs = await issuedInvoice(db, other.id, 77_700);
    const paid = await recordPayment(db, {
      documentId: mine.id,
      method: "transfer",
      amount: 50_000,
      currency: "EUR",
      receivedOn: "2026-06-02",
    }, ACTING);
    await refundPayment(
      db,
      paid.payment.id,
      { amount: 12_300, method: "transfer", paidOn: "2026-06-04" },
      ACTING,
    );
    await recordPayment(db, {
      documentId: theirs.id,
      method: "cash",
      amount: 77_700,
      currency: "EUR",
      receivedOn: "2026-06-03",
    }, ACTING);
    return { mine, theirs };
  });
  const res = await get("/payments");
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, new RegExp(`href="/s/blue/portal/invoices/${mine.id}"`));
  assert.match(page, /Bank transfer/);
  assert.match(page, /€500\.00/);
  assert.match(page, /-€123\.00|−€123\.00/, "the refund is a negative line");
  assert.match(page, /data-testid="total-EUR">€377\.00</);
  assert.ok(page.indexOf("Jun 4, 2026") < page.indexOf("Jun 2, 2026"), "newest first");
  assert.doesNotMatch(page, new RegExp(theirs.id));
  assert.doesNotMatch(page, /€777\.00/);
  assert.doesNotMatch(page, new RegExp(theirs.number!));
  // The portal's menu leads here and to the profile once signed in.
  const home = await (await get("")).text();
  assert.match(home, /href="\/s\/blue\/portal\/payments"/);
  assert.match(home, /href="\/s\/blue\/portal\/profile"/);
});

Deno.test("a client edits their details; bad fields come back beside the field; a stale page is a conflict", async () => {
  const { t, get, post } = await blueRoom();
  await using _ = t;
  const page = await (await get("/profile")).text();
  assert.match(page, /value="Nina Simone"/);
  const version = page.match(/name="version" value="(\d+)"/)![1];
  assert.doesNotMatch(page, /name="email"/, "no plain field changes the e-mail");

  const bad = await post("/profile", { intent: "details", version, name: "Nina Simone", phone: "call me" });
  assert.equal(bad.status, 422);
  const badPage = await bad.text();
  assert.match(badPage, /Enter a phone number with at least five digits/);
  assert.match(badPage, /value="call me"/, "what was typed comes back");

  const saved = await post("/profile", {
    intent: "details",
    version,
    name: "Nina Simone",
    artistName: "The High Priestess",
    phone: "+33 6 12 34 56 78",
    city: "Paris",
    country: "FR",
    locale: "fr",
  });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), "/s/blue/portal/profile?saved=details");
  const after = await (await get("/profile?saved=details")).text();
  // She chose French: the portal now speaks it.
  assert.match(after, /<html lang="fr"/);
  assert.match(after, /Vos coordonnées sont enregistrées/);
  assert.match(after, /value="The High Priestess"/);
  assert.match(after, /value="FR" selected/);

  const stale = await post("/profile", { intent: "details", version, name: "Old Page" });
  assert.equal(stale.status, 409);
  assert.match(await stale.text(), /modifiées ailleurs/);
});

Deno.test("the sign-in e-mail changes only through the link mailed to the new address", async () => {
  const { t, inStudio, get, post, cookie } = await blueRoom();
  await using _ = t;
  const asked = await post("/profile", { intent: "email", new_email: "Nina.New@example.com" });
  assert.equal(asked.status, 200);
  assert.match(await asked.text(), /a confirmation link is on its way/);
  const account = () => inStudio(async (db) => (await db.select().from(portalAccounts))[0]);
  assert.equal((await account()).email, "nina@example.com", "nothing changes before the link is opened");
  const [mail] = await listOutbox(t.kv, { to: "nina.new@example.com" });
  const link = new URL(linkIn(mail, /\/portal\/profile\/email\?token=/));

  // Signed out, the link asks to sign in first and comes back.
  const signedOut = await t.app.request(link.pathname + link.search);
  assert.equal(signedOut.status, 302);
  assert.match(signedOut.headers.get("location")!, /^\/s\/blue\/portal\/sign-in\?next=/);
  // Opening it (as a mail scanner would) changes nothing; the click does.
  assert.equal((await get(link.pathname.replace("/s/blue/portal", "") + link.search)).status, 200);
  assert.equal((await account()).email, "nina@example.com");
  const token = link.searchParams.get("token")!;
  const confirmed = await post("/profile/email", { token });
  assert.equal(confirmed.status, 303);
  assert.equal((await account()).email, "nina.new@example.com");
  assert.match(
    await (await get("/profile?saved=email_changed", cookie)).text(),
    /now nina\.new@example\.com/,
  );
  const [notice] = await listOutbox(t.kv, { to: "nina@example.com" });
  assert.match(notice.text, /now nina\.new@example\.com/, "the old address is told");
  assert.equal((await post("/profile/email", { token })).status, 410, "single use");

  const same = await post("/profile", { intent: "email", new_email: "nina.new@example.com" });
  assert.equal(same.status, 422);
  assert.match(await same.text(), /already your sign-in e-mail/);
});

Deno.test("a password set on the profile signs in; wrong ones get one answer; it is rate limited; removed, it no longer works", async () => {
  const { t, inStudio, get, post, cookie } = await blueRoom();
  await using _ = t;
  const weak = await post("/profile", { intent: "password", password: "short", confirm: "short" });
  assert.equal(weak.status, 422);
  assert.match(await weak.text(), /Use at least 12 characters/);

  const set = await post("/profile", { intent: "password", password: PASSWORD, confirm: PASSWORD });
  assert.equal(set.status, 303);
  assert.equal(set.headers.get("location"), "/s/blue/portal/profile?saved=password_set");
  const fresh = cookieOf(set);
  assert.equal((await get("/profile", cookie)).status, 302, "a new password signs out the other sessions");
  assert.match(await (await get("/profile?saved=password_set", fresh)).text(), /Your password is set/);
  const stored = await inStudio(async (db) => (await db.select().from(portalAccounts))[0].passwordHash);
  assert.match(stored!, /^\$argon2id\$/);

  const signIn = (email: string, password: string) =>
    post("/sign-in", { intent: "password", email, password, next: "/s/blue/portal/payments" }, undefined);
  const ok = await signIn("Nina@example.com", PASSWORD);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/s/blue/portal/payments");
  assert.equal((await get("/payments", cookieOf(ok))).status, 200);

  const wrong = await signIn("nina@example.com", "not the password");
  const unknown = await signIn("nobody@example.com", PASSWORD);
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  const message = (html: string) => html.match(/The e-mail or password is not right\./g)?.length;
  assert.equal(message(await wrong.text()), message(await unknown.text()), "one answer for both");

  const removed = await post("/profile", { intent: "remove_password" }, fresh);
  assert.equal(removed.status, 303);
  assert.equal(
    (await signIn("nina@example.com", PASSWORD)).status,
    401,
    "a removed password no longer works",
  );

  for (let i = 2; i < PORTAL_SIGN_IN_PER_ACCOUNT.limit; i++) {
    assert.equal((await signIn("nina@example.com", `guess ${i}`)).status, 401);
  }
  const limited = await signIn("nina@example.com", PASSWORD);
  assert.equal(limited.status, 429);
  assert.ok(limited.headers.get("retry-after"));
  await limited.body?.cancel();
});

Deno.test("a disabled account cannot sign in with its password", async () => {
  const { t, inStudio, post } = await blueRoom();
  await using _ = t;
  assert.equal(
    (await post("/profile", { intent: "password", password: PASSWORD, confirm: PASSWORD })).status,
    303,
  );
  await inStudio((db) =>
    db.update(portalAccounts).set({ disabledAt: new Date() }).where(
      eq(portalAccounts.email, "nina@example.com"),
    )
  );
  const res = await post(
    "/sign-in",
    { intent: "password", email: "nina@example.com", password: PASSWORD },
    undefined,
  );
  assert.equal(res.status, 401);
  assert.match(await res.text(), /The e-mail or password is not right/);
});

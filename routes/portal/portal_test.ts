// The client portal through the real app: signing in by e-mailed link (journey 16), what a client
// sees, booking as a visitor (journey 15, payments off), and isolation from other clients and
// other studios (journey 18).
import assert from "node:assert/strict";
import { manifest } from "@/fw.gen.ts";
import { createDraft } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { routePattern } from "@/lib/fw/route_path.ts";
import { listOutbox } from "@/lib/kv/outbox.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import { linkIn } from "@/lib/testing/outbox.ts";
import { insertOffer, insertOpenRoom } from "@/lib/testing/portal_fixtures.ts";
import { portalCookie } from "@/lib/testing/portal_session.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const ACTING = { actor: { type: "staff" as const, id: "stf_1" } };
const settings = { timezone: "Europe/Paris", currency: "EUR", locale: "en" } as const;

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

Deno.test("a client signs in with an e-mailed link, once, and sees their invoice but no one else's", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const { invoiceId, otherInvoiceId } = await t.tenancy.pool.use(tenant.database, async (db) => {
    const nina = await insertClient(db, { name: "Nina", email: "nina@example.com" });
    const other = await insertClient(db, { name: "Other", email: "other@example.com" });
    const invoice = async (clientId: string) => {
      const draft = await createDraft(db, "invoice", {
        clientId,
        currency: "EUR",
        lines: [{ description: "Mixing", quantity: "1", unitPrice: 50_000 }],
      }, ACTING);
      return (await issueDocument(db, draft.id, draft.version, ACTING)).id;
    };
    return { invoiceId: await invoice(nina.id), otherInvoiceId: await invoice(other.id) };
  });

  // Unknown and known addresses get the same answer; only the known one gets mail.
  const unknown = await t.app.request("/s/blue/portal/sign-in", form({ email: "nobody@example.com" }));
  const known = await t.app.request("/s/blue/portal/sign-in", form({ email: "Nina@example.com" }));
  assert.equal(unknown.status, 200);
  assert.equal(known.status, 200);
  assert.equal((await listOutbox(t.kv, { to: "nobody@example.com" })).length, 0);
  const mail = (await listOutbox(t.kv, { to: "nina@example.com" }))[0];
  const link = new URL(linkIn(mail, /\/portal\/auth\?token=/));

  // Opening the link (as a mail scanner would) does not use it up; the click does.
  assert.equal((await t.app.request(link.pathname + link.search)).status, 200);
  const token = link.searchParams.get("token")!;
  const signedIn = await t.app.request("/s/blue/portal/auth", form({ token, next: "/s/blue/portal" }));
  assert.equal(signedIn.status, 303);
  const cookie = cookieOf(signedIn);
  assert.match(cookie, /^rsm_portal=/);
  assert.equal((await t.app.request("/s/blue/portal/auth", form({ token }))).status, 410, "single use");

  const home = await (await t.app.request("/s/blue/portal", { headers: { cookie } })).text();
  assert.match(home, /INV-/);
  const own = await t.app.request(`/s/blue/portal/invoices/${invoiceId}`, { headers: { cookie } });
  assert.equal(own.status, 200);
  assert.match(await own.text(), /Left to pay: €500\.00/);
  const pdf = await t.app.request(`/s/blue/portal/invoices/${invoiceId}/pdf`, { headers: { cookie } });
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  await pdf.body?.cancel();
  const theirs = await t.app.request(`/s/blue/portal/invoices/${otherInvoiceId}`, { headers: { cookie } });
  assert.equal(theirs.status, 404, "another client's invoice does not exist for Nina");
  await theirs.body?.cancel();
});

Deno.test("a visitor books an offer on the phone without payments: a request with a signed receipt link", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, { ...settings, slug: "blue", name: "Blue Room" });
  const offer = await t.tenancy.pool.use(tenant.database, async (db) => {
    const room = await insertOpenRoom(db);
    return await insertOffer(db, { roomIds: [room.id] });
  });
  const list = await (await t.app.request("/s/blue/portal/book")).text();
  assert.match(list, /Vocal recording/);
  const page = await (await t.app.request(`/s/blue/portal/book/${offer.id}`)).text();
  const confirmPath = page.match(/href="([^"]*\/confirm\?[^"]*)"/)![1].replaceAll("&amp;", "&");
  const start = new URL(confirmPath, "http://localhost").searchParams.get("start")!;
  const confirm = await t.app.request(confirmPath);
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), /Booking terms/);

  const refused = await t.app.request(confirmPath, form({ minutes: "240", start, name: "", email: "x" }));
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Tell the studio your name/);

  const booked = await t.app.request(
    confirmPath,
    form({ minutes: "240", start, name: "Nina", email: "nina@example.com", accept_policy: "on" }),
  );
  assert.equal(booked.status, 303);
  const receipt = booked.headers.get("location")!;
  const receiptPage = await t.app.request(receipt);
  assert.equal(receiptPage.status, 200);
  assert.match(await receiptPage.text(), /Request received/);
  const received = await listOutbox(t.kv, { to: "nina@example.com" });
  assert.equal(received.length, 1, "the visitor is told the request was received");
  // Without the signature the receipt is nobody's business.
  const unsigned = await t.app.request(receipt.replace(/sig=[^&]+/, "sig=forged"));
  assert.equal(unsigned.status, 404);
  await unsigned.body?.cancel();

  const again = await t.app.request(
    confirmPath,
    form({ minutes: "240", start, name: "Late", email: "late@example.com", accept_policy: "on" }),
  );
  assert.equal(again.status, 409);
  assert.match(await again.text(), /no longer free/);
});

Deno.test("journey 18: every portal page of studio A refuses a client of studio B and staff sessions", async () => {
  await using t = await testApp();
  const a = await provisionStudio(t.tenancy, { ...settings, slug: "alpha", name: "Alpha" });
  const b = await provisionStudio(t.tenancy, { ...settings, slug: "beta", name: "Beta" });
  const invoiceId = await t.tenancy.pool.use(a.database, async (db) => {
    const client = await insertClient(db, { email: "ana@example.com" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      currency: "EUR",
      lines: [{ description: "Mixing", quantity: "1", unitPrice: 50_000 }],
    }, ACTING);
    return (await issueDocument(db, draft.id, draft.version, ACTING)).id;
  });
  const betaClient = await t.tenancy.pool.use(b.database, async (db) => {
    const client = await insertClient(db, { email: "ana@example.com" });
    return await portalCookie(t.kv, db, b, client.id, "ana@example.com");
  });
  const staffOfA = await signedInCookie(t.kv, a, { base: "/s/alpha", email: "owner@alpha.example" });
  const clientPages = Object.entries(manifest.routes)
    .filter(([file, module]) =>
      file.startsWith("portal/") && (module as { access?: unknown }).access === "client"
    )
    .map(([file]) => routePattern(file).replace(":id", invoiceId).replace(/:\w+/g, "x"));
  assert.ok(clientPages.length >= 3);
  // Another studio's client, this studio's own staff, and nobody at all.
  for (const cookie of [betaClient, staffOfA, ""]) {
    for (const path of clientPages) {
      const res = await t.app.request(`/s/alpha${path}`, { headers: cookie ? { cookie } : {} });
      assert.equal(res.status, 302, `${path} with "${cookie.slice(0, 12)}"`);
      assert.match(res.headers.get("location")!, /^\/s\/alpha\/portal\/sign-in/);
      const post = await t.app.request(`/s/alpha${path}`, form({}, cookie || undefined));
      assert.ok([401, 405].includes(post.status), `POST ${path}: ${post.status}`);
      await post.body?.cancel();
    }
  }
  // Beta's client signed in at Beta is not signed in at Alpha's portal.
  const home = await (await t.app.request("/s/alpha/portal", { headers: { cookie: betaClient } })).text();
  assert.doesNotMatch(home, /INV-/);
  assert.match(home, /Sign in/);
});

// Journey 10, the client's half in the portal: a signed-in client reads the quotes the studio sent
// them and accepts one by typing their name, or declines it, under the same rules as the e-mailed link.
import assert from "node:assert/strict";
import { listAudit } from "@/lib/audit/audit.ts";
import { documentHash } from "@/lib/billing/document_hash.ts";
import { getDocument } from "@/lib/billing/documents.ts";
import type { Tenant } from "@/lib/kv/tenants.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { portalCookie } from "@/lib/testing/portal_session.ts";
import { draftTestQuote, sentTestQuote, sentTestRevision } from "@/lib/testing/quote_fixtures.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const settings = {
  slug: "blue",
  name: "Blue Room",
  timezone: "Europe/Paris",
  currency: "EUR",
  locale: "en",
} as const;
const DAY = 86_400_000;

function form(fields: Record<string, string>, cookie: string): RequestInit {
  return {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(fields),
  };
}

/** A studio with Nina signed in to its portal; `inStudio` runs `fn` on the studio's database. */
async function studioWithNina() {
  const t = await testApp();
  const tenant: Tenant = await provisionStudio(t.tenancy, settings);
  const inStudio = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { nina, cookie } = await inStudio(async (db) => {
    const nina = await insertClient(db, { name: "Nina Simone", email: "nina@example.com" });
    return { nina, cookie: await portalCookie(t.kv, db, tenant, nina.id, "nina@example.com") };
  });
  return {
    t,
    inStudio,
    nina,
    cookie,
    get: (path: string) => t.app.request(`/s/blue${path}`, { headers: { cookie } }),
    post: (path: string, fields: Record<string, string>) =>
      t.app.request(`/s/blue${path}`, form(fields, cookie)),
    async [Symbol.asyncDispose]() {
      await t[Symbol.asyncDispose]();
    },
  };
}

Deno.test("the client opens a quote from the portal home and accepts it by typing their name", async () => {
  await using s = await studioWithNina();
  const { quote } = await s.inStudio((db) => sentTestQuote(db, s.nina.id));
  const page = `/portal/quotes/${quote.id}`;

  const home = await (await s.get("/portal")).text();
  assert.ok(home.includes(`href="/s/blue${page}"`), "the home page's quote entry links to its page");
  const list = await (await s.get("/portal/quotes")).text();
  assert.ok(list.includes(`href="/s/blue${page}"`));
  assert.match(list, /Awaiting your answer/);

  const read = await s.get(page);
  assert.equal(read.status, 200);
  const html = await read.text();
  assert.match(html, /Quote Q-\d{4}-0001/);
  assert.match(html, /Mixing/);
  assert.match(html, /€1,080\.00/, "2 days at €450.00 + 20 % VAT");
  assert.match(html, /Valid until/);

  const refused = await s.post(page, { answer: "accept", name: "N" });
  assert.equal(refused.status, 422);
  const errors = await refused.text();
  assert.match(errors, /id="field-name-error"[^>]*>[^<]*Type your full name to accept\./);
  assert.match(errors, /id="field-read_terms-error"[^>]*>Tick the box/);

  const accepted = await s.post(page, { answer: "accept", name: "Nina Simone", read_terms: "on" });
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get("location"), `/s/blue${page}?answer=accepted`);
  const after = await (await s.get(`${page}?answer=accepted`)).text();
  assert.match(after, />Accepted</);
  assert.match(after, /Accepted by Nina Simone on/);
  assert.doesNotMatch(after, /name="read_terms"/, "no form once answered");

  await s.inStudio(async (db) => {
    const stored = await getDocument(db, quote.id);
    assert.equal(stored.status, "accepted");
    assert.equal(stored.signature?.name, "Nina Simone");
    assert.equal(stored.signature?.documentHash, documentHash(stored));
    const [audit] = await listAudit(db, { action: "quote.accepted" });
    assert.equal(audit.actorType, "client");
    assert.equal(audit.actorId, s.nina.id);
    assert.equal(audit.entityId, quote.id);
  });

  const again = await s.post(page, { answer: "accept", name: "Nina Simone", read_terms: "on" });
  assert.equal(again.status, 409, "a second answer is refused with the reason");
  assert.match(await again.text(), /It has already been accepted\./);

  const pdf = await s.get(`${page}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  await pdf.body?.cancel();
});

Deno.test("the client declines a quote with a reason", async () => {
  await using s = await studioWithNina();
  const { quote } = await s.inStudio((db) => sentTestQuote(db, s.nina.id));
  const res = await s.post(`/portal/quotes/${quote.id}`, { answer: "decline", reason: "Over our budget" });
  assert.equal(res.status, 303);
  assert.match(
    await (await s.get(res.headers.get("location")!.slice("/s/blue".length))).text(),
    /has been told/,
  );
  await s.inStudio(async (db) => {
    const stored = await getDocument(db, quote.id);
    assert.equal(stored.status, "declined");
    assert.equal(stored.declineReason, "Over our budget");
  });
});

Deno.test("another client's quote is not found and a draft is invisible, to read, answer or download", async () => {
  await using s = await studioWithNina();
  const { theirs, draft } = await s.inStudio(async (db) => {
    const other = await insertClient(db, { name: "Other", email: "other@example.com" });
    return {
      theirs: (await sentTestQuote(db, other.id, { title: "Their quote" })).quote,
      draft: await draftTestQuote(db, s.nina.id, "Still a draft"),
    };
  });
  for (const id of [theirs.id, draft.id]) {
    for (const res of [await s.get(`/portal/quotes/${id}`), await s.get(`/portal/quotes/${id}/pdf`)]) {
      assert.equal(res.status, 404);
      await res.body?.cancel();
    }
    const post = await s.post(`/portal/quotes/${id}`, {
      answer: "accept",
      name: "Nina Simone",
      read_terms: "on",
    });
    assert.equal(post.status, 404);
    await post.body?.cancel();
  }
  const list = await (await s.get("/portal/quotes")).text();
  assert.doesNotMatch(list, /Their quote|Still a draft/);
  assert.match(list, /No quotes yet/);
  await s.inStudio(async (db) => {
    assert.equal((await getDocument(db, theirs.id)).status, "sent");
    assert.equal((await getDocument(db, draft.id)).status, "draft");
  });
});

Deno.test("an expired quote says why and cannot be accepted: 409", async () => {
  await using s = await studioWithNina();
  // Sent 60 days ago, valid for the studio's default 30 days.
  const { quote } = await s.inStudio((db) =>
    sentTestQuote(db, s.nina.id, { now: new Date(Date.now() - 60 * DAY) })
  );
  const page = `/portal/quotes/${quote.id}`;
  const read = await (await s.get(page)).text();
  assert.match(read, />Expired</);
  assert.match(read, /It stood until .*Ask Blue Room for a new one\./);
  assert.doesNotMatch(read, /name="read_terms"/);
  const res = await s.post(page, { answer: "accept", name: "Nina Simone", read_terms: "on" });
  assert.equal(res.status, 409);
  assert.match(await res.text(), /can no longer be answered/);
  await s.inStudio(async (db) => assert.equal((await getDocument(db, quote.id)).status, "sent"));
});

Deno.test("a superseded revision cannot be accepted: 409, with a link to the newest revision", async () => {
  await using s = await studioWithNina();
  const { first, second } = await s.inStudio(async (db) => {
    const first = (await sentTestQuote(db, s.nina.id)).quote;
    return { first, second: (await sentTestRevision(db, first.id, first.version)).quote };
  });
  const res = await s.post(`/portal/quotes/${first.id}`, {
    answer: "accept",
    name: "Nina Simone",
    read_terms: "on",
  });
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /only the newest one can be accepted/);
  assert.ok(html.includes(`href="/s/blue/portal/quotes/${second.id}"`));
  const list = await (await s.get("/portal/quotes")).text();
  assert.match(list, />Replaced</);
  await s.inStudio(async (db) => assert.equal((await getDocument(db, first.id)).status, "sent"));
});

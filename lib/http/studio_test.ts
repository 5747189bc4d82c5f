import assert from "node:assert/strict";
import { addCustomDomain, getTenantBySlug, updateTenant } from "../kv/tenants.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { signedInCookie } from "../testing/staff_session.ts";
import { testApp } from "../testing/test_app.ts";
import { studioProfile } from "../../db/schema/mod.ts";

const base = { timezone: "Europe/Paris", currency: "EUR", locale: "en" } as const;

/** Two studios whose data look alike except for the names each page must show. */
async function twoStudios() {
  const t = await testApp({ BASE_URL: "https://studios.example" });
  const a = await provisionStudio(t.tenancy, { ...base, slug: "north", name: "North Sound" });
  const b = await provisionStudio(t.tenancy, { ...base, slug: "south", name: "South Sound" });
  await addCustomDomain(t.kv, b.id, "book.south-sound.com");
  return { t, a, b };
}

const page = async (t: Awaited<ReturnType<typeof testApp>>, url: string) => {
  const res = await t.app.request(url);
  return { status: res.status, html: await res.text(), res };
};

Deno.test("a studio is found by subdomain, custom domain and /s/<slug>, and shows only its own data", async () => {
  const { t } = await twoStudios();
  await using _ = t;
  for (
    const [url, own, other] of [
      ["https://north.studios.example/sign-in", "North Sound", "South Sound"],
      ["https://studios.example/s/north/sign-in", "North Sound", "South Sound"],
      ["https://south.studios.example/sign-in", "South Sound", "North Sound"],
      ["https://book.south-sound.com/sign-in", "South Sound", "North Sound"],
      ["https://BOOK.South-Sound.com.:443/sign-in", "South Sound", "North Sound"],
    ]
  ) {
    const { status, html } = await page(t, url);
    assert.equal(status, 200, url);
    assert.ok(html.includes(own), `${url} shows ${own}`);
    assert.ok(!html.includes(other), `${url} shows nothing of ${other}`);
  }
});

Deno.test("a studio's own host cannot be pointed at another studio by path", async () => {
  const { t } = await twoStudios();
  await using _ = t;
  for (
    const url of ["https://book.south-sound.com/s/north/app", "https://south.studios.example/s/north/app"]
  ) {
    const { status, html } = await page(t, url);
    assert.equal(status, 404, url);
    assert.ok(!html.includes("North Sound"), url);
  }
});

Deno.test("each request's database handle is its own studio's", async () => {
  const { t, a } = await twoStudios();
  await using _ = t;
  // Change one studio's data directly; the other's pages must not see it.
  await t.tenancy.pool.use(a.database, (db) => db.update(studioProfile).set({ name: "Changed North" }));
  const names = [];
  for (const slug of ["north", "south"]) {
    const { db } = await t.tenancy.pool.lease((await getTenantBySlug(t.kv, slug))!.database);
    names.push((await db.select().from(studioProfile))[0].name);
  }
  assert.deepEqual(names, ["Changed North", "South Sound"]);
});

Deno.test("studio links keep the /s/<slug> prefix; the studio's root opens its app", async () => {
  const { t, a } = await twoStudios();
  await using _ = t;
  const cookie = await signedInCookie(t.kv, a, { https: true, base: "/s/north" });
  const html = await (await t.app.request("https://studios.example/s/north/app", { headers: { cookie } }))
    .text();
  assert.match(html, /href="\/s\/north\/app"/);
  const root = await t.app.request("https://studios.example/s/north/");
  assert.equal(root.status, 302);
  assert.equal(root.headers.get("location"), "/s/north/app");
  const sub = await t.app.request("https://north.studios.example/");
  assert.equal(sub.headers.get("location"), "/app");
});

Deno.test("unknown, suspended and half-created studios get a page that says so", async () => {
  const { t, a } = await twoStudios();
  await using _ = t;
  const unknown = await page(t, "https://nobody.studios.example/app");
  assert.equal(unknown.status, 404);
  assert.match(unknown.html, /No studio here/);
  assert.equal((await page(t, "https://studios.example/s/nobody/app")).status, 404);
  assert.equal((await page(t, "https://unknown-domain.example/")).status, 404);
  assert.equal((await page(t, "https://a.b.studios.example/")).status, 404);

  await updateTenant(t.kv, a.id, { status: "suspended" });
  const suspended = await page(t, "https://north.studios.example/sign-in");
  assert.equal(suspended.status, 403);
  assert.match(suspended.html, /This studio is unavailable/);

  await updateTenant(t.kv, a.id, { status: "provisioning" });
  const pending = await page(t, "https://north.studios.example/sign-in");
  assert.equal(pending.status, 503);
  assert.equal(pending.res.headers.get("retry-after"), "5");
  assert.match(pending.html, /being set up/);

  const api = await t.app.request("https://nobody.studios.example/api/v1/anything");
  assert.equal(api.headers.get("content-type"), "application/problem+json");
  assert.equal((await api.json()).reason, "unknown");
});

Deno.test("the staff app is not reachable on the platform's own host", async () => {
  const { t } = await twoStudios();
  await using _ = t;
  const { status, html } = await page(t, "https://studios.example/app");
  assert.equal(status, 404);
  assert.match(html, /No studio here/);
  const landing = await page(t, "https://studios.example/");
  assert.equal(landing.status, 200);
  assert.match(landing.html, /The all-in-one manager/);
});

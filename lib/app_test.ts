import assert from "node:assert/strict";
import { provisionStudio } from "./tenancy/provision.ts";
import { signedInCookie } from "./testing/staff_session.ts";
import { testApp } from "./testing/test_app.ts";

Deno.test("GET /healthz answers ok without touching dependencies", async () => {
  await using t = await testApp();
  const res = await t.app.request("/healthz");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });
});

Deno.test("GET /readyz reports each dependency, and 503 when KV is gone", async () => {
  await using t = await testApp();
  const ok = await t.app.request("/readyz");
  assert.equal(ok.status, 200);
  const body = await ok.json();
  assert.equal(body.ready, true);
  assert.deepEqual(body.checks.map((c: { name: string }) => c.name), ["kv"]);
  t.kv.close();
  const down = await t.app.request("/readyz");
  assert.equal(down.status, 503);
  assert.equal((await down.json()).checks[0].ok, false);
});

Deno.test("every response carries security headers and a request id", async () => {
  await using t = await testApp();
  const res = await t.app.request("/");
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /script-src 'self' 'nonce-[\w+/=]+'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.equal(res.headers.get("strict-transport-security"), null, "no HSTS over plain http");
  assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
});

Deno.test("HSTS is sent when the app is served over https", async () => {
  await using t = await testApp({ BASE_URL: "https://rsm.example.com" });
  const res = await t.app.request("/healthz");
  assert.match(res.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
});

Deno.test("the request id is always ours, whatever id the client sends", async () => {
  await using t = await testApp();
  const res = await t.app.request("/healthz", { headers: { "x-request-id": "chosen-by-client" } });
  assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
});

Deno.test("a wrong method gets 405 with Allow, as problem JSON under /api", async () => {
  await using t = await testApp();
  const page = await t.app.request("/healthz", { method: "DELETE", headers: { origin: "http://localhost" } });
  assert.equal(page.status, 405);
  assert.equal(page.headers.get("allow"), "GET");
});

Deno.test("DEFAULT_LOCALE decides when the browser states no supported language", async () => {
  await using t = await testApp({ DEFAULT_LOCALE: "fr" });
  const html = await (await t.app.request("/", { headers: { "accept-language": "de" } })).text();
  assert.match(html, /<html lang="fr">/);
});

Deno.test("the landing page renders in the visitor's language and ships no JavaScript", async () => {
  await using t = await testApp();
  const en = await (await t.app.request("/")).text();
  assert.match(en, /<html lang="en">/);
  assert.match(en, /The all-in-one manager for recording studios/);
  assert.ok(!en.includes("<script"));
  const fr = await (await t.app.request("/", { headers: { "accept-language": "fr-CA,fr;q=0.9,en;q=0.5" } }))
    .text();
  assert.match(fr, /<html lang="fr">/);
  assert.match(fr, /Ouvrir le studio de démonstration/);
});

Deno.test("the app shell marks unbuilt sections as coming instead of linking to them", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "shell",
    name: "Shell",
    timezone: "UTC",
    currency: "EUR",
    locale: "en",
  });
  const cookie = await signedInCookie(t.kv, tenant, { base: "/s/shell" });
  const html = await (await t.app.request("/s/shell/app", { headers: { cookie } })).text();
  assert.match(html, /<a href="\/s\/shell\/app" aria-current="page"[^>]*>Dashboard<\/a>/);
  assert.ok(!html.includes('/app/projects"'));
  assert.match(html, /Projects<span[^>]*>Coming soon<\/span>/);
});

Deno.test("unknown pages get the studio-styled 404 page", async () => {
  await using t = await testApp();
  const res = await t.app.request("/no/such/page", { headers: { "accept-language": "fr" } });
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /Page introuvable/);
  assert.match(html, /<link rel="stylesheet"/);
});

Deno.test("API errors are RFC 9457 problem JSON", async () => {
  await using t = await testApp();
  const res = await t.app.request("/api/v1/nothing-here");
  assert.equal(res.status, 404);
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  const problem = await res.json();
  assert.equal(problem.status, 404);
  assert.equal(problem.title, "Page not found");
  assert.match(problem.instance, /^urn:request:/);
});

Deno.test("built assets are served compressed and cached for a year", async () => {
  await using t = await testApp();
  const html = await (await t.app.request("/")).text();
  const css = html.match(/href="(\/_fw\/styles-[0-9a-f]+\.css)"/)![1];
  const res = await t.app.request(css, { headers: { "accept-encoding": "gzip, br" } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-encoding"), "br");
  assert.match(res.headers.get("cache-control") ?? "", /immutable/);
  assert.equal((await t.app.request("/styles.css")).status, 404, "the Tailwind source is not public");
});

import assert from "node:assert/strict";
import { Hono } from "hono";
import { fileURLToPath } from "node:url";
import { build } from "./build.ts";
import { type FwEnv, mountRoutes } from "./app.ts";
import { HttpError, MethodNotAllowedError } from "./http_error.ts";
import type { Manifest } from "./types.ts";

const root = fileURLToPath(new URL("./testdata/site", import.meta.url));

type State = { trail: string[] };

async function fixtureApp() {
  const assets = await build({ root });
  const { manifest } = await import("./testdata/site/fw.gen.ts") as { manifest: Manifest };
  const app = new Hono<FwEnv<State>>();
  const pages = mountRoutes(app, manifest, { assets, initialState: () => ({ trail: [] }) });
  app.onError((err, c) => {
    const res = pages.render(c, err instanceof HttpError ? err.status : 500, err);
    if (err instanceof MethodNotAllowedError) res.headers.set("Allow", err.allow.join(", "));
    return res;
  });
  return { app, assets };
}

const { app, assets } = await fixtureApp();
const get = async (path: string, init?: RequestInit) => {
  const res = await app.request(path, init);
  return { res, html: await res.text() };
};

Deno.test("a page renders inside its layouts and the app shell", async () => {
  const { res, html } = await get("/items/42");
  assert.equal(res.status, 200);
  assert.match(html, /^<!DOCTYPE html><html lang="en">/);
  assert.match(html, /<div id="root-layout"><section id="items-layout"><h1>Item 42<\/h1><\/section><\/div>/);
  assert.ok(html.includes(`<link rel="stylesheet" href="${assets.css}">`));
});

Deno.test("middleware runs outermost first, and can post-process the response", async () => {
  const { res } = await get("/items/42");
  assert.equal(res.headers.get("x-trail"), "root>items-a>items-b");
  assert.equal((await get("/")).res.headers.get("x-trail"), "root");
});

Deno.test("static segments win over parameters regardless of file order", async () => {
  assert.match((await get("/items/new")).html, /New item form/);
  assert.match((await get("/items/new-ish")).html, /Item new-ish/);
});

Deno.test("catch-all and group routes", async () => {
  assert.match((await get("/docs/a/b/c")).html, /Doc a\/b\/c/);
  assert.match((await get("/cart")).html, /Cart in a group/);
});

Deno.test("skipInheritedLayouts keeps the app shell but drops parent layouts", async () => {
  const { html } = await get("/items/7/standalone");
  assert.match(html, /<body><h1>Standalone 7<\/h1>/);
});

Deno.test("handlers per method: POST redirects with 303, unknown methods get 405 with Allow", async () => {
  const form = new FormData();
  form.set("name", "mic");
  const post = await app.request("/items/new", { method: "POST", body: form });
  assert.equal(post.status, 303);
  assert.equal(post.headers.get("location"), "/items/mic");
  const del = await app.request("/items/new", { method: "DELETE" });
  assert.equal(del.status, 405);
  assert.equal(del.headers.get("allow"), "POST, GET");
});

Deno.test("HEAD answers like GET without a body", async () => {
  const res = await app.request("/items/42", { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "");
});

Deno.test("a function handler serves every method", async () => {
  const res = await app.request("/api", { method: "PUT" });
  assert.deepEqual(await res.json(), { method: "PUT" });
});

Deno.test("unknown paths and thrown 404s render _404; other errors render _500", async () => {
  const unknown = await get("/nowhere");
  assert.equal(unknown.res.status, 404);
  assert.match(unknown.html, /Nothing here/);
  const missing = await get("/items/missing");
  assert.equal(missing.res.status, 404);
  assert.match(missing.html, /Nothing here/);
  const boom = await get("/items/boom");
  assert.equal(boom.res.status, 500);
  assert.match(boom.html, /Broken: kaboom/);
});

Deno.test("a page without islands ships no JavaScript", async () => {
  const { html } = await get("/");
  assert.ok(!html.includes("<script"));
  assert.ok(!html.includes("modulepreload"));
});

Deno.test("islands are marked, their props serialized once, and children rendered on the server", async () => {
  const { html } = await get("/islands");
  const islands = [...html.matchAll(/<rsm-island data-island="([^"]+)" data-props="(\d+)">/g)].map((m) =>
    m[1]
  );
  assert.deepEqual(islands, [
    "Counter.tsx#default",
    "CountDisplay.tsx#CountDisplay",
    "Disclosure.tsx#default",
    "Counter.tsx#default",
  ]);
  assert.match(html, /<rsm-slot><p id="slot-content">Rendered on the server<\/p><rsm-island/);
  assert.ok(html.includes(`import{boot}from"${assets.boot}"`));
  assert.ok(html.includes(`<link rel="modulepreload" href="${assets.islands["Counter.tsx"]}">`));
  // Signals and dates among the props: the page loads devalue's reader with @preact/signals.
  assert.ok(html.includes(`import{parseRichProps}from"${assets.richProps}"`));
  const state = html.match(/<script id="__rsm_islands" type="application\/json">(.*?)<\/script>/)![1];
  assert.match(state, /"Signal"/);
  assert.match(state, /"Date","2026-11-24T10:00:00.000Z"/);
});

Deno.test("built assets are content-hashed and precompressed", async () => {
  assert.match(assets.boot, /^\/_fw\/boot-[A-Z0-9]+\.js$/);
  assert.match(assets.css, /^\/_fw\/styles-[0-9a-f]{10}\.css$/);
  const gz = await Deno.stat(`${root}/.build/static${assets.boot}.gz`);
  assert.ok(gz.size > 0);
});

Deno.test("a kept page is rendered once per key, each response carrying its own nonce", async () => {
  const kept = await import("./testdata/site/routes/kept.tsx");
  const before = kept.renders;
  const first = await get("/kept?who=ana");
  const again = await get("/kept?who=ana");
  assert.equal(kept.renders, before + 1, "the second request reused the first document");
  for (const { res, html } of [first, again]) {
    assert.equal(res.headers.get("content-type"), "text/html; charset=UTF-8");
    assert.ok(html.includes(`<style nonce="${res.headers.get("x-nonce")}">`));
    assert.match(html, /<p>For ana<\/p><div><table><tr><td>Façade → 10:00<\/td><\/tr><\/table><\/div>/);
  }
  assert.notEqual(first.res.headers.get("x-nonce"), again.res.headers.get("x-nonce"));
  assert.equal(
    first.html.replace(first.res.headers.get("x-nonce")!, ""),
    again.html.replace(again.res.headers.get("x-nonce")!, ""),
  );

  // Another key is another document; the oldest goes once more are kept than allowed (2).
  assert.match((await get("/kept?who=ben")).html, /For ben/);
  await get("/kept?who=cleo");
  assert.equal(kept.renders, before + 3);
  await get("/kept?who=ana");
  assert.equal(kept.renders, before + 4, "ana's document was the least recently used, and went");
});

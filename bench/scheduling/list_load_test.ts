import assert from "node:assert/strict";
import { bytesRead, subresourcesOf } from "./list_load.ts";

Deno.test("a page's first load counts its stylesheets, scripts, preloads and icons, not its links", () => {
  const html = `<html><head>
    <link rel="stylesheet" href="/_fw/styles-1.css"><link rel="icon" href="/favicon.svg">
    <link rel="modulepreload" href="/_fw/boot-1.js"><link rel="canonical" href="/app/sessions">
    <script type="module" src="/_fw/boot-1.js"></script></head>
    <body><a href="/app/sessions/bkg_1">Tracking</a><img src="/logo.png" alt=""></body></html>`;
  assert.deepEqual(subresourcesOf(html), [
    "/_fw/styles-1.css",
    "/favicon.svg",
    "/_fw/boot-1.js",
    "/logo.png",
  ]);
});

Deno.test("wrk's bytes read are read in bytes whatever unit it prints", () => {
  assert.equal(bytesRead("  2812 requests in 20.02s, 157.90MB read\n"), 157.9 * 1024 ** 2);
  assert.equal(bytesRead("  10 requests in 1.00s, 900B read\n"), 900);
  assert.throws(() => bytesRead("nothing"), /no bytes read/);
});

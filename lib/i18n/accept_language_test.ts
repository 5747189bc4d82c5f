import assert from "node:assert/strict";
import { parseAcceptLanguage } from "./accept_language.ts";

Deno.test("preferences are ranked by q-value, highest first", () => {
  assert.deepEqual(parseAcceptLanguage("en;q=0.5, fr-CA, de;q=0.9"), [
    { tag: "fr-ca", q: 1 },
    { tag: "de", q: 0.9 },
    { tag: "en", q: 0.5 },
  ]);
});

Deno.test("equal q-values keep the order the browser sent", () => {
  assert.deepEqual(parseAcceptLanguage("de, fr, en").map((p) => p.tag), ["de", "fr", "en"]);
});

Deno.test("tags are lower-cased, underscores read as hyphens, whitespace and parameter case ignored", () => {
  assert.deepEqual(parseAcceptLanguage("  FR_ca ; Q = 0.7 ,EN-gb"), [
    { tag: "en-gb", q: 1 },
    { tag: "fr-ca", q: 0.7 },
  ]);
});

Deno.test("the wildcard and refusals (q=0) are kept for the negotiator", () => {
  assert.deepEqual(parseAcceptLanguage("*;q=0.1, fr;q=0"), [{ tag: "*", q: 0.1 }, { tag: "fr", q: 0 }]);
});

Deno.test("malformed entries are skipped, not fatal", () => {
  const header = "fr;q=abc, de;q=1.5, es;q=.5, it;q=0.1234, ,;q=0.5, en US, x!y, 12, pt;q=0.25, nl;q=1.000";
  assert.deepEqual(parseAcceptLanguage(header), [{ tag: "nl", q: 1 }, { tag: "pt", q: 0.25 }]);
});

Deno.test("an empty or garbage header gives no preferences", () => {
  assert.deepEqual(parseAcceptLanguage(""), []);
  assert.deepEqual(parseAcceptLanguage(",;,;=="), []);
});

Deno.test("parameters other than q are ignored", () => {
  assert.deepEqual(parseAcceptLanguage("fr;level=1;q=0.4"), [{ tag: "fr", q: 0.4 }]);
});

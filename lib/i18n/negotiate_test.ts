import assert from "node:assert/strict";
import { matchLocale, negotiateLocale } from "./negotiate.ts";

Deno.test("the user's own preference wins over the studio and the browser", () => {
  assert.deepEqual(negotiateLocale({ user: "fr", studio: "en", acceptLanguage: "en" }), "fr");
});

Deno.test("without a user preference the studio default wins over the browser", () => {
  assert.deepEqual(negotiateLocale({ user: null, studio: "fr", acceptLanguage: "en" }), "fr");
});

Deno.test("unsupported user and studio preferences fall through to the browser", () => {
  assert.deepEqual(negotiateLocale({ user: "de", studio: "ja", acceptLanguage: "fr" }), "fr");
});

Deno.test("with no usable hint the default locale is English", () => {
  assert.deepEqual(negotiateLocale({}), "en");
  assert.deepEqual(negotiateLocale({ user: "", studio: null, acceptLanguage: "de, ja;q=0.8" }), "en");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "garbage;;;q=x" }), "en");
});

Deno.test("the browser's highest-q supported language is chosen, not the first listed", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "en;q=0.3, fr;q=0.8" }), "fr");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "de, en;q=0.4, fr;q=0.6" }), "fr");
});

Deno.test("a regional tag falls back to its language: fr-CA reads French", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "fr-CA" }), "fr");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "en-GB;q=0.5, fr-BE;q=0.9" }), "fr");
  assert.deepEqual(negotiateLocale({ user: "fr_CA" }), "fr");
  assert.deepEqual(negotiateLocale({ studio: "EN-us", acceptLanguage: "fr" }), "en");
});

Deno.test("a malformed entry does not hide the valid ones", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "en;q=2, fr;q=0.2" }), "fr");
});

Deno.test("the wildcard accepts the default locale unless it was refused", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "de, *;q=0.5" }), "en");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "*" }), "en");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "en;q=0, *" }), "fr");
});

Deno.test("a language refused with q=0 is never chosen, even through a regional tag", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "fr-CA, fr;q=0" }), "en");
  assert.deepEqual(negotiateLocale({ acceptLanguage: "fr;q=0" }), "en");
});

Deno.test("refusing a region does not refuse the whole language", () => {
  assert.deepEqual(negotiateLocale({ acceptLanguage: "fr-CA;q=0, fr;q=0.5, en;q=0.1" }), "fr");
});

Deno.test("matchLocale maps a tag to a supported locale or nothing", () => {
  assert.deepEqual(matchLocale("fr"), "fr");
  assert.deepEqual(matchLocale(" FR-ca "), "fr");
  assert.deepEqual(matchLocale("en-Latn-US"), "en");
  assert.deepEqual(matchLocale("de"), undefined);
  assert.deepEqual(matchLocale("*"), undefined);
  assert.deepEqual(matchLocale(""), undefined);
});

Deno.test("the deployment's fallback locale applies when nothing else decides", () => {
  assert.equal(negotiateLocale({}, "fr"), "fr");
  assert.equal(negotiateLocale({ acceptLanguage: "de, *;q=0.5" }, "fr"), "fr");
  assert.equal(negotiateLocale({ acceptLanguage: "en" }, "fr"), "en");
});

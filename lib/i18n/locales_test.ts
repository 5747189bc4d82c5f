import assert from "node:assert/strict";
import { DEFAULT_LOCALE, isSupportedLocale, SUPPORTED_LOCALES } from "./locales.ts";

Deno.test("English and French are supported, English is the default", () => {
  assert.deepEqual([...SUPPORTED_LOCALES], ["en", "fr"]);
  assert.deepEqual(DEFAULT_LOCALE, "en");
});

Deno.test("isSupportedLocale accepts only exact supported codes", () => {
  assert.deepEqual(isSupportedLocale("fr"), true);
  assert.deepEqual(isSupportedLocale("en"), true);
  for (const value of ["de", "fr-CA", "FR", "", null, undefined, 42]) {
    assert.deepEqual(isSupportedLocale(value), false, String(value));
  }
});

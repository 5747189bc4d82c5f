import assert from "node:assert/strict";
import { countryOptions, currencyOptions, timeZoneOptions } from "./choices.ts";

Deno.test("choices list real countries, zones and currencies, named in the reader's language", () => {
  const countries = countryOptions("fr");
  assert.ok(countries.some((c) => c.value === "DE" && c.label === "Allemagne"));
  assert.ok(!countries.some((c) => c.value === "EU" || c.value === "ZZ"));
  assert.ok(countries.length > 200);
  assert.ok(timeZoneOptions().some((z) => z.value === "America/New_York"));
  assert.ok(currencyOptions("en").some((c) => c.value === "EUR" && c.label === "EUR — Euro"));
});

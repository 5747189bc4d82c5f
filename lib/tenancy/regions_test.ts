import assert from "node:assert/strict";
import { chooseRegion, naturalRegion } from "./regions.ts";

Deno.test("countries map to the region nearest them", () => {
  assert.equal(naturalRegion("fr"), "eu");
  assert.equal(naturalRegion("NG"), "eu");
  assert.equal(naturalRegion("BR"), "us");
  assert.equal(naturalRegion("CA"), "us");
  assert.equal(naturalRegion("JP"), "ap");
  assert.equal(naturalRegion("AU"), "ap");
});

Deno.test("an explicit region wins; an unconfigured natural region falls back to the default", () => {
  const regions = ["eu", "us"];
  assert.equal(chooseRegion({ requested: "us", country: "FR" }, regions, "eu"), "us");
  assert.equal(chooseRegion({ country: "US" }, regions, "eu"), "us");
  assert.equal(chooseRegion({ country: "JP" }, regions, "eu"), "eu");
  assert.equal(chooseRegion({}, regions, "us"), "us");
});

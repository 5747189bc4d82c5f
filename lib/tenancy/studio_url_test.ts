import assert from "node:assert/strict";
import { studioUrl } from "./studio_url.ts";

Deno.test("a studio's address is a subdomain in production and a path locally", () => {
  assert.equal(
    studioUrl({ baseUrl: "https://studios.example", baseDomain: "studios.example" }, "blue"),
    "https://blue.studios.example/",
  );
  assert.equal(
    studioUrl({ baseUrl: "http://localhost:8000", baseDomain: "localhost" }, "blue"),
    "http://localhost:8000/s/blue/",
  );
  assert.equal(
    studioUrl({ baseUrl: "http://app.test:8080", baseDomain: "app.test" }, "blue"),
    "http://blue.app.test:8080/",
  );
});

import assert from "node:assert/strict";
import { hostnameOf, hostOfUrl, routedPath, studioAddress } from "./address.ts";

Deno.test("host names are compared without case, port or trailing dot", () => {
  assert.equal(hostnameOf("Blue.Studios.Example:8443"), "blue.studios.example");
  assert.equal(hostnameOf("book.blue.com."), "book.blue.com");
  assert.equal(hostnameOf("[::1]:8000"), "[::1]");
});

Deno.test("a studio is named by subdomain, custom domain or /s/<slug> on our own host", () => {
  const base = "studios.example";
  assert.deepEqual(studioAddress("blue.studios.example", "/app", base), {
    kind: "slug",
    slug: "blue",
    base: "",
  });
  assert.deepEqual(studioAddress("book.blue.com", "/", base), {
    kind: "domain",
    hostname: "book.blue.com",
    base: "",
  });
  assert.deepEqual(studioAddress("studios.example", "/s/blue/app", base), {
    kind: "slug",
    slug: "blue",
    base: "/s/blue",
  });
  assert.deepEqual(studioAddress("localhost:8000", "/s/blue", base), {
    kind: "slug",
    slug: "blue",
    base: "/s/blue",
  });
  assert.deepEqual(studioAddress("localhost:8000", "/app", base), { kind: "platform" });
  assert.deepEqual(studioAddress("studios.example", "/", base), { kind: "platform" });
  assert.deepEqual(studioAddress("www.studios.example", "/", base), { kind: "platform" });
  assert.deepEqual(
    studioAddress("studios.example", "/slides", base),
    { kind: "platform" },
    "only the /s/ segment",
  );
  assert.deepEqual(studioAddress("a.b.studios.example", "/", base), { kind: "slug", slug: "", base: "" });
});

Deno.test("routes see the path without the /s/<slug> prefix, only on our own host", () => {
  const base = "studios.example";
  assert.equal(routedPath("studios.example", "/s/blue/app/rooms", base), "/app/rooms");
  assert.equal(routedPath("localhost:8000", "/s/blue", base), "/");
  assert.equal(routedPath("localhost:8000", "/s/blue/", base), "/");
  assert.equal(routedPath("localhost:8000", "/slides", base), "/slides");
  assert.equal(
    routedPath("book.blue.com", "/s/other/app", base),
    "/s/other/app",
    "a custom domain is one studio",
  );
  assert.equal(routedPath("blue.studios.example", "/s/other/app", base), "/s/other/app");
});

Deno.test("the host of a URL string", () => {
  assert.equal(hostOfUrl("https://blue.studios.example:8443/app?x=1"), "blue.studios.example:8443");
  assert.equal(hostOfUrl("http://localhost"), "localhost");
});

import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { normalizeHostname, RESERVED_SLUGS, slugError } from "./tenant_names.ts";

Deno.test("a slug is 3–40 lowercase letters, digits and single inner hyphens", () => {
  for (const slug of ["abc", "blue-room", "studio-42", "42-studio", "a-b-c", "x".repeat(40), "a1b2c3"]) {
    assert.equal(slugError(slug), undefined, slug);
  }
});

Deno.test("slugs that are too short, too long or badly formed are refused with a reason", () => {
  assert.match(slugError("ab")!, /3 to 40 characters/);
  assert.match(slugError("x".repeat(41))!, /3 to 40 characters/);
  assert.match(slugError("")!, /3 to 40 characters/);
  for (
    const slug of [
      "Blue-Room",
      "-blue",
      "blue-",
      "blue--room",
      "blue_room",
      "blue room",
      "blue.room",
      "café-bleu",
      " abc",
    ]
  ) {
    assert.match(slugError(slug) ?? "", /lowercase letters, digits and single hyphens/, slug);
  }
});

Deno.test("reserved slugs are refused even though they are well formed", () => {
  for (
    const slug of [
      "www",
      "app",
      "api",
      "admin",
      "static",
      "assets",
      "mail",
      "status",
      "help",
      "support",
      "docs",
    ]
  ) {
    assert.match(slugError(slug) ?? "", /reserved/, slug);
  }
  assert.ok(RESERVED_SLUGS.has("s") && RESERVED_SLUGS.has("_fw"));
  assert.notEqual(slugError("s"), undefined);
  assert.notEqual(slugError("_fw"), undefined);
  assert.equal(slugError("apis"), undefined);
  assert.equal(slugError("www-studio"), undefined);
});

Deno.test("a hostname is canonicalized to lowercase without a trailing dot, IDNs to punycode", () => {
  assert.equal(normalizeHostname("studio.example.com"), "studio.example.com");
  assert.equal(normalizeHostname("Studio.Example.COM."), "studio.example.com");
  assert.equal(normalizeHostname("book.blue-room.co.uk"), "book.blue-room.co.uk");
  assert.equal(normalizeHostname("müller-studio.de"), "xn--mller-studio-dlb.de");
  assert.equal(normalizeHostname(`${"a".repeat(63)}.com`), `${"a".repeat(63)}.com`);
});

Deno.test("a hostname with a scheme, path, port, bad label or IP address is refused on the hostname field", () => {
  const cases: [string, RegExp][] = [
    ["https://studio.example.com", /without https/],
    ["studio.example.com/book", /without https/],
    ["studio.example.com:8443", /without a port/],
    ["localhost", /full domain name/],
    ["studio", /full domain name/],
    ["", /not a valid hostname|full domain name/],
    ["blue_room.example.com", /1 to 63 letters/],
    ["-blue.example.com", /1 to 63 letters/],
    ["blue-.example.com", /1 to 63 letters/],
    ["blue..example.com", /1 to 63 letters/],
    ["blue room.example.com", /1 to 63 letters/],
    ["*.example.com", /1 to 63 letters/],
    [`${"a".repeat(64)}.com`, /1 to 63 letters/],
    [`${"a.".repeat(127)}com`, /at most 253/],
    ["192.168.1.10", /not an IP address/],
  ];
  for (const [input, reason] of cases) {
    assert.throws(() => normalizeHostname(input), (err: unknown) => {
      assert.ok(err instanceof ValidationError, input);
      assert.match(err.fields.hostname, reason, input);
      return true;
    });
  }
});

import assert from "node:assert/strict";
import {
  ARGON2_PARAMETERS,
  hashPassword,
  isPasswordHash,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from "./password.ts";

const GOOD = "violet tape machine at dawn";

Deno.test("a hash is an argon2id PHC string with OWASP parameters and a 16-byte salt", async () => {
  const encoded = await hashPassword(GOOD);
  const [, algorithm, version, parameters, salt, hash] = encoded.split("$");
  assert.equal(algorithm, "argon2id");
  assert.equal(version, "v=19");
  assert.equal(parameters, "m=19456,t=2,p=1");
  assert.equal(atob(salt + "==".slice(0, (4 - (salt.length % 4)) % 4)).length, ARGON2_PARAMETERS.saltLength);
  assert.equal(atob(hash + "=".repeat((4 - (hash.length % 4)) % 4)).length, ARGON2_PARAMETERS.hashLength);
  assert.ok(isPasswordHash(encoded));
  assert.equal(needsRehash(encoded), false);
});

Deno.test("the right password verifies, any other does not", async () => {
  const encoded = await hashPassword(GOOD);
  assert.equal(await verifyPassword(GOOD, encoded), true);
  assert.equal(await verifyPassword(GOOD + " ", encoded), false);
  assert.equal(await verifyPassword("Violet tape machine at dawn", encoded), false);
  assert.equal(await verifyPassword("", encoded), false);
});

Deno.test("the same password hashes differently each time (random salt)", async () => {
  const [a, b] = await Promise.all([hashPassword(GOOD), hashPassword(GOOD)]);
  assert.notEqual(a, b);
  assert.ok(await verifyPassword(GOOD, b));
});

Deno.test("composed and decomposed accents are the same password", async () => {
  const composed = "caf\u00e9 au studio B, prise 3";
  const decomposed = "cafe\u0301 au studio B, prise 3";
  assert.ok(await verifyPassword(decomposed, await hashPassword(composed)));
});

Deno.test("a malformed or foreign hash never verifies and asks for a rehash", async () => {
  const encoded = await hashPassword(GOOD);
  const weaker = encoded.replace("m=19456,t=2", "m=4096,t=1");
  for (
    const stored of [
      "",
      GOOD,
      encoded.replace("argon2id", "argon2i"),
      encoded.slice(0, -4),
      encoded.replace("m=19456", "m=99999999"),
      "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
    ]
  ) {
    assert.equal(await verifyPassword(GOOD, stored), false, stored);
    assert.equal(needsRehash(stored), true, stored);
  }
  assert.equal(await verifyPassword(GOOD, weaker), false);
  assert.equal(needsRehash(weaker), true);
});

Deno.test("hashes made with other valid parameters still verify, and are flagged for a rehash", async () => {
  const { argon2id } = await import("hash-wasm");
  const older = await argon2id({
    password: GOOD,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    memorySize: 4096,
    iterations: 3,
    parallelism: 1,
    hashLength: 32,
    outputType: "encoded",
  });
  assert.ok(await verifyPassword(GOOD, older));
  assert.ok(needsRehash(older));
});

Deno.test("short and overlong passwords are refused with the limits in the message", () => {
  assert.match(passwordProblem("tape machin")!, /at least 12 characters/);
  assert.equal(passwordProblem("tape machine"), undefined);
  assert.match(passwordProblem("short")!, /at least 12 characters/);
  assert.match(passwordProblem("x".repeat(5) + "y".repeat(MAX_PASSWORD_LENGTH))!, /at most 256/);
  assert.equal(passwordProblem("a".repeat(MAX_PASSWORD_LENGTH - 1) + "b"), undefined);
  // Length counts characters, not UTF-16 units: 11 emoji are 22 units but still too short.
  assert.match(passwordProblem("🎸".repeat(11))!, /at least 12/);
});

Deno.test("a password equal to or containing the e-mail's local part is refused", () => {
  const email = "Ana.Lima@BlueRoom.fr";
  assert.match(passwordProblem("ana.lima@blueroom.fr", { email })!, /e-mail/);
  assert.match(passwordProblem("ana.limaana.lima", { email })!, /e-mail/);
  assert.match(passwordProblem("my name is ANA.LIMA ok", { email })!, /e-mail/);
  assert.equal(passwordProblem(GOOD, { email }), undefined);
});

Deno.test("a password containing the person's name is refused", () => {
  assert.match(passwordProblem("Ana Lima rocks the mic", { name: "Ana Lima" })!, /name/);
  assert.equal(passwordProblem(GOOD, { name: "Ana Lima" }), undefined);
});

Deno.test("common passwords are refused, also decorated or doubled", () => {
  for (
    const common of [
      "qwertyuiop123",
      "password1234",
      "1q2w3e4r5t6y",
      "Password2024!",
      "!!Sunshine1234",
      "dragondragon",
      "RecordingStudio",
    ]
  ) {
    assert.match(passwordProblem(common) ?? "accepted", /most common/, common);
  }
});

Deno.test("repeated or consecutive characters are refused", () => {
  assert.match(passwordProblem("zzzzzzzzzzzzzz")!, /Repeated or consecutive/);
  assert.match(passwordProblem("abcdefghijklmn")!, /Repeated or consecutive/);
  assert.match(passwordProblem("zyxwvutsrqponm")!, /Repeated or consecutive/);
});

Deno.test("long unrelated passphrases and manager-made passwords pass", () => {
  assert.equal(passwordProblem(GOOD), undefined);
  assert.equal(passwordProblem("x7#Lq9!vR2@mW4pZ"), undefined);
  assert.equal(passwordProblem("correct horse battery staple"), undefined);
});

import assert from "node:assert/strict";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { createSecretBox, SecretBoxError, secretBoxFor } from "./secret_box.ts";

const SECRET = "a".repeat(16) + "0123456789abcdef";
const OTHER = "b".repeat(16) + "0123456789abcdef";
const CONTEXT = "totp:u_01JD8X3Z7W5M9Q2R4T6V8X0Y1Z";

/** Flips one bit of the payload part of a sealed value. */
function flipBit(sealed: string, byte: number): string {
  const [version, keyId, payload] = sealed.split(".");
  const bytes = decodeBase64urlIgnorePadding(payload);
  bytes[byte] ^= 1;
  return `${version}.${keyId}.${encodeBase64urlNoPadding(bytes)}`;
}

Deno.test("a sealed value opens to the same bytes and text", async () => {
  const box = await createSecretBox([SECRET]);
  const key = crypto.getRandomValues(new Uint8Array(20));
  const sealed = await box.seal(key, CONTEXT);
  assert.match(sealed, /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(await box.open(sealed, CONTEXT), key);
  assert.equal(
    await box.openText(await box.seal("refresh-token-ünïcode", "oauth"), "oauth"),
    "refresh-token-ünïcode",
  );
});

Deno.test("sealing the same value twice gives different ciphertexts (random IV)", async () => {
  const box = await createSecretBox([SECRET]);
  const a = await box.seal("same", CONTEXT);
  const b = await box.seal("same", CONTEXT);
  assert.notEqual(a, b);
  assert.equal(a.split(".")[1], b.split(".")[1], "same key id");
});

Deno.test("the plaintext does not appear in the sealed value", async () => {
  const box = await createSecretBox([SECRET]);
  const sealed = await box.seal("JBSWY3DPEHPK3PXP", CONTEXT);
  assert.ok(!sealed.includes("JBSWY3DP"));
  assert.ok(!sealed.includes(encodeBase64urlNoPadding(new TextEncoder().encode("JBSWY3DPEHPK3PXP"))));
});

Deno.test("any altered byte (IV, ciphertext or tag) is detected", async () => {
  const box = await createSecretBox([SECRET]);
  const sealed = await box.seal("twenty bytes of key!", CONTEXT);
  const length = decodeBase64urlIgnorePadding(sealed.split(".")[2]).length;
  for (const byte of [0, 11, 12, 20, length - 1]) {
    await assert.rejects(box.open(flipBit(sealed, byte), CONTEXT), SecretBoxError, `byte ${byte}`);
  }
});

Deno.test("a value sealed for one context does not open in another", async () => {
  const box = await createSecretBox([SECRET]);
  const sealed = await box.seal("key", "totp:u_A");
  await assert.rejects(box.open(sealed, "totp:u_B"), SecretBoxError);
});

Deno.test("another secret cannot open it, even when the key id is forged", async () => {
  const mine = await createSecretBox([SECRET]);
  const theirs = await createSecretBox([OTHER]);
  assert.notEqual(mine.keyId, theirs.keyId);
  const sealed = await mine.seal("key", CONTEXT);
  await assert.rejects(theirs.open(sealed, CONTEXT), /does not hold/);
  const forged = sealed.replace(mine.keyId, theirs.keyId);
  await assert.rejects(theirs.open(forged, CONTEXT), /does not open/);
});

Deno.test("after a rotation, old values open and new ones are sealed with the new key", async () => {
  const before = await createSecretBox([SECRET]);
  const old = await before.seal("old", CONTEXT);
  const oldHash = await before.keyedHash("abcde-fghij", CONTEXT);
  const after = await createSecretBox([OTHER, SECRET]);
  assert.equal(await after.openText(old, CONTEXT), "old");
  assert.ok(await after.matchesKeyedHash("abcde-fghij", CONTEXT, oldHash));
  const fresh = await after.seal("new", CONTEXT);
  assert.equal(fresh.split(".")[1], after.keyId);
  assert.notEqual(after.keyId, before.keyId);
  await assert.rejects(before.open(fresh, CONTEXT), SecretBoxError, "the retired box cannot read it");
});

Deno.test("malformed sealed values are refused with SecretBoxError", async () => {
  const box = await createSecretBox([SECRET]);
  const sealed = await box.seal("x", CONTEXT);
  for (
    const bad of [
      "",
      "v1",
      "v2" + sealed.slice(2),
      `${sealed}.extra`,
      sealed.slice(0, 20),
      "v1.short.AAAA",
      "v1.!!!!!!!!.AA",
    ]
  ) {
    await assert.rejects(box.open(bad, CONTEXT), SecretBoxError, JSON.stringify(bad));
  }
});

Deno.test("keyed hashes match only the same value, context and secret", async () => {
  const box = await createSecretBox([SECRET]);
  const stored = await box.keyedHash("abcde-fghij", "backup:u_A");
  assert.equal(stored, await box.keyedHash("abcde-fghij", "backup:u_A"), "deterministic");
  assert.ok(await box.matchesKeyedHash("abcde-fghij", "backup:u_A", stored));
  assert.ok(!(await box.matchesKeyedHash("abcde-fghik", "backup:u_A", stored)));
  assert.ok(!(await box.matchesKeyedHash("abcde-fghij", "backup:u_B", stored)));
  assert.ok(!(await (await createSecretBox([OTHER])).matchesKeyedHash("abcde-fghij", "backup:u_A", stored)));
  assert.ok(!(await box.matchesKeyedHash("abcde-fghij", "backup:u_A", "garbage")));
  assert.ok(!(await box.matchesKeyedHash("abcde-fghij", "backup:u_A", `${box.keyId}.***`)));
});

Deno.test("a secret shorter than 32 characters is refused", async () => {
  await assert.rejects(createSecretBox(["short"]), TypeError);
  await assert.rejects(createSecretBox([]), TypeError);
});

Deno.test("secretBoxFor derives once per secret", async () => {
  assert.equal(secretBoxFor(SECRET), secretBoxFor(SECRET));
  assert.notEqual(await secretBoxFor(SECRET), await secretBoxFor(OTHER));
});

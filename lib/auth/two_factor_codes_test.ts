import assert from "node:assert/strict";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import {
  BACKUP_CODE_COUNT,
  formatTotpKey,
  matchTotp,
  newBackupCodes,
  newTotpKey,
  normalizeBackupCode,
  normalizeTotpCode,
  TOTP_KEY_BYTES,
  totpCodeAt,
  totpStep,
  totpUri,
} from "./two_factor_codes.ts";

// RFC 6238 Appendix B: the SHA-1 key, and the last six digits of its 8-digit codes.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
];

Deno.test("codes agree with the RFC 6238 test vectors", () => {
  for (const [seconds, code] of RFC_VECTORS) {
    assert.equal(totpCodeAt(RFC_KEY, totpStep(seconds * 1000)), code, `T=${seconds}`);
    assert.equal(matchTotp(RFC_KEY, code, seconds * 1000, 0), totpStep(seconds * 1000));
  }
});

Deno.test("codes agree with what an authenticator computes now (@oslojs/otp generateTOTP)", () => {
  const key = newTotpKey();
  const now = Date.now();
  const step = totpStep(now);
  const code = generateTOTP(key, 30, 6);
  // generateTOTP reads the clock itself; a step boundary may pass between the two reads.
  assert.ok([totpCodeAt(key, step), totpCodeAt(key, step + 1)].includes(code));
});

Deno.test("a code of the current step, or one step either side, is accepted and names its step", () => {
  const key = newTotpKey();
  const now = Date.UTC(2025, 2, 30, 1, 0, 15);
  const step = totpStep(now);
  assert.equal(matchTotp(key, totpCodeAt(key, step), now, 0), step);
  assert.equal(matchTotp(key, totpCodeAt(key, step - 1), now, 0), step - 1, "30 s late");
  assert.equal(matchTotp(key, totpCodeAt(key, step + 1), now, 0), step + 1, "phone clock ahead");
});

Deno.test("a code two steps away, another key's code, or a malformed one is wrong", () => {
  const key = newTotpKey();
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  for (const other of [step - 2, step + 2, step - 100]) {
    const code = totpCodeAt(key, other);
    // A code can repeat across steps by chance (1 in 10^6); skip that rare case rather than flake.
    if ([step - 1, step, step + 1].some((s) => totpCodeAt(key, s) === code)) continue;
    assert.equal(matchTotp(key, code, now, 0), "wrong", `step ${other - step}`);
  }
  const otherKey = newTotpKey();
  if (totpCodeAt(otherKey, step) !== totpCodeAt(key, step)) {
    assert.equal(matchTotp(key, totpCodeAt(otherKey, step), now, 0), "wrong");
  }
  for (const bad of ["", "12345", "1234567", "abcdef", "12 34 5"]) {
    assert.equal(matchTotp(key, bad, now, 0), "wrong", JSON.stringify(bad));
  }
});

Deno.test("a code of a step already used, or an earlier one, is refused as reused", () => {
  const key = newTotpKey();
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  assert.equal(matchTotp(key, totpCodeAt(key, step), now, step), "reused");
  assert.equal(matchTotp(key, totpCodeAt(key, step - 1), now, step), "reused");
  assert.equal(matchTotp(key, totpCodeAt(key, step + 1), now, step), step + 1, "a later step still works");
});

Deno.test("typed codes may carry spaces or a hyphen", () => {
  assert.equal(normalizeTotpCode(" 123 456 "), "123456");
  assert.equal(normalizeTotpCode("123-456"), "123456");
  assert.equal(normalizeTotpCode("12345a"), null);
  const key = newTotpKey();
  const now = Date.now();
  const code = totpCodeAt(key, totpStep(now));
  assert.equal(matchTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, now, 0), totpStep(now));
});

Deno.test("the key is shown in base32 groups of four, and the otpauth URI carries it", () => {
  const key = newTotpKey();
  assert.equal(key.length, TOTP_KEY_BYTES);
  const shown = formatTotpKey(key);
  assert.match(shown, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  assert.deepEqual(decodeBase32IgnorePadding(shown.replaceAll(" ", "")), key);

  const text = totpUri(key, "ana@example.com");
  assert.ok(text.startsWith("otpauth://totp/Recording%20Studio%20Manager:ana%40example.com?"), text);
  const uri = new URL(text);
  assert.equal(uri.searchParams.get("secret"), shown.replaceAll(" ", ""));
  assert.equal(uri.searchParams.get("issuer"), "Recording Studio Manager");
  assert.equal(uri.searchParams.get("digits"), "6");
  assert.equal(uri.searchParams.get("period"), "30");
});

Deno.test("backup codes: ten distinct xxxxx-xxxxx codes that normalise to themselves", () => {
  const codes = newBackupCodes();
  assert.equal(codes.length, BACKUP_CODE_COUNT);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) {
    assert.match(code, /^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    assert.equal(normalizeBackupCode(code), code.replace("-", ""));
  }
});

Deno.test("a typed backup code forgives case, spacing and look-alike letters", () => {
  assert.equal(normalizeBackupCode("AB3DE-FGH1J"), "ab3defgh1j");
  assert.equal(normalizeBackupCode(" ab3de fgh1j "), "ab3defgh1j");
  assert.equal(normalizeBackupCode("abode-fghij"), "ab0defgh1j", "o → 0, i → 1");
  assert.equal(normalizeBackupCode("abcde-fghlk"), "abcdefgh1k", "l → 1");
  assert.equal(normalizeBackupCode("abcde-fghu1"), null, "u is not in the alphabet");
  assert.equal(normalizeBackupCode("abcde"), null);
  assert.equal(normalizeBackupCode("123456"), null, "a TOTP code is not a backup code");
});

/**
 * Secrets at rest (TOTP keys, SSO client secrets): AES-256-GCM under a key derived with HKDF-SHA-256
 * from SECRETS_KEY (default APP_SECRET), all through Web Crypto. Older keys listed in
 * SECRETS_KEYS_RETIRED still open what they sealed; `deno task admin secrets:rotate` re-seals every
 * stored value with the current key (lib/crypto/rotate.ts, docs/SECRETS.md).
 *
 * A sealed value is one string, `v1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`:
 *
 * - `v1` names the scheme (AES-256-GCM, 96-bit random IV, 128-bit tag, HKDF info below), so a later
 *   scheme can sit beside it;
 * - `keyId` is derived from the secret (never the key itself), so after a rotation the box can hold
 *   the old secret beside the new one, open what the old one sealed and seal only with the new;
 * - every value is bound to a `context` (associated data, e.g. `totp:u_01J…`): a ciphertext copied
 *   into another record, or another person's, does not open.
 *
 * The box also makes keyed hashes (HMAC-SHA-256 under a second derived key) for values that only ever
 * need comparing, such as backup codes: a KV dump without APP_SECRET cannot be brute-forced offline.
 *
 * ```ts
 * const box = await secretBoxFor(config.secretsKeys);
 * const sealed = await box.seal(key, `totp:${staffId}`);
 * const key2 = await box.open(sealed, `totp:${staffId}`);
 * ```
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { constantTimeEqual } from "@oslojs/crypto/subtle";

export const SEALED_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 6;
// Fixed salt: APP_SECRET is already high-entropy random, so HKDF needs no per-install salt (RFC 5869 §3.1).
const SALT = new TextEncoder().encode("recording-studio-manager/secret-box");
const INFO = {
  seal: "v1 aes-256-gcm",
  hash: "v1 hmac-sha-256",
  keyId: "v1 key-id",
} as const;
const KEY_ID = /^[A-Za-z0-9_-]{8}$/;

/** A sealed value that is malformed, tampered with, for another context, or from an unknown key. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  /** Encrypts `plaintext` for `context`. */
  seal(plaintext: Uint8Array | string, context: string): Promise<string>;
  /** Decrypts a value sealed for `context`; throws SecretBoxError if it does not open. */
  open(sealed: string, context: string): Promise<Uint8Array<ArrayBuffer>>;
  /** {@link open}, decoded as UTF-8. */
  openText(sealed: string, context: string): Promise<string>;
  /** A keyed hash of `value` for `context`, `<keyId>.<base64url>`, to store instead of the value. */
  keyedHash(value: string, context: string): Promise<string>;
  /** Whether `value` hashes to `stored` (compared in constant time); false for an unknown key id. */
  matchesKeyedHash(value: string, context: string, stored: string): Promise<boolean>;
}

interface Keys {
  id: string;
  aes: CryptoKey;
  hmac: CryptoKey;
}

async function deriveKeys(secret: string): Promise<Keys> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, [
    "deriveKey",
    "deriveBits",
  ]);
  const params = (info: string) => ({
    name: "HKDF",
    hash: "SHA-256",
    salt: SALT,
    info: new TextEncoder().encode(info),
  });
  const [aes, hmac, idBits] = await Promise.all([
    crypto.subtle.deriveKey(params(INFO.seal), material, { name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]),
    crypto.subtle.deriveKey(
      params(INFO.hash),
      material,
      { name: "HMAC", hash: "SHA-256", length: 256 },
      false,
      [
        "sign",
      ],
    ),
    crypto.subtle.deriveBits(params(INFO.keyId), material, KEY_ID_BYTES * 8),
  ]);
  return { id: encodeBase64urlNoPadding(new Uint8Array(idBits)), aes, hmac };
}

/**
 * A box that seals with `secrets[0]` and opens with any of `secrets` (the current secret first, then
 * retired ones still needed to read old values). Each secret must be at least 32 characters.
 */
export async function createSecretBox(secrets: readonly string[]): Promise<SecretBox> {
  if (secrets.length === 0) throw new TypeError("A secret box needs at least one secret.");
  for (const secret of secrets) {
    if (secret.length < 32) throw new TypeError("A secret-box secret has at least 32 characters.");
  }
  const keyring = await Promise.all(secrets.map(deriveKeys));
  const current = keyring[0];
  const byId = new Map(keyring.toReversed().map((keys) => [keys.id, keys]));
  const encode = (text: string) => new TextEncoder().encode(text);
  const mac = async (keys: Keys, value: string, context: string) =>
    new Uint8Array(await crypto.subtle.sign("HMAC", keys.hmac, encode(`${context}\u0000${value}`)));

  const open = async (sealed: string, context: string): Promise<Uint8Array<ArrayBuffer>> => {
    const [version, keyId, payload, ...rest] = sealed.split(".");
    if (version !== SEALED_VERSION || !KEY_ID.test(keyId ?? "") || payload === undefined || rest.length) {
      throw new SecretBoxError("Not a sealed value.");
    }
    const keys = byId.get(keyId);
    if (!keys) throw new SecretBoxError(`Sealed with key ${keyId}, which this box does not hold.`);
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64urlIgnorePadding(payload);
    } catch {
      throw new SecretBoxError("Not a sealed value.");
    }
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("Sealed value too short.");
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encode(context) },
        keys.aes,
        bytes.slice(IV_BYTES),
      );
      return new Uint8Array(plain);
    } catch {
      // Web Crypto says only "OperationError": tampering, another context and a wrong key look alike.
      throw new SecretBoxError("The sealed value does not open: altered, or sealed for another context.");
    }
  };

  return {
    keyId: current.id,
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const data = typeof plaintext === "string" ? encode(plaintext) : new Uint8Array(plaintext);
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: "AES-GCM", iv, additionalData: encode(context) },
          current.aes,
          data,
        ),
      );
      const out = new Uint8Array(IV_BYTES + sealed.length);
      out.set(iv);
      out.set(sealed, IV_BYTES);
      return `${SEALED_VERSION}.${current.id}.${encodeBase64urlNoPadding(out)}`;
    },
    open,
    async openText(sealed, context) {
      return new TextDecoder("utf-8", { fatal: true }).decode(await open(sealed, context));
    },
    async keyedHash(value, context) {
      return `${current.id}.${encodeBase64urlNoPadding(await mac(current, value, context))}`;
    },
    async matchesKeyedHash(value, context, stored) {
      const [keyId, digest, ...rest] = stored.split(".");
      const keys = byId.get(keyId);
      if (!keys || digest === undefined || rest.length) return false;
      let expected: Uint8Array;
      try {
        expected = decodeBase64urlIgnorePadding(digest);
      } catch {
        return false;
      }
      const actual = await mac(keys, value, context);
      return actual.length === expected.length && constantTimeEqual(actual, expected);
    },
  };
}

/**
 * The id of the key `sealed` was sealed with (`v1.<keyId>.…`), or null when it is not a sealed value.
 * Every sealed value has carried its key id since the first version, so there is no older format
 * without one.
 */
export function sealedKeyId(sealed: string): string | null {
  const [version, keyId, payload, ...rest] = sealed.split(".");
  return version === SEALED_VERSION && KEY_ID.test(keyId ?? "") && payload !== undefined && !rest.length
    ? keyId
    : null;
}

/** The id {@link createSecretBox} gives the key derived from `secret`. */
export async function keyIdOf(secret: string): Promise<string> {
  return (await deriveKeys(secret)).id;
}

const boxes = new Map<string, Promise<SecretBox>>();

/**
 * The app's box, derived once per process (HKDF is cheap, but not free on every request): pass
 * `config.secretsKeys` (the current key, then retired ones: SECRETS_KEY, SECRETS_KEYS_RETIRED) or a
 * single secret. A failed derivation is not cached.
 */
export function secretBoxFor(secrets: string | readonly string[]): Promise<SecretBox> {
  const keys = typeof secrets === "string" ? [secrets] : [...secrets];
  const cacheKey = keys.join("\n");
  let box = boxes.get(cacheKey);
  if (!box) {
    box = createSecretBox(keys);
    boxes.set(cacheKey, box);
    box.catch(() => boxes.delete(cacheKey));
  }
  return box;
}

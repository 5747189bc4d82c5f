/**
 * Single-use tokens sent by e-mail: password-reset links and e-mail verification links. The link
 * carries a random token (160 bits); we store only its SHA-256, like sessions, so a leaked KV dump
 * opens no link. A token is bound to the person, the address it was sent to and the studio whose
 * address the link points at; it is refused anywhere else.
 *
 * Key shapes:
 *
 *   ["reset_tokens", sha256(token)]               → EmailToken   expires after 30 minutes
 *   ["email_verification_tokens", sha256(token)]  → EmailToken   expires after 24 hours
 *
 * KV drops expired rows lazily, so reads also compare `expiresAt`. Consuming is a versionstamp-
 * checked delete: of two requests racing with one token, exactly one gets it.
 *
 * ```ts
 * const token = await issueEmailToken(kv, "reset", { staffId, tenantId, email });
 * const link = `${origin}/reset-password?token=${token}`;
 * const used = await consumeEmailToken(kv, "reset", token, tenantId); // null the second time
 * ```
 */
import { generateSessionToken, sessionIdOf } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export const EMAIL_TOKEN_PURPOSES = {
  reset: { prefix: "reset_tokens", ttlMs: 30 * 60_000 },
  verify_email: { prefix: "email_verification_tokens", ttlMs: 24 * 60 * 60_000 },
} as const;

export type EmailTokenPurpose = keyof typeof EMAIL_TOKEN_PURPOSES;

export interface EmailTokenSubject {
  staffId: string;
  /** The studio whose address the link points at. */
  tenantId: string;
  /** The address the link was sent to: a token for an address the person no longer has is void. */
  email: string;
}

export interface EmailToken extends EmailTokenSubject {
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

const TOKEN = /^[a-z2-7]{32}$/;

const keyOf = (purpose: EmailTokenPurpose, token: string): Deno.KvKey => [
  EMAIL_TOKEN_PURPOSES[purpose].prefix,
  sessionIdOf(token),
];

/** Issues a token for `subject`; returns the token itself, to be put in a link and never stored. */
export async function issueEmailToken(
  kv: Deno.Kv,
  purpose: EmailTokenPurpose,
  subject: EmailTokenSubject,
  now = Date.now(),
): Promise<string> {
  const { ttlMs } = EMAIL_TOKEN_PURPOSES[purpose];
  const token = generateSessionToken();
  const record: EmailToken = {
    staffId: subject.staffId,
    tenantId: subject.tenantId,
    email: subject.email,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlMs).toISOString(),
  };
  const result = await kv.atomic()
    .check({ key: keyOf(purpose, token), versionstamp: null })
    .set(keyOf(purpose, token), record, { expireIn: ttlMs })
    .commit();
  if (!result.ok) throw new Error("Token collision; this should never happen.");
  return token;
}

/**
 * The live token's record without using it up (to show a form only for a link that still works), or
 * null when it is malformed, unknown, used, expired, or for another studio.
 */
export async function findEmailToken(
  kv: Deno.Kv,
  purpose: EmailTokenPurpose,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<EmailToken | null> {
  return (await liveEntry(kv, purpose, token, tenantId, now))?.value ?? null;
}

/** Uses the token up and returns its record; null in every case where {@link findEmailToken} is null. */
export async function consumeEmailToken(
  kv: Deno.Kv,
  purpose: EmailTokenPurpose,
  token: string,
  tenantId: string,
  now = Date.now(),
): Promise<EmailToken | null> {
  const entry = await liveEntry(kv, purpose, token, tenantId, now);
  if (!entry) return null;
  const result = await kv.atomic().check(entry).delete(entry.key).commit();
  return result.ok ? entry.value : null;
}

async function liveEntry(
  kv: Deno.Kv,
  purpose: EmailTokenPurpose,
  token: string,
  tenantId: string,
  now: number,
): Promise<Deno.KvEntry<EmailToken> | null> {
  if (!TOKEN.test(token)) return null;
  const entry = await kv.get<EmailToken>(keyOf(purpose, token));
  if (entry.value === null) return null;
  if (now >= Date.parse(entry.value.expiresAt)) {
    await kv.atomic().check(entry).delete(entry.key).commit();
    return null;
  }
  // Not deleted: the link still works at its own studio's address.
  if (entry.value.tenantId !== tenantId) return null;
  return entry as Deno.KvEntry<EmailToken>;
}

/**
 * Voids every unused token of a deleted studio, of both purposes. No per-studio index: tokens live
 * 30 minutes or a day, so the scan is over the few outstanding ones.
 */
export async function deleteStudioEmailTokens(kv: Deno.Kv, tenantId: string): Promise<number> {
  let deleted = 0;
  for (const { prefix } of Object.values(EMAIL_TOKEN_PURPOSES)) {
    deleted += await deleteNamingStudio(kv, [prefix], tenantId);
  }
  return deleted;
}

/**
 * API keys for /api/v1: long-lived bearer tokens that belong to one studio and act with one role's
 * permissions. The caller holds `rsm_<32 base32 characters>` (160 random bits); we store only its
 * SHA-256, like sessions, so a leaked KV dump opens nothing. The token is shown once, at creation.
 *
 * Key shapes:
 *
 *   ["api_keys", hash]                 → ApiKey   hash = SHA-256 of the token, lowercase hex
 *   ["tenant_api_keys", tenantId, id]  → hash     lists a studio's keys; ids are "key_" + ULID
 *
 * Both are written in one atomic operation. Keys are never expired by KV: a revoked or expired key
 * stays listed (greyed out) so the page and the audit log can still name it.
 *
 * ```ts
 * const { token, key } = await createApiKey(kv, { tenantId, name: "Website", role: "manager", createdBy });
 * // Authorization: Bearer <token>
 * const key = await authenticateApiKey(kv, token, tenant.id); // null → 401
 * ```
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { AuditActorType } from "../../db/schema/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "./ids.ts";
import { retryOnConflict } from "./retry.ts";
import { type Clock, sessionIdOf } from "./sessions.ts";
import { type Role, ROLES } from "./staff.ts";
import { deleteListed } from "./batch_delete.ts";

/** Who created or revoked a key: a staff member on the settings page, an operator's command… */
export interface ApiKeyActor {
  type: AuditActorType;
  id?: string;
  label?: string;
}

export interface ApiKey {
  /** `key_` + ULID: shown in lists and the audit log, never usable as a credential. */
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  /** SHA-256 of the token, lowercase hex: the record's key. */
  hash: string;
  /** The token's first characters ("rsm_ab12"), so people can tell their keys apart. */
  prefix: string;
  createdBy: ApiKeyActor;
  /** ISO instants. */
  createdAt: string;
  expiresAt?: string;
  /** Updated at most once a minute, so a busy key does not write on every request. */
  lastUsedAt?: string;
  revokedAt?: string;
  revokedBy?: ApiKeyActor;
}

export interface NewApiKey {
  tenantId: string;
  name: string;
  role: Role;
  createdBy: ApiKeyActor;
  /** ISO instant, in the future; absent = never expires. */
  expiresAt?: string;
}

export type ApiKeyStatus = "active" | "expired" | "revoked";

export const API_KEY_ID_PREFIX = "key";
export const TOKEN_PREFIX = "rsm_";
const TOKEN = /^rsm_[a-z2-7]{32}$/;
// 20 random bytes = 160 bits, 32 base32 characters, as for sessions.
const TOKEN_BYTES = 20;
// Four characters (20 bits) tell keys apart and leave 140 unknown bits.
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 4;
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_NAME_LENGTH = 100;
// Deno KV reads at most 10 keys per getMany.
const GET_MANY_LIMIT = 10;

const keyOf = (hash: string): Deno.KvKey => ["api_keys", hash];
const indexKey = (tenantId: string, id: string): Deno.KvKey => ["tenant_api_keys", tenantId, id];

/** A new API key token: `rsm_` and 20 random bytes in lowercase base32. */
export function generateApiKeyToken(): string {
  return TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

/** Whether `token` has the shape of an API key (before any lookup). */
export function isApiKeyToken(token: string): boolean {
  return TOKEN.test(token);
}

/** Whether the key can be used at `now`. */
export function apiKeyStatus(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return "expired";
  return "active";
}

/**
 * Creates a key for a studio and returns its token, the only time the token exists outside the
 * caller's hands. A bad name, role or expiry is a ValidationError naming the field.
 */
export async function createApiKey(
  kv: Deno.Kv,
  input: NewApiKey,
  clock: Clock = {},
): Promise<{ token: string; key: ApiKey }> {
  const now = clock.now ?? Date.now();
  const name = input.name.trim();
  const errors: Record<string, string> = {};
  const nameError = nameProblem(name);
  if (nameError) errors.name = nameError;
  if (!ROLES.includes(input.role)) errors.role = `A role is one of ${ROLES.join(", ")}.`;
  let expiresAt: string | undefined;
  if (input.expiresAt !== undefined) {
    const at = Date.parse(input.expiresAt);
    if (Number.isNaN(at)) errors.expiresAt = "An expiry is a date and time, like 2030-01-31T00:00:00Z.";
    else if (at <= now) errors.expiresAt = "The expiry must be in the future.";
    else expiresAt = new Date(at).toISOString();
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const token = generateApiKeyToken();
  const key: ApiKey = {
    id: newId(API_KEY_ID_PREFIX, now),
    tenantId: input.tenantId,
    name,
    role: input.role,
    hash: sessionIdOf(token),
    prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
    createdBy: input.createdBy,
    createdAt: new Date(now).toISOString(),
    ...(expiresAt ? { expiresAt } : {}),
  };
  // A check on the fresh key costs nothing and turns a 2^-160 collision into a loud failure.
  const result = await kv.atomic()
    .check({ key: keyOf(key.hash), versionstamp: null })
    .set(keyOf(key.hash), key)
    .set(indexKey(key.tenantId, key.id), key.hash)
    .commit();
  if (!result.ok) throw new Error("API key collision; this should never happen.");
  return { token, key };
}

/**
 * The active key `token` stands for at studio `tenantId`, or null when the token is malformed,
 * unknown, revoked, expired, or a key of another studio. Records the use (at most once a minute).
 */
export async function authenticateApiKey(
  kv: Deno.Kv,
  token: string,
  tenantId: string,
  clock: Clock = {},
): Promise<ApiKey | null> {
  if (!isApiKeyToken(token)) return null;
  const now = clock.now ?? Date.now();
  const entry = await kv.get<ApiKey>(keyOf(sessionIdOf(token)));
  const key = entry.value;
  if (key === null || key.tenantId !== tenantId || apiKeyStatus(key, now) !== "active") return null;
  if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) >= LAST_USED_RESOLUTION_MS) {
    const used: ApiKey = { ...key, lastUsedAt: new Date(now).toISOString() };
    // Checked against what we read, so a revocation landing meanwhile is never overwritten; losing
    // the race only loses this timestamp, and the key was valid when read.
    await kv.atomic().check(entry).set(entry.key, used).commit();
    return used;
  }
  return key;
}

/** A studio's keys, newest first, revoked and expired ones included. */
export async function listApiKeys(kv: Deno.Kv, tenantId: string): Promise<ApiKey[]> {
  const index = await Array.fromAsync(
    kv.list<string>({ prefix: ["tenant_api_keys", tenantId] }, { reverse: true }),
  );
  const batches: Deno.KvKey[][] = [];
  for (let i = 0; i < index.length; i += GET_MANY_LIMIT) {
    batches.push(index.slice(i, i + GET_MANY_LIMIT).map((entry) => keyOf(entry.value)));
  }
  const records = (await Promise.all(batches.map((batch) => kv.getMany<ApiKey[]>(batch)))).flat();
  // Follow the index defensively: an entry whose record is gone or names another studio is skipped.
  return records.flatMap((record) =>
    record.value !== null && record.value.tenantId === tenantId ? [record.value] : []
  );
}

/** One of a studio's keys by id; null for an unknown id or another studio's key. */
export async function getApiKey(kv: Deno.Kv, tenantId: string, id: string): Promise<ApiKey | null> {
  return (await readApiKey(kv, tenantId, id))?.value ?? null;
}

/**
 * Revokes a studio's key: from the next request on it answers 401. Revoking a revoked key changes
 * nothing (`changed: false`), so a form sent twice is harmless. An unknown id is a NotFoundError.
 */
export async function revokeApiKey(
  kv: Deno.Kv,
  tenantId: string,
  id: string,
  revokedBy: ApiKeyActor,
  clock: Clock = {},
): Promise<{ key: ApiKey; changed: boolean }> {
  return await retryOnConflict(`API key ${id}`, async () => {
    const entry = await readApiKey(kv, tenantId, id);
    if (!entry) throw new NotFoundError(`No API key ${id} in this studio.`);
    if (entry.value.revokedAt) return { key: entry.value, changed: false };
    const revoked: ApiKey = {
      ...entry.value,
      revokedAt: new Date(clock.now ?? Date.now()).toISOString(),
      revokedBy,
    };
    const result = await kv.atomic().check(entry).set(entry.key, revoked).commit();
    return result.ok ? { key: revoked, changed: true } : null;
  });
}

/** Removes a key and its index entry, e.g. when the audit entry of its creation could not be written. */
export async function deleteApiKey(
  kv: Deno.Kv,
  key: Pick<ApiKey, "tenantId" | "id" | "hash">,
): Promise<void> {
  await kv.atomic().delete(keyOf(key.hash)).delete(indexKey(key.tenantId, key.id)).commit();
}

/** Removes every key of a deleted studio, record and index entry together, in bounded atomic batches. */
export async function deleteStudioApiKeys(kv: Deno.Kv, tenantId: string): Promise<number> {
  return await deleteListed<string>(
    kv,
    ["tenant_api_keys", tenantId],
    (entry) => [entry.key, keyOf(entry.value)],
  );
}

async function readApiKey(kv: Deno.Kv, tenantId: string, id: string): Promise<Deno.KvEntry<ApiKey> | null> {
  const index = await kv.get<string>(indexKey(tenantId, id));
  if (index.value === null) return null;
  const entry = await kv.get<ApiKey>(keyOf(index.value));
  return entry.value !== null && entry.value.tenantId === tenantId && entry.value.id === id
    ? entry as Deno.KvEntry<ApiKey>
    : null;
}

function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "Give the key a name, such as the system that will use it.";
  if ([...name].length > MAX_NAME_LENGTH) return `A key's name has at most ${MAX_NAME_LENGTH} characters.`;
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return "A key's name cannot contain line breaks or control characters.";
  }
  return undefined;
}

/**
 * Enterprise single sign-on (OpenID Connect) per studio, in the control plane: each studio's
 * provider settings, and the sign-ins on their way through the provider.
 *
 * Key shapes:
 *
 *   ["sso_configs", tenantId]          → SsoConfig    one per studio, while SSO has been set up
 *   ["sso_flows", sha256(state)]       → SsoFlow      expires after 10 minutes; used once
 *
 * The client secret is stored sealed (lib/crypto/secret_box.ts, context `sso:<tenantId>`); this
 * module never sees it in the clear. A flow is what the callback needs to finish a sign-in (the PKCE
 * verifier, the nonce, where to go next); the browser holds its `state` in an HttpOnly cookie and KV
 * only the state's SHA-256, like sessions and two-factor challenges.
 */
import type { Role } from "./staff.ts";
import { sessionIdOf } from "./sessions.ts";
import { deleteNamingStudio } from "./batch_delete.ts";

export const SSO_PRESETS = ["okta", "entra", "google", "auth0", "generic"] as const;
export type SsoPreset = (typeof SSO_PRESETS)[number];

export interface SsoConfig {
  tenantId: string;
  enabled: boolean;
  preset: SsoPreset;
  /**
   * What the preset builds the issuer from, as the owner typed it: the Okta or Auth0 domain, the
   * Entra directory (tenant) id, the issuer URL for "generic"; empty for Google.
   */
  providerDetail: string;
  /** The issuer URL, exactly as the provider's ID tokens carry it in `iss`. */
  issuer: string;
  clientId: string;
  /** The client secret, sealed for `sso:<tenantId>`; absent until one is entered. */
  clientSecret?: string;
  /** Lowercase e-mail domains whose people may sign in (and join) through the provider. */
  allowedDomains: string[];
  /** The role of a person who joins the studio by signing in through the provider (never owner). */
  defaultRole: Role;
  /** Password sign-in refused for members other than owners (lib/auth/sso.ts refuseIfSsoOnly). */
  ssoOnly: boolean;
  /** The ID token claim that lists the person's groups; {@link DEFAULT_GROUPS_CLAIM} when absent. */
  groupsClaim?: string;
  /**
   * Group → role, in the owner's order: at sign-in the first mapping whose group the person is in
   * gives their role (never owner; an owner is never demoted). Absent or empty: no mapping.
   */
  roleMappings?: SsoRoleMapping[];
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

/** One line of the group → role mapping: a value of the groups claim, exactly, and a role. */
export interface SsoRoleMapping {
  group: string;
  role: Role;
}

/** The claim Okta, Entra ID (with group claims on), Keycloak and most others use. */
export const DEFAULT_GROUPS_CLAIM = "groups";

/**
 * The first mapping whose group is among `groups`, or null. Order matters: an owner lists the most
 * powerful role first when a person may be in several groups.
 */
export function mappedRole(
  config: Pick<SsoConfig, "roleMappings">,
  groups: readonly string[],
): SsoRoleMapping | null {
  return config.roleMappings?.find((mapping) => groups.includes(mapping.group)) ?? null;
}

/** A sign-in sent to the provider and not back yet. */
export interface SsoFlow {
  tenantId: string;
  /** The PKCE code verifier (RFC 7636), sent with the code to the token endpoint. */
  codeVerifier: string;
  /** Must come back in the ID token's `nonce` claim. */
  nonce: string;
  /** The redirect URI the authorization request named; the token request must name it again. */
  redirectUri: string;
  /** Where to go once signed in (already checked by safeNext). */
  next: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

/** Long enough to sign in at the provider (with its own MFA), short enough to go stale when abandoned. */
export const SSO_FLOW_LIFETIME_MS = 10 * 60_000;

const configKey = (tenantId: string): Deno.KvKey => ["sso_configs", tenantId];
const flowKey = (state: string): Deno.KvKey => ["sso_flows", sessionIdOf(state)];
// arctic's generateState(): 32 random bytes, base64url without padding.
const STATE = /^[A-Za-z0-9_-]{43}$/;

/** A studio's SSO settings with their versionstamp (for a checked update), or null when never set up. */
export async function getSsoConfigEntry(
  kv: Deno.Kv,
  tenantId: string,
): Promise<Deno.KvEntryMaybe<SsoConfig>> {
  return await kv.get<SsoConfig>(configKey(tenantId));
}

export async function getSsoConfig(kv: Deno.Kv, tenantId: string): Promise<SsoConfig | null> {
  return (await getSsoConfigEntry(kv, tenantId)).value;
}

/**
 * Writes `next` if the settings are still those of `entry` (read before the change); false when
 * someone saved in between, and the caller should read again.
 */
export async function putSsoConfig(
  kv: Deno.Kv,
  entry: Deno.KvEntryMaybe<SsoConfig>,
  next: SsoConfig,
): Promise<boolean> {
  return (await kv.atomic().check(entry).set(configKey(next.tenantId), next).commit()).ok;
}

/** Stores a flow under its state, for the callback to take back once. */
export async function putSsoFlow(
  kv: Deno.Kv,
  state: string,
  flow: Omit<SsoFlow, "createdAt" | "expiresAt">,
  now = Date.now(),
): Promise<SsoFlow> {
  const record: SsoFlow = {
    ...flow,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SSO_FLOW_LIFETIME_MS).toISOString(),
  };
  const result = await kv.atomic()
    .check({ key: flowKey(state), versionstamp: null })
    .set(flowKey(state), record, { expireIn: SSO_FLOW_LIFETIME_MS })
    .commit();
  if (!result.ok) throw new Error("SSO state collision; this should never happen.");
  return record;
}

/**
 * Takes the flow of `state` at studio `tenantId` and uses it up in one checked operation: of two
 * callbacks racing with one state, one gets the flow. Null when the state is malformed, unknown,
 * used, expired, or was started at another studio.
 */
export async function takeSsoFlow(
  kv: Deno.Kv,
  state: string,
  tenantId: string,
  now = Date.now(),
): Promise<SsoFlow | null> {
  if (!STATE.test(state)) return null;
  const entry = await kv.get<SsoFlow>(flowKey(state));
  if (entry.value === null || entry.value.tenantId !== tenantId) return null;
  if (!(await kv.atomic().check(entry).delete(entry.key).commit()).ok) return null;
  // KV drops expired rows lazily; the stored instant is the rule.
  return now >= Date.parse(entry.value.expiresAt) ? null : entry.value;
}

/** Removes a deleted studio's SSO settings and the sign-ins it had on their way through the provider. */
export async function deleteStudioSso(kv: Deno.Kv, tenantId: string): Promise<number> {
  await kv.delete(configKey(tenantId));
  return 1 + await deleteNamingStudio(kv, ["sso_flows"], tenantId);
}

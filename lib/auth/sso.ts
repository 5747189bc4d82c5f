/**
 * Signing staff in through their organisation's OpenID Connect provider (docs/SSO.md).
 *
 * 1. {@link startSso}: rate limited per address; reads the issuer's discovery document (cached),
 *    makes a state, a PKCE verifier and a nonce, keeps them in KV under the state's hash for ten
 *    minutes, and answers the provider's authorization URL (built by arctic's OAuth2Client). The
 *    route puts the state in an HttpOnly cookie too, so only the browser that started can finish.
 * 2. {@link finishSso}: the provider sent the browser back with a code. The state must match the
 *    cookie and a live flow (used up at once); the code is exchanged with the verifier (arctic); the ID
 *    token's signature is checked against the issuer's JWKS and its `iss`, `aud`, `exp` and `nonce`
 *    (jose); the e-mail must be verified and in an allowed domain. Then the person signs in: a member,
 *    as themselves; anyone else joins the studio with the default role ("just in time"). A person who
 *    turned two-factor authentication on still owes their code (lib/auth/two_factor_sign_in.ts).
 *
 * Every refusal is an {@link SsoRefused} with a reason the callback page explains; none is a 500.
 */
import {
  ArcticFetchError,
  CodeChallengeMethod,
  generateCodeVerifier,
  generateState,
  OAuth2Client,
} from "arctic";
import { errors as joseErrors, jwtVerify } from "jose";
import { type AuditWriter, recordAudit } from "../audit/audit.ts";
import type { SecretBox } from "../crypto/secret_box.ts";
import { DomainError, ForbiddenError, RateLimitedError } from "../errors.ts";
import { hitRateLimit, type RateLimitRule } from "../kv/rate_limits.ts";
import { createSession, revokeStudioSessions } from "../kv/sessions.ts";
import {
  DEFAULT_GROUPS_CLAIM,
  getSsoConfig,
  mappedRole,
  putSsoFlow,
  type SsoConfig,
  takeSsoFlow,
} from "../kv/sso_config.ts";
import {
  addMembership,
  createMember,
  getMembership,
  getStaffByEmail,
  joinStudio,
  markEmailVerified,
  type Role,
  type StaffIdentity,
} from "../kv/staff.ts";
import { markProviderMfaSession } from "../kv/studio_security.ts";
import { getTwoFactor, issueChallenge } from "../kv/two_factor.ts";
import { providerUsedMfa } from "./require_two_factor.ts";
import type { SignInOutcome } from "./sign_in.ts";
import { discover, type DiscoveredProvider, DiscoveryFailed } from "./sso_discovery.ts";
import { secretContext } from "./sso_settings.ts";

/** Starts from one address: generous for an office behind one NAT, tight for a script. */
export const SSO_START_PER_ADDRESS: RateLimitRule = {
  name: "sso-start:address",
  limit: 30,
  windowMs: 15 * 60_000,
};

/** ID tokens a few seconds early or late still count: clocks drift. */
const CLOCK_TOLERANCE_SECONDS = 60;
const SCOPES = ["openid", "email", "profile"];
const MAX_NAME_LENGTH = 100;

/** Why an SSO sign-in stopped, for the page to say in the reader's language. */
export type SsoProblem =
  | "not_enabled"
  | "provider_unreachable"
  | "provider_error"
  | "bad_state"
  | "token_exchange_failed"
  | "invalid_token"
  | "email_unverified"
  | "domain_not_allowed"
  | "account_unavailable";

const PROBLEM_TEXT: Record<SsoProblem, string> = {
  not_enabled: "This studio does not use single sign-on.",
  provider_unreachable: "The sign-in provider could not be reached.",
  provider_error: "The sign-in provider did not sign you in.",
  bad_state: "This sign-in link has expired or was not started in this browser.",
  token_exchange_failed: "The sign-in provider refused to confirm the sign-in.",
  invalid_token: "The sign-in provider's answer could not be verified.",
  email_unverified: "Your provider has not verified your e-mail address.",
  domain_not_allowed: "Your e-mail address is not in a domain this studio accepts.",
  account_unavailable: "Your account could not be used here.",
};

/** An SSO sign-in refused; `problem` says why (a 404 when SSO is off, 502 when unreachable, else 400). */
export class SsoRefused extends DomainError {
  readonly type = "sso-refused";
  constructor(readonly problem: SsoProblem, readonly detail?: string) {
    super(
      problem === "not_enabled" ? 404 : problem === "provider_unreachable" ? 502 : 400,
      PROBLEM_TEXT[problem],
    );
    this.name = "SsoRefused";
  }
}

/**
 * Password sign-in refused because the studio signs its staff in through its provider (its owners
 * excepted: they keep a password as the way back in when the provider fails).
 */
export class SsoRequired extends ForbiddenError {
  constructor() {
    super('This studio signs in through its organisation account: use "Sign in with SSO".');
    this.name = "SsoRequired";
  }
}

/** The studio's SSO settings when sign-in through them is on, else null. */
export async function enabledSsoConfig(kv: Deno.Kv, tenantId: string): Promise<SsoConfig | null> {
  const config = await getSsoConfig(kv, tenantId);
  return config?.enabled && config.clientSecret ? config : null;
}

/**
 * Throws SsoRequired when the studio requires SSO and `staffId` is a member other than an owner; run
 * before any session starts from a password (sign-in, reset link, invitation). Audited as
 * `auth.sign_in_refused_sso_only`.
 */
export async function refuseIfSsoOnly(
  kv: Deno.Kv,
  staff: { id: string; email: string },
  at: { tenantId: string; ip?: string; userAgent?: string },
  audit?: AuditWriter,
): Promise<void> {
  const config = await enabledSsoConfig(kv, at.tenantId);
  if (!config?.ssoOnly) return;
  const membership = await getMembership(kv, at.tenantId, staff.id);
  if (membership?.role === "owner") return;
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "staff", id: staff.id, label: staff.email },
      action: "auth.sign_in_refused_sso_only",
      ip: at.ip,
      userAgent: at.userAgent,
    });
  }
  throw new SsoRequired();
}

export interface SsoEnvironment {
  kv: Deno.Kv;
  box: SecretBox;
  /** Accept issuers on loopback hosts, http:// too (SSO_ALLOW_PRIVATE_ISSUERS; never production). */
  allowLoopback: boolean;
}

export interface SsoStart {
  tenantId: string;
  /** `<studio origin><base>/sign-in/sso/callback`, as registered at the provider. */
  redirectUri: string;
  /** Where to go once signed in (already checked by safeNext). */
  next: string;
  ip: string;
}

/** The provider's authorization URL to send the browser to, and the state for the cookie. */
export async function startSso(
  env: SsoEnvironment,
  start: SsoStart,
  now = Date.now(),
): Promise<{ url: URL; state: string }> {
  const limit = await hitRateLimit(env.kv, SSO_START_PER_ADDRESS, start.ip, now);
  if (!limit.allowed) {
    throw new RateLimitedError(limit.retryAfterSeconds, "Too many sign-in attempts. Wait a few minutes.");
  }
  const config = await enabledSsoConfig(env.kv, start.tenantId);
  if (!config) throw new SsoRefused("not_enabled");
  const provider = await reach(config, env.allowLoopback);
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const nonce = generateState();
  await putSsoFlow(env.kv, state, {
    tenantId: start.tenantId,
    codeVerifier,
    nonce,
    redirectUri: start.redirectUri,
    next: start.next,
  }, now);
  const client = new OAuth2Client(config.clientId, null, start.redirectUri);
  const url = client.createAuthorizationURLWithPKCE(
    provider.authorizationEndpoint,
    state,
    CodeChallengeMethod.S256,
    codeVerifier,
    SCOPES,
  );
  url.searchParams.set("nonce", nonce);
  return { url, state };
}

export interface SsoCallback {
  tenantId: string;
  /** The state from this browser's cookie. */
  cookieState: string | undefined;
  /** The callback's query parameters. */
  params: URLSearchParams;
  ip: string;
  userAgent?: string;
}

export type SsoOutcome = SignInOutcome & {
  staff: StaffIdentity;
  /** The person joined the studio with this sign-in. */
  joined: boolean;
  next: string;
};

/**
 * Finishes a sign-in the provider sent back: a session (or a two-factor challenge) for the person
 * the ID token names. Throws SsoRefused; failures are audited as `auth.sso_sign_in_failed`.
 */
export async function finishSso(
  env: SsoEnvironment,
  callback: SsoCallback,
  audit?: AuditWriter,
  now = Date.now(),
): Promise<SsoOutcome> {
  const from = { ip: callback.ip, userAgent: callback.userAgent };
  let email: string | undefined;
  try {
    const claims = await verifiedClaims(env, callback, now);
    email = claims.email;
    return await signInMember(env.kv, callback.tenantId, claims, from, audit);
  } catch (err) {
    if (err instanceof SsoRefused && audit) {
      await recordAudit(audit, {
        actor: { type: "staff", label: email },
        action: "auth.sso_sign_in_failed",
        changes: { reason: { after: err.problem } },
        ...from,
      });
    }
    throw err;
  }
}

interface Claims {
  sub: string;
  email: string;
  name: string;
  next: string;
  /** How the provider authenticated the person (RFC 8176 `amr`); "mfa" meets a studio's 2FA rule. */
  amr: string[];
  /** The values of the studio's groups claim (a list, or one string), for the group → role mapping. */
  groups: string[];
}

const MAX_GROUPS = 500;

/** The groups claim as strings: providers send a list, a few a single string. */
function groupsOf(payload: Record<string, unknown>, claim: string): string[] {
  const value = payload[claim];
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return list.filter((item): item is string => typeof item === "string").slice(0, MAX_GROUPS);
}

async function verifiedClaims(env: SsoEnvironment, callback: SsoCallback, now: number): Promise<Claims> {
  const { params } = callback;
  const state = params.get("state") ?? "";
  // The state must be this browser's, whatever else the provider says: it proves who started.
  if (!state || !callback.cookieState || !timingSafeEqual(state, callback.cookieState)) {
    throw new SsoRefused("bad_state");
  }
  const flow = await takeSsoFlow(env.kv, state, callback.tenantId, now);
  if (!flow) throw new SsoRefused("bad_state");
  const providerError = params.get("error");
  if (providerError) throw new SsoRefused("provider_error", providerError.slice(0, 100));
  const code = params.get("code");
  if (!code) throw new SsoRefused("provider_error", "no code");

  const config = await enabledSsoConfig(env.kv, callback.tenantId);
  if (!config) throw new SsoRefused("not_enabled");
  const provider = await reach(config, env.allowLoopback);
  const secret = await env.box.openText(config.clientSecret!, secretContext(config.tenantId));
  const client = new OAuth2Client(config.clientId, secret, flow.redirectUri);
  let idToken: string;
  try {
    const tokens = await client.validateAuthorizationCode(provider.tokenEndpoint, code, flow.codeVerifier);
    idToken = tokens.idToken();
  } catch (err) {
    throw new SsoRefused(
      err instanceof ArcticFetchError ? "provider_unreachable" : "token_exchange_failed",
      err instanceof Error ? err.message.slice(0, 200) : undefined,
    );
  }

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, provider.jwks, {
      issuer: config.issuer,
      audience: config.clientId,
      algorithms: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(now),
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JOSEError) throw new SsoRefused("invalid_token", err.code);
    throw new SsoRefused("provider_unreachable");
  }
  if (typeof payload.nonce !== "string" || !timingSafeEqual(payload.nonce, flow.nonce)) {
    throw new SsoRefused("invalid_token", "nonce");
  }
  // With several audiences, the token must be for us (OpenID Connect Core §3.1.3.7, items 4 and 5).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== config.clientId) {
    throw new SsoRefused("invalid_token", "azp");
  }
  const email = typeof payload.email === "string" ? payload.email.trim().toLowerCase() : "";
  // Entra ID has no email_verified; its xms_edov says the domain owner vouches for the address.
  const verified = payload.email_verified === true || payload.email_verified === "true" ||
    (config.preset === "entra" && payload.xms_edov === true);
  if (!email || !verified) throw new SsoRefused("email_unverified");
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!email.includes("@") || !config.allowedDomains.includes(domain)) {
    throw new SsoRefused("domain_not_allowed", domain);
  }
  return {
    sub: String(payload.sub),
    email,
    name: nameOf(payload, email),
    next: flow.next,
    amr: Array.isArray(payload.amr)
      ? payload.amr.filter((value): value is string => typeof value === "string").slice(0, 10)
      : [],
    groups: groupsOf(payload, config.groupsClaim || DEFAULT_GROUPS_CLAIM),
  };
}

async function signInMember(
  kv: Deno.Kv,
  tenantId: string,
  claims: Claims,
  from: { ip?: string; userAgent?: string },
  audit?: AuditWriter,
): Promise<SsoOutcome> {
  const config = (await enabledSsoConfig(kv, tenantId))!;
  const mapping = mappedRole(config, claims.groups);
  // A newcomer gets the role of their first mapped group, else the studio's default role.
  const newcomerRole = mapping?.role ?? config.defaultRole;
  let staff = await getStaffByEmail(kv, claims.email);
  let joined = false;
  if (!staff) {
    try {
      const created = await createMember(
        kv,
        { email: claims.email, name: claims.name, emailVerifiedAt: new Date().toISOString() },
        tenantId,
        newcomerRole,
      );
      staff = created?.staff ?? null;
      joined = Boolean(created);
    } catch {
      // Someone created the address meanwhile (a parallel sign-in): use theirs.
      staff = await getStaffByEmail(kv, claims.email);
    }
    if (!staff) throw new SsoRefused("account_unavailable");
  }
  if (!joined && !(await getMembership(kv, tenantId, staff.id))) {
    try {
      const result = await joinStudio(kv, tenantId, staff.id, newcomerRole, {
        verifiedEmail: claims.email,
      });
      if (result) staff = result.staff;
      joined = Boolean(result);
    } catch {
      // Joined by a parallel sign-in: fine, the membership check below decides.
    }
    if (!(await getMembership(kv, tenantId, staff.id))) throw new SsoRefused("account_unavailable");
  } else if (!joined && !staff.emailVerifiedAt) {
    // The provider vouched for the address the account is registered under.
    staff = await markEmailVerified(kv, staff.id, claims.email);
  }
  const actor = { type: "staff" as const, id: staff.id, label: staff.email };
  if (joined && audit) {
    await recordAudit(audit, {
      actor,
      action: "member.joined_by_sso",
      entity: { type: "staff", id: staff.id },
      changes: { role: { after: newcomerRole }, ...(mapping ? { group: { after: mapping.group } } : {}) },
      ...from,
    });
  }
  if (!joined && mapping) await applyMappedRole(kv, tenantId, staff, mapping, from, audit);
  const ssoChanges = { issuer: { after: config.issuer }, subject: { after: claims.sub } };
  if (await getTwoFactor(kv, staff.id)) {
    const { token, challenge } = await issueChallenge(kv, { staffId: staff.id, tenantId, next: claims.next });
    if (audit) {
      await recordAudit(audit, {
        actor,
        action: "auth.sso_sign_in_needs_second_factor",
        changes: ssoChanges,
        ...from,
      });
    }
    return { status: "second_factor", challengeToken: token, challenge, staff, joined, next: claims.next };
  }
  const started = await createSession(kv, { staffId: staff.id, tenantId, ...from });
  const providerMfa = providerUsedMfa(claims.amr);
  if (providerMfa) {
    await markProviderMfaSession(kv, started.session.id, { staffId: staff.id, tenantId, amr: claims.amr });
  }
  if (audit) {
    await recordAudit(audit, {
      actor,
      action: "auth.sso_sign_in",
      changes: { ...ssoChanges, ...(providerMfa ? { providerMfa: { after: true } } : {}) },
      ...from,
    });
  }
  return { status: "signed_in", ...started, staff, joined, next: claims.next };
}

/**
 * An existing member whose groups map to another role gets it (the provider is the source of truth
 * for mapped groups), audited as `member.role_changed` by the actor "sso"; their other sessions in
 * the studio end, as with any role change. An owner is never changed.
 */
async function applyMappedRole(
  kv: Deno.Kv,
  tenantId: string,
  staff: StaffIdentity,
  mapping: { group: string; role: Role },
  from: { ip?: string; userAgent?: string },
  audit?: AuditWriter,
): Promise<void> {
  const membership = await getMembership(kv, tenantId, staff.id);
  if (!membership || membership.role === "owner" || membership.role === mapping.role) return;
  await addMembership(kv, tenantId, staff.id, mapping.role);
  await revokeStudioSessions(kv, staff.id, tenantId);
  if (audit) {
    await recordAudit(audit, {
      actor: { type: "system", label: "sso" },
      action: "member.role_changed",
      entity: { type: "staff", id: staff.id },
      changes: {
        role: { before: membership.role, after: mapping.role },
        group: { after: mapping.group },
        email: { after: staff.email },
      },
      ...from,
    });
  }
}

async function reach(config: SsoConfig, allowLoopback: boolean): Promise<DiscoveredProvider> {
  try {
    return await discover(config.issuer, { allowLoopback });
  } catch (err) {
    if (err instanceof DiscoveryFailed) throw new SsoRefused("provider_unreachable", err.message);
    throw err;
  }
}

/** A display name from the token's claims, fit for a staff identity; else the e-mail's local part. */
function nameOf(payload: Record<string, unknown>, email: string): string {
  const given = [payload.given_name, payload.family_name].filter((part) => typeof part === "string").join(
    " ",
  );
  const raw = typeof payload.name === "string" && payload.name.trim() ? payload.name : given;
  // deno-lint-ignore no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  return [...(clean || email.slice(0, email.indexOf("@")))].slice(0, MAX_NAME_LENGTH).join("");
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

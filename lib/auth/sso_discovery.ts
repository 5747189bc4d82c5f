/**
 * OpenID Connect discovery (OpenID Connect Discovery 1.0 §4): an issuer's endpoints and signing keys,
 * read from `<issuer>/.well-known/openid-configuration` and kept for an hour per issuer. The issuer's
 * JWKS is fetched by jose's remote key set, which keeps the keys and fetches them again when a token
 * names a key id it does not know (the provider rotated its keys).
 *
 * ```ts
 * const provider = await discover("https://dev-1.okta.com", { allowInsecure: false });
 * provider.tokenEndpoint; provider.jwks; // → jwtVerify(idToken, provider.jwks, …)
 * ```
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

export interface DiscoveredProvider {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** The issuer's signing keys, for jose's jwtVerify. */
  jwks: JWTVerifyGetKey;
}

/** The provider could not be reached, or its configuration is not usable: an answer for the owner. */
export class DiscoveryFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscoveryFailed";
  }
}

export interface DiscoveryOptions {
  /** Accept http:// addresses on loopback hosts (tests and local development, never production). */
  allowInsecure: boolean;
  now?: number;
}

export const DISCOVERY_TTL_MS = 60 * 60_000;
const TIMEOUT_MS = 5_000;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const cache = new Map<string, { provider: DiscoveredProvider; expiresAt: number }>();

/** Forgets every discovered provider (tests; an owner changing the issuer needs no call). */
export function clearDiscoveryCache(): void {
  cache.clear();
}

/**
 * Whether `url` may be an issuer or endpoint address: https, or http on a loopback host when
 * `allowInsecure`; no credentials, query or fragment.
 */
export function acceptableUrl(url: string, allowInsecure: boolean): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return null;
  if (parsed.protocol === "https:") return parsed;
  return parsed.protocol === "http:" && allowInsecure && LOOPBACK.has(parsed.hostname) ? parsed : null;
}

/** The provider of `issuer`, from the cache or read afresh; throws DiscoveryFailed saying why. */
export async function discover(issuer: string, options: DiscoveryOptions): Promise<DiscoveredProvider> {
  const now = options.now ?? Date.now();
  const key = `${options.allowInsecure ? "insecure" : "secure"} ${issuer}`;
  const cached = cache.get(key);
  if (cached && now < cached.expiresAt) return cached.provider;
  const provider = await readConfiguration(issuer, options.allowInsecure);
  cache.set(key, { provider, expiresAt: now + DISCOVERY_TTL_MS });
  return provider;
}

async function readConfiguration(issuer: string, allowInsecure: boolean): Promise<DiscoveredProvider> {
  if (!acceptableUrl(issuer, allowInsecure)) throw new DiscoveryFailed(`${issuer} is not an https address.`);
  const address = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(address, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DiscoveryFailed(`${address} answered ${response.status}.`);
    }
    document = await response.json();
  } catch (err) {
    if (err instanceof DiscoveryFailed) throw err;
    throw new DiscoveryFailed(`${address} could not be read.`);
  }
  if (typeof document !== "object" || document === null) {
    throw new DiscoveryFailed(`${address} is not a JSON object.`);
  }
  // Discovery §4.3: the issuer in the document is the one asked for, character for character.
  if (document.issuer !== issuer) {
    throw new DiscoveryFailed(`${address} names the issuer ${String(document.issuer)}, not ${issuer}.`);
  }
  const endpoint = (name: string): string => {
    const value = document[name];
    if (typeof value !== "string" || !acceptableUrl(value, allowInsecure)) {
      throw new DiscoveryFailed(`${address} has no usable ${name}.`);
    }
    return value;
  };
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes("S256")) {
    throw new DiscoveryFailed(`${issuer} does not support PKCE with S256.`);
  }
  const jwksUri = endpoint("jwks_uri");
  return {
    issuer,
    authorizationEndpoint: endpoint("authorization_endpoint"),
    tokenEndpoint: endpoint("token_endpoint"),
    jwksUri,
    jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS }),
  };
}

/**
 * OpenID Connect discovery (OpenID Connect Discovery 1.0 §4): an issuer's endpoints and signing keys,
 * read from `<issuer>/.well-known/openid-configuration` and kept for an hour per issuer. The issuer's
 * JWKS is fetched by jose's remote key set, which keeps the keys and fetches them again when a token
 * names a key id it does not know (the provider rotated its keys).
 *
 * The server fetches these addresses because an owner typed the issuer: the issuer, its JWKS and its
 * token endpoint must be https and resolve only to public addresses (lib/net/public_host.ts), so the
 * settings page cannot be used to read the server's own network or the cloud metadata service.
 *
 * ```ts
 * const provider = await discover("https://dev-1.okta.com", { allowLoopback: false });
 * provider.tokenEndpoint; provider.jwks; // → jwtVerify(idToken, provider.jwks, …)
 * ```
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { assertPublicHost, HostRefused, type Resolver } from "../net/public_host.ts";

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

/** An issuer, JWKS or token endpoint address that leads to a private network: refused before any fetch. */
export class IssuerAddressRefused extends DiscoveryFailed {
  constructor(readonly refusal: HostRefused) {
    super(refusal.message);
    this.name = "IssuerAddressRefused";
  }
}

export interface DiscoveryOptions {
  /**
   * Accept loopback addresses, over http:// too (tests and local development, never production:
   * SSO_ALLOW_PRIVATE_ISSUERS). Private networks and the metadata service are refused regardless.
   */
  allowLoopback: boolean;
  now?: number;
  /** Name resolution, for tests; Deno.resolveDns (A and AAAA) by default. */
  resolve?: Resolver;
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
 * `allowLoopback`; no credentials, query or fragment. Where the host leads is checked by discover.
 */
export function acceptableUrl(url: string, allowLoopback: boolean): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return null;
  if (parsed.protocol === "https:") return parsed;
  return parsed.protocol === "http:" && allowLoopback && LOOPBACK.has(parsed.hostname) ? parsed : null;
}

/** The provider of `issuer`, from the cache or read afresh; throws DiscoveryFailed saying why. */
export async function discover(issuer: string, options: DiscoveryOptions): Promise<DiscoveredProvider> {
  const now = options.now ?? Date.now();
  const key = `${options.allowLoopback ? "loopback" : "public"} ${issuer}`;
  const cached = cache.get(key);
  if (cached && now < cached.expiresAt) return cached.provider;
  const provider = await readConfiguration(issuer, options);
  cache.set(key, { provider, expiresAt: now + DISCOVERY_TTL_MS });
  return provider;
}

/** Throws IssuerAddressRefused when `url`'s host is, or resolves to, a non-public address. */
async function refusePrivate(url: URL, options: DiscoveryOptions): Promise<void> {
  try {
    await assertPublicHost(url, { allowLoopback: options.allowLoopback, resolve: options.resolve });
  } catch (err) {
    if (err instanceof HostRefused) throw new IssuerAddressRefused(err);
    throw err;
  }
}

async function readConfiguration(issuer: string, options: DiscoveryOptions): Promise<DiscoveredProvider> {
  const { allowLoopback } = options;
  const issuerUrl = acceptableUrl(issuer, allowLoopback);
  if (!issuerUrl) throw new DiscoveryFailed(`${issuer} is not an https address.`);
  await refusePrivate(issuerUrl, options);
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
    if (typeof value !== "string" || !acceptableUrl(value, allowLoopback)) {
      throw new DiscoveryFailed(`${address} has no usable ${name}.`);
    }
    return value;
  };
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes("S256")) {
    throw new DiscoveryFailed(`${issuer} does not support PKCE with S256.`);
  }
  const jwksUri = endpoint("jwks_uri");
  const tokenEndpoint = endpoint("token_endpoint");
  // The server fetches these two; the authorization endpoint only the person's browser visits.
  for (const host of new Set([new URL(jwksUri).host, new URL(tokenEndpoint).host])) {
    if (host !== issuerUrl.host) await refusePrivate(new URL(`https://${host}`), options);
  }
  return {
    issuer,
    authorizationEndpoint: endpoint("authorization_endpoint"),
    tokenEndpoint,
    jwksUri,
    jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS }),
  };
}

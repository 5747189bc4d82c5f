/**
 * A small OpenID Connect provider served on 127.0.0.1 by a test: discovery, a JWKS with a generated
 * RSA key, /authorize that signs the configured person in at once and redirects back with a code,
 * and /token that checks the client secret, the redirect URI and the PKCE verifier before issuing an
 * ID token. `misbehave` makes the next tokens wrong in one way, to see each refused.
 *
 * ```ts
 * await using idp = await startOidcProvider({ clientId: "rsm", clientSecret: "s3cret" });
 * idp.signInAs({ email: "eli@northsound.example" });
 * idp.misbehave({ audience: "someone-else" });
 * ```
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";

export interface ProviderUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** RFC 8176 authentication methods, e.g. ["pwd", "mfa"]. */
  amr?: string[];
  /** Any other claim the ID token should carry, e.g. `groups: ["studio-admins"]`. */
  [claim: string]: unknown;
}

/** Ways the next ID tokens (or the authorization step) go wrong. */
export interface Misbehaviour {
  /** `aud` other than the client id. */
  audience?: string;
  /** `iss` other than the provider's. */
  issuer?: string;
  /** Expired an hour ago. */
  expired?: boolean;
  /** Signed with a key that is not in the JWKS (same key id). */
  badSignature?: boolean;
  /** A nonce other than the one the authorization request sent. */
  nonce?: string;
  /** The authorization step answers `?error=<this>` instead of a code. */
  authorizeError?: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  user: ProviderUser;
}

export interface OidcProvider extends AsyncDisposable {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The person /authorize signs in from now on. */
  signInAs(user: Partial<ProviderUser> & { email: string }): void;
  misbehave(how: Misbehaviour): void;
  /** Requests each path received, e.g. `counts["/.well-known/openid-configuration"]`. */
  counts: Record<string, number>;
  /** The query of the last /authorize request. */
  lastAuthorize?: URLSearchParams;
}

export async function startOidcProvider(
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<OidcProvider> {
  const clientId = options.clientId ?? "rsm-test-client";
  const clientSecret = options.clientSecret ?? "test-client-secret-0123456789";
  const kid = "test-key-1";
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const impostor = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const grants = new Map<string, Grant>();
  let user: ProviderUser = {
    sub: "user-1",
    email: "eli@northsound.example",
    email_verified: true,
    name: "Eli",
  };
  let wrong: Misbehaviour = {};
  const counts: Record<string, number> = {};
  let issuer = "";
  const provider: OidcProvider = {
    issuer,
    clientId,
    clientSecret,
    counts,
    signInAs(next) {
      user = { sub: `sub-${next.email}`, email_verified: true, ...next };
    },
    misbehave(how) {
      wrong = how;
    },
    [Symbol.asyncDispose]: async () => await server.shutdown(),
  };

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  async function idTokenFor(grant: Grant): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = wrong.expired ? now - 7200 : now;
    const { sub, ...claims } = grant.user;
    return await new SignJWT({ ...claims, nonce: wrong.nonce ?? grant.nonce })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(wrong.issuer ?? issuer)
      .setAudience(wrong.audience ?? grant.clientId)
      .setSubject(sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(wrong.badSignature ? impostor.privateKey : privateKey);
  }

  async function token(req: Request): Promise<Response> {
    const form = new URLSearchParams(await req.text());
    const basic = (req.headers.get("authorization") ?? "").replace(/^Basic /, "");
    const [id, secret] = atob(basic).split(":").map(decodeURIComponent);
    if (id !== clientId || secret !== clientSecret) return json({ error: "invalid_client" }, 401);
    const grant = grants.get(form.get("code") ?? "");
    grants.delete(form.get("code") ?? "");
    if (!grant || form.get("grant_type") !== "authorization_code") {
      return json({ error: "invalid_grant" }, 400);
    }
    if (form.get("redirect_uri") !== grant.redirectUri) return json({ error: "invalid_grant" }, 400);
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(form.get("code_verifier") ?? "")),
    );
    if (encodeBase64urlNoPadding(digest) !== grant.codeChallenge) {
      return json({ error: "invalid_grant", error_description: "PKCE verification failed" }, 400);
    }
    return json({
      access_token: crypto.randomUUID(),
      token_type: "Bearer",
      expires_in: 3600,
      id_token: await idTokenFor(grant),
    });
  }

  function authorize(url: URL): Response {
    const q = url.searchParams;
    provider.lastAuthorize = q;
    const redirectUri = q.get("redirect_uri") ?? "";
    if (q.get("client_id") !== clientId || !redirectUri) return json({ error: "invalid_request" }, 400);
    const back = new URL(redirectUri);
    back.searchParams.set("state", q.get("state") ?? "");
    if (wrong.authorizeError) {
      back.searchParams.set("error", wrong.authorizeError);
    } else {
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256") {
        return json({ error: "invalid_request" }, 400);
      }
      const code = crypto.randomUUID();
      grants.set(code, {
        clientId,
        redirectUri,
        codeChallenge: q.get("code_challenge") ?? "",
        nonce: q.get("nonce") ?? "",
        user,
      });
      back.searchParams.set("code", code);
    }
    return new Response(null, { status: 302, headers: { location: back.href } });
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    counts[url.pathname] = (counts[url.pathname] ?? 0) + 1;
    switch (url.pathname) {
      case "/.well-known/openid-configuration":
        return json({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
        });
      case "/jwks":
        return json({ keys: [jwk] });
      case "/authorize":
        return authorize(url);
      case "/token":
        return req.method === "POST" ? await token(req) : json({ error: "invalid_request" }, 405);
      default:
        return json({ error: "not_found" }, 404);
    }
  });
  issuer = `http://127.0.0.1:${server.addr.port}`;
  provider.issuer = issuer;
  return provider;
}

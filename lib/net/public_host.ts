/**
 * Refuses a URL the server is about to fetch on someone's say-so (an SSO issuer, its JWKS, its token
 * endpoint) when its host is, or resolves to, an address that is not on the public internet: the
 * server would otherwise read its own loopback services, the office network or the cloud metadata
 * service for whoever typed the URL (SSRF). Every A and AAAA record is checked, since the fetch may
 * use any of them.
 *
 * ```ts
 * await assertPublicHost(new URL(issuer), { allowLoopback: config.ssoAllowPrivateIssuers });
 * ```
 *
 * The check and the later fetch resolve the name separately, so a name whose records change in
 * between (DNS rebinding) is not caught here; docs/SSO.md says so.
 */
import { type AddressClass, addressClass } from "./private_address.ts";

/** The host is not reachable on the public internet, or could not be resolved at all. */
export class HostRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string | null,
    readonly kind: AddressClass | "unresolved",
  ) {
    super(
      kind === "unresolved"
        ? `${host} could not be resolved.`
        : address === host
        ? `${host} is ${DESCRIPTION[kind]}, not an address on the public internet.`
        : `${host} resolves to ${address}, ${DESCRIPTION[kind]}, not an address on the public internet.`,
    );
    this.name = "HostRefused";
  }
}

const DESCRIPTION: Record<AddressClass, string> = {
  public: "a public address",
  loopback: "a loopback address (this server itself)",
  private: "a private network address",
  link_local: "a link-local address",
  metadata: "the cloud metadata service",
  cgnat: "a carrier-grade NAT address",
  unique_local: "a unique-local (private) IPv6 address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
  invalid: "not an address",
};

/** Resolves a host name to its IPv4 and IPv6 addresses (Deno.resolveDns by default). */
export type Resolver = (host: string) => Promise<string[]>;

export interface PublicHostOptions {
  /** Loopback addresses pass too (tests and local development: SSO_ALLOW_PRIVATE_ISSUERS). */
  allowLoopback: boolean;
  resolve?: Resolver;
}

/** Throws HostRefused unless every address of `url`'s host is public (or loopback, when allowed). */
export async function assertPublicHost(url: URL, options: PublicHostOptions): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const accept = (address: string, kind: AddressClass) => {
    if (kind === "public" || (kind === "loopback" && options.allowLoopback)) return;
    throw new HostRefused(host, address, kind);
  };
  const literal = addressClass(host);
  if (literal !== "invalid") return accept(host, literal);
  // RFC 6761: localhost and its subdomains are this machine, whatever a resolver says.
  if (host === "localhost" || host.endsWith(".localhost")) return accept(host, "loopback");
  const addresses = await (options.resolve ?? resolveDns)(host);
  if (addresses.length === 0) throw new HostRefused(host, null, "unresolved");
  for (const address of addresses) accept(address, addressClass(address));
}

/** A and AAAA records of `host`; a name with only one kind is fine, with neither is empty. */
export async function resolveDns(host: string): Promise<string[]> {
  const lookup = async (type: "A" | "AAAA") => {
    try {
      return await Deno.resolveDns(host, type, { signal: AbortSignal.timeout(5_000) });
    } catch {
      return [];
    }
  };
  const [v4, v6] = await Promise.all([lookup("A"), lookup("AAAA")]);
  return [...v4, ...v6];
}

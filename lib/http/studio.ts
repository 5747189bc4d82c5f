import type { MiddlewareHandler } from "hono";
import { StudioUnavailableError } from "../errors.ts";
import type { Tenant } from "../kv/tenants.ts";
import { hostOfUrl, studioAddress } from "../tenancy/address.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** The studio a request is for, with its open database. */
export interface StudioContext {
  tenant: Tenant;
  db: TenantDb;
  /** Prefix for the studio's own links: "/s/<slug>" when addressed by path, else "". */
  base: string;
}

/**
 * Resolves the studio from the Host header or `/s/<slug>/` (through the tenancy's short-lived lookup
 * cache: a suspension made elsewhere applies within seconds) and leases its database for the rest of
 * the request. Every tenant route reads `ctx.state.studio`, so no query can reach another studio's
 * database: the handle itself is the studio's. Platform addresses pass through with no studio.
 */
export function resolveStudio(tenancy: Tenancy, baseDomain: string): MiddlewareHandler {
  return async (c, next) => {
    // Deno.serve builds the URL from the Host header, so its host is the one the client asked for.
    const address = studioAddress(hostOfUrl(c.req.raw.url), new URL(c.req.raw.url).pathname, baseDomain);
    if (address.kind === "platform") return await next();
    const tenant = address.kind === "domain"
      ? await tenancy.lookup.byDomain(address.hostname)
      : address.slug
      ? await tenancy.lookup.bySlug(address.slug)
      : null;
    if (!tenant || tenant.status === "deleting") throw new StudioUnavailableError("unknown");
    if (tenant.status === "suspended") throw new StudioUnavailableError("suspended");
    if (tenant.status === "provisioning") throw new StudioUnavailableError("provisioning");
    using lease = await tenancy.pool.lease(tenant.database);
    c.set("studio", { tenant, db: lease.db, base: address.base } satisfies StudioContext);
    await next();
  };
}

/**
 * The studio of a route that only exists at a studio's address (sign-in, password reset…); on the
 * platform's own host such a route answers "no studio here".
 */
export function requireStudio(ctx: { state: { studio?: StudioContext } }): StudioContext {
  if (!ctx.state.studio) throw new StudioUnavailableError("unknown");
  return ctx.state.studio;
}

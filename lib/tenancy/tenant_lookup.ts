import { getTenantByDomain, getTenantBySlug, type Tenant } from "../kv/tenants.ts";

export interface TenantLookupOptions {
  /** How long an answer (including "no such studio") is reused; 0 turns the cache off. */
  ttlMs: number;
  /** Addresses remembered at most; the oldest is forgotten first. */
  maxEntries: number;
  now?: () => number;
}

/**
 * Finds the studio an address names, remembering each answer for a moment. Every request resolves
 * its studio, and two KV reads per request are most of that cost; a change made elsewhere (a
 * suspension, a new custom domain) is seen within `ttlMs`. `forget` makes this process's own
 * changes visible at once.
 */
export class TenantLookup {
  readonly #answers = new Map<string, { tenant: Tenant | null; until: number }>();

  constructor(private readonly kv: Deno.Kv, private readonly options: TenantLookupOptions) {}

  bySlug(slug: string): Promise<Tenant | null> {
    return this.#lookup(`s:${slug}`, () => getTenantBySlug(this.kv, slug));
  }

  byDomain(hostname: string): Promise<Tenant | null> {
    return this.#lookup(`d:${hostname}`, () => getTenantByDomain(this.kv, hostname));
  }

  /** Drops what is remembered about a studio's addresses. */
  forget(tenant: Pick<Tenant, "slug" | "customDomains">): void {
    this.#answers.delete(`s:${tenant.slug}`);
    for (const domain of tenant.customDomains) this.#answers.delete(`d:${domain}`);
  }

  async #lookup(key: string, read: () => Promise<Tenant | null>): Promise<Tenant | null> {
    const now = (this.options.now ?? Date.now)();
    const known = this.#answers.get(key);
    if (known && known.until > now) return known.tenant;
    const tenant = await read();
    if (this.options.ttlMs > 0) {
      this.#answers.delete(key);
      this.#answers.set(key, { tenant, until: now + this.options.ttlMs });
      if (this.#answers.size > this.options.maxEntries) {
        this.#answers.delete(this.#answers.keys().next().value!);
      }
    }
    return tenant;
  }
}

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

  /** Answers remembered now, none of them expired longer than until the next lookup. */
  get size(): number {
    return this.#answers.size;
  }

  /** Drops what is remembered about a studio's addresses. */
  forget(tenant: Pick<Tenant, "slug" | "customDomains">): void {
    this.#answers.delete(`s:${tenant.slug}`);
    for (const domain of tenant.customDomains) this.#answers.delete(`d:${domain}`);
  }

  async #lookup(key: string, read: () => Promise<Tenant | null>): Promise<Tenant | null> {
    const now = (this.options.now ?? Date.now)();
    this.#dropExpired(now);
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

  /**
   * Every answer lives `ttlMs`, and insertion order is expiry order, so the expired ones are at the
   * front. Keeping them until `maxEntries` pushed them out held a Tenant for every studio ever
   * addressed, for good: 1.5 MB after touching 1,000 studios (docs/BENCHMARKS.md, Tenancy).
   */
  #dropExpired(now: number): void {
    for (const [key, answer] of this.#answers) {
      if (answer.until > now) return;
      this.#answers.delete(key);
    }
  }
}

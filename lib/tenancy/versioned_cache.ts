import type { TenantDb } from "./tenant_db.ts";
import { currentDataVersion } from "./data_version.ts";

export interface VersionedCacheOptions {
  /** Total size of the cached values, as `sizeOf` counts it; least recently used go first. */
  maxBytes: number;
  /**
   * Even at the same data version an entry is recomputed after this long: some values also depend
   * on the clock (a hold that expired), which no write announces.
   */
  maxAgeMs: number;
}

interface Entry<T> {
  version: string;
  value: T;
  bytes: number;
  storedAt: number;
}

/**
 * Values computed from a studio's data, reused while its data version (lib/tenancy/data_version.ts)
 * is unchanged: one indexed single-row read per lookup (shared by lookups at the same moment)
 * instead of the query and the rendering. The version is read before computing, so a change
 * committed meanwhile makes the entry stale at once.
 * Process-local: each app instance keeps its own, bounded by size.
 */
export class VersionedCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #options: VersionedCacheOptions;
  readonly #sizeOf: (value: T) => number;
  #bytes = 0;

  constructor(options: VersionedCacheOptions, sizeOf: (value: T) => number) {
    this.#options = options;
    this.#sizeOf = sizeOf;
  }

  /** The value for `key` in the studio `tenantId`, computed by `compute` unless a fresh one is kept. */
  async get(
    db: Pick<TenantDb, "execute">,
    tenantId: string,
    key: string,
    compute: () => Promise<T>,
    now = Date.now(),
  ): Promise<T> {
    const version = await currentDataVersion(db);
    const id = `${tenantId}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry && entry.version === version && now - entry.storedAt < this.#options.maxAgeMs) {
      // Re-inserted so that the Map's order stays least-recently-used first.
      this.#entries.delete(id);
      this.#entries.set(id, entry);
      return entry.value;
    }
    const value = await compute();
    this.#store(id, { version, value, bytes: this.#sizeOf(value), storedAt: now });
    return value;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #store(id: string, entry: Entry<T>): void {
    this.#remove(id);
    if (entry.bytes > this.#options.maxBytes) return;
    this.#entries.set(id, entry);
    this.#bytes += entry.bytes;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.#options.maxBytes) break;
      this.#remove(oldest);
    }
  }

  #remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
  }
}

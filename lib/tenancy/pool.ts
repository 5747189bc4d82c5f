import type { DatabaseLocator } from "../kv/tenants.ts";
import type { TenantConnection, TenantDb } from "./tenant_db.ts";

export interface TenantPoolOptions {
  /** Open databases kept at most, counting ones still closing: the cap on memory and server connections. */
  max: number;
  /** An unused database is closed after this long. */
  idleMs: number;
  open(locator: DatabaseLocator): Promise<TenantConnection>;
  /** Reports a close that failed; the slot is freed regardless. */
  onCloseError?(err: unknown, locator: DatabaseLocator): void;
}

/** A database handed to one unit of work; `release` (or `using`) gives it back. */
export interface TenantLease extends Disposable {
  readonly db: TenantDb;
  release(): void;
}

export interface TenantPoolStats {
  /** Open or opening, plus evicted ones still draining or closing. */
  slotsInUse: number;
  leased: number;
  waiting: number;
}

interface Entry {
  key: string;
  locator: DatabaseLocator;
  connection: Promise<TenantConnection>;
  leases: number;
  lastUsed: number;
  /** Evicted: closes when its last lease is released. */
  retired: boolean;
  slotFreed: boolean;
}

/**
 * The bounded LRU of open tenant databases. However many studios exist, at most `max` databases are
 * open at once — so memory (PGlite instances) and server connections (max × connections per tenant)
 * stay flat. A database in use is never closed under a request: when every slot is leased, the
 * next request for another studio waits for a slot instead of exceeding the cap.
 */
export class TenantPool {
  readonly #entries = new Map<string, Entry>(); // insertion order = least recently used first
  #slotsInUse = 0;
  readonly #waiters: (() => void)[] = [];
  readonly #sweeper: ReturnType<typeof setInterval>;
  #closed = false;

  constructor(private readonly options: TenantPoolOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) {
      throw new RangeError("max must be a positive integer");
    }
    this.#sweeper = setInterval(() => this.#closeIdle(), Math.max(1000, options.idleMs / 2));
    Deno.unrefTimer(Number(this.#sweeper));
  }

  /** A lease on the studio's database, opening it when it is not open yet. */
  async lease(locator: DatabaseLocator): Promise<TenantLease> {
    const key = locatorKey(locator);
    for (;;) {
      if (this.#closed) throw new Error("The tenant pool is closed");
      const entry = this.#entries.get(key);
      if (entry) return this.#leaseOf(entry);
      if (this.#slotsInUse < this.options.max || this.#retireLeastRecentlyUsed()) break;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#slotsInUse++;
    const entry: Entry = {
      key,
      locator,
      connection: this.options.open(locator),
      leases: 0,
      lastUsed: performance.now(),
      retired: false,
      slotFreed: false,
    };
    this.#entries.set(key, entry);
    entry.connection.catch(() => {
      // A failed open frees its slot; the next lease tries again.
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
      this.#freeSlot(entry);
    });
    return this.#leaseOf(entry);
  }

  /** Runs `work` with the studio's database, releasing it afterwards. */
  async use<T>(locator: DatabaseLocator, work: (db: TenantDb) => Promise<T>): Promise<T> {
    using lease = await this.lease(locator);
    return await work(lease.db);
  }

  /** Closes the studio's database once unused (suspension, deletion, a move between regions). */
  async evict(locator: DatabaseLocator): Promise<void> {
    const entry = this.#entries.get(locatorKey(locator));
    if (entry) await this.#retire(entry);
  }

  stats(): TenantPoolStats {
    let leased = 0;
    for (const entry of this.#entries.values()) leased += entry.leases;
    return { slotsInUse: this.#slotsInUse, leased, waiting: this.#waiters.length };
  }

  /** Closes every database; leases still out keep working until released. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    await Promise.all([...this.#entries.values()].map((entry) => this.#retire(entry)));
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async #leaseOf(entry: Entry): Promise<TenantLease> {
    entry.leases++;
    entry.lastUsed = performance.now();
    // Most recently used goes last.
    this.#entries.delete(entry.key);
    this.#entries.set(entry.key, entry);
    let connection: TenantConnection;
    try {
      connection = await entry.connection;
    } catch (err) {
      entry.leases--;
      throw err;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.leases--;
      entry.lastUsed = performance.now();
      if (entry.leases > 0) return;
      if (entry.retired) this.#closeEntry(entry);
      // Someone waits for a slot: this now idle database makes room.
      else if (this.#waiters.length > 0) this.#retire(entry);
    };
    return { db: connection.db, release, [Symbol.dispose]: release };
  }

  /** Retires the least recently used unleased database to make room; false when all are in use. */
  #retireLeastRecentlyUsed(): boolean {
    for (const entry of this.#entries.values()) {
      if (entry.leases === 0) {
        this.#retire(entry);
        return this.#slotsInUse < this.options.max;
      }
    }
    return false;
  }

  #retire(entry: Entry): Promise<void> {
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
    if (entry.retired) return Promise.resolve();
    entry.retired = true;
    return entry.leases === 0 ? this.#closeEntry(entry) : Promise.resolve();
  }

  /** The slot stays taken until the close finishes, so server connections never exceed the cap. */
  async #closeEntry(entry: Entry): Promise<void> {
    if (entry.slotFreed) return; // its open failed: nothing to close
    try {
      await (await entry.connection).close();
    } catch (err) {
      this.options.onCloseError?.(err, entry.locator);
    } finally {
      this.#freeSlot(entry);
    }
  }

  #freeSlot(entry: Entry): void {
    if (entry.slotFreed) return;
    entry.slotFreed = true;
    this.#slotsInUse--;
    this.#waiters.shift()?.();
  }

  #closeIdle(): void {
    const cutoff = performance.now() - this.options.idleMs;
    for (const entry of [...this.#entries.values()]) {
      if (entry.leases === 0 && entry.lastUsed < cutoff) this.#retire(entry);
    }
  }
}

const locatorKey = (l: DatabaseLocator): string => `${l.driver}:${l.region}:${l.name}`;

import assert from "node:assert/strict";
import type { DatabaseLocator } from "../kv/tenants.ts";
import { TenantPool } from "./pool.ts";
import type { TenantConnection, TenantDb } from "./tenant_db.ts";

/** Counts opens and closes; the pool's bookkeeping is what is under test, not a database. */
function tracker(options: { failOpen?: (name: string) => boolean; openDelayMs?: number } = {}) {
  const open = new Set<string>();
  const log: string[] = [];
  let maxOpen = 0;
  return {
    open: new Set<string>(),
    log,
    get maxOpen() {
      return maxOpen;
    },
    get openNow() {
      return open.size;
    },
    async connect(locator: DatabaseLocator): Promise<TenantConnection> {
      if (options.openDelayMs) await new Promise((r) => setTimeout(r, options.openDelayMs));
      if (options.failOpen?.(locator.name)) throw new Error(`cannot open ${locator.name}`);
      open.add(locator.name);
      maxOpen = Math.max(maxOpen, open.size);
      log.push(`open ${locator.name}`);
      return {
        db: { name: locator.name } as unknown as TenantDb,
        close: async () => {
          await new Promise((r) => setTimeout(r, 1));
          open.delete(locator.name);
          log.push(`close ${locator.name}`);
        },
      };
    },
  };
}

const at = (name: string): DatabaseLocator => ({ driver: "pglite", region: "eu", name });
const nameOf = (db: TenantDb) => (db as unknown as { name: string }).name;

Deno.test("pool: a studio's database is opened once and shared by concurrent leases", async () => {
  const t = tracker({ openDelayMs: 5 });
  const pool = new TenantPool({ max: 4, idleMs: 60_000, open: t.connect });
  const leases = await Promise.all([pool.lease(at("a")), pool.lease(at("a")), pool.lease(at("a"))]);
  assert.deepEqual(t.log, ["open a"]);
  assert.equal(pool.stats().leased, 3);
  leases.forEach((l) => l.release());
  leases[0].release(); // a second release of one lease changes nothing
  assert.equal(pool.stats().leased, 0);
  await pool.close();
  assert.equal(t.openNow, 0);
});

Deno.test("pool: the least recently used idle database is closed to stay within max", async () => {
  const t = tracker();
  const pool = new TenantPool({ max: 2, idleMs: 60_000, open: t.connect });
  await pool.use(at("a"), () => Promise.resolve());
  await pool.use(at("b"), () => Promise.resolve());
  await pool.use(at("a"), () => Promise.resolve()); // a is now the most recent
  await pool.use(at("c"), () => Promise.resolve());
  assert.deepEqual(t.log, ["open a", "open b", "close b", "open c"]);
  assert.equal(t.maxOpen, 2);
  await pool.close();
});

Deno.test("pool: with every slot leased, another studio waits instead of exceeding the cap", async () => {
  const t = tracker();
  const pool = new TenantPool({ max: 2, idleMs: 60_000, open: t.connect });
  const a = await pool.lease(at("a"));
  const b = await pool.lease(at("b"));
  let cOpened = false;
  const c = pool.lease(at("c")).then((lease) => (cOpened = true, lease));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(cOpened, false);
  assert.equal(pool.stats().waiting, 1);
  assert.equal(nameOf(a.db), "a", "a lease stays usable while others wait");
  b.release();
  const cLease = await c;
  assert.equal(nameOf(cLease.db), "c");
  assert.equal(t.maxOpen, 2);
  assert.ok(t.log.indexOf("close b") < t.log.indexOf("open c"), "b closed before c opened");
  a.release();
  cLease.release();
  await pool.close();
});

Deno.test("pool: many studios in turn never hold more than max open", async () => {
  const t = tracker();
  const pool = new TenantPool({ max: 5, idleMs: 60_000, open: t.connect });
  await Promise.all(
    Array.from(
      { length: 200 },
      (_, i) => pool.use(at(`s${i % 40}`), () => new Promise((r) => setTimeout(r, 1))),
    ),
  );
  assert.ok(t.maxOpen <= 5, `max open ${t.maxOpen}`);
  assert.ok(pool.stats().slotsInUse <= 5);
  await pool.close();
  assert.equal(t.openNow, 0);
});

Deno.test("pool: a failed open frees its slot and the next lease tries again", async () => {
  let fail = true;
  const t = tracker({ failOpen: () => fail });
  const pool = new TenantPool({ max: 1, idleMs: 60_000, open: t.connect });
  await assert.rejects(pool.lease(at("a")), /cannot open a/);
  assert.equal(pool.stats().slotsInUse, 0);
  fail = false;
  using lease = await pool.lease(at("a"));
  assert.equal(nameOf(lease.db), "a");
  lease.release();
  await pool.close();
});

Deno.test("pool: evict waits for the last lease, then closes", async () => {
  const t = tracker();
  const pool = new TenantPool({ max: 3, idleMs: 60_000, open: t.connect });
  const lease = await pool.lease(at("a"));
  await pool.evict(at("a"));
  assert.equal(t.openNow, 1, "still leased");
  lease.release();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(t.openNow, 0);
  // The next lease opens it afresh.
  await pool.use(at("a"), () => Promise.resolve());
  assert.deepEqual(t.log, ["open a", "close a", "open a"]);
  await pool.close();
});

Deno.test("pool: databases unused for idleMs are closed", async () => {
  const t = tracker();
  const pool = new TenantPool({ max: 3, idleMs: 1000, open: t.connect });
  await pool.use(at("a"), () => Promise.resolve());
  await new Promise((r) => setTimeout(r, 1700));
  assert.equal(t.openNow, 0);
  assert.equal(pool.stats().slotsInUse, 0);
  await pool.close();
});

/**
 * The behaviour every TenantDriver owes provisioning, migrations and the pool, as one suite run
 * on each driver against a real database (conformance_test.ts):
 *
 * ```ts
 * driverConformance("postgres", async () => {
 *   const server = await sharedPostgres();
 *   const driver = new PostgresDriver({ clusters: { eu: server.url }, migrations: await loadMigrations() });
 *   return { driver, region: "eu", [Symbol.asyncDispose]: () => driver.close() };
 * });
 * ```
 */
import assert from "node:assert/strict";
import { and, arrayContains, eq, gte, inArray, sql } from "drizzle-orm";
import { auditLog, billingSettings, clients, studioProfile } from "../../../db/schema/mod.ts";
import type { DatabaseLocator } from "../../kv/tenants.ts";
import { latestVersion, loadMigrations, migrate, type Migration, rowsOf } from "../migrations.ts";
import { ReusableInsert } from "../reusable_insert.ts";
import { ReusableSelects } from "../reusable_select.ts";
import type { TenantConnection } from "../tenant_db.ts";
import type { TenantDriver } from "./driver.ts";

/** A driver ready to use in `region`; disposing it releases the driver and whatever backs it. */
export interface DriverFixture extends AsyncDisposable {
  driver: TenantDriver;
  region: string;
}

/** Registers the conformance cases, each named `<name>: …`, each with a fresh fixture. */
export function driverConformance(name: string, setup: () => Promise<DriverFixture>): void {
  const test = (title: string, fn: (t: Harness) => Promise<void>) =>
    Deno.test(`${name}: ${title}`, async () => {
      await using fixture = await setup();
      const harness = new Harness(fixture, await loadMigrations());
      try {
        await fn(harness);
      } finally {
        await harness.cleanUp();
      }
    });

  test("a new studio's database is at the latest schema version", async (t) => {
    const locator = await t.create();
    assert.equal(locator.driver, t.driver.name);
    assert.equal(locator.region, t.region);
    assert.equal(await t.driver.exists(locator), true);
    await t.using(locator, async (db) => {
      assert.equal(await schemaVersion(db), latestVersion(t.migrations));
    });
  });

  test("create is idempotent and keeps the data", async (t) => {
    const locator = await t.create();
    await t.using(locator, (db) => insertProfile(db, "Blue Room"));
    const again = await t.driver.create(t.region, locator.name);
    assert.deepEqual(again, locator);
    await t.using(again, async (db) => {
      assert.deepEqual((await db.select().from(studioProfile)).map((row) => row.name), ["Blue Room"]);
    });
  });

  test("reused statements read and write as drizzle's own do, on the database and in a transaction", async (t) => {
    const locator = await t.create();
    await t.using(locator, async (db) => {
      const at = new Date("2026-03-29T00:30:00.000Z");
      const rows = [
        { actorType: "staff" as const, actorId: "usr_1", action: "x.one", changes: { n: { after: 1 } }, at },
        { actorType: "system" as const, actorId: null, action: "x.two", changes: null, at },
      ];
      const inserted = await insertAudit.run(db, rows);
      const own = await db.select().from(auditLog).orderBy(auditLog.id);
      assert.deepEqual(inserted, own, "the rows answered are the rows stored");
      assert.deepEqual(own.map((r) => [r.actorId, r.changes, r.at.toISOString()]), [
        ["usr_1", { n: { after: 1 } }, at.toISOString()],
        [null, null, at.toISOString()],
      ]);
      const since = (from: Date, actions: string[]) =>
        auditSince.run(db, actions.length, {
          from: from.toISOString(),
          ...Object.fromEntries(actions.map((a, i) => [`action${i}`, a])),
        });
      assert.deepEqual(
        await since(at, ["x.one", "x.two"]),
        own.map(({ id, action, at }) => ({ id, action, at })),
      );
      assert.deepEqual((await since(at, ["x.two"])).map((r) => r.action), ["x.two"], "new values, same text");
      assert.deepEqual(await since(new Date(at.getTime() + 1), ["x.one"]), []);

      const rolledBack = new Error("roll back");
      await assert.rejects(
        db.transaction(async (tx) => {
          await insertAudit.run(tx, [{ ...rows[1], action: "x.three" }]);
          const inside = await auditSince.run(tx, 1, { from: at.toISOString(), action0: "x.three" });
          assert.equal(inside.length, 1, "visible inside its transaction");
          throw rolledBack;
        }),
        rolledBack,
      );
      assert.deepEqual(await since(at, ["x.three"]), [], "rolled back with its transaction");
    });
  });

  test("two studios' databases are isolated", async (t) => {
    const [a, b] = [await t.create(), await t.create()];
    await t.using(a, (db) => insertProfile(db, "A"));
    await t.using(b, async (db) => {
      assert.equal((await db.select().from(studioProfile)).length, 0, "B does not see A's rows");
    });
  });

  test("a failed transaction rolls back fully", async (t) => {
    const locator = await t.create();
    await t.using(locator, async (db) => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await insertProfile(tx, "Half-written");
          assert.equal((await tx.select().from(studioProfile)).length, 1, "visible inside the transaction");
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.equal((await db.select().from(studioProfile)).length, 0);
    });
  });

  test("drop removes the database, and dropping a missing one is fine", async (t) => {
    const locator = await t.create();
    await t.driver.drop(locator);
    assert.equal(await t.driver.exists(locator), false);
    await t.driver.drop(locator);
    const never = { ...locator, name: t.newName() };
    assert.equal(await t.driver.exists(never), false);
    await t.driver.drop(never);
  });

  test("five studios can be created concurrently", async (t) => {
    const locators = await Promise.all(Array.from({ length: 5 }, () => t.create()));
    assert.equal(new Set(locators.map((l) => l.name)).size, 5);
    for (const locator of locators) {
      await t.using(locator, async (db) => {
        assert.equal(await schemaVersion(db), latestVersion(t.migrations));
      });
    }
  });

  test("array columns (text[], integer[]) read back as written, through queries and transactions", async (t) => {
    const locator = await t.create();
    // Characters the array literal format must quote or escape, and values that look like others.
    const tags = ["vip", "a,b", 'say "hi"', "{brace}", "back\\slash", "NULL", "", " padded ", "été"];
    await t.using(locator, async (db) => {
      await db.insert(clients).values({ id: "c1", kind: "person", name: "Ada", tags });
      assert.deepEqual((await db.select({ tags: clients.tags }).from(clients))[0].tags, tags);
      const found = await db.query.clients.findFirst({ where: (c, { eq }) => eq(c.id, "c1") });
      assert.deepEqual([found?.tags, found?.extraEmails], [tags, []]);
      const matching = await db.select({ id: clients.id }).from(clients).where(
        arrayContains(clients.tags, ["a,b"]),
      );
      assert.deepEqual(matching, [{ id: "c1" }]);

      await db.insert(billingSettings).values({});
      assert.deepEqual((await db.select().from(billingSettings))[0].reminderDays, [3, 14, 30], "the default");
      await db.transaction(async (tx) => {
        await tx.update(billingSettings).set({ reminderDays: [1, 7], taxIds: ["VAT FR1", "GST 2"] })
          .where(eq(billingSettings.id, 1));
        const [row] = await tx.select().from(billingSettings);
        assert.deepEqual([row.reminderDays, row.taxIds], [[1, 7], ["VAT FR1", "GST 2"]]);
      });
      // Raw SQL gets arrays too, their elements typed, with nothing of Drizzle's column mapping.
      const raw = await db.execute(
        sql`SELECT reminder_days, ARRAY[NULL, 'x\\y'] AS texts FROM billing_settings`,
      );
      assert.deepEqual([...rowsOf(raw)], [{ reminder_days: [1, 7], texts: [null, "x\\y"] }]);
    });
  });

  test("running migrate() again on a new database is a no-op", async (t) => {
    const locator = await t.create();
    await t.using(locator, async (db) => {
      const latest = latestVersion(t.migrations);
      assert.deepEqual(await migrate(db, t.migrations), { from: latest, to: latest, applied: [] });
    });
  });
}

const insertAudit = new ReusableInsert(auditLog, ["actorType", "actorId", "action", "changes", "at"], {
  returning: true,
});
const auditSince = new ReusableSelects((qb, actions: number) =>
  qb.select({ id: auditLog.id, action: auditLog.action, at: auditLog.at }).from(auditLog).where(and(
    gte(auditLog.at, sql`${sql.placeholder("from")}::timestamptz`),
    inArray(auditLog.action, Array.from({ length: actions }, (_, i) => sql.placeholder(`action${i}`))),
  )).orderBy(auditLog.id)
);

type Db = TenantConnection["db"];
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What each case works with: unique studio names, and every database it made dropped afterwards. */
class Harness {
  readonly driver: TenantDriver;
  readonly region: string;
  readonly #created: DatabaseLocator[] = [];

  constructor(fixture: DriverFixture, readonly migrations: Migration[]) {
    this.driver = fixture.driver;
    this.region = fixture.region;
  }

  /** Unique per run, so cases may share one server. */
  newName(): string {
    return `t_conf_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  }

  async create(): Promise<DatabaseLocator> {
    const locator = await this.driver.create(this.region, this.newName());
    this.#created.push(locator);
    return locator;
  }

  async using(locator: DatabaseLocator, fn: (db: Db) => Promise<unknown>): Promise<void> {
    const connection = await this.driver.open(locator);
    try {
      await fn(connection.db);
    } finally {
      await connection.close();
    }
  }

  async cleanUp(): Promise<void> {
    for (const locator of this.#created) await this.driver.drop(locator);
  }
}

async function schemaVersion(db: Db): Promise<number> {
  const result = await db.execute(sql`SELECT max(version) AS v FROM rsm_schema_migrations`);
  return Number(rowsOf<{ v: number }>(result)[0].v);
}

async function insertProfile(db: Db | Tx, name: string): Promise<void> {
  await db.insert(studioProfile).values({ name, timezone: "Europe/Paris", currency: "EUR", locale: "fr" });
}

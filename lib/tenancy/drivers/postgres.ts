import postgres from "postgres";
import type { DatabaseLocator } from "../../kv/tenants.ts";
import { latestVersion, migrate, type Migration } from "../migrations.ts";
import type { TenantConnection } from "../tenant_db.ts";
import { connectionPrepares } from "./connection_prepares.ts";
import { installBuiltInArrayTypes } from "./postgres_arrays.ts";
import { postgresJsDb } from "./postgres_js_db.ts";
import type { TenantDriver } from "./driver.ts";

export interface PostgresDriverOptions {
  /** Our region → the admin URL of its cluster (`postgres://user:pw@host:5432/postgres`), from POSTGRES_URL_<REGION>. */
  clusters: Record<string, string>;
  migrations: Migration[];
  /** Default 2: the pool keeps many studios open, each needs few connections. */
  maxConnectionsPerTenant?: number;
  /** Default 30. */
  idleTimeoutSeconds?: number;
  /**
   * Named prepared statements (default true). Turn off when the clusters sit behind a
   * transaction-mode pooler that cannot track them.
   */
  prepare?: boolean;
}

const TEMPLATE_PREFIX = "rsm_template_v";
/** Serializes template builders across processes; released with the session if a builder dies. */
const TEMPLATE_LOCK_KEY = 7_482_914;
/** Identifier-safe, at most Postgres' 63 bytes, and the same rule the other drivers accept. */
const DATABASE_NAME = /^[a-z0-9_][a-z0-9_-]{0,62}$/;
const TEMPLATE = /^rsm_template_v(\d+)$/;
const PARTIAL_TEMPLATE = /^rsm_template_v\d+_partial_[0-9a-f]{8}$/;
const RESERVED_NAMES = new Set(["postgres", "template0", "template1"]);
const DUPLICATE_DATABASE = "42P04";
const UNDEFINED_DATABASE = "3D000";

const silence = () => {};

/**
 * A connection's lifetime in seconds: 30 to 60 minutes, as postgres-js' default spreads reconnects,
 * but in whole 5-minute steps. Deno's node:timers keeps one timer list per distinct duration for
 * good (Node drops a list once empty), and the default's random fraction made every connection
 * ever opened leave one behind for good: ~2,000 after touching 1,000 studios.
 * Chosen per client: a studio's connections share it, different studios spread.
 */
const maxLifetime = (): number => 60 * (30 + 5 * Math.floor(Math.random() * 7));

/**
 * One Postgres cluster per region; a studio is one database on its region's cluster, cloned with
 * `CREATE DATABASE … TEMPLATE rsm_template_v<N>` from a template migrated once per schema version
 * (tens of milliseconds, against seconds for running every migration on each new studio).
 */
export class PostgresDriver implements TenantDriver {
  readonly name = "postgres" as const;
  readonly #options: Required<PostgresDriverOptions>;
  /** One single-connection admin client per cluster URL, opened on first use. */
  readonly #admins = new Map<string, postgres.Sql>();
  readonly #templates = new Map<string, Promise<string>>();

  constructor(options: PostgresDriverOptions) {
    this.#options = { maxConnectionsPerTenant: 2, idleTimeoutSeconds: 30, prepare: true, ...options };
  }

  async create(region: string, name: string): Promise<DatabaseLocator> {
    const locator = { driver: this.name, region, name };
    assertDatabaseName(name);
    const url = this.#clusterUrl(region);
    const admin = this.#admin(url);
    if (await databaseExists(admin, name)) return locator;
    for (let attempt = 1;; attempt++) {
      const template = await this.#template(url);
      try {
        await admin`CREATE DATABASE ${admin(name)} TEMPLATE ${admin(template)}`;
        return locator;
      } catch (err) {
        // A concurrent create() of the same studio won: the database is there, which is all we promise.
        if (pgCode(err) === DUPLICATE_DATABASE) return locator;
        // A newer deployment replaced the template meanwhile: build ours again, once.
        if (pgCode(err) === UNDEFINED_DATABASE && attempt === 1 && !(await databaseExists(admin, template))) {
          this.#templates.delete(url);
          continue;
        }
        throw err;
      }
    }
  }

  async exists(locator: DatabaseLocator): Promise<boolean> {
    assertDatabaseName(locator.name);
    return await databaseExists(this.#admin(this.#clusterUrl(locator.region)), locator.name);
  }

  /** Connects lazily: a missing database shows on the first query, without a round trip here. */
  open(locator: DatabaseLocator): Promise<TenantConnection> {
    return Promise.try(() => {
      assertDatabaseName(locator.name);
      const { maxConnectionsPerTenant, idleTimeoutSeconds, prepare } = this.#options;
      return connect(this.#clusterUrl(locator.region), locator.name, {
        max: maxConnectionsPerTenant,
        idle_timeout: idleTimeoutSeconds,
        prepare,
      });
    });
  }

  async drop(locator: DatabaseLocator): Promise<void> {
    assertDatabaseName(locator.name);
    await dropDatabase(this.#admin(this.#clusterUrl(locator.region)), locator.name);
  }

  async close(): Promise<void> {
    const admins = [...this.#admins.values()];
    this.#admins.clear();
    this.#templates.clear();
    await Promise.all(admins.map((admin) => admin.end({ timeout: 5 })));
  }

  #clusterUrl(region: string): string {
    const url = this.#options.clusters[region];
    if (!url) {
      throw new Error(
        `No Postgres cluster is configured for region "${region}": set POSTGRES_URL_${region.toUpperCase()}.`,
      );
    }
    return url;
  }

  #admin(url: string): postgres.Sql {
    let admin = this.#admins.get(url);
    if (!admin) {
      // No prepared statements: every CREATE/DROP DATABASE text is different and would pile up.
      admin = postgres(url, { max: 1, prepare: false, max_lifetime: maxLifetime(), onnotice: silence });
      this.#admins.set(url, admin);
    }
    return admin;
  }

  /** The cluster's template at the latest schema version, built at most once per process and version. */
  #template(url: string): Promise<string> {
    let template = this.#templates.get(url);
    if (!template) {
      template = this.#buildTemplate(url);
      this.#templates.set(url, template);
      template.catch(() => this.#templates.delete(url));
    }
    return template;
  }

  /**
   * Builds the template under a cluster-wide advisory lock, as `…_partial_<id>` renamed into place
   * once migrated: a builder that crashes never leaves a half-migrated template under the real
   * name, and the next lock holder drops its leftovers. The lock lives on a connection of its own
   * so waiting for another process's build does not stall this process's admin queries.
   */
  async #buildTemplate(url: string): Promise<string> {
    const version = latestVersion(this.#options.migrations);
    const template = `${TEMPLATE_PREFIX}${version}`;
    if (await databaseExists(this.#admin(url), template)) return template;
    const lock = postgres(url, { max: 1, prepare: false, max_lifetime: maxLifetime(), onnotice: silence });
    try {
      await lock`SELECT pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
      if (await databaseExists(lock, template)) return template;
      const templates = await lock<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE starts_with(datname, ${TEMPLATE_PREFIX})`;
      for (const { datname } of templates) {
        if (PARTIAL_TEMPLATE.test(datname)) await dropDatabase(lock, datname);
      }
      const partial = `${template}_partial_${crypto.randomUUID().slice(0, 8)}`;
      // template0, not template1: a studio's schema comes from our migrations and nothing else.
      await lock`CREATE DATABASE ${lock(partial)} TEMPLATE template0`;
      const connection = connect(url, partial, { max: 1, prepare: false });
      try {
        await migrate(connection.db, this.#options.migrations);
      } finally {
        // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
        await connection.close();
      }
      // Nobody may connect to the template from now on, so cloning it never fails for that reason.
      await lock`ALTER DATABASE ${lock(partial)} WITH ALLOW_CONNECTIONS false`;
      await lock`ALTER DATABASE ${lock(partial)} RENAME TO ${lock(template)}`;
      for (const { datname } of templates) {
        const older = datname.match(TEMPLATE);
        if (older && Number(older[1]) < version) await dropDatabase(lock, datname);
      }
      return template;
    } finally {
      await lock.end({ timeout: 5 });
    }
  }
}

function connect(
  url: string,
  database: string,
  options: { max: number; idle_timeout?: number; prepare: boolean },
): TenantConnection {
  // fetch_types would query the catalog on every connection for what installBuiltInArrayTypes sets.
  const client = postgres(url, {
    ...options,
    database,
    max_lifetime: maxLifetime(),
    fetch_types: false,
    onnotice: silence,
  });
  installBuiltInArrayTypes(client);
  return {
    db: postgresJsDb(connectionPrepares(client)),
    close: () => client.end({ timeout: 5 }),
  };
}

async function databaseExists(sql: postgres.Sql, name: string): Promise<boolean> {
  return (await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`).length > 0;
}

async function dropDatabase(sql: postgres.Sql, name: string): Promise<void> {
  // FORCE ends the studio's open connections (PG 13+) instead of failing on them.
  await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
}

function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name) || RESERVED_NAMES.has(name) || name.startsWith(TEMPLATE_PREFIX)) {
    throw new Error(`Unsafe database name: ${JSON.stringify(name)}`);
  }
}

function pgCode(err: unknown): string | undefined {
  return err instanceof postgres.PostgresError ? err.code : undefined;
}

import { createHash } from "node:crypto";
import { cp, mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import * as schema from "../../../db/schema/mod.ts";
import type { DatabaseLocator } from "../../kv/tenants.ts";
import { latestVersion, migrate, type Migration } from "../migrations.ts";
import type { TenantConnection, TenantDb } from "../tenant_db.ts";
import type { TenantDriver } from "./driver.ts";

/** PGlite and its extensions, loaded on the first open: the WebAssembly module is costly to import. */
let modules: ReturnType<typeof loadModules> | undefined;
async function loadModules() {
  const [{ PGlite }, { btree_gist }, { pg_trgm }, { drizzle }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/btree_gist"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
  ]);
  return { PGlite, drizzle, extensions: { btree_gist, pg_trgm } };
}

/** Opens an embedded Postgres (PGlite) in `dir`, creating it when absent. */
export async function openPglite(dir: string): Promise<TenantConnection> {
  const { PGlite, drizzle, extensions } = await (modules ??= loadModules());
  const client = await PGlite.create(dir, { extensions });
  return { db: drizzle(client, { schema }) as unknown as TenantDb, close: () => client.close() };
}

/**
 * The embedded default: one PGlite data directory per studio under `root` (DATA_DIR/tenants).
 * A fresh PGlite directory takes seconds to initialise, so a migrated template is kept per
 * schema version and copied; a copy is written beside the target and renamed into place, so a
 * crash never leaves a half-copied database under a studio's name.
 */
export class PgliteDriver implements TenantDriver {
  readonly name = "pglite" as const;
  #templateReady?: Promise<string>;

  /**
   * `templateRoot` (default `root/.templates`) may be shared by several roots: templates are keyed
   * by the exact migrations they contain, so tests share one across temp dirs.
   */
  constructor(
    private readonly root: string,
    private readonly migrations: Migration[],
    private readonly templateRoot = join(root, ".templates"),
  ) {}

  async create(region: string, name: string): Promise<DatabaseLocator> {
    const locator = { driver: this.name, region, name };
    if (await this.exists(locator)) return locator;
    const template = await this.template();
    const regionDir = join(this.root, region);
    await mkdir(regionDir, { recursive: true });
    // Leftovers of an attempt that crashed mid-copy are removed: no orphan stays behind.
    for await (const entry of Deno.readDir(regionDir)) {
      if (entry.name.startsWith(`.partial-${name}-`)) {
        await rm(join(regionDir, entry.name), { recursive: true, force: true });
      }
    }
    const partial = join(regionDir, `.partial-${name}-${crypto.randomUUID()}`);
    try {
      await cp(template, partial, { recursive: true });
      await rename(partial, this.dir(locator));
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    return locator;
  }

  async exists(locator: DatabaseLocator): Promise<boolean> {
    return (await stat(this.dir(locator)).catch(() => null))?.isDirectory() ?? false;
  }

  /**
   * An embedded database belongs to the one process serving it, so that process brings it up to
   * date when it opens it (a few queries when nothing is pending) instead of an operator run.
   */
  async open(locator: DatabaseLocator): Promise<TenantConnection> {
    const connection = await openPglite(this.dir(locator));
    try {
      await migrate(connection.db, this.migrations);
    } catch (err) {
      await connection.close();
      throw err;
    }
    return connection;
  }

  async drop(locator: DatabaseLocator): Promise<void> {
    await rm(this.dir(locator), { recursive: true, force: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private dir(locator: DatabaseLocator): string {
    if (!/^[a-z0-9_-]+$/i.test(locator.name)) throw new Error(`Unsafe database name: ${locator.name}`);
    return join(this.root, locator.region, locator.name);
  }

  /** The template directory at the latest schema version, built once per version. */
  private template(): Promise<string> {
    this.#templateReady ??= (async () => {
      const dir = join(this.templateRoot, templateName(this.migrations));
      if (await stat(dir).catch(() => null)) return dir;
      const partial = `${dir}.partial-${crypto.randomUUID()}`;
      await mkdir(partial, { recursive: true });
      const connection = await openPglite(partial);
      try {
        await migrate(connection.db, this.migrations);
      } finally {
        await connection.close();
      }
      await rename(partial, dir).catch(async (err) => {
        // Another process built the same template first: use theirs.
        await rm(partial, { recursive: true, force: true });
        if (!(await stat(dir).catch(() => null))) throw err;
      });
      return dir;
    })();
    this.#templateReady.catch(() => this.#templateReady = undefined);
    return this.#templateReady;
  }
}

/** `v<latest>-<hash of every migration's checksum>`: a changed or added migration gets a new template. */
function templateName(migrations: Migration[]): string {
  const hash = createHash("sha256").update(migrations.map((m) => m.checksum).join()).digest("hex");
  return `v${latestVersion(migrations)}-${hash.slice(0, 12)}`;
}

import { loadMigrations } from "../../lib/tenancy/migrations.ts";
import type { Tenancy } from "../../lib/tenancy/tenancy.ts";
import { startPostgres } from "../../lib/testing/postgres_server.ts";
import { progress } from "./measure.ts";
import { benchTempDir, openFileKv, pgliteTenancy, postgresTenancy } from "./setup.ts";

export type BenchDriver = "postgres" | "pglite";

/**
 * Runs a one-studio benchmark on a real Postgres server when one can be started (Debian's postgresql
 * package), else on PGlite — or on the driver asked for, failing if it cannot start.
 */
export async function onStudioDriver<T>(
  name: string,
  asked: string | undefined,
  run: (tenancy: Tenancy, driver: BenchDriver) => Promise<T>,
): Promise<T> {
  const onPostgres = async () => {
    await using server = await startPostgres();
    await using dir = await benchTempDir(`${name}-pg`);
    const kv = await openFileKv(dir.path);
    try {
      await using tenancy = postgresTenancy(server.url, {
        kv,
        migrations: await loadMigrations(),
        poolSize: 4,
        connectionsPerTenant: 2,
      });
      return await run(tenancy, "postgres");
    } finally {
      kv.close();
    }
  };
  const onPglite = async () => {
    await using dir = await benchTempDir(`${name}-pglite`);
    const kv = await openFileKv(dir.path);
    try {
      await using tenancy = pgliteTenancy(dir.path, { kv, migrations: await loadMigrations(), poolSize: 4 });
      return await run(tenancy, "pglite");
    } finally {
      kv.close();
    }
  };
  if (asked === "pglite") return await onPglite();
  try {
    return await onPostgres();
  } catch (err) {
    if (asked === "postgres") throw err;
    progress(`no Postgres server (${(err as Error).message.split("\n")[0]}); measuring on PGlite`);
    return await onPglite();
  }
}

import { latestVersion, loadMigrations, type Migration } from "../migrations.ts";

/**
 * The real migrations plus one that creates a table and then sleeps: a window to kill the run in.
 * Short, because Postgres only notices the killed client (and rolls back) once the statement ends.
 */
export async function slowMigrations(): Promise<Migration[]> {
  const migrations = await loadMigrations();
  return [...migrations, {
    version: latestVersion(migrations) + 1,
    name: "9999_slow",
    statements: ["CREATE TABLE crash_probe (id integer)", "SELECT pg_sleep(3)"],
    checksum: "slow",
  }];
}

import { listTenants, type Tenant, updateTenant } from "../kv/tenants.ts";
import { migrate } from "./migrations.ts";
import type { Tenancy } from "./tenancy.ts";

export interface MigrateAllReport {
  /** Studios looked at: active and suspended ones (provisioning ones are created at the latest version). */
  total: number;
  migrated: { slug: string; from: number; to: number }[];
  upToDate: number;
  failed: { slug: string; error: string }[];
  durationMs: number;
}

export interface MigrateAllOptions {
  /** Default: the tenancy's MIGRATE_CONCURRENCY. */
  concurrency?: number;
  /** Only these slugs. */
  slugs?: readonly string[];
  onTenant?(slug: string, outcome: "migrated" | "up-to-date" | "failed"): void;
}

/**
 * Applies pending migrations to every studio, a bounded number at a time. A failing studio is
 * reported and skipped, never stops the others; each migration is its own transaction and is
 * recorded in the studio's database, so the command can simply be run again.
 */
export async function migrateAll(
  tenancy: Tenancy,
  options: MigrateAllOptions = {},
): Promise<MigrateAllReport> {
  const started = performance.now();
  const report: MigrateAllReport = { total: 0, migrated: [], upToDate: 0, failed: [], durationMs: 0 };
  const only = options.slugs ? new Set(options.slugs) : undefined;
  const queue = eligibleTenants(tenancy.kv, only);
  const worker = async () => {
    for (let next = await queue.next(); !next.done; next = await queue.next()) {
      const tenant = next.value;
      report.total++;
      try {
        const version = await migrateTenant(tenancy, tenant);
        const moved = version !== tenant.schemaVersion;
        if (moved) report.migrated.push({ slug: tenant.slug, from: tenant.schemaVersion, to: version });
        else report.upToDate++;
        options.onTenant?.(tenant.slug, moved ? "migrated" : "up-to-date");
      } catch (err) {
        report.failed.push({ slug: tenant.slug, error: err instanceof Error ? err.message : String(err) });
        options.onTenant?.(tenant.slug, "failed");
      }
    }
  };
  const concurrency = options.concurrency ?? tenancy.migrateConcurrency;
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/**
 * Migrates one studio's database and records the version it reached in the catalog. The catalog's
 * version is what counts as "before": the embedded driver may already have migrated on open.
 */
export async function migrateTenant(tenancy: Tenancy, tenant: Tenant): Promise<number> {
  // Through the pool: an embedded (PGlite) database must never be opened twice in one process.
  const result = await tenancy.pool.use(tenant.database, (db) => migrate(db, tenancy.migrations));
  if (result.to !== tenant.schemaVersion) {
    await updateTenant(tenancy.kv, tenant.id, { schemaVersion: result.to });
  }
  return result.to;
}
/** Tenants to migrate, one page at a time; one generator shared by the workers hands each out once. */
async function* eligibleTenants(kv: Deno.Kv, only?: Set<string>): AsyncGenerator<Tenant> {
  let cursor: string | undefined;
  do {
    const page = await listTenants(kv, { cursor, limit: 1000 });
    for (const tenant of page.tenants) {
      if (tenant.status !== "active" && tenant.status !== "suspended") continue;
      if (only && !only.has(tenant.slug)) continue;
      yield tenant;
    }
    cursor = page.cursor;
  } while (cursor);
}

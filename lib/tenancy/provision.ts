import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, studioProfile } from "../../db/schema/mod.ts";
import { type AuditEntry, recordAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import {
  createTenant,
  deleteTenant,
  getTenantBySlug,
  listTenants,
  type Tenant,
  updateTenant,
} from "../kv/tenants.ts";
import { slugError } from "../kv/tenant_names.ts";
import { listRetiredDatabases } from "../kv/retired_databases.ts";
import { listMembers } from "../kv/staff.ts";
import { dropRetired } from "./retired.ts";
import { removeStudioRecords, type StudioRecordStep } from "./studio_records.ts";
import { latestVersion } from "./migrations.ts";
import { chooseRegion } from "./regions.ts";
import type { Tenancy } from "./tenancy.ts";

/** What sign-up and `tenant:create` ask for. */
export interface NewStudio {
  slug: string;
  name: string;
  /** Defaults from `country`, then the deployment's default region. */
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** IANA zone, e.g. Europe/Paris. */
  timezone: string;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  /** BCP 47, e.g. fr-FR. */
  locale: string;
  plan?: string;
}

/**
 * The points between provisioning's steps, in order. Tests stop a run at one of them to prove that
 * the next attempt completes what a crash left.
 */
export type ProvisionStep = "catalog-written" | "database-created" | "profile-written";

export interface ProvisionOptions {
  /** Called after each step; throwing here simulates a crash at that point. */
  afterStep?(step: ProvisionStep): void | Promise<void>;
  /**
   * Complete a studio found still provisioning under the slug (true, for operators re-running a
   * command). Self-service sign-up passes false: a stranger must never finish someone else's studio.
   */
  resume?: boolean;
}

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}, "Choose a time zone such as Europe/Paris.");
const currencies = new Set(Intl.supportedValuesOf("currency"));
const currency = z.string().refine(
  (code) => currencies.has(code),
  "Use a three-letter ISO currency code such as EUR.",
);
const locale = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, "Use a language tag such as en-GB or fr-FR.");

const newStudioSchema = z.object({
  slug: z.string().superRefine((slug, ctx) => {
    const problem = slugError(slug);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  name: z.string().trim().min(1, "Give the studio a name.").max(120, "Keep the name under 120 characters."),
  region: z.string().optional(),
  country: z.string().regex(/^[A-Z]{2}$/, "Use a two-letter country code such as FR.").optional(),
  timezone: timeZone,
  currency,
  locale,
  plan: z.string().min(1).optional(),
});

/** Field errors for a new studio's settings, or the settings cleaned up. */
export function parseNewStudio(input: NewStudio, regions: readonly string[]): NewStudio {
  const parsed = newStudioSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "studio")] ??= issue.message;
  }
  if (input.region !== undefined && !regions.includes(input.region)) {
    errors.region = `Choose one of the regions: ${regions.join(", ")}.`;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) throw new ValidationError(errors);
  return { ...parsed.data, locale: Intl.getCanonicalLocales(parsed.data.locale)[0] };
}

/** A tenant's database name: derived from its id, so a retry after a crash finds the same database. */
export const databaseNameFor = (tenantId: string): string => tenantId.toLowerCase();

/**
 * Creates a studio: a catalog record in "provisioning", its database at the latest schema, its
 * profile, then "active". Every step is idempotent, so when a slug is found still provisioning
 * (a crash, a timeout) this completes that attempt instead of failing; the catalog never points at
 * a database that does not exist once the studio is active.
 */
export async function provisionStudio(
  tenancy: Tenancy,
  input: NewStudio,
  options: ProvisionOptions = {},
): Promise<Tenant> {
  const studio = parseNewStudio(input, tenancy.regions);
  const existing = await getTenantBySlug(tenancy.kv, studio.slug);
  if (existing && (existing.status !== "provisioning" || options.resume === false)) {
    throw new ConflictError(`The slug "${studio.slug}" is already taken by another studio.`, [{
      slug: studio.slug,
    }]);
  }
  const tenant = existing ?? await createTenant(tenancy.kv, catalogEntry(tenancy, studio));
  if (!existing) await options.afterStep?.("catalog-written");
  return await completeProvisioning(tenancy, tenant, options);
}

/** Runs the remaining steps for a tenant in "provisioning"; each is safe to repeat. */
export async function completeProvisioning(
  tenancy: Tenancy,
  tenant: Tenant,
  options: ProvisionOptions = {},
): Promise<Tenant> {
  tenant = await prepareDatabase(tenancy, tenant, options);
  const active = await updateTenant(tenancy.kv, tenant.id, {
    status: "active",
    schemaVersion: latestVersion(tenancy.migrations),
  });
  tenancy.lookup.forget(active);
  return active;
}

/**
 * Steps 3 and 4 for a tenant in "provisioning": its database at the latest schema, then its
 * profile (and `firstAudit`, in the same transaction, written once however often this is re-run).
 * Both are safe to repeat; the tenant stays "provisioning".
 */
export async function prepareDatabase(
  tenancy: Tenancy,
  tenant: Tenant,
  options: ProvisionOptions & { firstAudit?: AuditEntry } = {},
): Promise<Tenant> {
  const { kv, driver } = tenancy;
  const locator = await driver.create(tenant.database.region, tenant.database.name);
  if (locator.ref !== tenant.database.ref) tenant = await updateTenant(kv, tenant.id, { database: locator });
  await options.afterStep?.("database-created");
  const profile = {
    name: tenant.name,
    timezone: tenant.timezone,
    currency: tenant.currency,
    locale: tenant.locale,
    country: tenant.country ?? null,
  };
  const { firstAudit } = options;
  await tenancy.pool.use(locator, (db) =>
    db.transaction(async (tx) => {
      await tx.insert(studioProfile).values({ id: 1, ...profile }).onConflictDoUpdate({
        target: studioProfile.id,
        set: profile,
      });
      if (!firstAudit) return;
      const [logged] = await tx.select({ id: auditLog.id }).from(auditLog)
        .where(eq(auditLog.action, firstAudit.action)).limit(1);
      if (!logged) await recordAudit(tx, firstAudit);
    }));
  await options.afterStep?.("profile-written");
  return tenant;
}

/** The points between deletion's steps, in order; tests throw at one to stop a deletion there. */
export type DeletionStep = "database-dropped" | StudioRecordStep;

/**
 * Deletes a studio: its database (and any it moved away from), every KV record that belongs to it
 * (memberships, sessions, keys, invitations, settings…: lib/tenancy/studio_records.ts), then its
 * catalog record. Marked "deleting" first and every step is safe to repeat, so a crash part-way is
 * finished by {@link resumeUnfinished} rather than leaving a record without a database, or records
 * of a studio that no longer exists. Staff identities stay, with their other memberships.
 */
export async function deleteStudio(
  tenancy: Tenancy,
  tenantId: string,
  options: { afterStep?(step: DeletionStep): void | Promise<void> } = {},
): Promise<Tenant> {
  const { kv } = tenancy;
  const tenant = await updateTenant(kv, tenantId, { status: "deleting" });
  await tenancy.pool.evict(tenant.database);
  await tenancy.driver.drop(tenant.database);
  for (const retired of await listRetiredDatabases(kv)) {
    if (retired.tenantId === tenant.id) await dropRetired(tenancy, retired);
  }
  await options.afterStep?.("database-dropped");
  await removeStudioRecords(kv, tenant.id, options.afterStep);
  const deleted = await deleteTenant(kv, tenant.id);
  tenancy.lookup.forget(deleted);
  return deleted;
}

export interface ResumeReport {
  completed: string[];
  deleted: string[];
  /** Databases left behind by interrupted moves, now dropped. */
  retiredDropped: number;
  failed: { slug: string; error: string }[];
}

/**
 * Finishes what crashed runs left: studios in "deleting" are deleted, and studios stuck in
 * "provisioning" for longer than `olderThanMs` are rolled back (deleted with their database, listed
 * under `deleted`): `createStudio` adds the owner in the same atomic write that activates a studio,
 * so a stale "provisioning" record has no owner and nobody could ever use it. One that has members
 * anyway (made by older code) is completed. Run at start-up and by `tenant:repair`.
 */
export async function resumeUnfinished(tenancy: Tenancy, olderThanMs = 60_000): Promise<ResumeReport> {
  const report: ResumeReport = { completed: [], deleted: [], retiredDropped: 0, failed: [] };
  for (const retired of await listRetiredDatabases(tenancy.kv)) {
    try {
      await dropRetired(tenancy, retired);
      report.retiredDropped++;
    } catch (err) {
      report.failed.push({
        slug: retired.locator.name,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const cutoff = Date.now() - olderThanMs;
  for (const status of ["provisioning", "deleting"] as const) {
    let cursor: string | undefined;
    do {
      const page = await listTenants(tenancy.kv, { status, cursor, limit: 1000 });
      for (const tenant of page.tenants) {
        if (status === "provisioning" && Date.parse(tenant.updatedAt) > cutoff) continue;
        try {
          if (status === "provisioning" && (await listMembers(tenancy.kv, tenant.id)).length > 0) {
            await completeProvisioning(tenancy, tenant);
            report.completed.push(tenant.slug);
          } else {
            await deleteStudio(tenancy, tenant.id);
            report.deleted.push(tenant.slug);
          }
        } catch (err) {
          report.failed.push({ slug: tenant.slug, error: err instanceof Error ? err.message : String(err) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return report;
}

export function catalogEntry(tenancy: Tenancy, studio: NewStudio) {
  const id = newId("t");
  const region = chooseRegion(
    { requested: studio.region, country: studio.country },
    tenancy.regions,
    tenancy.defaultRegion,
  );
  return {
    id,
    slug: studio.slug,
    name: studio.name,
    region,
    database: { driver: tenancy.driver.name, region, name: databaseNameFor(id) },
    timezone: studio.timezone,
    currency: studio.currency,
    locale: studio.locale,
    ...(studio.country ? { country: studio.country } : {}),
    ...(studio.plan ? { plan: studio.plan } : {}),
  };
}

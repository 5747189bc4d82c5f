/**
 * The tenant catalog: which studios exist, how they are reached, and where their database lives.
 *
 * Key shapes:
 *
 *   ["tenants", id]               → Tenant   the record; ids are ULIDs, so keys list in creation order
 *   ["tenant_slugs", slug]        → id       unique: `<slug>.<BASE_DOMAIN>` and `/s/<slug>/` routing
 *   ["tenant_domains", hostname]  → id       unique: custom domains, lowercase, punycode
 *
 * Index entries hold ids, never copies of the record, and are written in the same atomic operation
 * as the record that lists them, so indexes cannot drift. Reads still follow an index defensively:
 * an entry whose record is missing or no longer lists the name reads as "no tenant".
 */
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { retryOnConflict } from "./retry.ts";
import { isId, newId } from "./ids.ts";
import { normalizeHostname, slugError } from "./tenant_names.ts";

export type TenantStatus = "provisioning" | "active" | "suspended" | "deleting";
export type DriverName = "pglite" | "postgres" | "neon";

/**
 * Where a tenant's database lives. `name` is ours and deterministic (derived from the tenant id):
 * the PGlite directory, the Postgres database, or the Neon project's name. `ref` is what the
 * provider assigned when it differs (the Neon project id), known once the database exists.
 */
export interface DatabaseLocator {
  driver: DriverName;
  region: string;
  name: string;
  ref?: string;
}

export interface Tenant {
  /** `t_` + ULID, from `newId("t")`. */
  id: string;
  slug: string;
  name: string;
  region: string;
  database: DatabaseLocator;
  /** The last migration applied to the tenant's database; 0 = none. */
  schemaVersion: number;
  status: TenantStatus;
  plan: string;
  /** Lowercase hostnames, each also indexed under ["tenant_domains", hostname]. */
  customDomains: string[];
  timezone: string;
  currency: string;
  locale: string;
  country?: string;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

export type NewTenant =
  & Omit<Tenant, "id" | "createdAt" | "updatedAt" | "schemaVersion" | "status" | "customDomains" | "plan">
  & { plan?: string; status?: TenantStatus; id?: string };

const UPDATABLE_FIELDS = [
  "name",
  "region",
  "status",
  "schemaVersion",
  "plan",
  "timezone",
  "currency",
  "locale",
  "database",
] as const satisfies readonly (keyof Tenant)[];

export type TenantPatch = Partial<Pick<Tenant, (typeof UPDATABLE_FIELDS)[number]>>;

export interface ListTenantsOptions {
  status?: TenantStatus;
  /** 1–1000; default 50. */
  limit?: number;
  /** The `cursor` of the previous page. */
  cursor?: string;
}

export interface TenantPage {
  tenants: Tenant[];
  /** Present only when another page follows. */
  cursor?: string;
}

export const TENANT_ID_PREFIX = "t";
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

const tenantKey = (id: string): Deno.KvKey => ["tenants", id];
const slugKey = (slug: string): Deno.KvKey => ["tenant_slugs", slug];
const domainKey = (hostname: string): Deno.KvKey => ["tenant_domains", hostname];

/**
 * Adds a studio to the catalog, status "provisioning" unless given. The slug is claimed in the same
 * atomic operation that writes the record, so of two studios racing for one slug exactly one wins.
 *
 * ```ts
 * const tenant = await createTenant(kv, {
 *   slug: "blue-room", name: "Blue Room", region: "eu",
 *   database: { driver: "pglite", region: "eu", name: "blue-room" },
 *   timezone: "Europe/Paris", currency: "EUR", locale: "fr-FR",
 * });
 * ```
 */
export async function createTenant(kv: Deno.Kv, input: NewTenant): Promise<Tenant> {
  const errors: Record<string, string> = {};
  const slugProblem = slugError(input.slug);
  if (slugProblem) errors.slug = slugProblem;
  if (input.id !== undefined && !isId(input.id, TENANT_ID_PREFIX)) {
    errors.id = `A tenant id is "${TENANT_ID_PREFIX}_" followed by a 26-character ULID.`;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const now = new Date().toISOString();
  const tenant: Tenant = {
    id: input.id ?? newId(TENANT_ID_PREFIX),
    slug: input.slug,
    name: input.name,
    region: input.region,
    database: copyLocator(input.database),
    schemaVersion: 0,
    status: input.status ?? "provisioning",
    plan: input.plan ?? "free",
    customDomains: [],
    timezone: input.timezone,
    currency: input.currency,
    locale: input.locale,
    ...(input.country === undefined ? {} : { country: input.country }),
    createdAt: now,
    updatedAt: now,
  };
  const result = await kv.atomic()
    .check({ key: slugKey(tenant.slug), versionstamp: null })
    .check({ key: tenantKey(tenant.id), versionstamp: null })
    .set(tenantKey(tenant.id), tenant)
    .set(slugKey(tenant.slug), tenant.id)
    .commit();
  if (result.ok) return tenant;

  const existing = await kv.get(tenantKey(tenant.id));
  if (existing.versionstamp !== null) {
    throw new ConflictError(`A tenant with id ${tenant.id} already exists.`, [{ id: tenant.id }]);
  }
  throw new ConflictError(`The slug "${tenant.slug}" is already taken by another studio.`, [{
    slug: tenant.slug,
  }]);
}

export async function getTenant(kv: Deno.Kv, id: string): Promise<Tenant | null> {
  return (await kv.get<Tenant>(tenantKey(id))).value;
}

export async function getTenantBySlug(kv: Deno.Kv, slug: string): Promise<Tenant | null> {
  return await followIndex(kv, slugKey(slug), (tenant) => tenant.slug === slug);
}

/** Looks a custom domain up case-insensitively, ignoring a trailing dot (as in a Host header). */
export async function getTenantByDomain(kv: Deno.Kv, hostname: string): Promise<Tenant | null> {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return await followIndex(kv, domainKey(host), (tenant) => tenant.customDomains.includes(host));
}

/**
 * One page of tenants in creation (id) order, optionally only those with one status. Filtering scans
 * the records: the catalog holds thousands of studios, not millions, and has no status index.
 */
export async function listTenants(kv: Deno.Kv, options: ListTenantsOptions = {}): Promise<TenantPage> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError({ limit: `A page holds 1 to ${MAX_PAGE_SIZE} tenants.` });
  }
  const entries = kv.list<Tenant>({ prefix: ["tenants"] }, {
    cursor: options.cursor || undefined,
    batchSize: options.status ? 500 : Math.min(limit + 1, 500),
  });
  const tenants: Tenant[] = [];
  let cursor: string | undefined;
  try {
    for await (const entry of entries) {
      if (options.status && entry.value.status !== options.status) continue;
      // A match beyond the page proves another page exists, so the last page never comes back empty.
      if (tenants.length === limit) return { tenants, cursor };
      tenants.push(entry.value);
      cursor = entries.cursor;
    }
  } catch (err) {
    if (options.cursor && err instanceof TypeError && /cursor/i.test(err.message)) {
      throw new ValidationError({
        cursor: "This page cursor is not valid; start again from the first page.",
      });
    }
    throw err;
  }
  return { tenants };
}

/**
 * Changes some of a tenant's settings and bumps `updatedAt`. Concurrent updates of different fields
 * all land: each write checks the versionstamp it read and re-applies its patch on a conflict.
 */
export async function updateTenant(kv: Deno.Kv, id: string, patch: TenantPatch): Promise<Tenant> {
  const changes = Object.fromEntries(
    UPDATABLE_FIELDS.filter((field) => patch[field] !== undefined).map((field) => [field, patch[field]]),
  ) as TenantPatch;
  return await retryOnConflict(`Tenant ${id}`, async () => {
    const entry = await readTenant(kv, id);
    const next: Tenant = { ...entry.value, ...changes, updatedAt: new Date().toISOString() };
    const result = await kv.atomic().check(entry).set(entry.key, next).commit();
    return result.ok ? next : null;
  });
}

/**
 * Connects a custom domain to a tenant. Adding a domain the tenant already has is a no-op; a domain
 * connected to another tenant is a ConflictError.
 */
export async function addCustomDomain(kv: Deno.Kv, id: string, hostname: string): Promise<Tenant> {
  const host = normalizeHostname(hostname);
  return await retryOnConflict(`Tenant ${id}`, async () => {
    const [record, index] = await kv.getMany<[Tenant, string]>([tenantKey(id), domainKey(host)]);
    if (record.value === null) throw tenantNotFound(id);
    if (index.value !== null && index.value !== id) {
      throw new ConflictError(`${host} is already connected to another studio.`, [{ hostname: host }]);
    }
    const tenant = record.value;
    const listed = tenant.customDomains.includes(host);
    if (listed && index.value === id) return tenant;
    const next: Tenant = {
      ...tenant,
      customDomains: listed ? tenant.customDomains : [...tenant.customDomains, host],
      updatedAt: new Date().toISOString(),
    };
    const result = await kv.atomic()
      .check(record)
      .check(index)
      .set(record.key, next)
      .set(index.key, id)
      .commit();
    return result.ok ? next : null;
  });
}

/** Disconnects a custom domain; one the tenant does not have is a NotFoundError. */
export async function removeCustomDomain(kv: Deno.Kv, id: string, hostname: string): Promise<Tenant> {
  const host = normalizeHostname(hostname);
  return await retryOnConflict(`Tenant ${id}`, async () => {
    const [record, index] = await kv.getMany<[Tenant, string]>([tenantKey(id), domainKey(host)]);
    if (record.value === null) throw tenantNotFound(id);
    const tenant = record.value;
    const indexed = index.value === id;
    if (!tenant.customDomains.includes(host) && !indexed) {
      throw new NotFoundError(`${host} is not connected to tenant ${id}.`);
    }
    const next: Tenant = {
      ...tenant,
      customDomains: tenant.customDomains.filter((domain) => domain !== host),
      updatedAt: new Date().toISOString(),
    };
    const operation = kv.atomic().check(record).check(index).set(record.key, next);
    // Never delete an index entry that another tenant owns.
    if (indexed) operation.delete(index.key);
    return (await operation.commit()).ok ? next : null;
  });
}

/**
 * Removes a tenant and its slug and domain index entries in one atomic operation, and returns the
 * removed record (its database locator says what to drop). The versionstamp check means a domain
 * added meanwhile is seen on the retry instead of being left behind.
 */
export async function deleteTenant(kv: Deno.Kv, id: string): Promise<Tenant> {
  return await retryOnConflict(`Tenant ${id}`, async () => {
    const entry = await readTenant(kv, id);
    const operation = kv.atomic().check(entry).delete(entry.key).delete(slugKey(entry.value.slug));
    for (const host of entry.value.customDomains) operation.delete(domainKey(host));
    return (await operation.commit()).ok ? entry.value : null;
  });
}

async function followIndex(
  kv: Deno.Kv,
  key: Deno.KvKey,
  stillListed: (tenant: Tenant) => boolean,
): Promise<Tenant | null> {
  const index = await kv.get<string>(key);
  if (index.value === null) return null;
  const tenant = await getTenant(kv, index.value);
  return tenant && stillListed(tenant) ? tenant : null;
}

async function readTenant(kv: Deno.Kv, id: string): Promise<Deno.KvEntry<Tenant>> {
  const entry = await kv.get<Tenant>(tenantKey(id));
  if (entry.value === null) throw tenantNotFound(id);
  return entry as Deno.KvEntry<Tenant>;
}

function tenantNotFound(id: string): NotFoundError {
  return new NotFoundError(`No tenant with id ${id}.`);
}

function copyLocator({ driver, region, name, ref }: DatabaseLocator): DatabaseLocator {
  return ref === undefined ? { driver, region, name } : { driver, region, name, ref };
}

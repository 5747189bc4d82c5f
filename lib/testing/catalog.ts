import { createTenant, type NewTenant, type Tenant } from "../kv/tenants.ts";

/**
 * A studio in the KV catalog only (no database), for tests and benchmarks of the control plane:
 * active, in "eu", its locator named after the slug; `overrides` change any field.
 */
export async function catalogStudio(
  kv: Deno.Kv,
  slug: string,
  overrides: Partial<NewTenant> = {},
): Promise<Tenant> {
  return await createTenant(kv, {
    slug,
    name: slug,
    region: "eu",
    database: { driver: "pglite", region: "eu", name: slug },
    timezone: "UTC",
    currency: "EUR",
    locale: "en",
    status: "active",
    ...overrides,
  });
}

import { getTenantBySlug, type Tenant } from "../kv/tenants.ts";
import { provisionStudio } from "./provision.ts";
import type { Tenancy } from "./tenancy.ts";

export const DEMO_SLUG = "demo";

/** The studio a fresh install starts with, so a newcomer has something to look at. */
export const DEMO_STUDIO = {
  slug: DEMO_SLUG,
  name: "Demo Sound Studio",
  country: "FR",
  timezone: "Europe/Paris",
  currency: "EUR",
  locale: "en-GB",
} as const;

/** Creates the demo studio unless it exists; `created` says which. Safe to run on every start. */
export async function seedDemo(tenancy: Tenancy): Promise<{ tenant: Tenant; created: boolean }> {
  const existing = await getTenantBySlug(tenancy.kv, DEMO_SLUG);
  if (existing && existing.status !== "provisioning") return { tenant: existing, created: false };
  // The demo lives in the default region, whatever its country suggests.
  const tenant = await provisionStudio(tenancy, { ...DEMO_STUDIO, region: tenancy.defaultRegion });
  return { tenant, created: true };
}

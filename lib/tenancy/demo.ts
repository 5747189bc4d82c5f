import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { seedDemoBilling } from "../billing/demo_billing.ts";
import { getTenantBySlug, type Tenant } from "../kv/tenants.ts";
import { seedDemoPortal } from "../portal/demo_portal.ts";
import { createStudio } from "./create_studio.ts";
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

export const DEMO_OWNER_EMAIL = "owner@demo.example";

/** How to sign in to the demo studio; the password is made per install and kept under DATA_DIR. */
export interface DemoLogin {
  email: string;
  password: string;
  /** Where the login is written (mode 0600), for finding it again. */
  file: string;
}

/**
 * Creates the demo studio and its owner unless they exist; `created` says which. Safe to run on
 * every start. The owner's password is random per install, never a shared default. The studio and
 * its owner come from `createStudio`, like a sign-up: both land or neither does.
 */
export async function seedDemo(
  tenancy: Tenancy,
  dataDir: string,
): Promise<{ tenant: Tenant; created: boolean; login: DemoLogin }> {
  const login = demoLogin(dataDir);
  const existing = await getTenantBySlug(tenancy.kv, DEMO_SLUG);
  const created = !existing || existing.status === "provisioning";
  const tenant = created
    ? (await createStudio(
      tenancy,
      // The demo lives in the default region, whatever its country suggests.
      { ...DEMO_STUDIO, region: tenancy.defaultRegion },
      { email: login.email, password: login.password, name: "Demo Owner" },
      { actor: { type: "system", label: "seed:demo" } },
    )).tenant
    : existing;
  // Each writes only once, so a demo made before billing existed, or one whose seeding was cut
  // short, gets its data on the next start.
  await tenancy.pool.use(tenant.database, seedDemoBilling);
  await tenancy.pool.use(tenant.database, seedDemoPortal);
  return { tenant, created, login };
}

function demoLogin(dataDir: string): DemoLogin {
  const file = join(dataDir, "demo-login.json");
  if (existsSync(file)) return { ...JSON.parse(readFileSync(file, "utf8")), file };
  const password = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
  writeFileSync(file, JSON.stringify({ email: DEMO_OWNER_EMAIL, password }) + "\n", { mode: 0o600 });
  return { email: DEMO_OWNER_EMAIL, password, file };
}

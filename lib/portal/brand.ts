/** How the studio's portal looks and where its clocks are: read once per portal request. */
import { eq, isNotNull } from "drizzle-orm";
import { billingSettings, studioProfile } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { getPortalSettings, type PortalSettings } from "./portal_settings.ts";

export interface PortalBrand {
  name: string;
  timezone: string;
  currency: string;
  locale: string;
  hasLogo: boolean;
  settings: PortalSettings;
}

export async function portalBrand(db: Pick<TenantDb, "select">, fallbackName: string): Promise<PortalBrand> {
  const [[profile], [logo], settings] = await Promise.all([
    db.select().from(studioProfile).where(eq(studioProfile.id, 1)),
    db.select({ type: billingSettings.logoContentType }).from(billingSettings)
      .where(isNotNull(billingSettings.logoBase64)),
    getPortalSettings(db),
  ]);
  return {
    name: profile?.name ?? fallbackName,
    timezone: profile?.timezone ?? "UTC",
    currency: profile?.currency ?? "EUR",
    locale: profile?.locale ?? "en",
    hasLogo: Boolean(logo),
    settings,
  };
}

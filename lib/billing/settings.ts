import { eq } from "drizzle-orm";
import { billingSettings, studioProfile } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

export type BillingSettings = typeof billingSettings.$inferSelect;

/** A database or an open transaction. */
type Reader = Pick<TenantDb, "select">;

/** Every setting at its default: what a studio that never opened billing settings bills with. */
export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  id: 1,
  roundingMode: "per_line",
  pricesIncludeTax: false,
  defaultTaxRateIds: [],
  paymentTermsDays: 30,
  quoteValidityDays: 30,
  invoiceNumberFormat: "INV-{YYYY}-{0000}",
  depositNumberFormat: "DEP-{YYYY}-{0000}",
  creditNoteNumberFormat: "CN-{YYYY}-{0000}",
  quoteNumberFormat: "Q-{YYYY}-{0000}",
  addressLines: [],
  taxIds: [],
  bankDetails: null,
  paymentInstructions: null,
  invoiceFooter: null,
  reminderDays: [3, 14, 30],
  logoBase64: null,
  logoContentType: null,
  updatedAt: new Date(0),
};

/** The studio's billing settings; the defaults until staff first save them (the row is written then). */
export async function getBillingSettings(db: Reader): Promise<BillingSettings> {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.id, 1));
  return row ?? DEFAULT_BILLING_SETTINGS;
}

/** What documents need from the studio: its name, zone and base currency, with the billing settings. */
export interface Issuer {
  name: string;
  timezone: string;
  baseCurrency: string;
  locale: string;
  settings: BillingSettings;
}

export async function getIssuer(db: Reader): Promise<Issuer> {
  const [[profile], settings] = await Promise.all([
    db.select().from(studioProfile).where(eq(studioProfile.id, 1)),
    getBillingSettings(db),
  ]);
  if (!profile) throw new Error("The studio has no profile row: it was not provisioned.");
  return {
    name: profile.name,
    timezone: profile.timezone,
    baseCurrency: profile.currency,
    locale: profile.locale,
    settings,
  };
}

/**
 * Billing data for the demo studio, so a newcomer opening quotes and invoices finds a VAT rate, a few
 * catalogue services and a filled issuer block. Written once: a studio whose billing settings were
 * ever saved is left alone.
 */
import { billingSettings, services, taxRates } from "../../db/schema/mod.ts";
import { recordAudit } from "../audit/audit.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

const VAT_ID = "tax_demo_vat20";

/** Seeds the demo's billing data unless billing settings exist; returns whether it wrote anything. */
export async function seedDemoBilling(db: TenantDb): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const [settings] = await tx.insert(billingSettings).values({
      id: 1,
      defaultTaxRateIds: [VAT_ID],
      addressLines: ["12 rue des Studios", "75011 Paris", "France"],
      taxIds: ["VAT FR12345678901", "SIRET 123 456 789 00012"],
      bankDetails: "IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP",
      paymentInstructions: "Pay by bank transfer, quoting the invoice number.",
      invoiceFooter:
        "Late payment: penalties at three times the legal interest rate and a fixed €40 recovery fee.",
    }).onConflictDoNothing().returning({ id: billingSettings.id });
    if (!settings) return false;
    await tx.insert(taxRates).values({ id: VAT_ID, name: "VAT 20%", rate: "20", category: "standard" })
      .onConflictDoNothing();
    await tx.insert(services).values([
      { id: "svc_demo_mixing", name: "Mixing per track", unitPrice: 15000 },
      { id: "svc_demo_mastering", name: "Mastering per track", unitPrice: 6000 },
      {
        id: "svc_demo_usb",
        name: "USB master",
        description: "Masters delivered on a USB stick",
        unit: "item",
        unitPrice: 2500,
      },
    ].map((s) => ({ ...s, unit: "item" as const, currency: "EUR", taxRateIds: [VAT_ID] })))
      .onConflictDoNothing();
    await recordAudit(tx, { actor: { type: "system", label: "demo seed" }, action: "billing.demo_seeded" });
    return true;
  });
}

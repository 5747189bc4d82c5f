/**
 * The studio's portal settings: the one `portal_settings` row, or its column defaults until staff save
 * the settings page. The Stripe columns of the same row belong to lib/stripe/account_settings.ts and
 * are never written here.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { portalSettings } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";

export type PortalSettings = typeof portalSettings.$inferSelect;

/** The column defaults of db/migrations/0007_portal.sql and 0008: what a studio has before it saves anything. */
export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  id: 1,
  bookingEnabled: true,
  brandColor: "#4338ca",
  accentColor: "#0f766e",
  welcomeText: null,
  minNoticeHours: 24,
  horizonDays: 60,
  holdMinutes: 30,
  reminderLeadHours: 24,
  stripeAccountId: null,
  stripeChargesEnabled: false,
  updatedAt: new Date(0),
};

export const MAX_WELCOME_TEXT = 2000;

/** A whole number typed in a form ("24") or sent by the API (24), within the table's check. */
export function wholeNumberField(min: number, max: number, what: string) {
  return z.preprocess(
    (value) => typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value,
    z.number({ error: `Enter ${what}.` })
      .int(`Enter ${what} as a whole number.`)
      .min(min, `Enter at least ${min}.`)
      .max(max, `Enter at most ${max}.`),
  );
}

const colour = (what: string) =>
  z.string({ error: `Choose the ${what}.` }).trim().toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, `Give the ${what} as #rrggbb, such as #4338ca.`);

/** What the portal settings page saves; the table's checks, as field errors. */
export const portalSettingsInputSchema = z.object({
  bookingEnabled: z.boolean({ error: "Say whether clients can book online." }),
  brandColor: colour("brand colour"),
  accentColor: colour("accent colour"),
  welcomeText: z.string().trim()
    .max(MAX_WELCOME_TEXT, `Keep the welcome text under ${MAX_WELCOME_TEXT} characters.`)
    .nullish()
    .transform((text) => text || null),
  minNoticeHours: wholeNumberField(0, 8760, "the hours of notice"),
  horizonDays: wholeNumberField(1, 730, "the number of days"),
  holdMinutes: wholeNumberField(5, 10080, "the minutes"),
  reminderLeadHours: wholeNumberField(1, 336, "the hours before the session"),
});

export type PortalSettingsInput = z.input<typeof portalSettingsInputSchema>;

export async function getPortalSettings(db: Pick<TenantDb, "select">): Promise<PortalSettings> {
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.id, 1));
  return row ?? DEFAULT_PORTAL_SETTINGS;
}

/**
 * Saves the portal settings (writing the row on first save), audited as `portal_settings.updated`
 * with the fields that changed, in one transaction. A ValidationError names each bad field.
 *
 * ```ts
 * await updatePortalSettings(db, { ...values, brandColor: "#1d4ed8" }, actingAs(ctx));
 * ```
 */
export async function updatePortalSettings(
  db: TenantDb,
  input: PortalSettingsInput,
  acting: ActingAs,
): Promise<PortalSettings> {
  const data = parseInput(portalSettingsInputSchema, input);
  return await db.transaction(async (tx) => {
    // Lock the row when there is one, so two saves never audit the same "before".
    const [locked] = await tx.select().from(portalSettings).where(eq(portalSettings.id, 1)).for("update");
    const before = locked ?? DEFAULT_PORTAL_SETTINGS;
    const [row] = await tx.insert(portalSettings).values({ id: 1, ...data })
      .onConflictDoUpdate({ target: portalSettings.id, set: { ...data, updatedAt: sql`now()` } })
      .returning();
    const changes = changedFields(
      before,
      row,
      ["updatedAt", "id", "stripeAccountId", "stripeChargesEnabled"],
    );
    await recordAudit(tx, {
      ...acting,
      action: "portal_settings.updated",
      entity: { type: "portal_settings", id: "1" },
      changes,
    });
    return row;
  });
}

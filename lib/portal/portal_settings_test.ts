// The portal settings row: defaults until saved, checks as field errors, the Stripe columns untouched.
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { portalSettings } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import {
  DEFAULT_PORTAL_SETTINGS,
  getPortalSettings,
  type PortalSettingsInput,
  updatePortalSettings,
} from "./portal_settings.ts";

const acting: ActingAs = { actor: { type: "staff", id: "staff_1" } };

const form: PortalSettingsInput = {
  bookingEnabled: true,
  brandColor: "#4338ca",
  accentColor: "#0f766e",
  welcomeText: "",
  minNoticeHours: "24",
  horizonDays: "60",
  holdMinutes: "30",
  reminderLeadHours: "24",
};

Deno.test("a studio that never saved its portal settings has the table's defaults", async () => {
  await withStudioDb(async (db) => {
    assert.deepEqual(await getPortalSettings(db), DEFAULT_PORTAL_SETTINGS);
    // The defaults here are those of the migration: insert a bare row and compare.
    await db.insert(portalSettings).values({ id: 1 });
    const { updatedAt: _a, ...row } = await getPortalSettings(db);
    const { updatedAt: _b, ...defaults } = DEFAULT_PORTAL_SETTINGS;
    assert.deepEqual(row, defaults);
  });
});

Deno.test("saving writes the row, lower-cases colours, and audits what changed", async () => {
  await withStudioDb(async (db) => {
    const saved = await updatePortalSettings(db, {
      ...form,
      brandColor: "#1D4ED8",
      welcomeText: "  Welcome to North Sound!  ",
      horizonDays: 90,
    }, acting);
    assert.equal(saved.brandColor, "#1d4ed8");
    assert.equal(saved.welcomeText, "Welcome to North Sound!");
    assert.equal(saved.horizonDays, 90);
    assert.deepEqual(await getPortalSettings(db), saved);
    await updatePortalSettings(db, { ...form, bookingEnabled: false }, acting);
    const audits = await listAudit(db, { action: "portal_settings.updated" });
    assert.equal(audits.length, 2);
    assert.deepEqual(audits[0].changes, {
      bookingEnabled: { before: true, after: false },
      brandColor: { before: "#1d4ed8", after: "#4338ca" },
      welcomeText: { before: "Welcome to North Sound!", after: null },
      horizonDays: { before: 90, after: 60 },
    });
  });
});

Deno.test("the Stripe account on the same row survives a save", async () => {
  await withStudioDb(async (db) => {
    await db.insert(portalSettings).values({ id: 1, stripeAccountId: "acct_1", stripeChargesEnabled: true });
    await updatePortalSettings(db, { ...form, holdMinutes: 45 }, acting);
    const [row] = await db.select().from(portalSettings).where(eq(portalSettings.id, 1));
    assert.equal(row.stripeAccountId, "acct_1");
    assert.equal(row.stripeChargesEnabled, true);
    assert.equal(row.holdMinutes, 45);
  });
});

Deno.test("values outside the table's checks are refused by field", async () => {
  await withStudioDb(async (db) => {
    const err = await updatePortalSettings(db, {
      ...form,
      brandColor: "blue",
      accentColor: "#12345",
      welcomeText: "x".repeat(2001),
      minNoticeHours: "-1",
      horizonDays: "",
      holdMinutes: "4.5",
    }, acting).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(Object.keys(err.fields).sort(), [
      "accentColor",
      "brandColor",
      "holdMinutes",
      "horizonDays",
      "minNoticeHours",
      "welcomeText",
    ]);
    assert.deepEqual(await getPortalSettings(db), DEFAULT_PORTAL_SETTINGS);
  });
});

import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { billingSettings, documentCounters } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { DEFAULT_BILLING_SETTINGS, getBillingSettings } from "./settings.ts";
import {
  logoContentType,
  logoProblem,
  MAX_LOGO_BYTES,
  nextNumberExample,
  settingsInput,
  updateBillingSettings,
} from "./settings_update.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
const defaults = settingsInput(DEFAULT_BILLING_SETTINGS);

/** The smallest valid-looking PNG and JPEG headers (we check magic bytes, not whole images). */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

async function fields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err}`);
  return err.fields;
}

Deno.test("the first save writes row 1 with every setting and one audit row of what changed", async () => {
  await withStudioDb(async (db) => {
    const vat = await insertTaxRate(db);
    const saved = await updateBillingSettings(db, {
      ...defaults,
      roundingMode: "per_document",
      pricesIncludeTax: true,
      paymentTermsDays: "14",
      defaultTaxRateIds: [vat.id],
      addressLines: "12 rue des Studios\r\n\n75011 Paris\n",
      taxIds: "VAT FR12345678901",
      bankDetails: "IBAN FR76 3000 6000 0112 3456 7890 189",
      reminderDays: "7, 21",
      logo: PNG,
    }, acting);
    assert.equal(saved.paymentTermsDays, 14);
    assert.deepEqual(saved.addressLines, ["12 rue des Studios", "75011 Paris"]);
    assert.deepEqual(saved.taxIds, ["VAT FR12345678901"]);
    assert.deepEqual(saved.reminderDays, [7, 21]);
    assert.equal(saved.logoContentType, "image/png");
    assert.deepEqual(await getBillingSettings(db), saved);

    const [audit] = await listAudit(db, { action: "billing.settings_updated" });
    assert.equal(audit.actorLabel, "owner@example.com");
    assert.deepEqual(audit.changes?.roundingMode, { before: "per_line", after: "per_document" });
    assert.deepEqual(audit.changes?.reminderDays, { before: [3, 14, 30], after: [7, 21] });
    assert.match(String(audit.changes?.logo?.after), /^image\/png, 1 KB, sha256 [0-9a-f]{12}…$/);
    assert.ok(!JSON.stringify(audit.changes).includes("iVBOR"), "the logo's bytes stay out of the log");
    assert.ok(!("logoBase64" in audit.changes!));
  });
});

Deno.test("leaving the logo out keeps it, null removes it, and a save with no change is not audited", async () => {
  await withStudioDb(async (db) => {
    await updateBillingSettings(db, { ...defaults, logo: JPEG }, acting);
    const kept = await updateBillingSettings(db, { ...defaults }, acting);
    assert.equal(kept.logoContentType, "image/jpeg");
    assert.equal((await listAudit(db, { action: "billing.settings_updated" })).length, 1);
    const removed = await updateBillingSettings(db, { ...defaults, logo: null }, acting);
    assert.equal(removed.logoBase64, null);
    assert.equal(removed.logoContentType, null);
  });
});

Deno.test("every problem in the form is reported at once, each on its field", async () => {
  await withStudioDb(async (db) => {
    const errors = await fields(updateBillingSettings(db, {
      ...defaults,
      roundingMode: "per_week",
      paymentTermsDays: "400",
      quoteValidityDays: "0",
      invoiceNumberFormat: "INV-{YYYY}",
      quoteNumberFormat: "Q {0000}",
      reminderDays: "14, 3",
      taxIds: "1\n2\n3\n4\n5\n6",
      logo: new TextEncoder().encode("<svg/>"),
    }, acting));
    assert.match(errors.roundingMode, /per line or per document/);
    assert.match(errors.paymentTermsDays, /from 0 to 365/);
    assert.match(errors.quoteValidityDays, /from 1 to 365/);
    assert.match(errors.invoiceNumberFormat, /needs a sequence placeholder such as \{0000\}/);
    assert.match(errors.quoteNumberFormat, /" " cannot appear in a document number/);
    assert.match(errors.reminderDays, /ascending order/);
    assert.match(errors.taxIds, /At most 5 tax ids/);
    assert.match(errors.logo, /PNG or JPEG/);
    assert.equal(errors.depositNumberFormat, undefined);
    assert.equal((await db.select().from(billingSettings)).length, 0, "nothing saved");
  });
});

Deno.test("reminder days are at most five ascending whole days", async () => {
  await withStudioDb(async (db) => {
    const tooMany = await fields(
      updateBillingSettings(db, { ...defaults, reminderDays: "1 2 3 4 5 6" }, acting),
    );
    assert.match(tooMany.reminderDays, /At most 5 reminders/);
    const twice = await fields(updateBillingSettings(db, { ...defaults, reminderDays: [3, 3] }, acting));
    assert.match(twice.reminderDays, /each once/);
    const bad = await fields(updateBillingSettings(db, { ...defaults, reminderDays: "3, 1.5" }, acting));
    assert.match(bad.reminderDays, /whole numbers/);
    const none = await updateBillingSettings(db, { ...defaults, reminderDays: "" }, acting);
    assert.deepEqual(none.reminderDays, [], "no reminders at all is a choice");
  });
});

Deno.test("default taxes must be rates that exist and are not archived", async () => {
  await withStudioDb(async (db) => {
    const archived = await insertTaxRate(db, { archivedAt: new Date() });
    for (const ids of [[archived.id], ["tax_missing"]]) {
      const errors = await fields(updateBillingSettings(db, { ...defaults, defaultTaxRateIds: ids }, acting));
      assert.match(errors.defaultTaxRateIds, /archived or gone/);
    }
  });
});

Deno.test("a logo is a PNG or JPEG by its first bytes, at most 512 KB", () => {
  assert.equal(logoContentType(PNG), "image/png");
  assert.equal(logoContentType(JPEG), "image/jpeg");
  assert.equal(logoContentType(new TextEncoder().encode("GIF89a")), undefined);
  assert.equal(logoProblem(PNG), undefined);
  const big = new Uint8Array(2 * 1024 * 1024);
  big.set(PNG);
  assert.equal(logoProblem(big), "The logo is 2048 KB; it may be at most 512 KB.");
  const justFits = new Uint8Array(MAX_LOGO_BYTES);
  justFits.set(JPEG);
  assert.equal(logoProblem(justFits), undefined);
});

Deno.test("the next-number example follows the format and the series' counter without taking a number", async () => {
  await withStudioDb(async (db) => {
    const at = new Date("2026-12-31T23:30:00Z");
    assert.equal(
      await nextNumberExample(db, "invoice", "INV-{YYYY}-{0000}", at, "Europe/Paris"),
      "INV-2027-0001",
    );
    await db.execute(
      sql`INSERT INTO document_counters (kind, period, last_value) VALUES ('invoice', 2027, 41)`,
    );
    assert.equal(await nextNumberExample(db, "invoice", "F{YY}/{00000}", at, "Europe/Paris"), "F27/00042");
    assert.equal(await nextNumberExample(db, "invoice", "INV-{0000}", at, "Europe/Paris"), "INV-0001");
    assert.equal(await nextNumberExample(db, "invoice", "INV-{YYYY}", at, "Europe/Paris"), undefined);
    const counters = await db.select({ lastValue: documentCounters.lastValue }).from(documentCounters);
    assert.deepEqual(counters, [{ lastValue: 41 }]);
  });
});

import assert from "node:assert/strict";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { DEFAULT_BILLING_SETTINGS, getBillingSettings } from "./settings.ts";
import { settingsInput, updateBillingSettings } from "./settings_update.ts";
import {
  archiveTaxRate,
  createTaxRate,
  listTaxRates,
  requireActiveTaxRates,
  restoreTaxRate,
  updateTaxRate,
} from "./tax_rates.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };

async function fields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err}`);
  return err.fields;
}

Deno.test("a tax rate is stored with its rate as exact shortest text and audited", async () => {
  await withStudioDb(async (db) => {
    const qst = await createTaxRate(db, {
      name: "QST",
      rate: "9.9750",
      compound: true,
      category: "provincial",
    }, acting);
    assert.equal(qst.rate, "9.975");
    assert.equal(qst.compound, true);
    const comma = await createTaxRate(db, { name: "TVA réduite", rate: "5,5" }, acting);
    assert.equal(comma.rate, "5.5", "a decimal comma is read as the decimal point");
    const [audit] = await listAudit(db, { entityType: "tax_rate" });
    assert.equal(audit.action, "tax_rate.created");
    assert.equal(audit.actorLabel, "books@example.com");
    assert.deepEqual(audit.changes?.rate, { after: "5.5" });
  });
});

Deno.test("a tax rate outside 0–100 or with more than 4 decimals is refused on its field", async () => {
  await withStudioDb(async (db) => {
    for (const rate of ["101", "-1", "9.99751", "abc", ""]) {
      const errors = await fields(createTaxRate(db, { name: "Bad", rate }, acting));
      assert.match(errors.rate, /percentage from 0 to 100 with at most 4 decimals/, rate);
    }
    const errors = await fields(createTaxRate(db, { name: " ", rate: "20" }, acting));
    assert.match(errors.name, /Give the tax a name/);
    assert.equal((await listTaxRates(db)).length, 0);
  });
});

Deno.test("editing a rate records only what changed", async () => {
  await withStudioDb(async (db) => {
    const vat = await createTaxRate(db, { name: "VAT", rate: "19" }, acting);
    const after = await updateTaxRate(db, vat.id, { name: "VAT", rate: "20" }, acting);
    assert.equal(after.rate, "20");
    const [audit] = await listAudit(db, { action: "tax_rate.updated" });
    assert.deepEqual(audit.changes, { rate: { before: "19", after: "20" } });
    await updateTaxRate(db, vat.id, { name: "VAT", rate: "20.0" }, acting);
    assert.equal((await listAudit(db, { action: "tax_rate.updated" })).length, 1, "no change, no audit row");
  });
});

Deno.test("an archived rate is not offered, cannot be chosen, leaves the defaults, and can be restored", async () => {
  await withStudioDb(async (db) => {
    const vat = await createTaxRate(db, { name: "VAT", rate: "20" }, acting);
    const gst = await createTaxRate(db, { name: "GST", rate: "5" }, acting);
    await updateBillingSettings(db, {
      ...settingsInput(DEFAULT_BILLING_SETTINGS),
      defaultTaxRateIds: [vat.id, gst.id],
    }, acting);

    await archiveTaxRate(db, vat.id, acting);
    assert.deepEqual((await listTaxRates(db)).map((r) => r.name), ["GST"]);
    assert.deepEqual((await listTaxRates(db, { includeArchived: true })).map((r) => r.name), ["GST", "VAT"]);
    assert.deepEqual((await getBillingSettings(db)).defaultTaxRateIds, [gst.id]);
    const errors = await fields(requireActiveTaxRates(db, [vat.id], "taxRateIds"));
    assert.match(errors.taxRateIds, /archived or gone/);

    await restoreTaxRate(db, vat.id, acting);
    assert.deepEqual(await requireActiveTaxRates(db, [vat.id, vat.id], "taxRateIds"), [vat.id]);
    const actions = (await listAudit(db, { entityType: "tax_rate" })).map((a) => a.action);
    assert.deepEqual(actions.slice(0, 2), ["tax_rate.restored", "tax_rate.archived"]);
  });
});

import assert from "node:assert/strict";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { archiveService, createService, listServices, restoreService, updateService } from "./services.ts";
import { archiveTaxRate } from "./tax_rates.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };

async function fields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err}`);
  return err.fields;
}

const mastering = { name: "Mastering per track", unit: "item", unitPrice: "90", currency: "EUR" };

Deno.test("a service's price is read as typed in its currency and the reader's locale", async () => {
  await withStudioDb(async (db) => {
    const vat = await insertTaxRate(db);
    const fr = await createService(
      db,
      { ...mastering, unitPrice: "1 234,50", taxRateIds: [vat.id] },
      acting,
      { locale: "fr" },
    );
    assert.equal(fr.unitPrice, 123450);
    assert.deepEqual(fr.taxRateIds, [vat.id]);
    const yen = await createService(
      db,
      { ...mastering, name: "Tokyo", unitPrice: "12,000", currency: "jpy" },
      acting,
    );
    assert.equal(yen.unitPrice, 12000);
    assert.equal(yen.currency, "JPY");
    const [audit] = await listAudit(db, { entityType: "service" });
    assert.equal(audit.action, "service.created");
    assert.deepEqual(audit.changes?.unitPrice, { after: 12000 });
  });
});

Deno.test("a bad service is refused with each problem on its field", async () => {
  await withStudioDb(async (db) => {
    assert.match(
      (await fields(createService(db, { ...mastering, unitPrice: "ten" }, acting))).unitPrice,
      /amount/,
    );
    assert.match(
      (await fields(createService(db, { ...mastering, unit: "week" }, acting))).unit,
      /hour, half day/,
    );
    assert.match(
      (await fields(createService(db, { ...mastering, currency: "XYZ" }, acting))).currency,
      /currency/,
    );
    assert.match((await fields(createService(db, { ...mastering, name: "" }, acting))).name, /name/);
    const archived = await insertTaxRate(db, { archivedAt: new Date() });
    const errors = await fields(createService(db, { ...mastering, taxRateIds: [archived.id] }, acting));
    assert.match(errors.taxRateIds, /archived or gone/);
    assert.equal((await listServices(db)).length, 0);
  });
});

Deno.test("a service keeps a tax archived since it was chosen, but cannot gain one", async () => {
  await withStudioDb(async (db) => {
    const vat = await insertTaxRate(db);
    const old = await insertTaxRate(db, { name: "Old tax" });
    const service = await createService(db, { ...mastering, taxRateIds: [vat.id] }, acting);
    await archiveTaxRate(db, vat.id, acting);
    const renamed = await updateService(db, service.id, {
      ...mastering,
      name: "Mastering",
      taxRateIds: [vat.id],
    }, acting);
    assert.deepEqual(renamed.taxRateIds, [vat.id]);
    await archiveTaxRate(db, old.id, acting);
    const errors = await fields(
      updateService(db, service.id, { ...mastering, taxRateIds: [vat.id, old.id] }, acting),
    );
    assert.match(errors.taxRateIds, /archived/);
    const [audit] = await listAudit(db, { action: "service.updated" });
    assert.deepEqual(audit.changes, { name: { before: "Mastering per track", after: "Mastering" } });
  });
});

Deno.test("services are searched by name, and archived ones leave the catalogue until restored", async () => {
  await withStudioDb(async (db) => {
    const mix = await createService(db, { ...mastering, name: "Mixing per track" }, acting);
    await createService(db, mastering, acting);
    await createService(db, { ...mastering, name: "USB master (100%_)" }, acting);
    assert.deepEqual((await listServices(db, { search: "PER TRACK" })).map((s) => s.name), [
      "Mastering per track",
      "Mixing per track",
    ]);
    assert.deepEqual((await listServices(db, { search: "%_" })).map((s) => s.name), ["USB master (100%_)"]);
    await archiveService(db, mix.id, acting);
    assert.equal((await listServices(db, { search: "mix" })).length, 0);
    assert.equal((await listServices(db, { search: "mix", includeArchived: true })).length, 1);
    await restoreService(db, mix.id, acting);
    assert.equal((await listServices(db, { search: "mix" })).length, 1);
    const actions = (await listAudit(db, { entityType: "service" })).map((a) => a.action);
    assert.deepEqual(actions.slice(0, 2), ["service.restored", "service.archived"]);
  });
});

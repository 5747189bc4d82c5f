import assert from "node:assert/strict";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { seedDemoBilling } from "./demo_billing.ts";
import { listServices } from "./services.ts";
import { getBillingSettings } from "./settings.ts";
import { listTaxRates } from "./tax_rates.ts";

Deno.test("the demo gets a default VAT rate, three services and an issuer block, once", async () => {
  await withStudioDb(async (db) => {
    assert.equal(await seedDemoBilling(db), true);
    const [vat] = await listTaxRates(db);
    assert.equal(vat.rate, "20");
    const settings = await getBillingSettings(db);
    assert.deepEqual(settings.defaultTaxRateIds, [vat.id]);
    assert.ok(settings.taxIds.length > 0 && settings.addressLines.length > 0 && settings.bankDetails);
    assert.deepEqual((await listServices(db)).map((s) => s.name), [
      "Mastering per track",
      "Mixing per track",
      "USB master",
    ]);
    assert.equal(await seedDemoBilling(db), false, "a second run changes nothing");
    assert.equal((await listServices(db)).length, 3);
  });
});

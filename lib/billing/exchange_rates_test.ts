import assert from "node:assert/strict";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { exchangeRateFor } from "./documents.ts";
import { deleteExchangeRate, listExchangeRates, setExchangeRate } from "./exchange_rates.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "books@example.com" } };

async function fields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err}`);
  return err.fields;
}

Deno.test("a rate is stored as exact shortest text with who set it and when, and drafts use it", async () => {
  await withStudioDb(async (db) => {
    const before = Date.now();
    const usd = await setExchangeRate(db, { currency: "usd", rate: "0,92310" }, acting);
    assert.equal(usd.currency, "USD");
    assert.equal(usd.rate, "0.9231");
    assert.equal(usd.updatedBy, "books@example.com");
    assert.ok(usd.updatedAt.getTime() >= before - 1000);
    assert.equal(await exchangeRateFor(db, "USD", "EUR"), "0.9231");

    await setExchangeRate(db, { currency: "USD", rate: "0.95" }, acting);
    assert.deepEqual((await listExchangeRates(db)).map((r) => [r.currency, r.rate]), [["USD", "0.95"]]);
    const audits = await listAudit(db, { entityType: "exchange_rate" });
    assert.deepEqual(audits.map((a) => a.changes?.rate), [{ before: "0.9231", after: "0.95" }, {
      after: "0.9231",
    }]);
  });
});

Deno.test("the base currency, inactive codes and non-positive rates are refused on their fields", async () => {
  await withStudioDb(async (db) => {
    assert.match(
      (await fields(setExchangeRate(db, { currency: "EUR", rate: "1" }, acting))).currency,
      /own currency/,
    );
    assert.match(
      (await fields(setExchangeRate(db, { currency: "HRK", rate: "0.13" }, acting))).currency,
      /ISO 4217/,
    );
    assert.match(
      (await fields(setExchangeRate(db, { currency: "USD", rate: "0" }, acting))).rate,
      /positive decimal/,
    );
    assert.match(
      (await fields(setExchangeRate(db, { currency: "USD", rate: "1.00000000001" }, acting))).rate,
      /10 decimals/,
    );
    assert.equal((await listExchangeRates(db)).length, 0);
  });
});

Deno.test("deleting a rate is audited; deleting a missing one is a NotFoundError", async () => {
  await withStudioDb(async (db) => {
    await setExchangeRate(db, { currency: "GBP", rate: "1.17" }, acting);
    await deleteExchangeRate(db, "gbp", acting);
    assert.equal((await listExchangeRates(db)).length, 0);
    const [audit] = await listAudit(db, { entityType: "exchange_rate" });
    assert.equal(audit.action, "exchange_rate.deleted");
    assert.deepEqual(audit.changes, { rate: { before: "1.17" } });
    await assert.rejects(deleteExchangeRate(db, "GBP", acting), NotFoundError);
  });
});

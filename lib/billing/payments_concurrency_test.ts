// No lost update under real concurrency: 20 connections to a real PostgreSQL server record 20 part
// payments on one invoice at once; every one counts, and what exceeds the total becomes credit.
import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { PostgresDriver } from "../tenancy/drivers/postgres.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { createDraft, getDocument } from "./documents.ts";
import { issueDocument } from "./issue.ts";
import { clientCreditBalance, paymentTotals, recordPayment } from "./payments.ts";

const PAYMENTS = 20;
const acting: ActingAs = { actor: { type: "api_key", id: "key_1", label: "load test" } };

Deno.test(`${PAYMENTS} parallel part payments on PostgreSQL: amount paid = Σ, the excess is credit`, async () => {
  await using server = await startPostgres();
  await using tenancy = await testTenancy({
    driver: (migrations) =>
      new PostgresDriver({ clusters: { eu: server.url }, migrations, maxConnectionsPerTenant: 32 }),
  });
  const tenant = await provisionStudio(tenancy, {
    slug: "payments",
    name: "Payments",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await tenancy.pool.use(tenant.database, async (db) => {
    const client = await insertClient(db);
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 150000 }],
    }, acting);
    const invoice = await issueDocument(db, draft.id, draft.version, acting);
    // 20 × 100.00 = 2,000.00 against 1,500.00: 500.00 must end up as credit.
    const results = await Promise.allSettled(
      Array.from({ length: PAYMENTS }, (_, i) =>
        recordPayment(db, {
          documentId: invoice.id,
          method: "transfer",
          amount: 10000,
          currency: "EUR",
          receivedOn: "2026-06-02",
          reference: `VIR ${i}`,
        }, acting)),
    );
    const failed = results.find((r) => r.status === "rejected");
    assert.equal(
      failed,
      undefined,
      `every payment is recorded (${failed && (failed as PromiseRejectedResult).reason})`,
    );
    const after = await getDocument(db, invoice.id);
    assert.equal(after.amountPaid, 150000);
    assert.equal(after.status, "paid");
    assert.equal(await clientCreditBalance(db, client.id, "EUR"), 50000);
    const [totals] = await paymentTotals(db, { from: "2026-06-01", to: "2026-06-30" });
    assert.equal(totals.received, PAYMENTS * 10000, "no payment lost");
    assert.equal(totals.count, PAYMENTS);
  });
});

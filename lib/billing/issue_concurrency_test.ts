// Gapless numbering under real concurrency: 100 connections to a real PostgreSQL server issue 100
// invoices at once and get exactly the numbers 1…100 of the series.
import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { PostgresDriver } from "../tenancy/drivers/postgres.ts";
import { provisionStudio } from "../tenancy/provision.ts";
import { startPostgres } from "../testing/postgres_server.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { testTenancy } from "../testing/test_tenancy.ts";
import { createDraft } from "./documents.ts";
import { issueDocument, takeNumber } from "./issue.ts";

const INVOICES = 100;
const acting: ActingAs = { actor: { type: "api_key", id: "key_1", label: "load test" } };

Deno.test(`${INVOICES} parallel issues on PostgreSQL take the numbers 1…${INVOICES}: no gap, no duplicate`, async () => {
  await using server = await startPostgres();
  await using tenancy = await testTenancy({
    driver: (migrations) =>
      new PostgresDriver({ clusters: { eu: server.url }, migrations, maxConnectionsPerTenant: 32 }),
  });
  const tenant = await provisionStudio(tenancy, {
    slug: "numbers",
    name: "Numbers",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  await tenancy.pool.use(tenant.database, async (db) => {
    const client = await insertClient(db);
    const drafts = [];
    for (let i = 0; i < INVOICES; i++) {
      drafts.push(
        await createDraft(db, "invoice", {
          clientId: client.id,
          lines: [{ description: `Session ${i}`, quantity: "1", unitPrice: 1000 + i }],
        }, acting),
      );
    }
    const now = new Date("2026-06-01T10:00:00Z");
    // Transactions that take a number and then fail, racing the issues, must give their numbers back.
    const abandoned = () =>
      db.transaction(async (tx) => {
        await takeNumber(tx, "invoice", "INV-{YYYY}-{0000}", now, "Europe/Paris");
        throw new Error("rolled back after taking a number");
      });
    const results = await Promise.allSettled([
      ...drafts.map((d) => issueDocument(db, d.id, d.version, acting, { now })),
      ...Array.from({ length: 5 }, abandoned),
    ]);
    const issued = results.flatMap((r) => r.status === "fulfilled" ? [r.value] : []);
    assert.equal(
      issued.length,
      INVOICES,
      `every draft is issued once (${results.find((r) => r.status === "rejected")})`,
    );
    const sequences = issued.map((d) => d.sequence!).sort((a, b) => a - b);
    assert.deepEqual(sequences, Array.from({ length: INVOICES }, (_, i) => i + 1));
    const numbers = new Set(issued.map((d) => d.number));
    assert.equal(numbers.size, INVOICES);
    assert.ok(numbers.has("INV-2026-0001") && numbers.has(`INV-2026-0${INVOICES}`));
  });
});

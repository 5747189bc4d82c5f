import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { billingDocuments } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { createDraft } from "./documents.ts";
import { clientBalances, displayStatus, listBalance, listDocuments } from "./document_list.ts";
import { issueDocument } from "./issue.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };

async function invoice(db: TenantDb, clientId: string, createdAt: string, unitPrice = 10000) {
  const doc = await createDraft(db, "invoice", {
    clientId,
    lines: [{ description: "Room", quantity: "1", unitPrice }],
  }, acting);
  await db.update(billingDocuments).set({ createdAt: new Date(createdAt) }).where(
    eq(billingDocuments.id, doc.id),
  );
  return doc;
}

Deno.test("documents list newest first, a page at a time, without skipping or repeating rows that share a time", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Three share one instant: the id breaks the tie.
      const at = i < 3 ? "2026-11-01T10:00:00.123456Z" : `2026-11-0${i}T10:00:00Z`;
      ids.push((await invoice(db, client.id, at)).id);
    }
    await createDraft(db, "quote", { clientId: client.id, lines: [] }, acting);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listDocuments(db, { kind: "invoice", limit: 2, after });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next;
      pages++;
    } while (after);
    assert.equal(pages, 4);
    assert.equal(new Set(seen).size, 7, "every invoice once, no quote");
    const expected = [ids[6], ids[5], ids[4], ids[3], ...ids.slice(0, 3).sort()];
    assert.deepEqual(seen, expected);
    await assert.rejects(listDocuments(db, { kind: "invoice", after: "garbage" }), ValidationError);
  });
});

Deno.test("filters: status, overdue with its balance, client, and a search on the number or the client's name", async () => {
  await withStudioDb(async (db) => {
    const nova = await insertClient(db, { name: "Nova Records" });
    const ada = await insertClient(db, { name: "Ada Lovelace" });
    const draft = await invoice(db, nova.id, "2026-11-01T10:00:00Z");
    const toIssue = await invoice(db, ada.id, "2026-10-01T10:00:00Z");
    const issued = await issueDocument(db, toIssue.id, toIssue.version, acting, {
      now: new Date("2026-10-01T10:00:00Z"),
    });
    assert.equal(issued.dueDate, "2026-10-31");

    const byStatus = await listDocuments(db, { kind: "invoice", status: "draft" });
    assert.deepEqual(byStatus.rows.map((r) => r.id), [draft.id]);
    const overdue = await listDocuments(db, { kind: "invoice", overdue: { today: "2026-11-24" } });
    assert.deepEqual(overdue.rows.map((r) => r.id), [issued.id]);
    assert.equal(displayStatus(overdue.rows[0], "2026-11-24"), "overdue");
    assert.equal(displayStatus(overdue.rows[0], "2026-10-31"), "issued", "due today is not yet overdue");
    assert.equal(listBalance(overdue.rows[0]), 10000);
    assert.equal(overdue.rows[0].clientName, "Ada Lovelace");

    await db.update(billingDocuments).set({ amountPaid: 10000, status: "paid" })
      .where(eq(billingDocuments.id, issued.id));
    assert.deepEqual(
      (await listDocuments(db, { kind: "invoice", overdue: { today: "2026-11-24" } })).rows,
      [],
    );

    assert.deepEqual(
      (await listDocuments(db, { kind: "invoice", clientId: nova.id })).rows.map((r) => r.id),
      [
        draft.id,
      ],
    );
    assert.deepEqual((await listDocuments(db, { kind: "invoice", q: "nova" })).rows.map((r) => r.id), [
      draft.id,
    ]);
    assert.deepEqual(
      (await listDocuments(db, { kind: "invoice", q: "inv-2026-0001" })).rows.map((r) => r.id),
      [
        issued.id,
      ],
    );
    assert.deepEqual((await listDocuments(db, { kind: "invoice", q: "100%" })).rows, [], "% is a character");
  });
});

Deno.test("a client's balance sums what its issued invoices still owe, per currency", async () => {
  await withStudioDb(async (db) => {
    const client = await insertClient(db);
    const a = await invoice(db, client.id, "2026-11-01T10:00:00Z", 10000);
    const b = await invoice(db, client.id, "2026-11-02T10:00:00Z", 5000);
    await invoice(db, client.id, "2026-11-03T10:00:00Z", 99900); // a draft owes nothing yet
    await issueDocument(db, a.id, a.version, acting);
    const issued = await issueDocument(db, b.id, b.version, acting);
    await db.execute(sql`UPDATE billing_documents SET amount_paid = 2000, status = 'partially_paid'
      WHERE id = ${issued.id}`);
    assert.deepEqual(await clientBalances(db, client.id), [{ currency: "EUR", balance: 13000 }]);
  });
});

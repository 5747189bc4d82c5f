import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { withPage } from "../../e2e/browser.ts";
import { auditLog } from "../../db/schema/mod.ts";
import { OWNER, servedStudio } from "../testing/served_studio.ts";
import { insertClient } from "../testing/scheduling_fixtures.ts";
import { createDraft, getDocument } from "./documents.ts";
import { issueDocument } from "./issue.ts";
import { paymentsOf } from "./payments.ts";

const system = { actor: { type: "system" as const } };

async function signIn(page: Page, studio: string) {
  await page.goto(`${studio}/sign-in`);
  await page.getByLabel("E-mail address").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
}

const status = (page: Page) => page.locator("header").getByText(/^(Issued|Partially paid|Paid)$/).innerText();
const balance = async (page: Page) => (await page.locator("[data-balance-due]").innerText()).trim();

async function recordPayment(page: Page, amount: string, reference: string) {
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Record a payment" }) });
  await form.getByLabel("Amount (EUR)").fill(amount);
  await form.getByLabel("Method").selectOption({ label: "Bank transfer" });
  await form.getByLabel("Reference").fill(reference);
  await form.getByRole("button", { name: "Record the payment" }).click();
  await page.getByText("Payment recorded.").waitFor();
}

// Journey 11: a bank transfer pays part of an invoice, the balance and status follow; a second one
// settles it; every payment is audited. Then part of the second payment is refunded from its own
// page, and the invoice is partially paid again.
Deno.test("journey 11: two bank transfers settle an invoice on its page, and a part refund reopens it", async () => {
  await using served = await servedStudio();
  const { studio, t, tenant } = served;
  const inDb = <T>(fn: Parameters<typeof t.tenancy.pool.use<T>>[1]) =>
    t.tenancy.pool.use(tenant.database, fn);
  const invoice = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const draft = await createDraft(db, "invoice", {
      clientId: client.id,
      lines: [{ description: "Album mix", quantity: "1", unitPrice: 120000 }],
    }, system);
    return await issueDocument(db, draft.id, draft.version, system);
  });

  await withPage(async (page) => {
    await signIn(page, studio);
    await page.goto(`${studio}/app/invoices/${invoice.id}`);
    assert.equal(await status(page), "Issued");
    assert.equal(await balance(page), "Balance due: €1,200.00");
    const amount = page.getByLabel("Amount (EUR)");
    assert.equal(await amount.inputValue(), "1200.00", "the form offers the balance due");

    await recordPayment(page, "500.00", "VIR 2026-001");
    assert.equal(await status(page), "Partially paid");
    assert.equal(await balance(page), "Balance due: €700.00");
    assert.equal(await page.getByLabel("Amount (EUR)").inputValue(), "700.00");

    await recordPayment(page, "700.00", "VIR 2026-002");
    assert.equal(await status(page), "Paid");
    assert.equal(await balance(page), "Nothing is left to pay.");
    assert.equal(await page.getByRole("heading", { name: "Record a payment" }).count(), 0);

    // Refund €200.00 of the second transfer: the invoice is partially paid again.
    await page.getByRole("link", { name: /^Refund the payment of €700\.00/ }).click();
    await page.getByRole("heading", { name: "Refund a payment" }).waitFor();
    assert.equal(await page.getByLabel("Amount to refund (EUR)").inputValue(), "700.00");
    await page.getByLabel("Amount to refund (EUR)").fill("800.00");
    await page.getByLabel("Reason").fill("One mix day was not needed");
    await page.getByRole("button", { name: "Record the refund" }).click();
    await page.getByText("The refund was not recorded:").waitFor();
    assert.equal(
      await page.locator("#field-amount-error").innerText(),
      "At most €700.00 of this payment can be refunded.",
    );
    await page.getByLabel("Amount to refund (EUR)").fill("200.00");
    await page.getByLabel("Paid back by").selectOption({ label: "Bank transfer" });
    await page.getByRole("button", { name: "Record the refund" }).click();
    await page.getByText("Refund recorded.").waitFor();
    assert.equal(await status(page), "Partially paid");
    assert.equal(await balance(page), "Balance due: €200.00");
    const refundRow = (await page.locator("tr[data-payment]").last().innerText()).replace(/\s+/g, " ");
    assert.match(refundRow, /Bank transfer ?Refund Refund of VIR 2026-002 -€200\.00/);
  });

  const after = await inDb((db) => getDocument(db, invoice.id));
  assert.equal(after.status, "partially_paid");
  assert.equal(after.amountPaid, 100000);
  const ledger = await inDb((db) => paymentsOf(db, invoice.id));
  assert.deepEqual(ledger.map((p) => [p.method, p.amount, p.reference]), [
    ["transfer", 50000, "VIR 2026-001"],
    ["transfer", 70000, "VIR 2026-002"],
    ["transfer", -20000, "Refund of VIR 2026-002"],
  ]);
  assert.equal(ledger[2].refundOf, ledger[1].id);
  const audit = await inDb((db) =>
    db.select().from(auditLog).where(and(eq(auditLog.entityType, "payment"), eq(auditLog.actorType, "staff")))
      .orderBy(auditLog.id)
  );
  assert.deepEqual(audit.map((a) => [a.action, a.entityId, a.changes?.status]), [
    ["payment.recorded", ledger[0].id, { before: "issued", after: "partially_paid" }],
    ["payment.recorded", ledger[1].id, { before: "partially_paid", after: "paid" }],
    ["payment.refunded", ledger[2].id, { before: "paid", after: "partially_paid" }],
  ]);
});

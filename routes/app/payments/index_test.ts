// The payments list links each payment that can be refunded to its refund page: money received, not
// voided, not a refund itself and not credit applied.
import assert from "node:assert/strict";
import { createDraft } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { applyCredit, recordPayment, refundPayment, voidPayment } from "@/lib/billing/payments.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

Deno.test("the payments list offers Refund on payments received, not on refunds, voids or credit applied", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const ids = await t.tenancy.pool.use(tenant.database, async (db: TenantDb) => {
    const client = await insertClient(db, { name: "Nova Records" });
    const issue = async (unitPrice: number) => {
      const draft = await createDraft(db, "invoice", {
        clientId: client.id,
        lines: [{ description: "Mix", quantity: "1", unitPrice }],
      }, ACTING);
      return await issueDocument(db, draft.id, draft.version, ACTING);
    };
    const first = await issue(100000);
    const second = await issue(20000);
    const pay = (documentId: string, amount: number, method: "transfer" | "cash") =>
      recordPayment(db, { documentId, method, amount, currency: "EUR", receivedOn: "2026-06-02" }, ACTING);
    const received = (await pay(first.id, 120000, "transfer")).payment; // 200.00 over: credit
    const voided = (await pay(second.id, 100, "cash")).payment;
    await voidPayment(db, voided.id, "Typo", ACTING);
    const refund = (await refundPayment(
      db,
      received.id,
      { amount: 5000, method: "transfer", paidOn: "2026-06-03" },
      ACTING,
    ))
      .payment;
    const credit = (await applyCredit(db, second.id, undefined, ACTING, { today: "2026-06-04" })).payment;
    return { received: received.id, voided: voided.id, refund: refund.id, credit: credit.id };
  });
  const cookie = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "bookkeeper",
    email: "b@example.com",
  });
  const res = await t.app.request(`${BASE}/app/payments?from=2026-06-01&to=2026-06-30`, {
    headers: { cookie, "accept-language": "en" },
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  const links = [...html.matchAll(/href="\/s\/north\/app\/payments\/([^/"]+)\/refund"/g)].map((m) => m[1]);
  assert.deepEqual(links, [ids.received]);
  assert.match(html, /aria-label="Refund the payment of €1,200.00 received on [^"]+">Refund<\/a>/);

  // The link leads to the refund page, which offers what is left.
  const page = await t.app.request(`${BASE}/app/payments/${ids.received}/refund`, {
    headers: { cookie, "accept-language": "en" },
  });
  assert.equal(page.status, 200);
  await page.body?.cancel();
});

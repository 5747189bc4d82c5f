// Document PDFs through the real app: who may open them, what the browser is told, and that an id
// only opens under its own kind's address.
import assert from "node:assert/strict";
import { createDraft } from "@/lib/billing/documents.ts";
import { issueDocument } from "@/lib/billing/issue.ts";
import { provisionStudio } from "@/lib/tenancy/provision.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";
import { pdfText } from "@/lib/testing/pdf_text.ts";
import { insertClient } from "@/lib/testing/scheduling_fixtures.ts";
import { signedInCookie } from "@/lib/testing/staff_session.ts";
import { testApp } from "@/lib/testing/test_app.ts";

const BASE = "/s/north";
const ACTING = { actor: { type: "system" as const } };

Deno.test("invoice, quote and credit note PDFs open inline for bookkeepers, not for engineers", async () => {
  await using t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "north",
    name: "North Sound",
    timezone: "Europe/Paris",
    currency: "EUR",
    locale: "en",
  });
  const bookkeeper = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "bookkeeper",
    email: "bo@example.com",
  });
  const engineer = await signedInCookie(t.kv, tenant, {
    base: BASE,
    role: "engineer",
    email: "sam@example.com",
  });
  const inDb = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const { invoice, draft, quote, credit } = await inDb(async (db) => {
    const client = await insertClient(db, { name: "Blue Note Records" });
    const line = { description: "Mixing", quantity: "1", unitPrice: 50000 };
    const made = await createDraft(db, "invoice", { clientId: client.id, lines: [line] }, ACTING);
    const invoice = await issueDocument(db, made.id, made.version, ACTING);
    const draft = await createDraft(db, "invoice", { clientId: client.id, lines: [line] }, ACTING);
    const quote = await createDraft(db, "quote", { clientId: client.id, lines: [line] }, ACTING);
    const credit = await createDraft(db, "credit_note", { clientId: client.id, lines: [line] }, ACTING, {
      relatedDocumentId: invoice.id,
    });
    return { invoice, draft, quote, credit };
  });
  const get = (path: string, cookie: string) => t.app.request(`${BASE}${path}`, { headers: { cookie } });

  const res = await get(`/app/invoices/${invoice.id}/pdf`, bookkeeper);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.equal(res.headers.get("content-disposition"), `inline; filename="${invoice.number}.pdf"`);
  assert.equal(res.headers.get("cache-control"), "private, no-store");
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), "%PDF-");
  const text = (await pdfText(bytes)).text;
  assert.match(text, /North Sound/);
  assert.match(text, new RegExp(`Number ${invoice.number}`));

  const drafted = await get(`/app/invoices/${draft.id}/pdf`, bookkeeper);
  assert.equal(drafted.status, 200);
  assert.equal(drafted.headers.get("content-disposition"), `inline; filename="draft-${draft.id}.pdf"`);
  assert.match((await pdfText(new Uint8Array(await drafted.arrayBuffer()))).text, /DRAFT/);

  for (const path of [`/app/quotes/${quote.id}/pdf`, `/app/credit-notes/${credit.id}/pdf`]) {
    const other = await get(path, bookkeeper);
    assert.equal(other.status, 200, path);
    assert.equal(other.headers.get("content-type"), "application/pdf");
    await other.body?.cancel();
  }

  for (
    const path of [
      `/app/invoices/${quote.id}/pdf`,
      `/app/quotes/${invoice.id}/pdf`,
      `/app/credit-notes/${invoice.id}/pdf`,
    ]
  ) {
    const wrongKind = await get(path, bookkeeper);
    assert.equal(wrongKind.status, 404, `${path} is another kind's address`);
    await wrongKind.body?.cancel();
  }

  for (const path of [`/app/invoices/${invoice.id}/pdf`, `/app/quotes/${quote.id}/pdf`]) {
    const refused = await get(path, engineer);
    assert.equal(refused.status, 403, `an engineer cannot open ${path}`);
    await refused.body?.cancel();
  }
});

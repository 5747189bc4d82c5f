import assert from "node:assert/strict";
import { createApiKey } from "../../kv/api_keys.ts";
import type { Role } from "../../kv/staff.ts";
import { provisionStudio } from "../../tenancy/provision.ts";
import type { TenantDb } from "../../tenancy/tenant_db.ts";
import { insertTaxRate } from "../../testing/billing_fixtures.ts";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { testApp } from "../../testing/test_app.ts";

async function billingApi() {
  const t = await testApp();
  const tenant = await provisionStudio(t.tenancy, {
    slug: "billing-api",
    name: "Billing Studio",
    timezone: "America/Toronto",
    currency: "CAD",
    locale: "en",
  });
  const use = <T>(fn: (db: TenantDb) => Promise<T>) => t.tenancy.pool.use(tenant.database, fn);
  const tokenFor = async (role: Role) =>
    (await createApiKey(t.kv, {
      tenantId: tenant.id,
      name: `${role} key`,
      role,
      createdBy: { type: "system", label: "test" },
    })).token;
  const call = (token: string, method: string, path: string, body?: unknown) =>
    t.app.request(`/s/billing-api/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { t, use, tokenFor, call };
}

Deno.test("API: a Quebec invoice — draft, replace, issue; then it can no longer change", async () => {
  const { t, use, tokenFor, call } = await billingApi();
  await using _ = t;
  const { client, gst, qst } = await use(async (db) => ({
    client: await insertClient(db, { name: "Label Nord" }),
    gst: await insertTaxRate(db, { name: "GST", rate: "5" }),
    qst: await insertTaxRate(db, { name: "QST", rate: "9.975" }),
  }));
  const token = await tokenFor("bookkeeper");
  const line = { description: "Mixing", quantity: "1", unitPrice: 100000, taxRateIds: [gst.id, qst.id] };
  const created = await call(token, "POST", "/invoices", { clientId: client.id, lines: [line] });
  assert.equal(created.status, 201);
  const draft = await created.json();
  assert.equal(draft.status, "draft");
  assert.equal(draft.currency, "CAD");
  assert.deepEqual(draft.taxSummary.map((t: { amount: number }) => t.amount), [5000, 9975]);
  assert.equal(draft.total, 114975, "1,000.00 + 5% GST + 9.975% QST = 1,149.75");

  const replaced = await call(token, "PUT", `/invoices/${draft.id}`, {
    clientId: client.id,
    version: draft.version,
    lines: [line, { description: "Mastering", quantity: "2", unitPrice: 25000, taxRateIds: [gst.id] }],
  });
  assert.equal(replaced.status, 200);
  const second = await replaced.json();
  assert.equal(second.total, 114975 + 52500);

  const issued = await call(token, "POST", `/invoices/${draft.id}/issue`, { version: second.version });
  assert.equal(issued.status, 200);
  const invoice = await issued.json();
  assert.match(invoice.number, /^INV-\d{4}-0001$/);
  assert.equal(invoice.balanceDue, invoice.total);
  assert.ok(invoice.dueDate > invoice.issueDate);

  const edit = await call(token, "PUT", `/invoices/${draft.id}`, {
    clientId: client.id,
    version: invoice.version,
    lines: [],
  });
  assert.equal(edit.status, 409);
  assert.match((await edit.json()).detail, /credit note/);
  assert.equal((await call(token, "DELETE", `/invoices/${draft.id}?version=${invoice.version}`)).status, 409);
  assert.equal((await call(token, "GET", `/invoices/${draft.id}`)).status, 200);
});

Deno.test("API: bad lines are 422s naming the field; roles and kinds are kept apart", async () => {
  const { t, use, tokenFor, call } = await billingApi();
  await using _ = t;
  const client = await use((db) => insertClient(db));
  const manager = await tokenFor("manager");
  const bookkeeper = await tokenFor("bookkeeper");
  const bad = await call(bookkeeper, "POST", "/invoices", {
    clientId: client.id,
    lines: [{ description: "", quantity: "-1", unitPrice: 1.5 }],
  });
  assert.equal(bad.status, 422);
  const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ["lines.0.description", "lines.0.quantity", "lines.0.unitPrice"]);

  const quote = await (await call(manager, "POST", "/quotes", {
    clientId: client.id,
    lines: [{ description: "Album production", quantity: 1, unitPrice: 500000 }],
  })).json();
  assert.equal(quote.kind, "quote");
  assert.equal(
    (await call(manager, "GET", `/invoices/${quote.id}`)).status,
    404,
    "a quote is not an invoice",
  );
  assert.equal(
    (await call(bookkeeper, "POST", `/invoices/${quote.id}/issue`, { version: quote.version })).status,
    404,
  );
  const engineer = await tokenFor("engineer");
  assert.equal((await call(engineer, "GET", `/quotes/${quote.id}`)).status, 403, "engineers see no quotes");
  assert.equal(
    (await call(manager, "POST", "/invoices", { clientId: client.id, lines: [] })).status,
    403,
    "managers manage quotes, not invoices",
  );
});

Deno.test("API: an issued invoice downloads as a PDF and takes payments until it is paid", async () => {
  const { t, use, tokenFor, call } = await billingApi();
  await using _ = t;
  const client = await use((db) => insertClient(db, { name: "Label Nord" }));
  const token = await tokenFor("bookkeeper");
  const draft = await (await call(token, "POST", "/invoices", {
    clientId: client.id,
    lines: [{ description: "Mastering", quantity: "2", unitPrice: 25000 }],
  })).json();
  const early = await call(token, "POST", `/invoices/${draft.id}/payments`, {
    method: "transfer",
    amount: 100,
    currency: "CAD",
    receivedOn: "2026-11-20",
  });
  assert.equal(early.status, 422, "a draft takes no payment");
  assert.match((await early.json()).errors[0].detail, /Issue the invoice/);
  const invoice = await (await call(token, "POST", `/invoices/${draft.id}/issue`, { version: draft.version }))
    .json();

  const pdf = await call(token, "GET", `/invoices/${invoice.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.match(pdf.headers.get("content-disposition")!, new RegExp(`filename="${invoice.number}.pdf"`));
  assert.equal(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5)), "%PDF-");

  const pay = (amount: number) =>
    call(token, "POST", `/invoices/${invoice.id}/payments`, {
      method: "transfer",
      amount,
      currency: "CAD",
      receivedOn: "2026-11-24",
      reference: "VIR 42",
    });
  const part = await pay(20000);
  assert.equal(part.status, 201);
  const partly = await part.json();
  assert.equal(partly.status, "partially_paid");
  assert.equal(partly.balanceDue, 30000);
  const bad = await pay(-5);
  assert.equal(bad.status, 422);
  assert.deepEqual((await bad.json()).errors.map((e: { field: string }) => e.field), ["amount"]);
  const settled = await (await pay(30000)).json();
  assert.equal(settled.status, "paid");
  assert.equal(settled.balanceDue, 0);
  const engineer = await tokenFor("engineer");
  assert.equal((await call(engineer, "GET", `/invoices/${invoice.id}/pdf`)).status, 403);
});

import assert from "node:assert/strict";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { billingApi, invalidFields } from "./billing_api_testing.ts";

const mix = { description: "Mixing", quantity: "1", unitPrice: 30000 };

Deno.test("API: an overpayment becomes credit that pays the client's next invoice, in part or in full", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const client = await use((db) => insertClient(db, { name: "Label Nord" }));
  const token = await tokenFor("bookkeeper");
  const first = await issuedInvoice(token, client.id, [mix]);
  const second = await issuedInvoice(token, client.id, [mix]);
  assert.deepEqual(await expect(call(token, "GET", `/clients/${client.id}/credit`), 200), {
    clientId: client.id,
    balances: [],
  });

  // 500.00 CAD on a 300.00 invoice: 200.00 of credit.
  await expect(
    call(token, "POST", "/payments", {
      invoiceId: first.id,
      method: "transfer",
      amount: 50000,
      currency: "CAD",
      receivedOn: "2026-11-24",
    }),
    201,
  );
  assert.deepEqual(await expect(call(token, "GET", `/clients/${client.id}/credit`), 200), {
    clientId: client.id,
    balances: [{ currency: "CAD", amount: 20000 }],
  });

  // More than the credit is refused on `amount`; nothing moves.
  assert.deepEqual(
    await invalidFields(call(token, "POST", `/invoices/${second.id}/apply-credit`, { amount: 20001 })),
    ["amount"],
  );
  assert.deepEqual(
    await invalidFields(call(token, "POST", `/invoices/${second.id}/apply-credit`, { amount: 0 })),
    [
      "amount",
    ],
  );

  const part = await expect(
    call(token, "POST", `/invoices/${second.id}/apply-credit`, { amount: 5000 }),
    200,
  );
  assert.equal(part.payment.method, "credit");
  assert.equal(part.payment.amount, 5000);
  assert.equal(part.payment.invoiceId, second.id);
  assert.equal(part.credit, -5000);
  assert.equal(part.creditLeft, 15000);
  assert.equal(part.invoice.status, "partially_paid");
  assert.equal(part.invoice.balanceDue, 25000);

  // No amount: as much as the credit and the balance allow (150.00 of the 250.00 due).
  const rest = await expect(call(token, "POST", `/invoices/${second.id}/apply-credit`, {}), 200);
  assert.equal(rest.payment.amount, 15000);
  assert.equal(rest.creditLeft, 0);
  assert.equal(rest.invoice.balanceDue, 10000);
  assert.deepEqual((await expect(call(token, "GET", `/clients/${client.id}/credit`), 200)).balances, []);

  // Nothing left: a 422 problem naming `amount`.
  const none = await call(token, "POST", `/invoices/${second.id}/apply-credit`);
  assert.equal(none.status, 422);
  const problem = await none.json();
  assert.equal(problem.errors[0].field, "amount");
  assert.match(problem.errors[0].detail, /no credit in CAD/);
});

Deno.test("API: applying credit answers 404 for unknown invoices and clients, 409 for drafts, 403 without payments.record", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect } = api;
  const client = await use((db) => insertClient(db, { name: "Label Nord" }));
  const token = await tokenFor("bookkeeper");
  const draft = await expect(call(token, "POST", "/invoices", { clientId: client.id, lines: [mix] }), 201);
  const quote = await expect(
    call(await tokenFor("owner"), "POST", "/quotes", { clientId: client.id, lines: [mix] }),
    201,
  );

  for (const path of ["/invoices/inv_nope/apply-credit", `/invoices/${quote.id}/apply-credit`]) {
    const res = await call(token, "POST", path, {});
    assert.equal(res.status, 404, path);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    await res.body?.cancel();
  }
  assert.equal((await call(token, "GET", "/clients/cli_nope/credit")).status, 404);
  const conflict = await call(token, "POST", `/invoices/${draft.id}/apply-credit`, {});
  assert.equal(conflict.status, 409);
  assert.match((await conflict.json()).detail, /Issue the invoice/);

  const manager = await tokenFor("manager");
  for (
    const [method, path] of [["GET", `/clients/${client.id}/credit`], [
      "POST",
      `/invoices/${draft.id}/apply-credit`,
    ]]
  ) {
    const res = await call(manager, method, path, method === "GET" ? undefined : {});
    assert.equal(res.status, 403, path);
    await res.body?.cancel();
  }
});

import assert from "node:assert/strict";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { billingApi, invalidFields } from "./billing_api_testing.ts";

const mix = { description: "Mixing", quantity: "2", unitPrice: 25000 };

Deno.test("API: an overpayment settles the invoice and leaves credit; refunds take the credit back first", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const client = await use((db) => insertClient(db, { name: "Label Nord" }));
  const token = await tokenFor("bookkeeper");
  const invoice = await issuedInvoice(token, client.id, [mix]);
  assert.equal(invoice.total, 50000);

  const paid = await expect(
    call(token, "POST", "/payments", {
      invoiceId: invoice.id,
      method: "transfer",
      amount: 60000,
      currency: "CAD",
      receivedOn: "2026-11-24",
      reference: "VIR 42",
    }),
    201,
  );
  assert.equal(paid.invoice.status, "paid");
  assert.equal(paid.invoice.balanceDue, 0);
  assert.equal(paid.credit, 10000, "the 100.00 above the balance is the client's credit");
  assert.deepEqual(
    { ...paid.payment, id: undefined, createdAt: undefined },
    {
      id: undefined,
      clientId: client.id,
      clientName: "Label Nord",
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      method: "transfer",
      amount: 60000,
      currency: "CAD",
      receivedOn: "2026-11-24",
      reference: "VIR 42",
      note: null,
      refundOf: null,
      voided: false,
      voidedAt: null,
      voidReason: null,
      createdAt: undefined,
    },
  );
  assert.deepEqual(await expect(call(token, "GET", `/payments/${paid.payment.id}`), 200), paid.payment);

  const refunds = `/payments/${paid.payment.id}/refunds`;
  const part = await expect(call(token, "POST", refunds, { amount: 15000, method: "transfer" }), 201);
  assert.equal(part.payment.amount, -15000);
  assert.equal(part.payment.refundOf, paid.payment.id);
  assert.equal(part.credit, -10000, "the credit goes back first");
  assert.equal(part.invoice.status, "partially_paid");
  assert.equal(part.invoice.balanceDue, 5000);

  assert.deepEqual(await invalidFields(call(token, "POST", refunds, { amount: 45001, method: "transfer" })), [
    "amount",
  ]);
  assert.deepEqual(await invalidFields(call(token, "POST", refunds, { amount: 0, method: "gold" })), [
    "amount",
    "method",
  ]);
  const rest = await expect(
    call(token, "POST", refunds, { amount: 45000, method: "cash", paidOn: "2026-11-30" }),
    201,
  );
  assert.equal(rest.payment.receivedOn, "2026-11-30");
  assert.equal(rest.invoice.status, "issued");
  assert.equal(rest.invoice.amountPaid, 0);
  assert.equal(
    (await call(token, "POST", `/payments/${rest.payment.id}/refunds`, { amount: 1, method: "cash" })).status,
    409,
    "a refund is not refunded",
  );
});

Deno.test("API: a payment recorded by mistake is voided, once, with a reason", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const client = await use((db) => insertClient(db));
  const token = await tokenFor("owner");
  const invoice = await issuedInvoice(token, client.id, [mix]);
  const { payment } = await expect(
    call(token, "POST", "/payments", {
      invoiceId: invoice.id,
      method: "cheque",
      amount: 20000,
      currency: "CAD",
      receivedOn: "2026-11-24",
    }),
    201,
  );
  const path = `/payments/${payment.id}/void`;
  assert.deepEqual(await invalidFields(call(token, "POST", path, { reason: " " })), ["reason"]);
  const voided = await expect(call(token, "POST", path, { reason: "Cheque bounced" }), 200);
  assert.equal(voided.payment.voided, true);
  assert.equal(voided.payment.voidReason, "Cheque bounced");
  assert.equal(voided.invoice.amountPaid, 0);
  assert.equal(voided.invoice.status, "issued");
  assert.equal((await call(token, "POST", path, { reason: "Again" })).status, 409);
  assert.equal(
    (await call(token, "POST", `/payments/${payment.id}/refunds`, { amount: 1, method: "cash" })).status,
    409,
  );
});

Deno.test("API: money without an invoice is credit; bad references are 422s; the list filters and pages", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const [ada, bob] = await use(async (db) => [
    await insertClient(db, { name: "Ada" }),
    await insertClient(db, { name: "Bob" }),
  ]);
  const token = await tokenFor("bookkeeper");
  const money = { method: "cash", amount: 5000, currency: "CAD" };
  const credit = await expect(
    call(token, "POST", "/payments", { ...money, clientId: ada.id, receivedOn: "2026-10-01" }),
    201,
  );
  assert.equal(credit.invoice, null);
  assert.equal(credit.credit, 5000);
  assert.equal(credit.payment.invoiceId, null);

  assert.deepEqual(
    await invalidFields(call(token, "POST", "/payments", { ...money, receivedOn: "2026-10-01" })),
    [
      "clientId",
    ],
  );
  assert.deepEqual(
    await invalidFields(
      call(token, "POST", "/payments", { ...money, invoiceId: "doc_nope", receivedOn: "2026-10-01" }),
    ),
    ["invoiceId"],
  );
  assert.deepEqual(
    await invalidFields(call(token, "POST", "/payments", { method: "gold", amount: "5", currency: "CAD" })),
    ["amount", "receivedOn"],
    "the API's own schema first",
  );
  const invoice = await issuedInvoice(token, bob.id, [mix]);
  assert.deepEqual(
    await invalidFields(
      call(token, "POST", "/payments", {
        ...money,
        invoiceId: invoice.id,
        currency: "EUR",
        receivedOn: "2026-10-02",
      }),
    ),
    ["currency"],
  );
  const card = await expect(
    call(token, "POST", "/payments", {
      ...money,
      method: "card",
      invoiceId: invoice.id,
      receivedOn: "2026-10-03",
    }),
    201,
  );
  const transfer = await expect(
    call(token, "POST", "/payments", {
      ...money,
      method: "transfer",
      invoiceId: invoice.id,
      receivedOn: "2026-10-05",
    }),
    201,
  );

  const ids = async (query: string) =>
    (await expect(call(token, "GET", `/payments${query}`), 200)).data.map((p: { id: string }) => p.id);
  assert.deepEqual(await ids(""), [transfer.payment.id, card.payment.id, credit.payment.id], "newest first");
  assert.deepEqual(await ids(`?clientId=${ada.id}`), [credit.payment.id]);
  assert.deepEqual(await ids(`?invoiceId=${invoice.id}`), [transfer.payment.id, card.payment.id]);
  assert.deepEqual(await ids("?method=card"), [card.payment.id]);
  assert.deepEqual(await ids("?from=2026-10-02&to=2026-10-04"), [card.payment.id]);

  const seen: string[] = [];
  let next: string | null = "/payments?limit=1&from=2026-10-01";
  while (next) {
    const page: { data: { id: string }[]; next: string | null } = await expect(call(token, "GET", next), 200);
    seen.push(...page.data.map((p) => p.id));
    next = page.next?.replace("/s/home/api/v1", "") ?? null;
  }
  assert.equal(seen.length, 3);
  assert.deepEqual(await invalidFields(call(token, "GET", "/payments?method=gold&to=31-12-2026")), [
    "method",
    "to",
  ]);
  assert.deepEqual(await invalidFields(call(token, "GET", "/payments?after=WyJ4Il0")), ["after"]);
});

Deno.test("API: payments need payments.record and stay in their studio", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, other } = api;
  const client = await use((db) => insertClient(db));
  const token = await tokenFor("admin");
  const { payment } = await expect(
    call(token, "POST", "/payments", {
      clientId: client.id,
      method: "cash",
      amount: 100,
      currency: "CAD",
      receivedOn: "2026-10-01",
    }),
    201,
  );
  for (const role of ["manager", "engineer"] as const) {
    const denied = await tokenFor(role);
    assert.equal((await call(denied, "GET", "/payments")).status, 403, role);
    assert.equal((await call(denied, "GET", `/payments/${payment.id}`)).status, 403, role);
    assert.equal(
      (await call(denied, "POST", `/payments/${payment.id}/void`, { reason: "x" })).status,
      403,
      role,
    );
  }
  const stranger = await tokenFor("owner", other);
  const elsewhere = (method: string, path: string, body?: unknown) =>
    call(stranger, method, path, body, "other");
  assert.equal((await elsewhere("GET", `/payments/${payment.id}`)).status, 404);
  assert.equal(
    (await elsewhere("POST", `/payments/${payment.id}/refunds`, { amount: 1, method: "cash" })).status,
    404,
  );
  assert.equal((await elsewhere("POST", `/payments/${payment.id}/void`, { reason: "x" })).status, 404);
  assert.deepEqual((await expect(elsewhere("GET", "/payments"), 200)).data, []);
});

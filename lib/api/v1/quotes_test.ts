import assert from "node:assert/strict";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { linkIn, waitForMail } from "../../testing/outbox.ts";
import { billingApi, invalidFields } from "./billing_api_testing.ts";

const album = { description: "Album production", quantity: "1", unitPrice: 500000 };

Deno.test("API: a quote is sent by e-mail with a link, revised, then converted to a deposit and a final invoice", async () => {
  await using api = await billingApi();
  const { t, use, tokenFor, call, expect } = api;
  const client = await use((db) => insertClient(db, { name: "The Tides", email: "tides@example.com" }));
  const token = await tokenFor("manager");
  const draft = await expect(call(token, "POST", "/quotes", { clientId: client.id, lines: [album] }), 201);

  assert.equal(
    (await call(token, "POST", `/quotes/${draft.id}/send`, { version: draft.version + 1 })).status,
    409,
  );
  assert.equal(
    (await call(token, "POST", `/quotes/${draft.id}/convert`, { version: draft.version, target: "invoice" }))
      .status,
    409,
    "a draft is sent before it converts",
  );
  const sent = await expect(call(token, "POST", `/quotes/${draft.id}/send`, { version: draft.version }), 200);
  assert.equal(sent.status, "sent");
  assert.match(sent.number, /^Q-\d{4}-0001$/);
  assert.ok(sent.validUntil > sent.issueDate, "valid for the studio's quote validity");
  const mail = await waitForMail(t.kv, "tides@example.com");
  assert.match(linkIn(mail, /\/q\//), /^http:\/\/localhost\/s\/home\/q\/[A-Za-z0-9_-]{43}$/);

  const revision = await expect(
    call(token, "POST", `/quotes/${draft.id}/revise`, { version: sent.version }),
    201,
  );
  assert.equal(revision.status, "draft");
  assert.equal(revision.revision, 2);
  assert.equal(revision.total, sent.total);
  const again = await call(token, "POST", `/quotes/${draft.id}/revise`, { version: sent.version });
  assert.equal(again.status, 409, "revision 2 exists: revise that one");
  assert.match((await again.json()).detail, /Revision 2/);

  assert.deepEqual(
    await invalidFields(
      call(token, "POST", `/quotes/${draft.id}/convert`, {
        version: sent.version,
        target: "deposit_invoice",
        percent: "150",
      }),
    ),
    ["percent"],
  );
  assert.deepEqual(
    await invalidFields(
      call(token, "POST", `/quotes/${draft.id}/convert`, { version: sent.version, target: "bookings" }),
    ),
    ["target"],
  );
  const deposit = await expect(
    call(token, "POST", `/quotes/${draft.id}/convert`, {
      version: sent.version,
      target: "deposit_invoice",
      percent: "30",
    }),
    201,
  );
  assert.equal(deposit.kind, "deposit_invoice");
  assert.equal(deposit.status, "draft");
  assert.equal(deposit.total, 150000, "30% of 5,000.00");
  assert.equal(deposit.relatedDocumentId, draft.id);

  const final = await expect(
    call(token, "POST", `/quotes/${draft.id}/convert`, { version: sent.version, target: "invoice" }),
    201,
  );
  assert.equal(final.kind, "invoice");
  assert.equal(final.total, 500000);
  assert.equal(final.relatedDocumentId, draft.id);
  const converted = await expect(call(token, "GET", `/quotes/${draft.id}`), 200);
  assert.equal(converted.status, "converted");
  assert.equal(
    (await call(token, "POST", `/quotes/${draft.id}/convert`, {
      version: converted.version,
      target: "invoice",
    })).status,
    409,
    "converted once",
  );
});

Deno.test("API: a quote for a client without an e-mail is not sent; roles and studios are kept apart", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, other } = api;
  const client = await use((db) => insertClient(db, { email: null }));
  const manager = await tokenFor("manager");
  const draft = await expect(call(manager, "POST", "/quotes", { clientId: client.id, lines: [album] }), 201);
  assert.deepEqual(
    await invalidFields(call(manager, "POST", `/quotes/${draft.id}/send`, { version: draft.version })),
    [
      "clientId",
    ],
  );
  assert.deepEqual(await invalidFields(call(manager, "POST", `/quotes/${draft.id}/send`, { version: "1" })), [
    "version",
  ]);
  assert.equal(
    (await expect(call(manager, "GET", `/quotes/${draft.id}`), 200)).status,
    "draft",
    "nothing changed",
  );

  const bookkeeper = await tokenFor("bookkeeper");
  assert.equal((await call(bookkeeper, "GET", `/quotes/${draft.id}`)).status, 200, "bookkeepers read quotes");
  for (const action of ["send", "revise", "convert"]) {
    const res = await call(bookkeeper, "POST", `/quotes/${draft.id}/${action}`, { version: draft.version });
    assert.equal(res.status, 403, action);
  }
  const stranger = await tokenFor("owner", other);
  for (const action of ["send", "revise", "convert"]) {
    const res = await call(stranger, "POST", `/quotes/${draft.id}/${action}`, {
      version: draft.version,
      target: "invoice",
    }, "other");
    assert.equal(res.status, 404, action);
  }
  const invoice = await expect(
    call(await tokenFor("owner"), "POST", "/invoices", { clientId: client.id, lines: [album] }),
    201,
  );
  assert.equal(
    (await call(manager, "POST", `/quotes/${invoice.id}/revise`, { version: invoice.version })).status,
    404,
    "an invoice is no quote",
  );
});

Deno.test("API: quotes and invoices are listed newest first, filtered, with the next page linked", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const [ada, bob] = await use(async (db) => [
    await insertClient(db, { name: "Ada Lovelace", email: "ada@example.com" }),
    await insertClient(db, { name: "Bob Marley" }),
  ]);
  const owner = await tokenFor("owner");
  const quotes = [];
  for (const clientId of [ada.id, bob.id, ada.id]) {
    quotes.push(await expect(call(owner, "POST", "/quotes", { clientId, lines: [album] }), 201));
  }
  await expect(call(owner, "POST", `/quotes/${quotes[0].id}/send`, { version: quotes[0].version }), 200);

  const ids = async (path: string) =>
    (await expect(call(owner, "GET", path), 200)).data.map((d: { id: string }) => d.id);
  assert.deepEqual(await ids("/quotes"), [quotes[2].id, quotes[1].id, quotes[0].id]);
  assert.deepEqual(await ids("/quotes?status=sent"), [quotes[0].id]);
  assert.deepEqual(await ids(`/quotes?clientId=${bob.id}`), [quotes[1].id]);
  assert.deepEqual(await ids("/quotes?q=marl"), [quotes[1].id]);
  const first = await expect(call(owner, "GET", "/quotes?limit=1&status=draft"), 200);
  assert.deepEqual(first.data.map((d: { id: string }) => d.id), [quotes[2].id]);
  assert.match(first.next, /^\/s\/home\/api\/v1\/quotes\?.*status=draft/);
  const second = await expect(call(owner, "GET", first.next.replace("/s/home/api/v1", "")), 200);
  assert.deepEqual(second.data.map((d: { id: string }) => d.id), [quotes[1].id]);
  assert.equal(second.next, null);
  assert.deepEqual(await invalidFields(call(owner, "GET", "/quotes?status=paid")), ["status"]);
  assert.deepEqual(await invalidFields(call(owner, "GET", "/quotes?after=x")), ["after"]);

  const invoice = await issuedInvoice(owner, bob.id, [{ description: "Mix", quantity: 1, unitPrice: 1000 }]);
  const [listed] = (await expect(call(owner, "GET", "/invoices?status=issued"), 200)).data;
  assert.deepEqual(
    { id: listed.id, number: listed.number, clientName: listed.clientName, balanceDue: listed.balanceDue },
    { id: invoice.id, number: invoice.number, clientName: "Bob Marley", balanceDue: 1000 },
  );
  assert.deepEqual(await ids("/invoices?overdue=true"), [], "not yet due");
  assert.equal((await call(await tokenFor("engineer"), "GET", "/invoices")).status, 403);
});

import assert from "node:assert/strict";
import { insertTaxRate } from "../../testing/billing_fixtures.ts";
import { insertClient } from "../../testing/scheduling_fixtures.ts";
import { billingApi, invalidFields } from "./billing_api_testing.ts";

const studioToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(new Date());

Deno.test("API: a credit note for part of an invoice — draft, issue, PDF; the invoice owes less", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const { client, gst } = await use(async (db) => ({
    client: await insertClient(db, { name: "Label Nord" }),
    gst: await insertTaxRate(db, { name: "GST", rate: "5" }),
  }));
  const token = await tokenFor("bookkeeper");
  const invoice = await issuedInvoice(token, client.id, [
    { description: "Mixing", quantity: "1", unitPrice: 100000, taxRateIds: [gst.id] },
    { description: "Mastering", quantity: "2", unitPrice: 25000, taxRateIds: [gst.id] },
  ]);
  assert.equal(invoice.total, 157500);

  const draft = await expect(
    call(token, "POST", `/invoices/${invoice.id}/credit-notes`, {
      reason: "One track was not mastered",
      lines: [{ line: 1, quantity: "1" }],
    }),
    201,
  );
  assert.equal(draft.kind, "credit_note");
  assert.equal(draft.status, "draft");
  assert.equal(draft.relatedDocumentId, invoice.id);
  assert.equal(draft.notes, "One track was not mastered");
  assert.equal(draft.lines.length, 1);
  assert.equal(draft.total, 26250, "one 250.00 mastering + 5% GST, as the invoice printed it");

  const stale = await call(token, "POST", `/credit-notes/${draft.id}/issue`, { version: draft.version - 1 });
  assert.equal(stale.status, 409);
  assert.equal((await stale.json()).type, "/problems/conflict");

  const issued = await expect(
    call(token, "POST", `/credit-notes/${draft.id}/issue`, { version: draft.version }),
    200,
  );
  assert.equal(issued.status, "issued");
  assert.match(issued.number, /\d+$/);
  assert.equal(issued.issueDate, studioToday());

  const after = await expect(call(token, "GET", `/invoices/${invoice.id}`), 200);
  assert.equal(after.amountCredited, 26250);
  assert.equal(after.balanceDue, 157500 - 26250);
  assert.equal(
    (await call(token, "DELETE", `/credit-notes/${draft.id}?version=${issued.version}`)).status,
    409,
    "an issued credit note is kept forever",
  );

  const pdf = await call(token, "GET", `/credit-notes/${draft.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.equal(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5)), "%PDF-");

  const read = await expect(call(token, "GET", `/credit-notes/${draft.id}`), 200);
  assert.equal(read.number, issued.number);
  assert.equal(
    (await call(token, "GET", `/invoices/${draft.id}`)).status,
    404,
    "a credit note is no invoice",
  );
});

Deno.test("API: the credit-note list filters by invoice, client, status and period, and pages", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice } = api;
  const [ada, bob] = await use(async (db) => [
    await insertClient(db, { name: "Ada" }),
    await insertClient(db, { name: "Bob" }),
  ]);
  const token = await tokenFor("bookkeeper");
  const line = { description: "Studio day", quantity: "3", unitPrice: 10000 };
  const adaInvoice = await issuedInvoice(token, ada.id, [line]);
  const bobInvoice = await issuedInvoice(token, bob.id, [line]);
  const credit = (invoiceId: string) =>
    expect(
      call(token, "POST", `/invoices/${invoiceId}/credit-notes`, {
        reason: "A day cancelled",
        lines: [{ line: 0, quantity: "1" }],
      }),
      201,
    );
  const first = await credit(adaInvoice.id);
  await expect(call(token, "POST", `/credit-notes/${first.id}/issue`, { version: first.version }), 200);
  const second = await credit(adaInvoice.id);
  const third = await credit(bobInvoice.id);

  const ids = async (query: string) =>
    (await expect(call(token, "GET", `/credit-notes${query}`), 200)).data.map((n: { id: string }) => n.id);
  assert.deepEqual(await ids(""), [third.id, second.id, first.id], "newest first");
  assert.deepEqual(await ids(`?invoiceId=${adaInvoice.id}`), [second.id, first.id]);
  assert.deepEqual(await ids(`?clientId=${bob.id}`), [third.id]);
  assert.deepEqual(await ids("?status=issued"), [first.id]);
  const today = studioToday();
  assert.deepEqual(await ids(`?from=${today}&to=${today}`), [first.id], "a period holds issued notes");
  assert.deepEqual(await ids("?to=2000-01-01"), []);

  const [summary] = (await expect(call(token, "GET", "/credit-notes?status=issued"), 200)).data;
  assert.equal(summary.invoiceNumber, adaInvoice.number);
  assert.equal(summary.clientName, "Ada");
  assert.equal(summary.total, 10000);
  assert.equal(summary.reason, "A day cancelled");

  const seen: string[] = [];
  let next: string | null = "/credit-notes?limit=2&status=draft";
  while (next) {
    const page: { data: { id: string }[]; next: string | null } = await expect(call(token, "GET", next), 200);
    seen.push(...page.data.map((n) => n.id));
    if (page.next) assert.equal(new URLSearchParams(page.next.split("?")[1]).get("status"), "draft");
    next = page.next?.replace("/s/home/api/v1", "") ?? null;
  }
  assert.deepEqual(seen, [third.id, second.id]);

  assert.deepEqual(await invalidFields(call(token, "GET", "/credit-notes?from=yesterday&limit=0")), [
    "from",
    "limit",
  ]);
  assert.deepEqual(await invalidFields(call(token, "GET", "/credit-notes?after=bm9wZQ")), ["after"]);
});

Deno.test("API: credit notes refuse bad input (422), over-crediting (409), other roles (403) and studios (404)", async () => {
  await using api = await billingApi();
  const { use, tokenFor, call, expect, issuedInvoice, other } = api;
  const client = await use((db) => insertClient(db));
  const token = await tokenFor("bookkeeper");
  const invoice = await issuedInvoice(token, client.id, [{
    description: "Mix",
    quantity: "2",
    unitPrice: 5000,
  }]);
  const path = `/invoices/${invoice.id}/credit-notes`;

  assert.deepEqual(await invalidFields(call(token, "POST", path, { reason: "  " })), ["reason"]);
  assert.deepEqual(await invalidFields(call(token, "POST", path, { reason: "x", lines: [{ line: 3 }] })), [
    "lines.0.line",
  ]);
  assert.deepEqual(
    await invalidFields(call(token, "POST", path, { reason: "x", lines: [{ line: 0, quantity: "5" }] })),
    ["lines.0.quantity"],
  );
  assert.deepEqual(await invalidFields(call(token, "POST", path, { lines: "some" })), ["lines", "reason"]);

  const whole = await expect(call(token, "POST", path, { reason: "Cancelled", lines: "all" }), 201);
  assert.equal(whole.total, invoice.total);
  const twice = await expect(call(token, "POST", path, { reason: "Again" }), 201);
  await expect(call(token, "POST", `/credit-notes/${whole.id}/issue`, { version: whole.version }), 200);
  const over = await call(token, "POST", `/credit-notes/${twice.id}/issue`, { version: twice.version });
  assert.equal(over.status, 409, "the invoice is already fully credited");
  assert.match((await over.json()).detail, /left to credit/);
  assert.equal((await expect(call(token, "GET", `/invoices/${invoice.id}`), 200)).status, "credited");
  assert.equal((await call(token, "POST", path, { reason: "More" })).status, 409);
  assert.equal(
    (await call(token, "DELETE", `/credit-notes/${twice.id}?version=${twice.version}`)).status,
    204,
  );
  assert.equal(
    (await call(token, "GET", `/credit-notes/${twice.id}`)).status,
    404,
    "a deleted draft is gone",
  );

  const draftInvoice = await expect(
    call(token, "POST", "/invoices", {
      clientId: client.id,
      lines: [{ description: "A", quantity: 1, unitPrice: 1 }],
    }),
    201,
  );
  assert.equal(
    (await call(token, "POST", `/invoices/${draftInvoice.id}/credit-notes`, { reason: "x" })).status,
    409,
  );

  const manager = await tokenFor("manager");
  assert.equal((await call(manager, "GET", `/credit-notes/${whole.id}`)).status, 200, "managers read them");
  assert.equal((await call(manager, "POST", path, { reason: "x" })).status, 403, "but do not write them");
  assert.equal((await call(await tokenFor("engineer"), "GET", "/credit-notes")).status, 403);

  const stranger = await tokenFor("owner", other);
  const foreignClient = await use((db) => insertClient(db), other);
  const foreignInvoice = await issuedInvoice(
    stranger,
    foreignClient.id,
    [{ description: "B", quantity: 1, unitPrice: 100 }],
    "other",
  );
  const owner = await tokenFor("owner");
  assert.equal((await call(owner, "GET", `/credit-notes/${whole.id}`, undefined, "other")).status, 401);
  assert.equal((await call(stranger, "GET", `/credit-notes/${whole.id}`, undefined, "other")).status, 404);
  assert.equal(
    (await call(owner, "POST", `/invoices/${foreignInvoice.id}/credit-notes`, { reason: "x" })).status,
    404,
  );
  assert.equal((await call(owner, "GET", `/credit-notes/${whole.id}/pdf`, undefined, "other")).status, 401);
});

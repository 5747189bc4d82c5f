import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { billingDocuments, depositApplications } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertTaxRate } from "../testing/billing_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { documentHash } from "./document_hash.ts";
import { createDraft, getDocument } from "./documents.ts";
import { issueDocument } from "./issue.ts";
import { convertQuote } from "./quote_conversion.ts";
import {
  acceptQuote,
  declineQuote,
  expireQuotes,
  quoteByToken,
  QuoteLinkClosed,
  quoteState,
  quoteTokenHash,
  reviseQuote,
  sendQuote,
} from "./quotes.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };
// 11:00 in Paris, the test studio's zone.
const NOW = new Date("2026-03-10T10:00:00Z");
const BASE = "https://north.example.com";

function memoryMailer() {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { kind: "outbox", send: (m) => Promise.resolve(void sent.push(m)) };
  return { mailer, sent };
}

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

/** A draft quote for a client with an e-mail: 2 days of mixing at 450.00 + 20% VAT = 1,080.00. */
async function draftQuote(db: TenantDb, clientFields: Parameters<typeof insertClient>[1] = {}) {
  const client = await insertClient(db, { email: "ada@example.com", ...clientFields });
  const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
  const quote = await createDraft(db, "quote", {
    clientId: client.id,
    title: "Album mix",
    terms: "50% on acceptance.",
    lines: [
      { description: "Mixing", quantity: "2", unit: "day", unitPrice: 45000, taxRateIds: [vat.id] },
      { description: "Mastering", quantity: "1", unitPrice: 0, taxRateIds: [vat.id] },
    ],
  }, acting);
  return { client, vat, quote };
}

async function sentQuote(db: TenantDb) {
  const { mailer, sent } = memoryMailer();
  const { quote, client, vat } = await draftQuote(db);
  const result = await sendQuote(db, quote.id, quote.version, acting, { now: NOW, mailer, baseUrl: BASE });
  const token = result.link.slice(`${BASE}/q/`.length);
  return { ...result, token, client, vat, sent, mailer };
}

Deno.test("sending a quote numbers it, freezes it, stores only the link's hash and e-mails the link", async () => {
  await withStudioDb(async (db) => {
    const { quote, link, token, sent } = await sentQuote(db);
    assert.equal(quote.status, "sent");
    assert.equal(quote.number, "Q-2026-0001");
    assert.equal(quote.issueDate, "2026-03-10");
    assert.equal(quote.validUntil, "2026-04-09", "today + the default 30 days of validity");
    assert.equal(quote.total, 108000);
    assert.equal(quote.clientSnapshot?.email, "ada@example.com");
    assert.equal(quote.issuerSnapshot?.name, "Test Studio");
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
    assert.equal(quote.publicTokenHash, quoteTokenHash(token));
    const stored = JSON.stringify(await db.select().from(billingDocuments));
    assert.ok(!stored.includes(token), "the token itself is stored nowhere");

    assert.equal(sent.length, 1);
    assert.equal(sent[0].to, "ada@example.com");
    assert.match(sent[0].subject, /Quote Q-2026-0001 from Test Studio/);
    assert.ok(sent[0].text.includes(link));
    assert.match(sent[0].text, /1,080\.00/);
    const [audit] = await listAudit(db, { action: "quote.sent" });
    assert.equal(audit.entityId, quote.id);
  });
});

Deno.test("a client without an e-mail is refused on its field, and nothing is numbered", async () => {
  await withStudioDb(async (db) => {
    const { mailer, sent } = memoryMailer();
    const { quote } = await draftQuote(db, { email: null });
    const err = await rejection(
      sendQuote(db, quote.id, quote.version, acting, { now: NOW, mailer, baseUrl: BASE }),
      ValidationError,
    );
    assert.match(err.fields.clientId, /no e-mail address/);
    assert.equal(sent.length, 0);
    assert.equal((await getDocument(db, quote.id)).status, "draft");
    const other = await sentQuote(db);
    assert.equal(other.quote.number, "Q-2026-0001", "the refused send took no number");
  });
});

Deno.test("a mail relay failure leaves the quote a draft and gives its number back", async () => {
  await withStudioDb(async (db) => {
    const { quote } = await draftQuote(db);
    const failing: Mailer = { kind: "smtp", send: () => Promise.reject(new Error("relay down")) };
    await assert.rejects(
      sendQuote(db, quote.id, quote.version, acting, { now: NOW, mailer: failing, baseUrl: BASE }),
      /relay down/,
    );
    const after = await getDocument(db, quote.id);
    assert.equal(after.status, "draft");
    assert.equal(after.number, null);
  });
});

Deno.test("sending again makes a new link: the old one stops working", async () => {
  await withStudioDb(async (db) => {
    const first = await sentQuote(db);
    const again = await sendQuote(db, first.quote.id, first.quote.version, acting, {
      now: NOW,
      mailer: first.mailer,
      baseUrl: BASE,
    });
    assert.equal(again.quote.number, first.quote.number, "the number stays");
    assert.notEqual(again.link, first.link);
    assert.equal(first.sent.length, 2);
    await rejection(quoteByToken(db, first.token, NOW), NotFoundError);
    await rejection(acceptQuote(db, first.token, { name: "Ada Lovelace" }, { now: NOW }), NotFoundError);
    const opened = await quoteByToken(db, again.link.split("/q/")[1], NOW);
    assert.equal(opened.state, "open");
  });
});

Deno.test("accepting records the typed name, time, address, browser and the hash of what was read", async () => {
  await withStudioDb(async (db) => {
    const { quote, token } = await sentQuote(db);
    const at = new Date("2026-03-12T09:30:00Z");
    const accepted = await acceptQuote(db, token, {
      name: "  Ada   Lovelace ",
      ip: "203.0.113.7",
      userAgent: "Mobile Safari",
    }, { now: at });
    assert.equal(accepted.status, "accepted");
    assert.deepEqual(accepted.acceptedAt, at);
    assert.deepEqual(accepted.signature, {
      name: "Ada Lovelace",
      signedAt: at.toISOString(),
      ip: "203.0.113.7",
      userAgent: "Mobile Safari",
      documentHash: documentHash(await getDocument(db, quote.id)),
    });
    const [audit] = await listAudit(db, { action: "quote.accepted" });
    assert.equal(audit.actorType, "client");
    assert.equal(audit.actorLabel, "Ada Lovelace");
    assert.equal(audit.ip, "203.0.113.7");

    const again = await rejection(
      acceptQuote(db, token, { name: "Ada Lovelace" }, { now: at }),
      QuoteLinkClosed,
    );
    assert.equal(again.state, "accepted", "a second acceptance is refused");
    assert.equal(again.status, 410);
    assert.equal((await quoteByToken(db, token, at)).state, "accepted");
  });
});

Deno.test("a name of less than two letters is not a signature", async () => {
  await withStudioDb(async (db) => {
    const { token } = await sentQuote(db);
    const err = await rejection(acceptQuote(db, token, { name: " x " }, { now: NOW }), ValidationError);
    assert.deepEqual(Object.keys(err.fields), ["name"]);
  });
});

Deno.test("an unknown or malformed token opens nothing", async () => {
  await withStudioDb(async (db) => {
    await sentQuote(db);
    for (const token of ["", "short", "A".repeat(43), "../../etc/passwd"]) {
      await rejection(quoteByToken(db, token, NOW), NotFoundError);
      await rejection(acceptQuote(db, token, { name: "Ada Lovelace" }, { now: NOW }), NotFoundError);
      await rejection(declineQuote(db, token, {}, { now: NOW }), NotFoundError);
    }
  });
});

Deno.test("after its last valid day (studio time) a quote cannot be accepted, and the job marks it expired", async () => {
  await withStudioDb(async (db) => {
    const { quote, token } = await sentQuote(db);
    // 23:30 in Paris on the last day: still valid.
    assert.equal((await quoteByToken(db, token, new Date("2026-04-09T21:30:00Z"))).state, "open");
    // 00:30 in Paris the day after, though still the 9th in UTC.
    const late = new Date("2026-04-09T22:30:00Z");
    const err = await rejection(
      acceptQuote(db, token, { name: "Ada Lovelace" }, { now: late }),
      QuoteLinkClosed,
    );
    assert.equal(err.state, "expired");
    assert.match(err.message, /expired/);

    assert.deepEqual(await expireQuotes(db, "2026-04-09"), [], "not before the day after");
    assert.deepEqual(await expireQuotes(db, "2026-04-10"), [quote.id]);
    assert.equal((await getDocument(db, quote.id)).status, "expired");
    const [audit] = await listAudit(db, { action: "quote.expired" });
    assert.equal(audit.actorType, "system");
  });
});

Deno.test("declining keeps the reason; the link then takes no acceptance", async () => {
  await withStudioDb(async (db) => {
    const { quote, token } = await sentQuote(db);
    const declined = await declineQuote(db, token, { reason: "Over our budget", ip: "198.51.100.2" }, {
      now: NOW,
    });
    assert.equal(declined.status, "declined");
    assert.equal(declined.declineReason, "Over our budget");
    const err = await rejection(
      acceptQuote(db, token, { name: "Ada Lovelace" }, { now: NOW }),
      QuoteLinkClosed,
    );
    assert.equal(err.state, "declined");
    const [audit] = await listAudit(db, { action: "quote.declined" });
    assert.equal(audit.entityId, quote.id);
    assert.equal(audit.actorType, "client");
  });
});

Deno.test("a revision is a new draft of the same lines; once it is sent only it can be accepted", async () => {
  await withStudioDb(async (db) => {
    const first = await sentQuote(db);
    const draft = await reviseQuote(db, first.quote.id, first.quote.version, acting);
    assert.equal(draft.status, "draft");
    assert.equal(draft.revision, 2);
    assert.equal(draft.revisionOf, first.quote.id);
    assert.equal(draft.total, first.quote.total);
    assert.deepEqual(draft.lines.map((l) => l.description), ["Mixing", "Mastering"]);
    assert.equal(
      (await getDocument(db, first.quote.id)).status,
      "sent",
      "the old revision is left as it was",
    );
    assert.equal((await quoteByToken(db, first.token, NOW)).state, "open", "a draft supersedes nothing");
    await rejection(reviseQuote(db, first.quote.id, first.quote.version, acting), ConflictError);

    const second = await sendQuote(db, draft.id, draft.version, acting, {
      now: NOW,
      mailer: first.mailer,
      baseUrl: BASE,
    });
    assert.equal(second.quote.number, "Q-2026-0002");
    assert.match(first.sent[1].text, /revision 2/);
    const err = await rejection(
      acceptQuote(db, first.token, { name: "Ada Lovelace" }, { now: NOW }),
      QuoteLinkClosed,
    );
    assert.equal(err.state, "superseded");
    const accepted = await acceptQuote(db, second.link.split("/q/")[1], { name: "Ada Lovelace" }, {
      now: NOW,
    });
    assert.equal(accepted.status, "accepted");
  });
});

Deno.test("converting makes a draft invoice with the same lines and total; a second conversion is refused", async () => {
  await withStudioDb(async (db) => {
    const { quote, token, vat } = await sentQuote(db);
    const accepted = await acceptQuote(db, token, { name: "Ada Lovelace" }, { now: NOW });
    const invoice = await convertQuote(db, quote.id, accepted.version, { target: "invoice" }, acting);
    assert.equal(invoice.kind, "invoice");
    assert.equal(invoice.status, "draft");
    assert.equal(invoice.relatedDocumentId, quote.id);
    assert.equal(invoice.total, quote.total);
    assert.deepEqual(
      invoice.lines.map((l) => [l.description, l.quantity, l.unit, l.unitPrice, l.taxes.map((t) => t.id)]),
      [["Mixing", "2", "day", 45000, [vat.id]], ["Mastering", "1", "item", 0, [vat.id]]],
    );
    const converted = await getDocument(db, quote.id);
    assert.equal(converted.status, "converted");
    const err = await rejection(
      convertQuote(db, quote.id, converted.version, { target: "invoice" }, acting),
      ConflictError,
    );
    assert.match(err.message, /already been converted/);
    const stale = await rejection(
      convertQuote(db, quote.id, accepted.version, { target: "invoice" }, acting),
      ConflictError,
    );
    assert.match(stale.message, /changed by someone else/);
  });
});

Deno.test("staff may convert a sent quote on the client's word: the audit says so", async () => {
  await withStudioDb(async (db) => {
    const { quote } = await sentQuote(db);
    await convertQuote(db, quote.id, quote.version, { target: "invoice" }, acting);
    const [audit] = await listAudit(db, { action: "quote.converted" });
    assert.deepEqual(audit.changes?.acceptedOnClientWord, { after: true });
    assert.deepEqual(audit.changes?.status, { before: "sent", after: "converted" });
  });
});

Deno.test("drafts, declined and expired quotes do not convert", async () => {
  await withStudioDb(async (db) => {
    const { quote } = await draftQuote(db);
    await rejection(convertQuote(db, quote.id, quote.version, { target: "invoice" }, acting), ConflictError);
    const sent = await sentQuote(db);
    const declined = await declineQuote(db, sent.token, {}, { now: NOW });
    await rejection(
      convertQuote(db, declined.id, declined.version, { target: "invoice" }, acting),
      ConflictError,
    );
  });
});

Deno.test("a deposit invoice asks for a share of the total, rounded once and untaxed; the final invoice deducts it once paid", async () => {
  await withStudioDb(async (db) => {
    const { quote, token } = await sentQuote(db);
    let accepted = await acceptQuote(db, token, { name: "Ada Lovelace" }, { now: NOW });
    // 33.335% of 1,080.00 = 360.018 → 360.02, rounded once.
    const deposit = await convertQuote(db, quote.id, accepted.version, {
      target: "deposit_invoice",
      percent: "33,335 %",
    }, acting);
    assert.equal(deposit.kind, "deposit_invoice");
    assert.equal(deposit.relatedDocumentId, quote.id);
    assert.equal(deposit.lines.length, 1);
    assert.equal(deposit.lines[0].description, "Deposit — 33.335% of quote Q-2026-0001");
    assert.deepEqual(deposit.lines[0].taxes, []);
    assert.equal(deposit.total, 36002);
    accepted = await getDocument(db, quote.id);
    assert.equal(accepted.status, "accepted", "the quote waits for its final invoice");

    for (const percent of ["0", "101", "abc", "70"]) {
      const err = await rejection(
        convertQuote(db, quote.id, accepted.version, { target: "deposit_invoice", percent }, acting),
        ValidationError,
      );
      assert.deepEqual(Object.keys(err.fields), ["percent"], `refused: ${percent}`);
    }

    // Issued and paid (payments are recorded elsewhere; here the columns are set as they would be).
    const issued = await issueDocument(db, deposit.id, deposit.version, acting, { now: NOW });
    await db.update(billingDocuments).set({ status: "paid", amountPaid: issued.total, paidAt: NOW })
      .where(eq(billingDocuments.id, deposit.id));

    const invoice = await convertQuote(db, quote.id, accepted.version, { target: "invoice" }, acting);
    assert.equal(invoice.depositsApplied, 36002);
    assert.equal((await getDocument(db, invoice.id)).depositsApplied, 36002);
    const applications = await db.select().from(depositApplications);
    assert.deepEqual(applications, [{ invoiceId: invoice.id, depositId: deposit.id, amount: 36002 }]);
    const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(billingDocuments)
      .where(eq(billingDocuments.kind, "invoice"));
    assert.equal(count, 1);
  });
});

Deno.test("what a client can do with a quote: only the newest sent revision, up to its last day, is open", () => {
  const sent = { status: "sent" as const, revision: 1, validUntil: "2026-04-09" };
  const family = [{ revision: 1, status: "sent" as const }];
  assert.equal(quoteState(sent, family, "2026-04-09"), "open", "the last valid day itself");
  assert.equal(quoteState(sent, family, "2026-04-10"), "expired", "by date, before the job marks it");
  assert.equal(quoteState(sent, [...family, { revision: 2, status: "draft" }], "2026-03-10"), "open");
  assert.equal(quoteState(sent, [...family, { revision: 2, status: "sent" }], "2026-03-10"), "superseded");
  assert.equal(
    quoteState(sent, [...family, { revision: 2, status: "declined" }], "2026-03-10"),
    "superseded",
  );
  for (const status of ["accepted", "converted", "declined", "expired"] as const) {
    assert.equal(quoteState({ ...sent, status }, family, "2026-03-10"), status);
  }
  assert.equal(
    quoteState({ ...sent, status: "draft" }, family, "2026-03-10"),
    null,
    "clients never see drafts",
  );
});

import assert from "node:assert/strict";
import { listAudit } from "../audit/audit.ts";
import { documentHash } from "../billing/document_hash.ts";
import { getDocument } from "../billing/documents.ts";
import { acceptQuote, declineQuote, QuoteLinkClosed, reviseQuote } from "../billing/quotes.ts";
import { NotFoundError } from "../errors.ts";
import { draftTestQuote, sentTestQuote, sentTestRevision, STAFF } from "../testing/quote_fixtures.ts";
import { insertClient, withStudioDb } from "../testing/scheduling_fixtures.ts";
import { clientQuote, clientQuotes } from "./client_quotes.ts";

// 11:00 in Paris, the test studio's zone.
const NOW = new Date("2026-03-10T10:00:00Z");
const LONG_AGO = new Date("2026-01-05T10:00:00Z");

async function rejection<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof type, `expected ${type.name}, got ${err}`);
  return err as E;
}

Deno.test("the client's list holds every quote sent to them with what they can do now, and no draft", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const bob = await insertClient(db, { name: "Bob", email: "bob@example.com" });
    const expired = await sentTestQuote(db, ada.id, { now: LONG_AGO, title: "Old offer" });
    const first = await sentTestQuote(db, ada.id, { now: NOW, title: "Album mix" });
    const second = await sentTestRevision(db, first.quote.id, first.quote.version, NOW);
    const open = await sentTestQuote(db, ada.id, { now: NOW, title: "Single" });
    const declined = await sentTestQuote(db, ada.id, { now: NOW, title: "EP" });
    await declineQuote(db, declined.token, {}, { now: NOW });
    await draftTestQuote(db, ada.id, "Not sent yet");
    await sentTestQuote(db, bob.id, { now: NOW, title: "Bob's" });
    // A draft revision of the open one supersedes nothing.
    await reviseQuote(db, open.quote.id, open.quote.version, STAFF);

    const list = await clientQuotes(db, ada.id, NOW);
    assert.deepEqual(
      list.map((q) => [q.title, q.revision, q.state]).sort(),
      [
        ["Album mix", 1, "superseded"],
        ["Album mix", 2, "open"],
        ["EP", 1, "declined"],
        ["Old offer", 1, "expired"],
        ["Single", 1, "open"],
      ],
    );
    assert.equal(list.find((q) => q.id === second.quote.id)?.total, 108000);
    assert.equal(list.find((q) => q.id === expired.quote.id)?.validUntil, "2026-02-04");
    assert.deepEqual(await clientQuotes(db, (await insertClient(db, { name: "New" })).id, NOW), []);
  });
});

Deno.test("a signed-in client accepts their quote by id: typed name, hash of what was read, audited as the client", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const { quote } = await sentTestQuote(db, ada.id, { now: NOW });
    const read = await clientQuote(db, quote.id, ada.id, NOW);
    assert.equal(read.state, "open");
    assert.equal(read.quote.lines.length, 1);

    const at = new Date("2026-03-12T09:30:00Z");
    const accepted = await acceptQuote(db, { id: quote.id, clientId: ada.id }, {
      name: " Ada  Lovelace ",
      ip: "203.0.113.7",
      userAgent: "Mobile Safari",
    }, { now: at });
    assert.equal(accepted.status, "accepted");
    assert.deepEqual(accepted.signature, {
      name: "Ada Lovelace",
      signedAt: at.toISOString(),
      ip: "203.0.113.7",
      userAgent: "Mobile Safari",
      documentHash: documentHash(await getDocument(db, quote.id)),
    });
    const [audit] = await listAudit(db, { action: "quote.accepted" });
    assert.equal(audit.actorType, "client");
    assert.equal(audit.actorId, ada.id);
    assert.equal(audit.actorLabel, "Ada Lovelace");
    assert.equal(audit.entityId, quote.id);

    const again = await rejection(
      acceptQuote(db, { id: quote.id, clientId: ada.id }, { name: "Ada Lovelace" }, { now: at }),
      QuoteLinkClosed,
    );
    assert.equal(again.state, "accepted");
    assert.equal((await clientQuote(db, quote.id, ada.id, at)).state, "accepted");
  });
});

Deno.test("a client declines by id with a reason", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const { quote } = await sentTestQuote(db, ada.id, { now: NOW });
    const declined = await declineQuote(db, { id: quote.id, clientId: ada.id }, { reason: "Over budget" }, {
      now: NOW,
    });
    assert.equal(declined.status, "declined");
    assert.equal(declined.declineReason, "Over budget");
    const [audit] = await listAudit(db, { action: "quote.declined" });
    assert.equal(audit.actorId, ada.id);
    assert.deepEqual(audit.changes, {
      status: { before: "sent", after: "declined" },
      reason: { after: "Over budget" },
    });
  });
});

Deno.test("another client's quote and a draft do not exist for the client, not even to answer", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const bob = await insertClient(db, { name: "Bob", email: "bob@example.com" });
    const bobs = await sentTestQuote(db, bob.id, { now: NOW });
    const draft = await draftTestQuote(db, ada.id);
    for (const id of [bobs.quote.id, draft.id, "doc_missing"]) {
      await rejection(clientQuote(db, id, ada.id, NOW), NotFoundError);
      await rejection(
        acceptQuote(db, { id, clientId: ada.id }, { name: "Ada Lovelace" }, { now: NOW }),
        NotFoundError,
      );
      await rejection(declineQuote(db, { id, clientId: ada.id }, {}, { now: NOW }), NotFoundError);
    }
    assert.equal((await getDocument(db, bobs.quote.id)).status, "sent", "Bob's quote is untouched");
    assert.equal((await getDocument(db, draft.id)).status, "draft");
  });
});

Deno.test("after its last valid day in the studio's zone the quote shows as expired and takes no answer", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const { quote } = await sentTestQuote(db, ada.id, { now: NOW });
    const key = { id: quote.id, clientId: ada.id };
    // 23:30 in Paris on the last day (2026-04-09), then 00:30 the day after.
    assert.equal((await clientQuote(db, quote.id, ada.id, new Date("2026-04-09T21:30:00Z"))).state, "open");
    const late = new Date("2026-04-09T22:30:00Z");
    assert.equal((await clientQuote(db, quote.id, ada.id, late)).state, "expired");
    const err = await rejection(
      acceptQuote(db, key, { name: "Ada Lovelace" }, { now: late }),
      QuoteLinkClosed,
    );
    assert.equal(err.state, "expired");
    await rejection(declineQuote(db, key, {}, { now: late }), QuoteLinkClosed);
  });
});

Deno.test("a superseded revision takes no answer and points to the newest one sent", async () => {
  await withStudioDb(async (db) => {
    const ada = await insertClient(db, { name: "Ada", email: "ada@example.com" });
    const first = await sentTestQuote(db, ada.id, { now: NOW });
    const second = await sentTestRevision(db, first.quote.id, first.quote.version, NOW);
    const old = await clientQuote(db, first.quote.id, ada.id, NOW);
    assert.equal(old.state, "superseded");
    assert.deepEqual(old.latest, { id: second.quote.id, number: second.quote.number, revision: 2 });
    const err = await rejection(
      acceptQuote(db, { id: first.quote.id, clientId: ada.id }, { name: "Ada Lovelace" }, { now: NOW }),
      QuoteLinkClosed,
    );
    assert.equal(err.state, "superseded");
    const accepted = await acceptQuote(db, { id: second.quote.id, clientId: ada.id }, {
      name: "Ada Lovelace",
    }, {
      now: NOW,
    });
    assert.equal(accepted.status, "accepted");
    assert.equal((await clientQuote(db, second.quote.id, ada.id, NOW)).latest, null);
  });
});

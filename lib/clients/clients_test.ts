import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { clients } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { ClientInputError, localizedFieldErrors } from "./client_input.ts";
import {
  addClientNote,
  clientBatch,
  clientsByEmail,
  createClient,
  getClient,
  listClientNotes,
  setClientArchived,
  updateClient,
} from "./clients.ts";
import { createTranslator } from "../i18n/mod.ts";

const acting: ActingAs = {
  actor: { type: "staff", id: "stf_1", label: "ana@example.com" },
  ip: "203.0.113.9",
};

async function rejection(promise: Promise<unknown>): Promise<ClientInputError> {
  const err = await promise.then(() => undefined, (e) => e);
  assert.ok(err instanceof ClientInputError, `expected a ClientInputError, got ${err}`);
  return err;
}

Deno.test("a label company is created with its contacts in order, normalised, and audited", async () => {
  await withStudioDb(async (db) => {
    const label = await createClient(db, {
      kind: "company",
      name: "  Blue Note Records ",
      email: "hello@bluenote.example",
      extraEmails: ["accounts@bluenote.example", " ", "ACCOUNTS@bluenote.example"],
      country: "fr",
      currency: "eur",
      locale: "fr",
      taxId: "FR 12 345678901",
      tags: ["label", "VIP", "vip"],
      contacts: [
        { name: "Maria Lopez", role: "A&R", email: "maria@bluenote.example" },
        { name: "Tom Price", role: "accountant", phone: "+44 20 7946 0000" },
      ],
    }, acting);
    assert.match(label.id, /^cli_/);
    assert.equal(label.name, "Blue Note Records");
    assert.deepEqual(label.extraEmails, ["accounts@bluenote.example"], "blanks and repeats dropped");
    assert.equal(label.country, "FR");
    assert.equal(label.currency, "EUR");
    assert.deepEqual(label.tags, ["label", "VIP"]);
    assert.equal(label.artistName, null);
    assert.deepEqual(label.contacts.map((c) => [c.name, c.role, c.position]), [
      ["Maria Lopez", "A&R", 0],
      ["Tom Price", "accountant", 1],
    ]);

    const read = await getClient(db, label.id);
    assert.deepEqual(read, label);

    const [entry] = await listAudit(db, { action: "client.created" });
    assert.equal(entry.entityId, label.id);
    assert.equal(entry.actorLabel, "ana@example.com");
    assert.equal(entry.ip, "203.0.113.9");
    assert.deepEqual(entry.changes?.name, { after: "Blue Note Records" });
    assert.equal(entry.changes?.artistName, undefined, "fields left empty are not logged");
    assert.equal((entry.changes?.contacts?.after as unknown[]).length, 2);
  });
});

Deno.test("bad input names each field with a message id, and nothing is written", async () => {
  await withStudioDb(async (db) => {
    const err = await rejection(createClient(db, {
      kind: "orchestra" as "band",
      name: " ",
      email: "not-an-email",
      phone: "12",
      extraEmails: ["ok@example.com", "nope"],
      country: "XX",
      tags: ["a,b"],
      contacts: [{ name: "" }],
    }, acting));
    assert.deepEqual(Object.keys(err.problems).sort(), [
      "contacts.0.name",
      "country",
      "email",
      "extraEmails",
      "kind",
      "name",
      "phone",
      "tags",
    ]);
    assert.equal(err.status, 422);
    assert.equal(err.fields.name, "Give the client's name.", "English for the API");
    assert.equal(err.fields.extraEmails, "“nope” is not an e-mail address.");
    const french = localizedFieldErrors(err, createTranslator("fr").t);
    assert.equal(french.name, "Indiquez le nom du client.");
    const [{ count }] = await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(clients);
    assert.equal(count, 0);
    assert.equal((await listAudit(db)).length, 0);
  });
});

Deno.test("too long a name says how long it may be", async () => {
  await withStudioDb(async (db) => {
    const err = await rejection(createClient(db, { kind: "person", name: "x".repeat(201) }, acting));
    assert.deepEqual(err.problems.name, { id: "clients.error.too_long", params: { max: 200 } });
    assert.equal(err.fields.name, "Keep it to 200 characters or fewer.");
  });
});

Deno.test("an update keeps named contacts, removes the others, adds new ones, and logs what changed", async () => {
  await withStudioDb(async (db) => {
    const band = await createClient(db, {
      kind: "band",
      name: "The Tides",
      contacts: [{ name: "Jo", role: "band member" }, { name: "Kim", role: "manager" }],
    }, acting);
    const [jo] = band.contacts;
    const updated = await updateClient(
      db,
      band.id,
      {
        kind: "band",
        name: "The Tides",
        artistName: "TIDES",
        contacts: [{ id: jo.id, name: "Jo Lane", role: "band member" }, { name: "Sam", role: "drums" }],
      },
      band.version,
      acting,
    );
    assert.equal(updated.version, band.version + 1);
    assert.deepEqual(updated.contacts.map((c) => c.name), ["Jo Lane", "Sam"]);
    assert.equal(updated.contacts[0].id, jo.id, "the edited contact keeps its id");

    const [entry] = await listAudit(db, { action: "client.updated" });
    assert.deepEqual(Object.keys(entry.changes ?? {}).sort(), ["artistName", "contacts"]);
    assert.deepEqual(entry.changes?.artistName, { before: null, after: "TIDES" });
  });
});

Deno.test("an edit from a stale page is refused, and a missing client is not found", async () => {
  await withStudioDb(async (db) => {
    const client = await createClient(db, { kind: "person", name: "Nina" }, acting);
    await updateClient(db, client.id, { kind: "person", name: "Nina Simone" }, client.version, acting);
    await assert.rejects(
      updateClient(db, client.id, { kind: "person", name: "Nina S." }, client.version, acting),
      ConflictError,
    );
    assert.equal((await getClient(db, client.id)).name, "Nina Simone", "the newer edit stands");
    await assert.rejects(
      updateClient(
        db,
        client.id,
        {
          kind: "person",
          name: "Nina",
          contacts: [{ id: "contact_someone_elses", name: "X" }],
        },
        client.version + 1,
        acting,
      ),
      ConflictError,
      "a contact of another client cannot be edited through this one",
    );
    await assert.rejects(getClient(db, "cli_missing"), NotFoundError);
    await assert.rejects(
      updateClient(db, "cli_missing", { kind: "person", name: "X" }, 1, acting),
      NotFoundError,
    );
  });
});

Deno.test("an update that changes nothing writes no audit row", async () => {
  await withStudioDb(async (db) => {
    const client = await createClient(db, { kind: "person", name: "Nina", tags: ["jazz"] }, acting);
    await updateClient(
      db,
      client.id,
      { kind: "person", name: "Nina", tags: ["jazz"] },
      client.version,
      acting,
    );
    assert.equal((await listAudit(db, { action: "client.updated" })).length, 0);
  });
});

Deno.test("archiving and restoring are audited, and repeating one changes nothing", async () => {
  await withStudioDb(async (db) => {
    const client = await createClient(db, { kind: "person", name: "Nina" }, acting);
    const archived = await setClientArchived(db, client.id, true, acting);
    assert.ok(archived.archivedAt instanceof Date);
    const again = await setClientArchived(db, client.id, true, acting);
    assert.deepEqual(again.archivedAt, archived.archivedAt);
    await setClientArchived(db, client.id, false, acting);
    assert.equal((await getClient(db, client.id)).archivedAt, null);
    const actions = (await listAudit(db)).map((e) => e.action).reverse();
    assert.deepEqual(actions, ["client.created", "client.archived", "client.restored"]);
  });
});

Deno.test("notes form a dated history, newest first, attributed to their author", async () => {
  await withStudioDb(async (db) => {
    const client = await createClient(db, { kind: "band", name: "The Tides" }, acting);
    await addClientNote(db, client.id, { body: "Prefers morning sessions." }, acting);
    await addClientNote(db, client.id, { body: "  Paid the deposit in cash.  " }, {
      actor: { type: "staff", id: "stf_2", label: "sam@example.com" },
    });
    const notes = await listClientNotes(db, client.id);
    assert.deepEqual(notes.map((n) => [n.body, n.authorLabel]), [
      ["Paid the deposit in cash.", "sam@example.com"],
      ["Prefers morning sessions.", "ana@example.com"],
    ]);
    assert.ok(notes[0].createdAt >= notes[1].createdAt);
    await rejection(addClientNote(db, client.id, { body: "   " }, acting));
    await assert.rejects(addClientNote(db, "cli_missing", { body: "x" }, acting), NotFoundError);
    assert.equal((await listAudit(db, { action: "client.note_added" })).length, 2);
  });
});

Deno.test("the search text is kept by the database, whichever path writes the row", async () => {
  await withStudioDb(async (db) => {
    const client = await createClient(db, {
      kind: "person",
      name: "Élodie Martin",
      artistName: "LODI",
      email: "Elodie@Example.com",
      extraEmails: ["booking@lodi.example"],
    }, acting);
    const [row] = await db.select({ text: clients.searchText }).from(clients).where(
      eq(clients.id, client.id),
    );
    assert.equal(row.text, "élodie martin lodi elodie@example.com booking@lodi.example");
  });
});

Deno.test("exports read clients in id batches with their contacts; e-mail lookups ignore case", async () => {
  await withStudioDb(async (db) => {
    const made = [];
    for (const name of ["A", "B", "C"]) {
      made.push(
        await createClient(db, {
          kind: "company",
          name,
          email: `${name}@example.com`,
          contacts: [{ name: `${name} contact` }],
        }, acting),
      );
    }
    await setClientArchived(db, made[1].id, true, acting);
    const first = await clientBatch(db, { limit: 1 });
    assert.deepEqual(first.map((c) => c.name), ["A"]);
    const rest = await clientBatch(db, { limit: 10, afterId: first[0].id });
    assert.deepEqual(rest.map((c) => c.name), ["C"], "archived clients are left out");
    assert.deepEqual(rest[0].contacts.map((c) => c.name), ["C contact"]);
    assert.deepEqual((await clientBatch(db, { limit: 10, archived: true })).map((c) => c.name), ["B"]);

    const found = await clientsByEmail(db, ["c@EXAMPLE.com", "nobody@example.com"]);
    assert.deepEqual(found.map((c) => c.name), ["C"]);
  });
});

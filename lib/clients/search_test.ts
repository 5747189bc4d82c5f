import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import type { ActingAs } from "../audit/audit.ts";
import { rowsOf } from "../tenancy/migrations.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { createClient, setClientArchived } from "./clients.ts";
import { containsPattern, matchingClientIds, searchClients, searchTerms } from "./search.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "ana@example.com" } };

Deno.test("a query is split into lowercased words, repeats and words inside others dropped", () => {
  assert.deepEqual(searchTerms("  Blue  NOTE blue "), ["blue", "note"]);
  assert.deepEqual(searchTerms("an ana"), ["ana"]);
  assert.deepEqual(searchTerms(""), []);
  assert.equal(searchTerms("a b c d e f g h").length, 6);
});

Deno.test("LIKE wildcards typed by the user match themselves", () => {
  assert.equal(containsPattern("50%_off\\"), "%50\\%\\_off\\\\%");
});

async function studioClients(db: TenantDb) {
  const make = (input: Parameters<typeof createClient>[1]) => createClient(db, input, acting);
  const label = await make({
    kind: "company",
    name: "Blue Note Records",
    email: "hello@bluenote.example",
    tags: ["label"],
    contacts: [{ name: "Maria Lopez", role: "A&R", email: "maria@lopez-music.example" }],
  });
  const artist = await make({
    kind: "person",
    name: "Élodie Martin",
    artistName: "Lodi",
    email: "elodie@example.com",
    extraEmails: ["booking@lodi-live.example"],
    tags: ["vip"],
  });
  const band = await make({ kind: "band", name: "The Tides", tags: ["vip", "rock"] });
  const percent = await make({ kind: "company", name: "100% Records" });
  return { label, artist, band, percent };
}

Deno.test("clients are found by any part of a name, artist name or e-mail, in any case and word order", async () => {
  await withStudioDb(async (db) => {
    const { label, artist, band } = await studioClients(db);
    const ids = async (q: string) => (await searchClients(db, { q })).items.map((c) => c.id);
    assert.deepEqual(await ids("note rec"), [label.id]);
    assert.deepEqual(await ids("RECORDS blue"), [label.id], "words in any order");
    assert.deepEqual(await ids("lodi"), [artist.id], "artist name and extra e-mail");
    assert.deepEqual(await ids("lodi-live"), [artist.id], "an extra e-mail");
    assert.deepEqual(await ids("ELODIE@"), [artist.id], "an e-mail, ignoring case");
    assert.deepEqual(await ids("tide"), [band.id]);
    assert.deepEqual(await ids("tides jazz"), [], "every word must match");
  });
});

Deno.test("a client is found through a contact's name or e-mail, and the list says which contact", async () => {
  await withStudioDb(async (db) => {
    const { label } = await studioClients(db);
    const byContact = await searchClients(db, { q: "lopez" });
    assert.deepEqual(byContact.items.map((c) => [c.id, c.matchedContact]), [[label.id, "Maria Lopez"]]);
    const byOwnName = await searchClients(db, { q: "blue" });
    assert.equal(byOwnName.items[0].matchedContact, null, "its own name matched: no contact named");
  });
});

Deno.test("% and _ in a search are plain characters", async () => {
  await withStudioDb(async (db) => {
    const { percent } = await studioClients(db);
    assert.deepEqual((await searchClients(db, { q: "100%" })).items.map((c) => c.id), [percent.id]);
    assert.deepEqual((await searchClients(db, { q: "_" })).items, []);
  });
});

Deno.test("archived clients appear only when asked for; tags filter the list", async () => {
  await withStudioDb(async (db) => {
    const { artist, band } = await studioClients(db);
    await setClientArchived(db, band.id, true, acting);
    assert.deepEqual((await searchClients(db, { tag: "vip" })).items.map((c) => c.id), [artist.id]);
    const archived = await searchClients(db, { archived: true });
    assert.deepEqual(archived.items.map((c) => c.id), [band.id]);
    assert.deepEqual((await searchClients(db, { q: "tides" })).items, []);
  });
});

Deno.test("pages follow the name order, the last page clamps, and the total counts every match", async () => {
  await withStudioDb(async (db) => {
    for (const name of ["delta", "Alpha", "charlie", "Bravo", "echo"]) {
      await createClient(db, { kind: "person", name: `${name} Singer` }, acting);
    }
    const first = await searchClients(db, { q: "singer", pageSize: 2 });
    assert.equal(first.total, 5);
    assert.equal(first.pages, 3);
    assert.deepEqual(first.items.map((c) => c.name), ["Alpha Singer", "Bravo Singer"]);
    const second = await searchClients(db, { q: "singer", pageSize: 2, page: 2 });
    assert.deepEqual(second.items.map((c) => c.name), ["charlie Singer", "delta Singer"]);
    const beyond = await searchClients(db, { q: "singer", pageSize: 2, page: 99 });
    assert.equal(beyond.page, 3);
    assert.deepEqual(beyond.items.map((c) => c.name), ["echo Singer"]);
    const none = await searchClients(db, { q: "nobody" });
    assert.deepEqual([none.total, none.pages, none.page, none.items.length], [0, 1, 1, 0]);
  });
});

/** The plan of the search's matching query, as EXPLAIN prints it. */
async function planOf(db: TenantDb, q: string): Promise<string> {
  const result = await db.execute(sql`EXPLAIN ${matchingClientIds(db, searchTerms(q))}`);
  return rowsOf<{ "QUERY PLAN": string }>(result).map((r) => r["QUERY PLAN"]).join("\n");
}

Deno.test("the search query uses the trigram indexes of clients and contacts", async () => {
  await withStudioDb(async (db) => {
    // Enough rows, with names as varied as real ones, for the planner's estimates to mean something.
    await db.execute(sql`
      INSERT INTO clients (id, kind, name, email)
      SELECT 'cli_' || g, 'person',
        (ARRAY['Ana','Ben','Chloé','Dev','Emma','Finn','Gala','Hugo','Iris','Jon'])[1 + g % 10] || ' ' ||
          (ARRAY['Lopez','Martin','Nakamura','Okafor','Petrov','Quinn','Rossi','Schmidt','Tanaka','Weber',
                 'Kowalski','Dubois','Silva','Novak','Jensen'])[1 + (g / 10) % 15] || ' ' || g,
        'client' || g || '@example.com'
      FROM generate_series(1, 5000) AS g`);
    await db.execute(sql`
      INSERT INTO client_contacts (id, client_id, name, email)
      SELECT 'contact_' || g, 'cli_' || g, 'Manager ' || g, 'manager' || g || '@agency.example'
      FROM generate_series(1, 5000) AS g`);
    await db.execute(sql`ANALYZE clients`);
    await db.execute(sql`ANALYZE client_contacts`);
    // Whether the planner prefers an index over a scan depends on the table's size (bench/clients.ts
    // prints the plan at 20,000 clients); with scans off, only an index matching the expression can serve.
    await db.execute(sql`SET enable_seqscan = off`);
    const plan = await planOf(db, "kowal");
    await db.execute(sql`SET enable_seqscan = on`);
    assert.match(plan, /Bitmap Index Scan on clients_search_idx/, plan);
    assert.match(plan, /Bitmap Index Scan on client_contacts_search_idx/, plan);

    const found = await searchClients(db, { q: "CLIENT4200@EXAMPLE" });
    assert.deepEqual(found.items.map((c) => c.email), ["client4200@example.com"]);
  });
});

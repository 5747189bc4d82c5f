import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { clients } from "../../db/schema/mod.ts";
import { type ActingAs, listAudit } from "../audit/audit.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { ClientInputError } from "./client_input.ts";
import { createClient, listClientNotes } from "./clients.ts";
import {
  countryCode,
  importClients,
  languageCode,
  MAX_IMPORT_ROWS,
  normalizeHeader,
  prepareImport,
  previewImport,
} from "./csv_import.ts";
import { searchClients } from "./search.ts";

const acting: ActingAs = { actor: { type: "staff", id: "stf_1", label: "ana@example.com" } };

const GOOD_AND_BAD = [
  "Nom;Type;E-mail;Téléphone;Pays;Étiquettes;Notes;Shoe size",
  "Blue Note Records;label;hello@bluenote.example;+33 1 23 45 67 89;France;label, vip;Pays on time;44",
  ";band;nobody@example.com;;;;;",
  "The Tides;groupe;not-an-email;12;Atlantis;;;",
  "Élodie Martin;;elodie@example.com;;fr;;;",
].join("\r\n");

Deno.test("the preview maps French headers, checks every row and names the row and column of each problem", () => {
  const preview = previewImport(GOOD_AND_BAD);
  assert.deepEqual(preview.fileProblems, []);
  assert.deepEqual(preview.ignoredColumns, ["Shoe size"]);
  assert.deepEqual([preview.ready, preview.rejected], [2, 2]);
  const [label, noName, tides, elodie] = preview.rows;

  assert.equal(label.row, 2, "the header is row 1");
  assert.equal(label.data?.kind, "company");
  assert.equal(label.data?.country, "FR", "a country name becomes its code");
  assert.deepEqual(label.data?.tags, ["label", "vip"]);
  assert.equal(label.note, "Pays on time");

  assert.equal(noName.data, undefined);
  assert.deepEqual(noName.problems, [{ column: "Nom", id: "clients.error.name_required", params: {} }]);

  assert.equal(tides.row, 4);
  assert.deepEqual(tides.problems.map((p) => [p.column, p.id]).sort(), [
    ["E-mail", "clients.error.email"],
    ["Pays", "clients.error.country"],
    ["Téléphone", "clients.error.phone"],
  ]);
  assert.equal(tides.name, "The Tides");

  assert.equal(elodie.data?.kind, "person", "an empty kind is a person");
  assert.equal(elodie.data?.country, "FR");
});

Deno.test("an unknown kind is a problem in the kind column", () => {
  const { rows } = previewImport("name,kind\nThe Tides,orchestra\n");
  assert.deepEqual(rows[0].problems, [
    { column: "kind", id: "clients.import.error.kind", params: { value: "orchestra" } },
  ]);
});

Deno.test("file-level problems stop the preview before any row: no name column, repeated column, bad quotes", () => {
  assert.deepEqual(previewImport("email\nx@example.com").fileProblems, [{
    id: "clients.import.error.no_name_column",
  }]);
  assert.deepEqual(previewImport("name,Name\nA,B").fileProblems, [
    { id: "clients.import.error.duplicate_column", params: { column: "Name" } },
  ]);
  assert.deepEqual(previewImport('name\n"Blue\n').fileProblems, [
    { id: "clients.import.error.unclosed_quote", params: { line: "2" } },
  ]);
  assert.deepEqual(previewImport("name\n").fileProblems, [{ id: "clients.import.error.empty" }]);
  assert.deepEqual(previewImport("").fileProblems, [{ id: "clients.import.error.empty" }]);
  const tooMany = "name\n" + "A\n".repeat(MAX_IMPORT_ROWS + 1);
  assert.deepEqual(previewImport(tooMany).fileProblems, [
    { id: "clients.import.error.too_many_rows", params: { max: MAX_IMPORT_ROWS } },
  ]);
});

Deno.test("a row with more cells than the header is a problem, trailing empty cells are not", () => {
  const { rows } = previewImport("name,email\nA,a@example.com,\nB,b@example.com,oops\n");
  assert.deepEqual(rows[0].problems, []);
  assert.deepEqual(rows[1].problems, [{ column: "", id: "clients.import.error.extra_cells" }]);
});

Deno.test("e-mails already on file or repeated in the file are warnings, not problems", () => {
  const text = "name,email\nA,dup@example.com\nB,DUP@example.com\nC,known@example.com\n";
  const preview = previewImport(text, new Map([["known@example.com", "Known Client"]]));
  assert.equal(preview.ready, 3);
  assert.deepEqual(preview.rows.map((r) => r.warnings), [
    [],
    [{ column: "email", id: "clients.import.warning.email_repeated", params: { row: "2" } }],
    [{ column: "email", id: "clients.import.warning.email_exists", params: { name: "Known Client" } }],
  ]);
});

Deno.test("headers compare without case, accents or punctuation; countries and languages by name", () => {
  assert.equal(normalizeHeader("  E-Mail Address "), "e_mail_address");
  assert.equal(normalizeHeader("Nom d'artiste"), "nom_d_artiste");
  assert.equal(countryCode("Allemagne"), "DE");
  assert.equal(countryCode("united kingdom"), "GB");
  assert.equal(countryCode("be"), "be", "codes pass through, upper-cased by validation");
  assert.equal(languageCode("fr-CA"), "fr");
  assert.equal(languageCode("Français"), "fr");
  assert.equal(languageCode("English"), "en");
});

async function count(db: TenantDb): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(clients);
  return n;
}

Deno.test("with a rejected row nothing is imported unless the valid rows alone are confirmed", async () => {
  await withStudioDb(async (db) => {
    await assert.rejects(importClients(db, GOOD_AND_BAD, { skipInvalid: false }, acting), (err) => {
      assert.ok(err instanceof ClientInputError);
      assert.equal(err.problems.file.id, "clients.import.error.has_problems");
      return true;
    });
    assert.equal(await count(db), 0, "nothing imported");

    const result = await importClients(db, GOOD_AND_BAD, { skipInvalid: true }, acting);
    assert.deepEqual(result, { imported: 2, skipped: 2 });
    const found = await searchClients(db, { q: "blue note" });
    assert.equal(found.total, 1);
    const notes = await listClientNotes(db, found.items[0].id);
    assert.deepEqual(notes.map((n) => [n.body, n.authorLabel]), [["Pays on time", "ana@example.com"]]);
    assert.equal((await listAudit(db, { action: "client.imported" })).length, 2);
  });
});

Deno.test("a file with a file-level problem or no ready row imports nothing", async () => {
  await withStudioDb(async (db) => {
    for (
      const [text, id] of [
        ["email\nx@example.com\n", "clients.import.error.no_name_column"],
        ["name\n\n", "clients.import.error.empty"],
        ["name,email\n,x@example.com\n", "clients.import.error.nothing_to_import"],
      ]
    ) {
      await assert.rejects(importClients(db, text, { skipInvalid: true }, acting), (err) => {
        assert.ok(err instanceof ClientInputError);
        assert.equal(err.problems.file.id, id, text);
        return true;
      });
    }
    assert.equal(await count(db), 0);
  });
});

Deno.test("the import is one transaction: a failure midway leaves no client behind", async () => {
  await withStudioDb(async (db) => {
    const rows = Array.from({ length: 30 }, (_, i) => `Client ${i}`).join("\n");
    // A trigger standing in for any failure partway (a lost connection, a constraint).
    await db.execute(sql`CREATE FUNCTION fail_on_client_20() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Client 20' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await db.execute(sql`CREATE TRIGGER fail_on_client_20 BEFORE INSERT ON clients
      FOR EACH ROW EXECUTE FUNCTION fail_on_client_20()`);
    await assert.rejects(importClients(db, `name\n${rows}\n`, { skipInvalid: false }, acting));
    assert.equal(await count(db), 0);
    assert.equal((await listAudit(db)).length, 0);
  });
});

Deno.test("prepareImport warns about e-mails of clients already on file", async () => {
  await withStudioDb(async (db) => {
    await createClient(db, { kind: "person", name: "Élodie Martin", email: "Elodie@Example.com" }, acting);
    const preview = await prepareImport(db, "name,email\nLodi,elodie@example.com\n");
    assert.deepEqual(preview.rows[0].warnings, [
      { column: "email", id: "clients.import.warning.email_exists", params: { name: "Élodie Martin" } },
    ]);
  });
});

import assert from "node:assert/strict";
import type { ActingAs } from "../audit/audit.ts";
import { withStudioDb } from "../testing/scheduling_fixtures.ts";
import { clientBatch, createClient } from "./clients.ts";
import { clientCsvLines } from "./csv_export.ts";
import { previewImport } from "./csv_import.ts";
import { parseCsv } from "./csv_parse.ts";

const acting: ActingAs = { actor: { type: "system" } };

Deno.test("the export has the import's header, one CRLF line per client, and a BOM for Excel", async () => {
  await withStudioDb(async (db) => {
    await createClient(db, {
      kind: "company",
      name: 'Blue "Note", Records',
      email: "hello@bluenote.example",
      extraEmails: ["a@bluenote.example", "b@bluenote.example"],
      tags: ["label", "vip"],
    }, acting);
    const text = clientCsvLines(await clientBatch(db, { limit: 10 }), true);
    assert.ok(text.startsWith("\uFEFFkind,name,artist_name,email,phone,extra_emails,"));
    assert.ok(text.endsWith("\r\n"));
    const [header, row] = parseCsv(text).map((r) => r.cells);
    const cell = (name: string) => row[header.indexOf(name)];
    assert.equal(cell("name"), 'Blue "Note", Records');
    assert.equal(cell("extra_emails"), "a@bluenote.example; b@bluenote.example");
    assert.equal(cell("tags"), "label; vip");
    assert.ok(!header.includes("note"), "the notes history is not a column");
    assert.equal(clientCsvLines([], false), "");
  });
});

Deno.test("cells a spreadsheet would run as formulas are defused, and the import undoes it", async () => {
  await withStudioDb(async (db) => {
    await createClient(db, { kind: "person", name: '=HYPERLINK("x")', phone: "+33 1 23 45 67 89" }, acting);
    const text = clientCsvLines(await clientBatch(db, { limit: 10 }), true);
    assert.ok(text.includes(`"'=HYPERLINK(""x"")"`), text);
    assert.ok(text.includes("'+33 1 23 45 67 89"));
    const [row] = previewImport(text).rows;
    assert.equal(row.data?.name, '=HYPERLINK("x")');
    assert.equal(row.data?.phone, "+33 1 23 45 67 89");
  });
});

Deno.test("an exported file imports back as the same clients", async () => {
  await withStudioDb(async (db) => {
    const inputs = [
      {
        kind: "person" as const,
        name: "Élodie Martin",
        artistName: "Lodi; the singer",
        email: "elodie@example.com",
        phone: "+33 1 23 45 67 89",
        extraEmails: ["booking@lodi.example"],
        extraPhones: ["+33 6 12 34 56 78", "01 98 76 54 32"],
        addressLine1: "12, rue de la Paix",
        addressLine2: "Bât. B\n3e étage",
        postalCode: "75002",
        city: "Paris",
        region: "Île-de-France",
        country: "FR",
        taxId: "FR12345678901",
        locale: "fr",
        currency: "EUR",
        tags: ["vip", "jazz"],
      },
      { kind: "band" as const, name: "The Tides" },
      { kind: "company" as const, name: "Blue Note Records", currency: "USD", country: "US", locale: "en" },
    ];
    for (const input of inputs) await createClient(db, input, acting);
    const exported = await clientBatch(db, { limit: 10 });
    const preview = previewImport(clientCsvLines(exported, true));
    assert.deepEqual(preview.fileProblems, []);
    assert.equal(preview.rejected, 0);
    const stored = exported.map((
      { id: _id, version: _v, createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest },
    ) => rest);
    assert.deepEqual(preview.rows.map((r) => r.data), stored);
  });
});

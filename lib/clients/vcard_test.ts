import assert from "node:assert/strict";
import type { Client, ClientContact } from "./clients.ts";
import { clientCard, clientVCards, contactCard, escapeText, foldLine } from "./vcard.ts";

const at = new Date("2026-03-10T09:15:00.123Z");

function client(fields: Partial<Client> = {}): Client {
  return {
    id: "cli_01",
    kind: "person",
    name: "Ana Lima",
    artistName: null,
    email: null,
    phone: null,
    extraEmails: [],
    extraPhones: [],
    addressLine1: null,
    addressLine2: null,
    postalCode: null,
    city: null,
    region: null,
    country: null,
    taxId: null,
    locale: null,
    currency: null,
    tags: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
    contacts: [],
    ...fields,
  };
}

function contact(fields: Partial<ClientContact> = {}): ClientContact {
  return {
    id: "contact_01",
    clientId: "cli_01",
    name: "Maria Lopez",
    role: null,
    email: null,
    phone: null,
    position: 0,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** The card's lines with folding undone (RFC 6350 §3.2). */
const unfolded = (card: string) => card.replace(/\r\n /g, "").split("\r\n").filter(Boolean);

Deno.test("text values escape backslashes, commas and line breaks; components also semicolons", () => {
  assert.equal(escapeText("a\\b, c;d\r\ne\nf"), "a\\\\b\\, c;d\\ne\\nf");
  assert.equal(escapeText("Blue; Note, Inc.", { component: true }), "Blue\\; Note\\, Inc.");
});

Deno.test("long lines fold at 75 octets without splitting a UTF-8 character", () => {
  const line = "NOTE:" + "é".repeat(100);
  const folded = foldLine(line);
  const physical = folded.split("\r\n");
  const encoder = new TextEncoder();
  for (const part of physical) assert.ok(encoder.encode(part).length <= 75, part);
  assert.ok(physical.slice(1).every((p) => p.startsWith(" ")));
  assert.equal(folded.replace(/\r\n /g, ""), line);
  assert.equal(foldLine("FN:short"), "FN:short");
  assert.equal(foldLine("x".repeat(75)), "x".repeat(75), "exactly 75 octets stays on one line");
});

Deno.test("a person's card carries its names, addresses, language, tags and revision", () => {
  const card = clientCard(client({
    name: "Élodie Martin",
    artistName: "Lodi, the singer",
    email: "elodie@example.com",
    extraEmails: ["booking@lodi.example"],
    phone: "+33 1 23 45 67 89",
    addressLine1: "12 rue de la Paix",
    addressLine2: "Bât. B; 3e étage",
    postalCode: "75002",
    city: "Paris",
    country: "FR",
    locale: "fr",
    tags: ["vip", "jazz"],
  }));
  assert.ok(card.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  assert.ok(card.endsWith("END:VCARD\r\n"));
  assert.deepEqual(unfolded(card), [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "UID;VALUE=text:cli_01",
    "KIND:individual",
    "FN:Élodie Martin",
    "NICKNAME:Lodi\\, the singer",
    "EMAIL;TYPE=work;PREF=1:elodie@example.com",
    "EMAIL;TYPE=work:booking@lodi.example",
    "TEL;TYPE=voice;PREF=1:+33 1 23 45 67 89",
    "ADR;TYPE=work:;Bât. B\\; 3e étage;12 rue de la Paix;Paris;;75002;France",
    "LANG;PREF=1:fr",
    "CATEGORIES:vip,jazz",
    "REV:20260310T091500Z",
    "END:VCARD",
  ]);
});

Deno.test("a company is an org card; its contacts get cards of their own with it as ORG", () => {
  const label = client({
    kind: "company",
    name: "Blue Note; Records",
    contacts: [
      contact({ role: "A&R", email: "maria@example.com" }),
      contact({ id: "contact_02", name: "Tom" }),
    ],
  });
  const cards = clientVCards(label);
  assert.equal(cards.match(/BEGIN:VCARD/g)?.length, 3);
  const [own, maria] = cards.split("END:VCARD\r\n").map(unfolded);
  assert.ok(own.includes("KIND:org"));
  assert.ok(own.includes("ORG:Blue Note\\; Records"));
  assert.ok(!own.some((l) => l.startsWith("ADR")), "no address, no ADR");
  assert.deepEqual(maria.slice(2), [
    "UID;VALUE=text:contact_01",
    "KIND:individual",
    "FN:Maria Lopez",
    "ORG:Blue Note\\; Records",
    "ROLE:A&R",
    "EMAIL;TYPE=work;PREF=1:maria@example.com",
    "REV:20260310T091500Z",
  ]);
  assert.ok(unfolded(contactCard(contact(), label)).every((l) => !l.startsWith("TEL")));
});

Deno.test("a band is a group card", () => {
  assert.ok(unfolded(clientCard(client({ kind: "band", name: "The Tides" }))).includes("KIND:group"));
});

/**
 * vCard 4.0 (RFC 6350) for address books: one card per client, and one per contact with the client
 * as its ORG, so a label's A&R lands in the phone as "Maria Lopez, A&R at Blue Note Records".
 */
import type { Client, ClientContact } from "./clients.ts";

const KIND = { person: "individual", band: "group", company: "org" } as const;

const encoder = new TextEncoder();

/**
 * A text value (RFC 6350 §3.4): backslash, comma and line breaks escaped. In a component of a
 * structured value (ADR, ORG) the semicolon separates components, so it is escaped too.
 */
export function escapeText(value: string, { component = false } = {}): string {
  const escaped = value.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  return component ? escaped.replace(/;/g, "\\;") : escaped;
}

/**
 * A content line folded at 75 octets (RFC 6350 §3.2): CRLF and one space before each continuation,
 * never inside a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with the folding space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(part);
      part = "";
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

/** `NAME;PARAMS:value`, folded, or nothing when the value is empty. */
function property(name: string, value: string | null | undefined, escaped = false): string[] {
  if (!value) return [];
  return [foldLine(`${name}:${escaped ? value : escapeText(value)}`)];
}

/** REV's timestamp form: 20260310T091500Z. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

function card(lines: string[]): string {
  return ["BEGIN:VCARD", "VERSION:4.0", ...lines, "END:VCARD"].map((l) => l + "\r\n").join("");
}

/** The client's own card. */
export function clientCard(client: Client): string {
  const address = [
    client.addressLine2,
    client.addressLine1,
    client.city,
    client.region,
    client.postalCode,
    client.country ? countryNames.of(client.country) : null,
  ];
  const hasAddress = address.some(Boolean);
  return card([
    ...property("UID;VALUE=text", client.id),
    `KIND:${KIND[client.kind]}`,
    ...property("FN", client.name),
    ...property("NICKNAME", client.artistName),
    ...(client.kind === "company" ? property("ORG", escapeText(client.name, { component: true }), true) : []),
    ...property("EMAIL;TYPE=work;PREF=1", client.email),
    ...client.extraEmails.flatMap((email) => property("EMAIL;TYPE=work", email)),
    ...property("TEL;TYPE=voice;PREF=1", client.phone),
    ...client.extraPhones.flatMap((phone) => property("TEL;TYPE=voice", phone)),
    // ADR: post office box; extended address; street; locality; region; postal code; country.
    ...(hasAddress
      ? property(
        "ADR;TYPE=work",
        ";" + address.map((part) => escapeText(part ?? "", { component: true })).join(";"),
        true,
      )
      : []),
    ...property("LANG;PREF=1", client.locale),
    ...(client.tags.length
      ? property("CATEGORIES", client.tags.map((tag) => escapeText(tag)).join(","), true)
      : []),
    `REV:${timestamp(client.updatedAt)}`,
  ]);
}

/** A contact's card: the person, their role, and the client they belong to as ORG. */
export function contactCard(contact: ClientContact, client: Pick<Client, "name">): string {
  return card([
    ...property("UID;VALUE=text", contact.id),
    "KIND:individual",
    ...property("FN", contact.name),
    ...property("ORG", escapeText(client.name, { component: true }), true),
    ...property("ROLE", contact.role),
    ...property("EMAIL;TYPE=work;PREF=1", contact.email),
    ...property("TEL;TYPE=voice;PREF=1", contact.phone),
    `REV:${timestamp(contact.updatedAt)}`,
  ]);
}

/** The client's card followed by its contacts' cards: one .vcf holds them all. */
export function clientVCards(client: Client): string {
  return clientCard(client) + client.contacts.map((contact) => contactCard(contact, client)).join("");
}

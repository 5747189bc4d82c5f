/**
 * The client form as HTML posts it, and back: field names are the input's keys (`name`, `extraEmails`)
 * and `contacts[2].email` for contact rows, so an error's dotted path (`contacts.2.email`) is the
 * field's id (components/Field.tsx fieldId) and lands beside it.
 */
import type { Client } from "./clients.ts";
import type { ClientInput } from "./client_input.ts";

/** What the form shows: text as typed, one line per list entry, tags joined with commas. */
export interface ClientFormValues {
  kind: string;
  name: string;
  artistName: string;
  email: string;
  phone: string;
  extraEmails: string;
  extraPhones: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
  taxId: string;
  locale: string;
  currency: string;
  tags: string;
  contacts: ContactFormValues[];
}

export interface ContactFormValues {
  id: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}

const TEXT_FIELDS = [
  "kind",
  "name",
  "artistName",
  "email",
  "phone",
  "extraEmails",
  "extraPhones",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "region",
  "country",
  "taxId",
  "locale",
  "currency",
  "tags",
] as const;

const CONTACT_FIELDS = ["id", "name", "role", "email", "phone"] as const;

/** The most contact rows a form may post; the schema allows fewer contacts than this. */
const MAX_ROWS = 100;

export const emptyContact = (): ContactFormValues => ({ id: "", name: "", role: "", email: "", phone: "" });

/** The form's values as posted, every contact row kept (blank ones too) so the page shows them again. */
export function formValues(form: FormData): ClientFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const rows = new Set<number>();
  for (const key of form.keys()) {
    const match = key.match(/^contacts\[(\d+)\]\./);
    if (match && Number(match[1]) < MAX_ROWS) rows.add(Number(match[1]));
  }
  const contacts = [...rows].sort((a, b) => a - b).map((row) =>
    Object.fromEntries(
      CONTACT_FIELDS.map((f) => [f, text(`contacts[${row}].${f}`)]),
    ) as unknown as ContactFormValues
  );
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(f)])) as Omit<
    ClientFormValues,
    "contacts"
  >;
  return { ...values, contacts };
}

/** A client's current details as form values, with `blankContacts` empty rows to add people. */
export function clientValues(client: Client | null, blankContacts: number): ClientFormValues {
  const blanks = Array.from({ length: blankContacts }, emptyContact);
  if (!client) {
    const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, ""])) as Omit<ClientFormValues, "contacts">;
    return { ...values, kind: "person", contacts: blanks };
  }
  return {
    kind: client.kind,
    name: client.name,
    artistName: client.artistName ?? "",
    email: client.email ?? "",
    phone: client.phone ?? "",
    extraEmails: client.extraEmails.join("\n"),
    extraPhones: client.extraPhones.join("\n"),
    addressLine1: client.addressLine1 ?? "",
    addressLine2: client.addressLine2 ?? "",
    postalCode: client.postalCode ?? "",
    city: client.city ?? "",
    region: client.region ?? "",
    country: client.country ?? "",
    taxId: client.taxId ?? "",
    locale: client.locale ?? "",
    currency: client.currency ?? "",
    tags: client.tags.join(", "),
    contacts: [
      ...client.contacts.map((c) => ({
        id: c.id,
        name: c.name,
        role: c.role ?? "",
        email: c.email ?? "",
        phone: c.phone ?? "",
      })),
      ...blanks,
    ],
  };
}

const isBlank = (c: ContactFormValues) =>
  !c.name.trim() && !c.role.trim() && !c.email.trim() && !c.phone.trim();

/**
 * The input the form stands for. A contact row left or made blank is dropped (so emptying a row
 * removes that contact); `rowOf[i]` is the form row of the input's contact `i`, for errors.
 */
export function inputFromValues(values: ClientFormValues): { input: ClientInput; rowOf: number[] } {
  const rowOf: number[] = [];
  const contacts = values.contacts.flatMap((c, row) => {
    if (isBlank(c)) return [];
    rowOf.push(row);
    return [{ id: c.id || undefined, name: c.name, role: c.role, email: c.email, phone: c.phone }];
  });
  const lines = (text: string) => text.split(/\r\n|\r|\n/);
  return {
    input: {
      kind: values.kind as ClientInput["kind"],
      name: values.name,
      artistName: values.artistName,
      email: values.email,
      phone: values.phone,
      extraEmails: lines(values.extraEmails),
      extraPhones: lines(values.extraPhones),
      addressLine1: values.addressLine1,
      addressLine2: values.addressLine2,
      postalCode: values.postalCode,
      city: values.city,
      region: values.region,
      country: values.country,
      taxId: values.taxId,
      locale: values.locale,
      currency: values.currency,
      tags: values.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
      contacts,
    },
    rowOf,
  };
}

/** Errors keyed by the input's paths, re-keyed by the form's rows (`contacts.0.x` → `contacts.3.x`). */
export function errorsOnRows(errors: Record<string, string>, rowOf: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const match = path.match(/^contacts\.(\d+)\.(.+)$/);
      return [match ? `contacts.${rowOf[Number(match[1])] ?? match[1]}.${match[2]}` : path, message];
    }),
  );
}

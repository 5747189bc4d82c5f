/**
 * CSV import of clients in two steps: a preview that checks every row and says what is wrong where
 * (row number, column, message), then an import of the same file in one transaction.
 *
 * The rule (docs/BILLING.md, "Clients"): nothing is imported while any row has a problem, unless the
 * person confirming chooses to leave those rows out. Warnings (an e-mail already on file, or twice
 * in the file) never block: a band and its singer may share an address.
 */
import type { ActingAs } from "../audit/audit.ts";
import { type MessageId, type MessageParams, SUPPORTED_LOCALES } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  type ClientData,
  type ClientInput,
  ClientInputError,
  clientInputSchema,
  isCountryCode,
  MAX_NOTE,
  problemsOf,
} from "./client_input.ts";
import { clientsByEmail, insertClients } from "./clients.ts";
import { CsvSyntaxError, type CsvSyntaxProblem, parseCsv } from "./csv_parse.ts";

/** More rows than this go in several files: one import is one transaction and one page of preview. */
export const MAX_IMPORT_ROWS = 5000;

/** What a column can fill; `note` starts the client's notes history. */
export type ImportField = Exclude<keyof ClientInput, "contacts"> | "note";

/**
 * The columns, by the header the export writes (so an export imports back as it was), with the other
 * headers people use for them, in English and French, compared without case, accents or punctuation.
 */
export const IMPORT_COLUMNS: readonly { field: ImportField; header: string; aliases: string[] }[] = [
  { field: "kind", header: "kind", aliases: ["type", "client_type", "category"] },
  {
    field: "name",
    header: "name",
    aliases: ["client", "client_name", "full_name", "company", "company_name", "nom", "raison_sociale"],
  },
  {
    field: "artistName",
    header: "artist_name",
    aliases: ["artist", "stage_name", "nom_d_artiste", "nom_artiste", "nom_de_scene"],
  },
  {
    field: "email",
    header: "email",
    aliases: ["e_mail", "mail", "email_address", "courriel", "adresse_e_mail"],
  },
  { field: "phone", header: "phone", aliases: ["telephone", "tel", "phone_number", "mobile", "portable"] },
  {
    field: "extraEmails",
    header: "extra_emails",
    aliases: ["other_emails", "autres_e_mails", "autres_emails"],
  },
  { field: "extraPhones", header: "extra_phones", aliases: ["other_phones", "autres_telephones"] },
  {
    field: "addressLine1",
    header: "address_line1",
    aliases: ["address_line_1", "address", "street", "adresse", "rue"],
  },
  {
    field: "addressLine2",
    header: "address_line2",
    aliases: ["address_line_2", "complement", "complement_d_adresse"],
  },
  {
    field: "postalCode",
    header: "postal_code",
    aliases: ["postcode", "zip", "zip_code", "code_postal", "cp"],
  },
  { field: "city", header: "city", aliases: ["town", "ville"] },
  { field: "region", header: "region", aliases: ["state", "province", "county"] },
  { field: "country", header: "country", aliases: ["country_code", "pays"] },
  {
    field: "taxId",
    header: "tax_id",
    aliases: ["vat", "vat_number", "vat_id", "tva", "numero_de_tva", "n_tva", "numero_tva"],
  },
  { field: "locale", header: "language", aliases: ["locale", "langue", "preferred_language"] },
  { field: "currency", header: "currency", aliases: ["devise"] },
  { field: "tags", header: "tags", aliases: ["tag", "etiquettes", "etiquette"] },
  { field: "note", header: "note", aliases: ["notes", "comment", "comments", "commentaire", "remarques"] },
];

/** The headers of the columns, in the order the export writes them. */
export const IMPORT_HEADERS = IMPORT_COLUMNS.map((c) => c.header);

/** A header as compared: lowercase, no accents, runs of anything else as one underscore. */
export function normalizeHeader(header: string): string {
  return header.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

const FIELD_BY_HEADER = new Map(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.field] as const)),
);

const KINDS: Record<string, ClientInput["kind"]> = Object.fromEntries([
  ...["person", "individual", "artist", "personne", "artiste", "individu"].map((k) => [k, "person"]),
  ...["band", "group", "groupe", "ensemble"].map((k) => [k, "band"]),
  ...["company", "label", "management", "business", "organisation", "organization", "societe", "entreprise"]
    .map((k) => [k, "company"]),
]);

const SYNTAX_PROBLEMS: Record<CsvSyntaxProblem, MessageId> = {
  unclosed_quote: "clients.import.error.unclosed_quote",
  after_quote: "clients.import.error.after_quote",
};

/** A problem with the whole file; nothing can be imported until it is fixed. */
export interface FileProblem {
  id: MessageId;
  params?: MessageParams;
}

/** A problem or a warning in one cell of a row, under the column's header as the file wrote it. */
export interface RowProblem {
  column: string;
  id: MessageId;
  params?: MessageParams;
}

export interface ImportRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The name as written, to recognise the row in the preview. */
  name: string;
  /** The client to create; absent when the row has problems. */
  data?: ClientData;
  note?: string;
  problems: RowProblem[];
  warnings: RowProblem[];
}

export interface ImportPreview {
  rows: ImportRow[];
  fileProblems: FileProblem[];
  /** Headers no column matches: their cells are left out. */
  ignoredColumns: string[];
  ready: number;
  rejected: number;
}

/** Existing clients by lowercased main e-mail, for the "already on file" warning. */
export type KnownEmails = ReadonlyMap<string, string>;

/**
 * Checks every row of a CSV file without writing anything. Pure: the caller passes the e-mails
 * already on file (see {@link prepareImport}).
 */
export function previewImport(text: string, known: KnownEmails = new Map()): ImportPreview {
  const empty = (fileProblems: FileProblem[]): ImportPreview => ({
    rows: [],
    fileProblems,
    ignoredColumns: [],
    ready: 0,
    rejected: 0,
  });
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return empty([{ id: SYNTAX_PROBLEMS[err.problem], params: { line: String(err.line) } }]);
  }
  const [header, ...body] = records;
  if (!header) return empty([{ id: "clients.import.error.empty" }]);

  const fileProblems: FileProblem[] = [];
  const columns = header.cells.map((cell) => FIELD_BY_HEADER.get(normalizeHeader(cell)) ?? null);
  const headerOf = new Map<ImportField, string>();
  columns.forEach((field, index) => {
    if (!field) return;
    if (headerOf.has(field)) {
      fileProblems.push({
        id: "clients.import.error.duplicate_column",
        params: { column: header.cells[index] },
      });
    } else headerOf.set(field, header.cells[index].trim());
  });
  if (!headerOf.has("name")) fileProblems.push({ id: "clients.import.error.no_name_column" });
  if (body.length === 0) fileProblems.push({ id: "clients.import.error.empty" });
  if (body.length > MAX_IMPORT_ROWS) {
    fileProblems.push({ id: "clients.import.error.too_many_rows", params: { max: MAX_IMPORT_ROWS } });
  }
  const ignoredColumns = header.cells.filter((cell, i) => !columns[i] && cell.trim()).map((c) => c.trim());
  if (fileProblems.length) return { ...empty(fileProblems), ignoredColumns };

  const columnName = (field: string) => headerOf.get(field as ImportField) ?? field;
  const rows = body.map((record, index): ImportRow => {
    const value = (field: ImportField) => {
      const at = columns.indexOf(field);
      return at === -1 ? "" : withoutFormulaGuard((record.cells[at] ?? "").trim());
    };
    const problems: RowProblem[] = [];
    if (record.cells.slice(header.cells.length).some((cell) => cell.trim())) {
      problems.push({ column: "", id: "clients.import.error.extra_cells" });
    }
    const kindText = value("kind");
    const kind = kindText ? KINDS[normalizeHeader(kindText)] : "person";
    if (!kind) {
      problems.push({
        column: columnName("kind"),
        id: "clients.import.error.kind",
        params: { value: kindText },
      });
    }
    const note = undefinedIfEmpty(value("note"));
    if (note && note.length > MAX_NOTE) {
      problems.push({ column: columnName("note"), id: "clients.error.too_long", params: { max: MAX_NOTE } });
    }
    const input: ClientInput = {
      kind: kind ?? "person",
      name: value("name"),
      artistName: value("artistName"),
      email: value("email"),
      phone: value("phone"),
      extraEmails: splitList(value("extraEmails"), /[;,\n]/),
      extraPhones: splitList(value("extraPhones"), /[;\n]/).map(withoutFormulaGuard),
      addressLine1: value("addressLine1"),
      addressLine2: value("addressLine2"),
      postalCode: value("postalCode"),
      city: value("city"),
      region: value("region"),
      country: countryCode(value("country")),
      taxId: value("taxId"),
      locale: languageCode(value("locale")),
      currency: value("currency"),
      tags: splitList(value("tags"), /[;,\n]/),
    };
    const parsed = clientInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const [field, p] of Object.entries(problemsOf(parsed.error))) {
        problems.push({ column: columnName(field.split(".")[0]), ...p });
      }
    }
    return {
      row: index + 2,
      name: value("name"),
      data: problems.length === 0 && parsed.success ? parsed.data : undefined,
      note,
      problems,
      warnings: [],
    };
  });
  warnAboutEmails(rows, known, columnName("email"));
  const ready = rows.filter((r) => r.data).length;
  return { rows, fileProblems, ignoredColumns, ready, rejected: rows.length - ready };
}

/** Warns about a row whose e-mail a client already has, or an earlier row of the file has. */
function warnAboutEmails(rows: ImportRow[], known: KnownEmails, column: string): void {
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const email = row.data?.email?.toLowerCase();
    if (!email) continue;
    const existing = known.get(email);
    if (existing) {
      row.warnings.push({ column, id: "clients.import.warning.email_exists", params: { name: existing } });
    }
    const earlier = firstRowOf.get(email);
    if (earlier) {
      row.warnings.push({
        column,
        id: "clients.import.warning.email_repeated",
        params: { row: String(earlier) },
      });
    } else firstRowOf.set(email, row.row);
  }
}

/** The preview of a file, with the e-mails already on file looked up in the studio's database. */
export async function prepareImport(db: TenantDb, text: string): Promise<ImportPreview> {
  const first = previewImport(text);
  const emails = first.rows.flatMap((r) => r.data?.email ? [r.data.email] : []);
  if (emails.length === 0) return first;
  const found = await clientsByEmail(db, emails);
  return previewImport(text, new Map(found.map((c) => [c.email.toLowerCase(), c.name])));
}

/**
 * Imports the rows of a file that pass, in one transaction, each audited as `client.imported`.
 * Refused (ClientInputError on `file`, nothing written) when the file has a problem, when any row
 * has one and `skipInvalid` is false, or when no row is ready.
 */
export async function importClients(
  db: TenantDb,
  text: string,
  options: { skipInvalid: boolean },
  acting: ActingAs,
): Promise<{ imported: number; skipped: number }> {
  const preview = previewImport(text);
  const refuse = (id: MessageId, params?: MessageParams) => new ClientInputError({ file: { id, params } });
  if (preview.fileProblems.length) throw refuse(preview.fileProblems[0].id, preview.fileProblems[0].params);
  if (preview.rejected > 0 && !options.skipInvalid) throw refuse("clients.import.error.has_problems");
  if (preview.ready === 0) throw refuse("clients.import.error.nothing_to_import");
  const ready = preview.rows.flatMap((row) => row.data ? [{ data: row.data, note: row.note }] : []);
  await db.transaction((tx) => insertClients(tx, ready, acting, "client.imported"));
  return { imported: preview.ready, skipped: preview.rejected };
}

function splitList(cell: string, separators: RegExp): string[] {
  return cell ? cell.split(separators).map((v) => v.trim()).filter(Boolean) : [];
}

const undefinedIfEmpty = (value: string) => value || undefined;

/**
 * The export writes '+33… (lib/audit/csv.ts csvField) so spreadsheets never run a cell as a formula;
 * that quote is not part of the value.
 */
function withoutFormulaGuard(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

let countryNames: Map<string, string> | undefined;

/**
 * A country's code from its code or its name in a supported language ("France", "Allemagne"); codes
 * pass through, validation upper-cases them.
 */
export function countryCode(value: string): string {
  if (!value || /^[a-z]{2}$/i.test(value)) return value;
  if (!countryNames) {
    countryNames = new Map();
    for (const locale of SUPPORTED_LOCALES) {
      const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
      for (const a of LETTERS) {
        for (const b of LETTERS) {
          const name = isCountryCode(a + b) && names.of(a + b);
          if (name) countryNames.set(normalizeHeader(name), a + b);
        }
      }
    }
  }
  return countryNames.get(normalizeHeader(value)) ?? value;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A supported language's code from "fr", "fr-CA", "French" or "français". */
export function languageCode(value: string): string {
  if (!value) return value;
  const primary = value.split(/[-_]/)[0].toLowerCase();
  if (/^[a-z]{2,3}$/.test(primary)) return primary;
  const wanted = normalizeHeader(value);
  for (const locale of SUPPORTED_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    const match = SUPPORTED_LOCALES.find((code) => normalizeHeader(names.of(code) ?? "") === wanted);
    if (match) return match;
  }
  return value;
}

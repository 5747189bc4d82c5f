import { csvField } from "../audit/csv.ts";
import type { Client } from "./clients.ts";
import type { ImportField } from "./csv_import.ts";
import { IMPORT_COLUMNS } from "./csv_import.ts";

/**
 * The export writes the import's columns under the import's headers, so a file exported here imports
 * back as the same clients. Notes (a history) and contacts (people, in the vCard export) are not
 * columns of it.
 */
const EXPORTED = IMPORT_COLUMNS.filter((c) => c.field !== "note") as {
  field: Exclude<ImportField, "note">;
  header: string;
}[];

/** Lists are joined with "; " — e-mails, phones and tags never hold one, and the import splits on it. */
function cell(client: Client, field: Exclude<ImportField, "note">): unknown {
  const value = client[field];
  return Array.isArray(value) ? value.join("; ") : value;
}

/**
 * CSV lines (RFC 4180, CRLF) for `clients`, after the header line when `withHeader`; the header comes
 * after a UTF-8 byte order mark, without which Excel reads the file as its local code page.
 */
export function clientCsvLines(clients: Client[], withHeader: boolean): string {
  const lines = clients.map((client) => EXPORTED.map((c) => csvField(cell(client, c.field))).join(","));
  if (withHeader) lines.unshift("\uFEFF" + EXPORTED.map((c) => c.header).join(","));
  return lines.map((line) => line + "\r\n").join("");
}

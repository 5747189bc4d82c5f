import type { AuditRow } from "./audit.ts";

const COLUMNS = [
  "at",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "entityType",
  "entityId",
  "changes",
  "ip",
  "userAgent",
] as const;

/**
 * One CSV field (RFC 4180). A leading =, +, - or @ is prefixed with a quote mark so a spreadsheet
 * never runs it as a formula (CSV injection from values a client typed).
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined
    ? ""
    : value instanceof Date
    ? value.toISOString()
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header line and one line per row, CRLF-terminated. */
export function auditCsvLines(rows: AuditRow[], withHeader: boolean): string {
  const lines = rows.map((row) => COLUMNS.map((column) => csvField(row[column])).join(","));
  if (withHeader) lines.unshift(COLUMNS.join(","));
  return lines.map((line) => line + "\r\n").join("");
}

import type { AuditWriter } from "../audit/audit.ts";

/** One row as recordAudit hands it to the database. */
export interface RecordedAudit {
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * An AuditWriter that keeps rows in memory, for unit tests of domain modules that audit without a
 * studio database (the route tests read the real audit log).
 */
export function auditRecorder(): { writer: AuditWriter; rows: RecordedAudit[] } {
  const rows: RecordedAudit[] = [];
  const writer = {
    insert: () => ({
      values: (row: RecordedAudit) => {
        rows.push(row);
        return Promise.resolve();
      },
    }),
  } as unknown as AuditWriter;
  return { writer, rows };
}

import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { type AuditActorType, type AuditChanges, auditLog } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** A database or an open transaction: audit rows go into the same transaction as the change. */
export type AuditWriter = Pick<TenantDb, "insert">;

/** Who is acting and from where: domain write functions take it and stamp their audit rows with it. */
export interface ActingAs {
  actor: AuditEntry["actor"];
  ip?: string;
  userAgent?: string;
}

export interface AuditEntry {
  actor: { type: AuditActorType; id?: string; label?: string };
  action: string;
  entity?: { type: string; id: string };
  changes?: AuditChanges;
  ip?: string;
  userAgent?: string;
}

/**
 * Records one audited event. Domain modules call it inside the transaction that makes the change,
 * so a change and its audit row commit or roll back together.
 */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(entry));
}

/** Records many events in one statement (bulk imports), under the same rules as recordAudit. */
export async function recordAudits(db: AuditWriter, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries.map(auditRow));
}

function auditRow(entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    entityType: entry.entity?.type ?? null,
    entityId: entry.entity?.id ?? null,
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
  };
}

/** The before/after of each field that differs between two versions of a record. */
export function changedFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  ignore: readonly string[] = ["updatedAt"],
): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes[key] = { ...(before ? { before: a } : {}), ...(after ? { after: b } : {}) };
  }
  return changes;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  entityType?: string;
  /** ISO instants, inclusive / exclusive. */
  from?: string;
  to?: string;
  /** The id of the last row of the previous page (newest first). */
  beforeId?: number;
  /** 1–1000; default 50. */
  limit?: number;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Audit rows, newest first, one keyset page at a time. */
export async function listAudit(db: TenantDb, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.from) conditions.push(gte(auditLog.at, new Date(filter.from)));
  if (filter.to) conditions.push(lt(auditLog.at, new Date(filter.to)));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 1000);
  return await db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(limit);
}

/**
 * What the room, engineer and gear modules share when they write: the audit row of a change, and
 * the constraint violations a concurrent writer can still cause after the checks passed.
 */
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from "../tenancy/pg_error.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { AuditChanges } from "../../db/schema/mod.ts";
import { problem, ResourceConflictError, ResourceValidationError } from "./resource_validation.ts";
import type { MessageId } from "../i18n/mod.ts";

/** A tenant database or an open transaction on it. */
export type Writer = Pick<TenantDb, "select" | "insert" | "update" | "delete">;

/** Timestamps change on every write and say nothing an audit reader needs. */
const NOT_AUDITED = ["createdAt", "updatedAt"];

/**
 * Records `action` on an entity with the fields that differ between `before` and `after` (null for a
 * creation or a deletion). Called inside the transaction that made the change.
 */
export async function auditChange<T extends Record<string, unknown>>(
  tx: Writer,
  acting: ActingAs,
  action: string,
  entity: { type: string; id: string },
  before: T | null,
  after: T | null,
): Promise<void> {
  await recordAudit(tx, {
    ...acting,
    action,
    entity,
    changes: changedFields(before, after, NOT_AUDITED),
  });
}

/** How an update is made. */
export interface UpdateOptions {
  /**
   * The record's `updatedAt` when the editor loaded it. A save made after someone else's is refused
   * (a 409) instead of silently undoing their change with the values of an older page.
   */
  unchangedSince?: Date;
}

/** Refuses an update based on an older version of the record than the one stored. */
export function assertUnchangedSince(current: { updatedAt: Date }, options: UpdateOptions): void {
  if (options.unchangedSince && current.updatedAt.getTime() !== options.unchangedSince.getTime()) {
    throw new ResourceConflictError(problem("resources.error.stale"));
  }
}

/** What applying `patch` would change in `before`; nothing means nothing to write or audit. */
export function changesOf<T extends Record<string, unknown>>(before: T, patch: Partial<T>): AuditChanges {
  return changedFields(before, { ...before, ...patch }, NOT_AUDITED);
}

/**
 * Runs a write, turning the unique violation a concurrent writer causes between our check and the
 * insert into the same field error the check gives, and a foreign-key violation (a booking made
 * while the record was being deleted) into a conflict.
 */
export async function guardedWrite<T>(
  write: () => Promise<T>,
  unique: Record<string, { field: string; id: MessageId; params?: Record<string, string> }>,
  inUse?: () => ResourceConflictError,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const info = pgError(err);
    const taken = info?.code === UNIQUE_VIOLATION && info.constraint ? unique[info.constraint] : undefined;
    if (taken) throw new ResourceValidationError({ [taken.field]: problem(taken.id, taken.params) });
    if (info?.code === FOREIGN_KEY_VIOLATION && inUse) throw inUse();
    throw err;
  }
}

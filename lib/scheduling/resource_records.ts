/**
 * The reads and writes the room, engineer and gear modules do alike on their own table: find or lock
 * one record, keep names unique in any case, take one off the booking pages, delete one no session
 * used, count the sessions still to come. Each module keeps its fields, rules and messages.
 *
 * ```ts
 * const room = await findRecord(db, rooms, id, { lock: true });
 * await deleteUnused(db, rooms, id, acting, { used: (tx) => roomUsed(tx, id), inUse: roomInUse });
 * ```
 */
import { and, countDistinct, eq, gt, ne, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { engineers, gear, rooms } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import type { MessageId } from "../i18n/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { problem, type ResourceConflictError, ResourceValidationError } from "./resource_validation.ts";
import { auditChange, guardedWrite, type Writer } from "./resource_writes.ts";

/** A table of bookable records. */
export type ResourceTable = typeof rooms | typeof engineers | typeof gear;
type RecordOf<T extends ResourceTable> = T["$inferSelect"];

/** How each table's records are named in audit rows and not-found messages. */
const ENTITY = new Map<ResourceTable, { type: string; missing: string }>([
  [rooms, { type: "room", missing: "No such room." }],
  [engineers, { type: "engineer", missing: "No such engineer." }],
  [gear, { type: "gear", missing: "No such gear." }],
]);

function entityOf(table: ResourceTable): { type: string; missing: string } {
  return ENTITY.get(table)!;
}

/** One record, or a NotFoundError; `lock` takes a row lock for the rest of the transaction. */
export async function findRecord<T extends ResourceTable>(
  db: Pick<TenantDb, "select">,
  table: T,
  id: string,
  options: { lock?: boolean } = {},
): Promise<RecordOf<T>> {
  const query = db.select().from(table as ResourceTable).where(eq(table.id, id));
  const [record] = options.lock ? await query.for("update") : await query;
  if (!record) throw new NotFoundError(entityOf(table).missing);
  return record as RecordOf<T>;
}

// Names differ in more than case: "Studio A" and "studio a" would be one room on the calendar.
/** Refuses a name another record of the table has (in any case) as a field error. */
export async function assertNameFree(
  tx: Writer,
  table: typeof rooms | typeof gear,
  name: string,
  taken: MessageId,
  exceptId?: string,
): Promise<void> {
  const [other] = await tx.select({ id: table.id }).from(table as typeof rooms).where(
    and(sql`lower(${table.name}) = lower(${name})`, exceptId ? ne(table.id, exceptId) : undefined),
  );
  if (other) throw new ResourceValidationError({ name: problem(taken, { name }) });
}

/**
 * Takes a room or an engineer off (or back on) the booking pages while keeping its history; sessions
 * already booked stay. Audited as `<type>.deactivated` or `<type>.reactivated`.
 */
export async function setRecordActive<T extends typeof rooms | typeof engineers>(
  db: TenantDb,
  table: T,
  id: string,
  active: boolean,
  acting: ActingAs,
): Promise<RecordOf<T>> {
  const { type } = entityOf(table);
  return await db.transaction(async (tx) => {
    const before = await findRecord(tx, table, id, { lock: true });
    if (before.active === active) return before;
    const [after] = await tx.update(table as typeof rooms).set({ active, updatedAt: new Date() })
      .where(eq(table.id, id)).returning();
    await auditChange(
      tx,
      acting,
      `${type}.${active ? "reactivated" : "deactivated"}`,
      { type, id },
      { active: before.active },
      { active },
    );
    return after as RecordOf<T>;
  });
}

/**
 * Deletes a record no session has ever used (one created by mistake), audited as `<type>.deleted`.
 * One with sessions, past or future, is refused with `inUse`: its history stays whole.
 */
export async function deleteUnused(
  db: TenantDb,
  table: ResourceTable,
  id: string,
  acting: ActingAs,
  check: { used: (tx: Writer) => Promise<boolean>; inUse: () => ResourceConflictError },
): Promise<void> {
  const { type } = entityOf(table);
  await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        const before = await findRecord(tx, table, id, { lock: true });
        if (await check.used(tx)) throw check.inUse();
        await tx.delete(table).where(eq(table.id, id));
        await auditChange(tx, acting, `${type}.deleted`, { type, id }, before, null);
      }),
    {},
    check.inUse,
  );
}

/** The columns of a reservation table that say which booking holds a record, and until when. */
export interface Reservations {
  bookingId: PgColumn;
  recordId: PgColumn;
  blocking: PgColumn;
  until: PgColumn;
}

/** Sessions still to come that hold the record (holds included), shown before it is taken off. */
export async function upcomingSessions(
  db: Pick<TenantDb, "select">,
  reservations: Reservations,
  id: string,
  now: Date,
): Promise<number> {
  const [row] = await db.select({ n: countDistinct(reservations.bookingId) })
    .from(reservations.bookingId.table)
    .where(and(eq(reservations.recordId, id), eq(reservations.blocking, true), gt(reservations.until, now)));
  return row.n;
}

/**
 * Closures: stretches when a room — or, with no room, the whole studio — cannot be booked (holidays,
 * maintenance). Stored as UTC instants; pages enter them as local days or times (local_span.ts).
 *
 * ```ts
 * const { startsAt, endsAt } = spanInstants({ kind: "days", from: "2026-12-24", to: "2026-12-26" }, zone);
 * await addClosure(db, { roomId: room.id, startsAt, endsAt, reason: "Holidays" }, actingAs(ctx));
 * ```
 */
import { and, asc, eq, gt, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { closures, rooms } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { optionalTextSchema } from "./resource_fields.ts";
import { parseResource, problem, ResourceValidationError, say } from "./resource_validation.ts";
import { auditChange } from "./resource_writes.ts";

export type Closure = typeof closures.$inferSelect;

const instant = z.coerce.date(say("resources.span.date_time"))
  .refine((date) => !Number.isNaN(date.getTime()), say("resources.span.date_time"));

/** A closure of one room, or of the whole studio when `roomId` is null; `endsAt` after `startsAt`. */
export const closureInputSchema = z.object({
  roomId: z.string(say("closures.error.room")).nullable(),
  startsAt: instant,
  endsAt: instant,
  reason: optionalTextSchema(200).optional().transform((reason) => reason ?? null),
}).refine((closure) => closure.endsAt.getTime() > closure.startsAt.getTime(), {
  message: say("resources.span.end_before_start"),
  path: ["endsAt"],
});

export type ClosureInput = z.input<typeof closureInputSchema>;

export interface ClosureFilter {
  /** One room's closures; null for the studio-wide ones only; absent for all. */
  roomId?: string | null;
  /** Only closures still running or to come after this instant. */
  endingAfter?: Date;
}

/** Closures in start order. */
export async function listClosures(
  db: Pick<TenantDb, "select">,
  filter: ClosureFilter = {},
): Promise<Closure[]> {
  const conditions: SQL[] = [];
  if (filter.roomId === null) conditions.push(isNull(closures.roomId));
  else if (filter.roomId !== undefined) conditions.push(eq(closures.roomId, filter.roomId));
  if (filter.endingAfter) conditions.push(gt(closures.endsAt, filter.endingAfter));
  return await db.select().from(closures).where(and(...conditions)).orderBy(
    asc(closures.startsAt),
    asc(closures.id),
  );
}

/**
 * Closes a room (or the studio) for a stretch of time. Sessions already booked inside it stay
 * booked: a closure stops new bookings, it does not cancel anyone's session.
 */
export async function addClosure(db: TenantDb, input: ClosureInput, acting: ActingAs): Promise<Closure> {
  const parsed = parseResource(closureInputSchema, input);
  return await db.transaction(async (tx) => {
    if (parsed.roomId !== null) {
      const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, parsed.roomId)).for(
        "share",
      );
      if (!room) throw new ResourceValidationError({ roomId: problem("closures.error.room") });
    }
    const [closure] = await tx.insert(closures).values({ id: newId("closure"), ...parsed }).returning();
    await auditChange(tx, acting, "closure.created", { type: "closure", id: closure.id }, null, closure);
    return closure;
  });
}

/** Reopens what a closure closed. `roomId`, when given, must be the closure's room (a page's own room). */
export async function removeClosure(
  db: TenantDb,
  id: string,
  acting: ActingAs,
  roomId?: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [closure] = await tx.delete(closures)
      .where(
        and(
          eq(closures.id, id),
          roomId === undefined
            ? undefined
            : roomId === null
            ? isNull(closures.roomId)
            : eq(closures.roomId, roomId),
        ),
      )
      .returning();
    if (!closure) throw new NotFoundError("No such closure.");
    await auditChange(tx, acting, "closure.deleted", { type: "closure", id }, closure, null);
  });
}

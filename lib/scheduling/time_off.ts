/**
 * Engineers' time off: stretches when an engineer cannot be booked, whatever their working hours
 * say. Stored as UTC instants; pages enter them as local days or times (local_span.ts).
 *
 * ```ts
 * await addTimeOff(db, { engineerId, startsAt, endsAt, reason: "Tour" }, actingAs(ctx));
 * ```
 */
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { engineers, engineerTimeOff } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { optionalTextSchema } from "./resource_fields.ts";
import { parseResource, problem, ResourceValidationError, say } from "./resource_validation.ts";
import { auditChange } from "./resource_writes.ts";

export type TimeOff = typeof engineerTimeOff.$inferSelect;

const instant = z.coerce.date(say("resources.span.date_time"))
  .refine((date) => !Number.isNaN(date.getTime()), say("resources.span.date_time"));

/** Time off of one engineer; `endsAt` after `startsAt`. */
export const timeOffInputSchema = z.object({
  engineerId: z.string(say("time_off.error.engineer")),
  startsAt: instant,
  endsAt: instant,
  reason: optionalTextSchema(200).optional().transform((reason) => reason ?? null),
}).refine((off) => off.endsAt.getTime() > off.startsAt.getTime(), {
  message: say("resources.span.end_before_start"),
  path: ["endsAt"],
});

export type TimeOffInput = z.input<typeof timeOffInputSchema>;

/** An engineer's time off in start order, optionally only what is still running or to come. */
export async function listTimeOff(
  db: Pick<TenantDb, "select">,
  engineerId: string,
  options: { endingAfter?: Date } = {},
): Promise<TimeOff[]> {
  const conditions: SQL[] = [eq(engineerTimeOff.engineerId, engineerId)];
  if (options.endingAfter) conditions.push(gt(engineerTimeOff.endsAt, options.endingAfter));
  return await db.select().from(engineerTimeOff).where(and(...conditions))
    .orderBy(asc(engineerTimeOff.startsAt), asc(engineerTimeOff.id));
}

/** Records time off. It stops new bookings of the engineer; sessions already booked inside it stay. */
export async function addTimeOff(db: TenantDb, input: TimeOffInput, acting: ActingAs): Promise<TimeOff> {
  const parsed = parseResource(timeOffInputSchema, input);
  return await db.transaction(async (tx) => {
    const [engineer] = await tx.select({ id: engineers.id }).from(engineers)
      .where(eq(engineers.id, parsed.engineerId)).for("share");
    if (!engineer) throw new ResourceValidationError({ engineerId: problem("time_off.error.engineer") });
    const [off] = await tx.insert(engineerTimeOff).values({ id: newId("timeoff"), ...parsed }).returning();
    await auditChange(tx, acting, "time_off.created", { type: "time_off", id: off.id }, null, off);
    return off;
  });
}

/** Cancels time off; `engineerId` must be its engineer (the page's own), so ids from elsewhere fail. */
export async function removeTimeOff(
  db: TenantDb,
  id: string,
  engineerId: string,
  acting: ActingAs,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [off] = await tx.delete(engineerTimeOff)
      .where(and(eq(engineerTimeOff.id, id), eq(engineerTimeOff.engineerId, engineerId))).returning();
    if (!off) throw new NotFoundError("No such time off.");
    await auditChange(tx, acting, "time_off.deleted", { type: "time_off", id }, off, null);
  });
}

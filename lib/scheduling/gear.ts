/**
 * Gear lent with sessions: named items with a number of units and an add-on fee per hour or day.
 * An item in maintenance or out cannot be booked (the database's reservation trigger refuses it);
 * sessions already holding it stay, and {@link upcomingGearSessions} counts them.
 *
 * ```ts
 * const mic = await createGear(db, { name: "U 87", quantity: 2, fee: 2500, feePer: "day" }, actingAs(ctx));
 * await setGearStatus(db, mic.id, "maintenance", actingAs(ctx));
 * ```
 */
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { gear, type GearFeePer, gearReservations, type GearStatus } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { moneySchema, nameSchema, optionalTextSchema } from "./resource_fields.ts";
import { assertNameFree, deleteUnused, findRecord, upcomingSessions } from "./resource_records.ts";
import { parseResource, problem, ResourceConflictError, say } from "./resource_validation.ts";
import {
  assertUnchangedSince,
  auditChange,
  changesOf,
  guardedWrite,
  type UpdateOptions,
} from "./resource_writes.ts";

export type GearItem = typeof gear.$inferSelect;

export const GEAR_STATUSES = ["in_service", "maintenance", "out"] as const satisfies readonly GearStatus[];
export const GEAR_FEE_PER = ["hour", "day"] as const satisfies readonly GearFeePer[];
export const GEAR_NAME_MAX = 100;
export const MAX_GEAR_QUANTITY = 10_000;

const gearFields = z.object({
  name: nameSchema(GEAR_NAME_MAX),
  category: optionalTextSchema(60),
  quantity: z.number(say("gear.error.quantity")).int(say("gear.error.quantity"))
    .min(0, say("gear.error.quantity")).max(MAX_GEAR_QUANTITY, say("gear.error.quantity")),
  fee: moneySchema,
  feePer: z.enum(GEAR_FEE_PER, say("gear.error.fee_per")),
  status: z.enum(GEAR_STATUSES, say("gear.error.status")),
  notes: optionalTextSchema(2000),
});

/** A new item: a name and any other field (the rest take {@link GEAR_DEFAULTS}). The fee is minor units. */
export const gearInputSchema = gearFields.partial().required({ name: true });
/** A change to an item: only the fields given change. */
export const gearPatchSchema = gearFields.partial();

export type GearInput = z.input<typeof gearInputSchema>;
export type GearPatch = z.input<typeof gearPatchSchema>;
export type GearSettings = z.output<typeof gearFields>;

/** The table's column defaults. */
export const GEAR_DEFAULTS: Omit<GearSettings, "name"> = {
  category: null,
  quantity: 1,
  fee: 0,
  feePer: "day",
  status: "in_service",
  notes: null,
};

/** The studio's gear by category, then name; items out of service included (they are still owned). */
export async function listGear(db: Pick<TenantDb, "select">): Promise<GearItem[]> {
  return await db.select().from(gear)
    .orderBy(asc(sql`lower(coalesce(${gear.category}, ''))`), asc(sql`lower(${gear.name})`), asc(gear.id));
}

/** One item, or a NotFoundError. */
export async function getGear(db: Pick<TenantDb, "select">, id: string): Promise<GearItem> {
  return await findRecord(db, gear, id);
}

const nameTaken = (name: string) => ({
  gear_name_unique: { field: "name", id: "gear.error.name_taken" as const, params: { name } },
});

/** Adds an item; a name another item has (in any case) is a field error. */
export async function createGear(db: TenantDb, input: GearInput, acting: ActingAs): Promise<GearItem> {
  const settings: GearSettings = { ...GEAR_DEFAULTS, ...parseResource(gearInputSchema, input) };
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, gear, settings.name, "gear.error.name_taken");
        const [item] = await tx.insert(gear).values({ id: newId("gear"), ...settings }).returning();
        await auditChange(tx, acting, "gear.created", { type: "gear", id: item.id }, null, item);
        return item;
      }),
    nameTaken(settings.name),
  );
}

/**
 * Changes the fields given (nothing written when nothing changes); a change of status alone is
 * audited as `gear.status_changed`. Lowering the quantity below what sessions already hold is
 * allowed (a unit broke): those sessions keep their units, and new ones see the lower count.
 */
export async function updateGear(
  db: TenantDb,
  id: string,
  patch: GearPatch,
  acting: ActingAs,
  options: UpdateOptions = {},
): Promise<GearItem> {
  const parsed = parseResource(gearPatchSchema, patch);
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        const before = await findRecord(tx, gear, id, { lock: true });
        assertUnchangedSince(before, options);
        const changed = Object.keys(changesOf(before, parsed));
        if (changed.length === 0) return before;
        if (parsed.name !== undefined) {
          await assertNameFree(tx, gear, parsed.name, "gear.error.name_taken", id);
        }
        const [after] = await tx.update(gear).set({ ...parsed, updatedAt: new Date() }).where(eq(gear.id, id))
          .returning();
        const action = changed.length === 1 && changed[0] === "status"
          ? "gear.status_changed"
          : "gear.updated";
        await auditChange(tx, acting, action, { type: "gear", id }, before, after);
        return after;
      }),
    nameTaken(parsed.name ?? ""),
  );
}

/** Puts an item in service, in maintenance or out; the last two stop new bookings of it. */
export async function setGearStatus(
  db: TenantDb,
  id: string,
  status: GearStatus,
  acting: ActingAs,
): Promise<GearItem> {
  return await updateGear(db, id, { status }, acting);
}

const gearInUse = () => new ResourceConflictError(problem("gear.error.in_use"));

/** Deletes an item no session has ever taken; others are put out of service instead. */
export async function deleteGear(db: TenantDb, id: string, acting: ActingAs): Promise<void> {
  await deleteUnused(db, gear, id, acting, {
    used: async (tx) =>
      (await tx.select({ id: gearReservations.blockId }).from(gearReservations)
        .where(eq(gearReservations.gearId, id)).limit(1)).length > 0,
    inUse: gearInUse,
  });
}

/** Sessions still to come that take the item (holds included). */
export async function upcomingGearSessions(
  db: Pick<TenantDb, "select">,
  id: string,
  now: Date = new Date(),
): Promise<number> {
  const { bookingId, gearId, blocking, blockedUntil } = gearReservations;
  return await upcomingSessions(db, { bookingId, recordId: gearId, blocking, until: blockedUntil }, id, now);
}

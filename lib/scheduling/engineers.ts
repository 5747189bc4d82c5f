/**
 * Engineers: the people a session books, with their working hours and rates, each optionally the
 * staff account of a member of the studio (who then sees the sessions assigned to them). Audited
 * like rooms; an engineer sessions refer to is deactivated, never deleted.
 *
 * ```ts
 * const engineer = await createEngineer(db, { name: "Sam Ortiz", staffId }, actingAs(ctx), studioStaff(kv, tenantId));
 * ```
 */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { engineerReservations, engineers } from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { newId } from "../kv/ids.ts";
import { getMembership, getStaff, listMembers } from "../kv/staff.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import {
  colourSchema,
  minutesSchema,
  moneySchema,
  nameSchema,
  optionalEmailSchema,
  optionalTextSchema,
} from "./resource_fields.ts";
import { deleteUnused, findRecord, setRecordActive, upcomingSessions } from "./resource_records.ts";
import {
  parseResource,
  type Problem,
  problem,
  ResourceConflictError,
  ResourceValidationError,
  say,
} from "./resource_validation.ts";
import {
  assertUnchangedSince,
  auditChange,
  changesOf,
  guardedWrite,
  type UpdateOptions,
  type Writer,
} from "./resource_writes.ts";
import { weeklyHoursSchema } from "./weekly_hours.ts";

export type Engineer = typeof engineers.$inferSelect;

export const ENGINEER_NAME_MAX = 100;

const engineerFields = z.object({
  name: nameSchema(ENGINEER_NAME_MAX),
  email: optionalEmailSchema,
  phone: optionalTextSchema(40),
  /** The KV staff id of a member of the studio, or null for a freelancer without an account. */
  staffId: z.string(say("engineers.error.staff")).trim().max(64, say("engineers.error.staff")).nullable()
    .transform((id) => id || null),
  colour: colourSchema,
  workingHours: weeklyHoursSchema,
  hourlyRate: moneySchema,
  dayRate: moneySchema.nullable(),
  dayMinutes: minutesSchema(1),
});

/** A new engineer: a name and any other field (the rest take {@link ENGINEER_DEFAULTS}). */
export const engineerInputSchema = engineerFields.partial().required({ name: true });
/** A change to an engineer: only the fields given change. */
export const engineerPatchSchema = engineerFields.partial();

export type EngineerInput = z.input<typeof engineerInputSchema>;
export type EngineerPatch = z.input<typeof engineerPatchSchema>;
export type EngineerSettings = z.output<typeof engineerFields>;

/** The table's column defaults. */
export const ENGINEER_DEFAULTS: Omit<EngineerSettings, "name"> = {
  email: null,
  phone: null,
  staffId: null,
  colour: "#0ea5e9",
  workingHours: [],
  hourlyRate: 0,
  dayRate: null,
  dayMinutes: 600,
};

/** Who belongs to the studio, for linking an engineer to a staff account. */
export interface StaffDirectory {
  isMember(staffId: string): Promise<boolean>;
}

/** The members of one studio, read from the control plane. */
export function studioStaff(kv: Deno.Kv, tenantId: string): StaffDirectory {
  return { isMember: async (staffId) => (await getMembership(kv, tenantId, staffId)) !== null };
}

/** A member of the studio an engineer can be linked to. */
export interface LinkableStaff {
  staffId: string;
  name: string;
  email: string;
}

/** The studio's members by name, for the engineer form's account choice. */
export async function linkableStaff(kv: Deno.Kv, tenantId: string): Promise<LinkableStaff[]> {
  const members = await listMembers(kv, tenantId);
  const people = await Promise.all(members.map((member) => getStaff(kv, member.staffId)));
  return people.flatMap((person) =>
    person ? [{ staffId: person.id, name: person.name, email: person.email }] : []
  )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The studio's engineers by name, active ones first; inactive ones only when asked. */
export async function listEngineers(
  db: Pick<TenantDb, "select">,
  options: { includeInactive?: boolean } = {},
): Promise<Engineer[]> {
  return await db.select().from(engineers)
    .where(options.includeInactive ? undefined : eq(engineers.active, true))
    .orderBy(desc(engineers.active), asc(sql`lower(${engineers.name})`), asc(engineers.id));
}

/** One engineer, or a NotFoundError. */
export async function getEngineer(db: Pick<TenantDb, "select">, id: string): Promise<Engineer> {
  return await findRecord(db, engineers, id);
}

/** A linked account must be a member of this studio, and stands for one engineer only. */
async function staffProblems(
  tx: Writer,
  staff: StaffDirectory,
  staffId: string | null,
  exceptId?: string,
): Promise<Record<string, Problem>> {
  if (staffId === null) return {};
  if (!(await staff.isMember(staffId))) return { staffId: problem("engineers.error.staff") };
  const [linked] = await tx.select({ name: engineers.name }).from(engineers)
    .where(and(eq(engineers.staffId, staffId), exceptId ? ne(engineers.id, exceptId) : undefined));
  return linked ? { staffId: problem("engineers.error.staff_linked", { name: linked.name }) } : {};
}

const staffTaken = {
  engineers_staff_id_unique: { field: "staffId", id: "engineers.error.staff_linked_other" as const },
};

async function assertStaff(
  tx: Writer,
  staff: StaffDirectory,
  staffId: string | null,
  exceptId?: string,
): Promise<void> {
  const problems = await staffProblems(tx, staff, staffId, exceptId);
  if (Object.keys(problems).length > 0) throw new ResourceValidationError(problems);
}

/** Creates an engineer; a staff account must be a member of the studio not linked to anyone else. */
export async function createEngineer(
  db: TenantDb,
  input: EngineerInput,
  acting: ActingAs,
  staff: StaffDirectory,
): Promise<Engineer> {
  const settings: EngineerSettings = { ...ENGINEER_DEFAULTS, ...parseResource(engineerInputSchema, input) };
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        await assertStaff(tx, staff, settings.staffId);
        const [engineer] = await tx.insert(engineers).values({ id: newId("eng"), ...settings }).returning();
        await auditChange(
          tx,
          acting,
          "engineer.created",
          { type: "engineer", id: engineer.id },
          null,
          engineer,
        );
        return engineer;
      }),
    staffTaken,
  );
}

/** Changes the fields given (nothing written when nothing changes); linking checks the account as on creation. */
export async function updateEngineer(
  db: TenantDb,
  id: string,
  patch: EngineerPatch,
  acting: ActingAs,
  staff: StaffDirectory,
  options: UpdateOptions = {},
): Promise<Engineer> {
  const parsed = parseResource(engineerPatchSchema, patch);
  return await guardedWrite(
    () =>
      db.transaction(async (tx) => {
        const before = await findRecord(tx, engineers, id, { lock: true });
        assertUnchangedSince(before, options);
        if (Object.keys(changesOf(before, parsed)).length === 0) return before;
        // Keeping a link that already exists needs no membership check: a member who left stays
        // visible as linked until someone changes it, rather than blocking every other edit.
        if (parsed.staffId !== undefined && parsed.staffId !== before.staffId) {
          await assertStaff(tx, staff, parsed.staffId, id);
        }
        const [after] = await tx.update(engineers).set({ ...parsed, updatedAt: new Date() })
          .where(eq(engineers.id, id)).returning();
        await auditChange(tx, acting, "engineer.updated", { type: "engineer", id }, before, after);
        return after;
      }),
    staffTaken,
  );
}

/** Takes an engineer off (or back on) the booking pages; sessions already booked stay. */
export async function setEngineerActive(
  db: TenantDb,
  id: string,
  active: boolean,
  acting: ActingAs,
): Promise<Engineer> {
  return await setRecordActive(db, engineers, id, active, acting);
}

const engineerInUse = () => new ResourceConflictError(problem("engineers.error.in_use"));

/** Deletes an engineer no session has ever named, with their time off; others are deactivated instead. */
export async function deleteEngineer(db: TenantDb, id: string, acting: ActingAs): Promise<void> {
  await deleteUnused(db, engineers, id, acting, {
    used: async (tx) =>
      (await tx.select({ id: engineerReservations.blockId }).from(engineerReservations)
        .where(eq(engineerReservations.engineerId, id)).limit(1)).length > 0,
    inUse: engineerInUse,
  });
}

/** Sessions still to come that name the engineer (holds included), shown before deactivating. */
export async function upcomingEngineerSessions(
  db: Pick<TenantDb, "select">,
  id: string,
  now: Date = new Date(),
): Promise<number> {
  const { bookingId, engineerId, blocking, blockedUntil } = engineerReservations;
  return await upcomingSessions(
    db,
    { bookingId, recordId: engineerId, blocking, until: blockedUntil },
    id,
    now,
  );
}

import { can } from "../auth/permissions.ts";
import type { Role } from "../kv/staff.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { BookingDetail } from "./booking_reads.ts";
import { engineerOfStaff } from "./session_list.ts";

/** Who is looking: a role, and the staff member behind it (an API key has none, so sees no one's sessions by assignment). */
export interface Viewer {
  role: Role;
  staffId?: string;
}

/** A signed-in staff member as a Viewer. */
export const staffViewer = (staff: { id: string; role: Role }): Viewer => ({
  role: staff.role,
  staffId: staff.id,
});

/**
 * Which sessions a staff member may see: all of them with "sessions.view.all"; otherwise (engineers)
 * only those they are assigned to through the engineer record linked to their account. `null`
 * means every session; a string is the one engineer whose sessions are visible; "" means none.
 */
export async function visibleEngineer(db: TenantDb, viewer: Viewer): Promise<string | null> {
  if (can(viewer.role, "sessions.view.all")) return null;
  return viewer.staffId ? await engineerOfStaff(db, viewer.staffId) ?? "" : "";
}

/** Whether `viewer` may see `booking` (see visibleEngineer). */
export async function canSeeBooking(db: TenantDb, viewer: Viewer, booking: BookingDetail): Promise<boolean> {
  const engineer = await visibleEngineer(db, viewer);
  return engineer === null || booking.engineers.some((e) => e.id === engineer);
}

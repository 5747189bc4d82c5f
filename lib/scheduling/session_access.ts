import { can } from "../auth/permissions.ts";
import type { StaffContext } from "../http/staff_session.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { BookingDetail } from "./booking_reads.ts";
import { engineerOfStaff } from "./session_list.ts";

/**
 * Which sessions a staff member may see: all of them with "sessions.view.all"; otherwise (engineers)
 * only those they are assigned to through the engineer record linked to their account. `null`
 * means every session; a string is the one engineer whose sessions are visible; "" means none.
 */
export async function visibleEngineer(db: TenantDb, staff: StaffContext): Promise<string | null> {
  if (can(staff.role, "sessions.view.all")) return null;
  return await engineerOfStaff(db, staff.id) ?? "";
}

/** Whether `staff` may see `booking` (see visibleEngineer). */
export async function canSeeBooking(
  db: TenantDb,
  staff: StaffContext,
  booking: BookingDetail,
): Promise<boolean> {
  const engineer = await visibleEngineer(db, staff);
  return engineer === null || booking.engineers.some((e) => e.id === engineer);
}

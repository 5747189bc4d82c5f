import { createSession } from "../kv/sessions.ts";
import { addMembership, createStaff, getStaffByEmail, type Role } from "../kv/staff.ts";
import type { Tenant } from "../kv/tenants.ts";
import { sessionCookieName } from "../http/session_cookie.ts";

/**
 * A signed-in staff member of `tenant` for in-process requests: the Cookie header to send. Skips
 * password hashing (tested where it matters) so tests stay fast.
 */
export async function signedInCookie(
  kv: Deno.Kv,
  tenant: Tenant,
  options: { role?: Role; email?: string; https?: boolean; base?: string } = {},
): Promise<string> {
  const email = options.email ?? `owner@${tenant.slug}.example`;
  const staff = await getStaffByEmail(kv, email) ??
    await createStaff(kv, { email, name: `Staff of ${tenant.name}` });
  await addMembership(kv, tenant.id, staff.id, options.role ?? "owner");
  const { token } = await createSession(kv, { staffId: staff.id, tenantId: tenant.id });
  return `${sessionCookieName(options.https ?? false, options.base ?? "")}=${token}`;
}

import { ForbiddenError } from "../errors.ts";
import type { Role } from "../kv/staff.ts";

/**
 * Who may do what inside a studio: the one permission matrix every route and API checks (through
 * {@link requirePermission}). docs/PERMISSIONS.md shows it as a table; a test walks every cell.
 *
 * Engineers see sessions, projects and files of the sessions assigned to them ("*.assigned"); the
 * domain modules narrow their queries accordingly. Only owners manage billing and members.
 */
export const PERMISSIONS = {
  "studio.settings": ["owner", "admin"],
  "billing.manage": ["owner"],
  "members.manage": ["owner"],
  "audit.view": ["owner"],
  "integrations.manage": ["owner", "admin"],
  "apikeys.manage": ["owner", "admin"],
  "rooms.view": ["owner", "admin", "manager", "engineer", "bookkeeper"],
  "rooms.manage": ["owner", "admin", "manager"],
  "clients.view": ["owner", "admin", "manager", "engineer", "bookkeeper"],
  "clients.manage": ["owner", "admin", "manager"],
  "sessions.view.all": ["owner", "admin", "manager", "bookkeeper"],
  "sessions.view.assigned": ["owner", "admin", "manager", "engineer", "bookkeeper"],
  "sessions.manage": ["owner", "admin", "manager"],
  "quotes.view": ["owner", "admin", "manager", "bookkeeper"],
  "quotes.manage": ["owner", "admin", "manager"],
  "invoices.view": ["owner", "admin", "manager", "bookkeeper"],
  "invoices.manage": ["owner", "admin", "bookkeeper"],
  "payments.record": ["owner", "admin", "bookkeeper"],
  "projects.view": ["owner", "admin", "manager", "engineer"],
  "projects.manage": ["owner", "admin", "manager", "engineer"],
  "files.manage": ["owner", "admin", "manager", "engineer"],
  "reports.view": ["owner", "admin", "manager", "bookkeeper"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Throws a ForbiddenError (403) unless `role` holds `permission`. */
export function requirePermission(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw new ForbiddenError();
}

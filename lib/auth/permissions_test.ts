import assert from "node:assert/strict";
import { ForbiddenError } from "../errors.ts";
import { ROLES } from "../kv/staff.ts";
import { can, type Permission, PERMISSIONS, requirePermission } from "./permissions.ts";

// The expected matrix, written out role by role so a change to the code's table must be made twice.
const EXPECTED: Record<(typeof ROLES)[number], Permission[]> = {
  owner: Object.keys(PERMISSIONS) as Permission[],
  admin: [
    "studio.settings",
    "integrations.manage",
    "apikeys.manage",
    "rooms.view",
    "rooms.manage",
    "clients.view",
    "clients.manage",
    "sessions.view.all",
    "sessions.view.assigned",
    "sessions.manage",
    "quotes.view",
    "quotes.manage",
    "invoices.view",
    "invoices.manage",
    "payments.record",
    "projects.view",
    "projects.manage",
    "files.manage",
    "reports.view",
  ],
  manager: [
    "rooms.view",
    "rooms.manage",
    "clients.view",
    "clients.manage",
    "sessions.view.all",
    "sessions.view.assigned",
    "sessions.manage",
    "quotes.view",
    "quotes.manage",
    "invoices.view",
    "projects.view",
    "projects.manage",
    "files.manage",
    "reports.view",
  ],
  engineer: [
    "rooms.view",
    "clients.view",
    "sessions.view.assigned",
    "projects.view",
    "projects.manage",
    "files.manage",
  ],
  bookkeeper: [
    "rooms.view",
    "clients.view",
    "sessions.view.all",
    "sessions.view.assigned",
    "quotes.view",
    "invoices.view",
    "invoices.manage",
    "payments.record",
    "reports.view",
  ],
};

for (const role of ROLES) {
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    const allowed = EXPECTED[role].includes(permission);
    Deno.test(`permissions: ${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
      assert.equal(can(role, permission), allowed);
      if (allowed) requirePermission(role, permission);
      else assert.throws(() => requirePermission(role, permission), ForbiddenError);
    });
  }
}

Deno.test("only owners manage billing and members; engineers never see invoices", () => {
  assert.deepEqual(PERMISSIONS["billing.manage"], ["owner"]);
  assert.deepEqual(PERMISSIONS["members.manage"], ["owner"]);
  assert.equal(can("engineer", "invoices.view"), false);
});

import { ValidationError } from "../errors.ts";
import { addMembership, createStaff, getStaffByEmail, type Membership, normalizeEmail } from "../kv/staff.ts";
import { problem as catalogueProblem, ResourceValidationError } from "../scheduling/resource_validation.ts";
import { hashPassword, passwordRuleProblem } from "./password.ts";

export interface NewOwner {
  email: string;
  /** Required for a new identity; an existing identity keeps its own password. */
  password?: string;
  name?: string;
}

/**
 * Checks an owner's details before anything is created, so a studio is never provisioned for an
 * owner who then cannot be added. Returns whether the e-mail already has an identity.
 */
export async function checkOwner(kv: Deno.Kv, owner: NewOwner): Promise<{ existing: boolean }> {
  const email = normalizeEmail(owner.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ValidationError({ ownerEmail: "Give the owner's e-mail address, such as ana@example.com." });
  }
  if (await getStaffByEmail(kv, email)) return { existing: true };
  const problem = owner.password === undefined
    ? catalogueProblem("password.rule.missing")
    : passwordRuleProblem(owner.password, { email, name: owner.name });
  if (problem) throw new ResourceValidationError({ ownerPassword: problem });
  return { existing: false };
}

/** Makes `owner` (created when new) the owner of the studio. */
export async function addOwner(kv: Deno.Kv, tenantId: string, owner: NewOwner): Promise<Membership> {
  const { existing } = await checkOwner(kv, owner);
  const email = normalizeEmail(owner.email);
  const staff = existing ? (await getStaffByEmail(kv, email))! : await createStaff(kv, {
    email,
    name: owner.name?.trim() || email.split("@")[0],
    passwordHash: await hashPassword(owner.password!),
  });
  return await addMembership(kv, tenantId, staff.id, "owner");
}

/**
 * The studios a person belongs to, for the switcher in the staff app's account menu. Each studio
 * has sessions of its own (lib/kv/sessions.ts), so another studio's link goes to its sign-in page
 * with the e-mail filled in: signed in there, sign-in sends them straight on to its dashboard.
 */
import { listMemberships, type Role } from "../kv/staff.ts";
import { getTenant, type Tenant } from "../kv/tenants.ts";

export interface StudioChoice {
  tenantId: string;
  name: string;
  role: Role;
  href: string;
  /** The studio of the current page. */
  current: boolean;
}

/**
 * The person's active studios, the current one first, then by name; empty when they belong to one
 * studio only (there is nothing to switch to). `addressOf` gives a studio's home address, ending in
 * "/". Costs one KV list for a person with one studio; else one read more, and one per other studio.
 */
export async function studioChoices(
  kv: Deno.Kv,
  staff: { id: string; email: string; role: Role },
  current: { tenant: Tenant; base: string },
  addressOf: (tenant: Tenant) => string,
): Promise<StudioChoice[]> {
  const others = await listMemberships(kv, staff.id, current.tenant.id);
  if (others.length === 0) return [];
  const tenants = await Promise.all(others.map((membership) => getTenant(kv, membership.tenantId)));
  const choices = others.flatMap((membership, i) => {
    const tenant = tenants[i];
    if (!tenant || tenant.status !== "active") return [];
    const href = `${addressOf(tenant)}sign-in?email=${encodeURIComponent(staff.email)}`;
    return [{ tenantId: tenant.id, name: tenant.name, role: membership.role, href, current: false }];
  }).sort((a, b) => a.name.localeCompare(b.name));
  if (choices.length === 0) return [];
  const here: StudioChoice = {
    tenantId: current.tenant.id,
    name: current.tenant.name,
    role: staff.role,
    href: `${current.base}/app`,
    current: true,
  };
  return [here, ...choices];
}

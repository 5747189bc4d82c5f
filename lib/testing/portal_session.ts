import { portalAccounts } from "../../db/schema/mod.ts";
import { PORTAL_COOKIE } from "../http/session_cookie.ts";
import { newId } from "../kv/ids.ts";
import { createPortalSession } from "../kv/portal_sessions.ts";
import type { Tenant } from "../kv/tenants.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** A portal account for `clientId` signed in on `tenant`: the Cookie header value for requests. */
export async function portalCookie(
  kv: Deno.Kv,
  db: TenantDb,
  tenant: Tenant,
  clientId: string,
  email: string,
) {
  const id = newId("pac");
  await db.insert(portalAccounts).values({ id, clientId, email, emailVerifiedAt: new Date() });
  const { token } = await createPortalSession(kv, { tenantId: tenant.id, accountId: id, clientId });
  return `${PORTAL_COOKIE}=${token}`;
}

import type { MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { validateSession } from "../kv/sessions.ts";
import { getMemberWith, type Role } from "../kv/staff.ts";
import { requiresTwoFactorIn, studioSecurityKey } from "../kv/studio_security.ts";
import { readSessionCookie } from "./session_cookie.ts";
import type { StudioContext } from "./studio.ts";

/** The signed-in staff member, in the studio the request is for. */
export interface StaffContext {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** The studio requires two-factor authentication of its staff (lib/auth/require_two_factor.ts). */
  studioRequiresTwoFactor: boolean;
}

/**
 * Reads the session cookie on a studio's addresses. A session counts only in the studio it was
 * created in (a session of studio A presented on studio B's host is ignored), and only while the
 * person still has a role there. Two KV reads: the session, then the member with the studio's rules.
 */
export function loadStaffSession(kv: Deno.Kv, config: Pick<Config, "https">): MiddlewareHandler {
  return async (c, next) => {
    const studio = c.get("studio") as StudioContext | undefined;
    const token = studio && readSessionCookie(c, config.https, studio.base);
    if (studio && token) {
      const session = await validateSession(kv, token, studio.tenant.id);
      if (session) {
        // The studio's 2FA rule comes in the same read: the staff app and the API check it each time.
        const { member, also: [rules] } = await getMemberWith(kv, studio.tenant.id, session.staffId, [
          studioSecurityKey(studio.tenant.id),
        ]);
        if (member) {
          const { staff, membership } = member;
          c.set(
            "staff",
            {
              id: staff.id,
              email: staff.email,
              name: staff.name,
              role: membership.role,
              sessionId: session.id,
              studioRequiresTwoFactor: requiresTwoFactorIn(rules.value),
            } satisfies StaffContext,
          );
        }
      }
    }
    await next();
  };
}

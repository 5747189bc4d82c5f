import type { ActingAs } from "../audit/audit.ts";
import type { FwContext } from "../fw/types.ts";
import { clientIp } from "./client_ip.ts";
import type { State } from "./state.ts";

/** The signed-in staff member behind a request, as domain writes record it in the audit log. */
export function actingAs(ctx: FwContext<State, unknown>): ActingAs {
  const staff = ctx.state.staff;
  return {
    actor: staff ? { type: "staff", id: staff.id, label: staff.email } : { type: "system" },
    ip: clientIp(ctx.hono),
    userAgent: ctx.req.headers.get("user-agent") ?? undefined,
  };
}

import type { Access } from "@/lib/auth/access.ts";
import { checkReadiness } from "@/lib/health.ts";
import type { Ctx } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";

export const access: Access = "public";

/** Readiness: the control-plane KV (and, with tenancy, the region databases) answer. */
export const handler = {
  GET: async (ctx: Ctx) => {
    const { kv } = depsOf(ctx);
    const result = await checkReadiness({ kv: () => kv.get(["health"]) });
    return Response.json(result, {
      status: result.ready ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    });
  },
};

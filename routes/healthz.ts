import type { Access } from "@/lib/auth/access.ts";

export const access: Access = "public";

/** Liveness: the process answers. No dependencies are touched. */
export const handler = {
  GET: () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
};

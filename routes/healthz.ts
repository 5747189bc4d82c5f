/** Liveness: the process answers. No dependencies are touched. */
export const handler = {
  GET: () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
};

import type { FwContext } from "../../../types.ts";

export async function handler(ctx: FwContext<{ trail: string[] }>) {
  ctx.state.trail.push("root");
  const response = await ctx.next();
  response.headers.set("x-trail", ctx.state.trail.join(">"));
  return response;
}

import type { FwContext } from "../../../types.ts";

export async function handler(ctx: FwContext<{ trail: string[] }>) {
  // The benchmark serves this fixture with the app's own state, which has no trail.
  ctx.state.trail ??= [];
  ctx.state.trail.push("root");
  const response = await ctx.next();
  response.headers.set("x-trail", ctx.state.trail.join(">"));
  return response;
}

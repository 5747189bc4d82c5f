import type { FwContext } from "../../../../types.ts";

export const handler = [
  (ctx: FwContext<{ trail: string[] }>) => {
    ctx.state.trail.push("items-a");
    return ctx.next();
  },
  (ctx: FwContext<{ trail: string[] }>) => {
    ctx.state.trail.push("items-b");
    return ctx.next();
  },
];

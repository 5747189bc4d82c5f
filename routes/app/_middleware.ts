import { StudioUnavailableError } from "@/lib/errors.ts";
import type { Ctx } from "@/lib/http/define.ts";

/** The staff app only exists inside a studio: at its address, never on the platform's own host. */
export const handler = (ctx: Ctx) => {
  if (!ctx.state.studio) throw new StudioUnavailableError("unknown");
  return ctx.next();
};

import { isNotNull } from "drizzle-orm";
import { billingSettings } from "@/db/schema/mod.ts";
import type { Access } from "@/lib/auth/access.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { decodeBase64 } from "@oslojs/encoding";

export const access: Access = "public";

/** The studio's logo (set on the billing settings page), for the portal's header. */
export const handler = define.handlers({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const [logo] = await studio.db.select({
      data: billingSettings.logoBase64,
      type: billingSettings.logoContentType,
    })
      .from(billingSettings).where(isNotNull(billingSettings.logoBase64));
    if (!logo?.data || !logo.type) throw new NotFoundError("This studio has no logo.");
    return new Response(decodeBase64(logo.data) as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": logo.type, "cache-control": "public, max-age=300" },
    });
  },
});

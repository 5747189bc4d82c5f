import type { Access } from "@/lib/auth/access.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { Button } from "@/components/Button.tsx";
import { AuthPanel } from "@/components/AuthPanel.tsx";
import { verifyEmail } from "@/lib/auth/email_verification.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { getStaff } from "@/lib/kv/staff.ts";

export const access: Access = "public";

type Data =
  | { outcome: "verified"; email: string }
  | { outcome: "already"; email: string }
  | { outcome: "invalid" };

/**
 * The link from the verification e-mail. Opening it is enough (no sign-in needed: the token proves
 * the inbox). Mail scanners may open it first; a signed-in person whose address is verified then
 * sees that rather than "link used".
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { kv } = depsOf(ctx);
    const staff = await verifyEmail(
      kv,
      ctx.url.searchParams.get("token") ?? "",
      studio.tenant.id,
      studio.db,
      {
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      },
    );
    if (staff) return ctx.render({ outcome: "verified", email: staff.email });
    const me = ctx.state.staff && await getStaff(kv, ctx.state.staff.id);
    if (me?.emailVerifiedAt) return ctx.render({ outcome: "already", email: me.email });
    return ctx.render({ outcome: "invalid" }, { status: 410 });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  const [title, body] = data.outcome === "verified"
    ? [t("auth.verify.done.title"), t("auth.verify.done.body", { email: data.email })]
    : data.outcome === "already"
    ? [t("auth.verify.done.title"), t("auth.verify.already", { email: data.email })]
    : [t("auth.verify.invalid.title"), t("auth.verify.invalid.body")];
  return (
    <AuthPanel title={title}>
      <p class="text-sm text-neutral-700">{body}</p>
      <div class="mt-4">
        <Button href={`${base}/app`}>{t("auth.verify.continue")}</Button>
      </div>
    </AuthPanel>
  );
});

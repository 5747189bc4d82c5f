import { Button } from "@/components/Button.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { startPortalSession } from "@/lib/http/portal_session.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { signInWithLink } from "@/lib/portal/accounts.ts";

export const access: Access = "public";

interface Data {
  token: string;
  next: string;
  refused?: boolean;
}

/**
 * Where the e-mailed link lands. Opening it only shows a button: mail scanners that fetch links must
 * not use up the single-use token; the client's own click (a POST) signs them in.
 */
export const handler = define.handlers<Data>({
  GET(ctx) {
    const studio = requireStudio(ctx);
    return ctx.render({
      token: ctx.url.searchParams.get("token") ?? "",
      next: safeNext(ctx.url.searchParams.get("next"), studio.base, "/portal"),
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const form = await readForm(ctx.req);
    const token = String(form.get("token") ?? "");
    const next = safeNext(form.get("next"), studio.base, "/portal");
    const { kv } = depsOf(ctx);
    const account = await signInWithLink(studio.db, kv, studio.tenant.id, token);
    if (!account) return ctx.render({ token: "", next, refused: true }, { status: 410 });
    await startPortalSession(ctx, account);
    return ctx.redirect(next, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  return (
    <section class="rounded-lg border border-line bg-white p-5">
      <h1 class="text-xl font-semibold">{t("portal.auth.title")}</h1>
      {data.refused
        ? (
          <p class="mt-2 text-neutral-700">
            {t("portal.auth.refused")}{" "}
            <a class="underline" href={`${base}/portal/sign-in`}>{t("portal.auth.again")}</a>
          </p>
        )
        : (
          <form method="post" class="mt-4">
            <input type="hidden" name="token" value={data.token} />
            <input type="hidden" name="next" value={data.next} />
            <Button type="submit">{t("portal.auth.continue")}</Button>
          </form>
        )}
    </section>
  );
});

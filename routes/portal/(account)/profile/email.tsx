import { Button } from "@/components/Button.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { isSupportedLocale } from "@/lib/i18n/mod.ts";
import { emailChangedNoticeMail } from "@/lib/portal/email_change_mail.ts";
import { clientProfile, confirmEmailChange } from "@/lib/portal/profile.ts";

export const access: Access = "client";

interface Data {
  token: string;
  refused?: "invalid" | "taken";
}

/**
 * Where the e-mail change link lands. Opening it shows a button (mail scanners that fetch links must
 * not use up the single-use token); the signed-in client's click applies the change. A visitor who
 * is signed out is sent to sign in first and comes back here (routes/portal/(account)/_middleware.ts).
 */
export const handler = define.handlers<Data>({
  GET(ctx) {
    requireClient(ctx);
    return ctx.render({ token: ctx.url.searchParams.get("token") ?? "" });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const form = await readForm(ctx.req);
    const { kv, mailer } = depsOf(ctx);
    const outcome = await confirmEmailChange(
      studio.db,
      kv,
      { tenantId: studio.tenant.id, ...client },
      String(form.get("token") ?? ""),
      {
        actor: { type: "client", id: client.clientId, label: client.email },
        ip: clientIp(ctx.hono),
        userAgent: ctx.req.headers.get("user-agent") ?? undefined,
      },
    );
    if (outcome.status !== "changed") {
      return ctx.render({ token: "", refused: outcome.status }, {
        status: outcome.status === "taken" ? 409 : 410,
      });
    }
    const profile = await clientProfile(studio.db, client.clientId);
    await mailer.send(
      emailChangedNoticeMail(isSupportedLocale(profile.locale) ? profile.locale : ctx.state.locale, {
        to: outcome.before,
        name: profile.name,
        studio: ctx.state.portal!.brand.name,
        newEmail: outcome.after,
      }),
    );
    return ctx.redirect(`${studio.base}/portal/profile?saved=email_changed`, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const base = state.studio!.base;
  return (
    <section class="rounded-lg border border-line bg-white p-5">
      <h1 class="text-xl font-semibold">{t("portal_account.email_confirm.title")}</h1>
      {data.refused
        ? (
          <p class="mt-2 text-neutral-700" role="alert">
            {t(
              data.refused === "taken"
                ? "portal_account.email_confirm.taken"
                : "portal_account.email_confirm.invalid",
            )}{" "}
            <a class="underline" href={`${base}/portal/profile`}>{t("portal_account.email_confirm.back")}</a>
          </p>
        )
        : (
          <form method="post" class="mt-4">
            <p class="mb-4 text-neutral-700">{t("portal_account.email_confirm.intro")}</p>
            <input type="hidden" name="token" value={data.token} />
            <Button type="submit">{t("portal_account.email_confirm.submit")}</Button>
          </form>
        )}
    </section>
  );
});

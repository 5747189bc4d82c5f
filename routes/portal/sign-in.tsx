import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { portalSignInMail } from "@/lib/auth/account_mail.tsx";
import { RateLimitedError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { startPortalSession } from "@/lib/http/portal_session.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { hitRateLimit, type RateLimitRule } from "@/lib/kv/rate_limits.ts";
import { issueSignInLink, normalizeEmail } from "@/lib/portal/accounts.ts";
import { PortalSignInRefused, signInWithPassword } from "@/lib/portal/portal_password.ts";

export const access: Access = "public";

/** Links asked for one address: enough for a lost mail or two, not for mail-bombing someone. */
const PER_EMAIL: RateLimitRule = { name: "portal-link:email", limit: 5, windowMs: 60 * 60_000 };
const PER_ADDRESS: RateLimitRule = { name: "portal-link:ip", limit: 20, windowMs: 60 * 60_000 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Data {
  email: string;
  next: string;
  sent?: boolean;
  error?: string;
  /** The password form was refused (one message whatever the reason). */
  refused?: boolean;
}

/**
 * The portal's sign-in (journey 16): the client types their e-mail and receives a single-use link.
 * The answer is the same whether or not the address is known, so the page tells no one who the
 * studio's clients are. A client who chose a password on their profile may sign in with it instead
 * (lib/portal/portal_password.ts: rate limited, one answer for every failure).
 */
export const handler = define.handlers<Data>({
  GET(ctx) {
    const studio = requireStudio(ctx);
    const next = safeNext(ctx.url.searchParams.get("next"), studio.base, "/portal");
    if (ctx.state.portal?.client) return ctx.redirect(next);
    return ctx.render({ email: "", next });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const form = await readForm(ctx.req);
    const email = String(form.get("email") ?? "").trim();
    const next = safeNext(form.get("next"), studio.base, "/portal");
    if (form.get("intent") === "password") {
      const { kv } = depsOf(ctx);
      try {
        const account = await signInWithPassword(studio.db, kv, {
          tenantId: studio.tenant.id,
          email,
          password: String(form.get("password") ?? ""),
          ip: clientIp(ctx.hono),
        });
        await startPortalSession(ctx, account);
        return ctx.redirect(next, 303);
      } catch (err) {
        if (!(err instanceof PortalSignInRefused)) throw err;
        return ctx.render({ email, next, refused: true }, { status: 401 });
      }
    }
    if (!EMAIL.test(email) || email.length > 254) {
      return ctx.render({ email, next, error: ctx.state.t("portal.sign_in.bad_email") }, { status: 422 });
    }
    const { kv, mailer, config } = depsOf(ctx);
    for (
      const [rule, subject] of [[PER_ADDRESS, clientIp(ctx.hono)], [
        PER_EMAIL,
        normalizeEmail(email),
      ]] as const
    ) {
      const hit = await hitRateLimit(kv, rule, `${studio.tenant.id}:${subject}`);
      if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds);
    }
    const token = await issueSignInLink(studio.db, kv, studio.tenant.id, email);
    if (token) {
      const origin = studioOrigin(ctx.url, config);
      const link = `${origin}${studio.base}/portal/auth?token=${token}&next=${encodeURIComponent(next)}`;
      await mailer.send(portalSignInMail(ctx.state.locale, {
        to: normalizeEmail(email),
        name: "",
        studio: ctx.state.portal!.brand.name,
        link,
      }));
    }
    return ctx.render({ email, next, sent: true });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  if (data.sent) {
    return (
      <section class="rounded-lg border border-line bg-white p-5">
        <h1 class="text-xl font-semibold">{t("portal.sign_in.sent_title")}</h1>
        <p class="mt-2 text-neutral-700">{t("portal.sign_in.sent", { email: data.email })}</p>
      </section>
    );
  }
  return (
    <section class="rounded-lg border border-line bg-white p-5">
      <h1 class="text-xl font-semibold">{t("portal.sign_in.title")}</h1>
      <p class="mt-2 mb-4 text-neutral-700">{t("portal.sign_in.intro")}</p>
      <FormErrorSummary
        title={t("portal.sign_in.problem")}
        errors={data.error ? [{ name: "email", message: data.error }] : []}
        class="mb-4"
      />
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="next" value={data.next} />
        <Input
          label={t("auth.email")}
          name="email"
          type="email"
          autocomplete="email"
          required
          value={data.email}
          error={data.error}
        />
        <Button type="submit">{t("portal.sign_in.submit")}</Button>
      </form>
      <h2 class="mt-8 text-lg font-semibold">{t("portal_account.sign_in.password_title")}</h2>
      <p class="mt-1 mb-4 text-sm text-neutral-700">{t("portal_account.sign_in.password_intro")}</p>
      <form method="post" class="flex flex-col gap-4">
        <input type="hidden" name="next" value={data.next} />
        <input type="hidden" name="intent" value="password" />
        <Input
          label={t("auth.email")}
          id="password-email"
          name="email"
          type="email"
          autocomplete="username"
          required
          value={data.email}
        />
        <Input
          label={t("portal_account.sign_in.password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          error={data.refused ? t("portal_account.sign_in.refused") : undefined}
        />
        <Button type="submit" variant="secondary">{t("portal_account.sign_in.submit")}</Button>
      </form>
    </section>
  );
});

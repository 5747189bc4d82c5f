import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { portalSignInMail } from "@/lib/auth/account_mail.tsx";
import { RateLimitedError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { safeNext } from "@/lib/http/safe_next.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { hitRateLimit, type RateLimitRule } from "@/lib/kv/rate_limits.ts";
import { issueSignInLink, normalizeEmail } from "@/lib/portal/accounts.ts";

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
}

/**
 * The portal's sign-in (journey 16): the client types their e-mail and receives a single-use link.
 * The answer is the same whether or not the address is known, so the page tells no one who the
 * studio's clients are.
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
    </section>
  );
});

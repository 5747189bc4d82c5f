import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { define, type Props } from "@/lib/http/define.ts";
import { DEMO_SLUG } from "@/lib/tenancy/demo.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";

export const access: Access = "public";

/** A studio's own address has no landing page: it opens the studio. */
export const handler = define.handlers({
  GET: (ctx) => {
    const studio = ctx.state.studio;
    return studio ? ctx.hono.redirect(`${studio.base}/app`) : ctx.render();
  },
});

const DEMO_HREF = `/s/${DEMO_SLUG}/app`;

const FEATURES = ["calendar", "invoices", "portal", "projects", "integrations", "security"] as const;

export default function Landing({ state }: Props) {
  const { t } = state;
  return (
    <>
      <header class="border-b border-neutral-200 bg-white">
        <div class="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
          <span class="font-semibold">{t("app.name")}</span>
          <Button href={DEMO_HREF} variant="secondary" size="sm">{t("landing.cta_demo")}</Button>
        </div>
      </header>
      <main id="main">
        <section class="mx-auto max-w-4xl px-6 py-20 text-center">
          <h1 class="text-4xl font-bold tracking-tight sm:text-5xl">{t("landing.title")}</h1>
          <p class="mx-auto mt-6 max-w-2xl text-lg text-neutral-700">{t("landing.tagline")}</p>
          <div class="mt-10 flex flex-wrap justify-center gap-3">
            <Button href="/sign-up">{t("landing.cta_signup")}</Button>
            <Button href={DEMO_HREF} variant="secondary">{t("landing.cta_demo")}</Button>
          </div>
        </section>
        <section aria-labelledby="features" class="mx-auto max-w-6xl px-6 pb-24">
          <h2 id="features" class="mb-8 text-center text-2xl font-semibold">
            {t("landing.features.heading")}
          </h2>
          <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((f) => (
              <li key={f} class="rounded-lg border border-neutral-200 bg-white p-6">
                <h3 class="font-semibold">{t(`landing.features.${f}.title` as MessageId)}</h3>
                <p class="mt-2 text-sm text-neutral-700">{t(`landing.features.${f}.body` as MessageId)}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer class="border-t border-neutral-200 py-8 text-center text-sm text-neutral-600">
        {t("landing.footer")}
      </footer>
    </>
  );
}

import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { ClientBookingSummary } from "@/components/ClientBookingSummary.tsx";
import { localDate, StatusBadge } from "@/components/DocumentView.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { displayStatus } from "@/lib/billing/document_list.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import { define } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { type ClientHome, clientHome } from "@/lib/portal/client_home.ts";

export const access: Access = "public";

interface Data {
  home: ClientHome | null;
  today: string;
}

/**
 * The portal's front page: for a visitor, the way to book or sign in; for a signed-in client
 * (journey 16), their upcoming and past sessions, invoices with what is left to pay, and quotes.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const portal = ctx.state.portal!;
    const today = localDateOf(new Date(), portal.brand.timezone);
    const home = portal.client ? await clientHome(studio.db, portal.client.clientId) : null;
    return ctx.render({ home, today });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const { brand } = state.portal!;
  const home = data.home;
  if (!home) {
    return (
      <section class="rounded-lg border border-line bg-white p-5">
        <h1 class="text-2xl font-semibold">{t("portal.home.welcome", { studio: brand.name })}</h1>
        {brand.settings.welcomeText && (
          <p class="mt-2 whitespace-pre-line text-neutral-700">{brand.settings.welcomeText}</p>
        )}
        <div class="mt-4 flex flex-wrap gap-3">
          {brand.settings.bookingEnabled && (
            <Button href={`${base}/portal/book`}>{t("portal.home.book")}</Button>
          )}
          <Button variant="secondary" href={`${base}/portal/sign-in`}>{t("portal.nav.sign_in")}</Button>
        </div>
      </section>
    );
  }
  const sessions = (title: string, list: ClientHome["upcoming"], empty: string) => (
    <section class="mt-6" aria-label={title}>
      <h2 class="text-lg font-semibold">{title}</h2>
      {list.length === 0
        ? <p class="mt-2 text-neutral-600">{empty}</p>
        : (
          <ul class="mt-2 flex flex-col gap-3">
            {list.map((view) => (
              <li key={view.booking.id}>
                <a href={`${base}/portal/sessions/${view.booking.id}`} class="block focus-ring rounded-lg">
                  <ClientBookingSummary view={view} zone={brand.timezone} t={t} locale={locale} />
                </a>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
  return (
    <>
      <div class="flex items-center justify-between gap-3">
        <h1 class="text-2xl font-semibold">{t("portal.home.title")}</h1>
        {brand.settings.bookingEnabled && (
          <Button size="sm" href={`${base}/portal/book`}>{t("portal.home.book")}</Button>
        )}
      </div>
      {sessions(t("portal.home.upcoming"), home.upcoming, t("portal.home.no_upcoming"))}
      <section class="mt-6" aria-label={t("portal.home.invoices")}>
        <h2 class="text-lg font-semibold">{t("portal.home.invoices")}</h2>
        {home.invoices.length === 0
          ? <p class="mt-2 text-neutral-600">{t("portal.home.no_invoices")}</p>
          : (
            <ul class="mt-2 divide-y divide-line rounded-lg border border-line bg-white">
              {home.invoices.map((doc) => (
                <li key={doc.id}>
                  <a
                    href={`${base}/portal/invoices/${doc.id}`}
                    class="flex items-center justify-between gap-3 p-3 focus-ring"
                  >
                    <span>
                      <span class="block font-medium">{doc.number}</span>
                      <span class="block text-sm text-neutral-600">{localDate(doc.issueDate, locale)}</span>
                    </span>
                    <span class="text-right">
                      <span class="block">
                        {formatMoney(doc.balance > 0 ? doc.balance : doc.total, doc.currency, locale)}
                      </span>
                      <StatusBadge status={displayStatus(doc, data.today)} t={t} />
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
      </section>
      {home.quotes.length > 0 && (
        <section class="mt-6" aria-label={t("portal.home.quotes")}>
          <h2 class="text-lg font-semibold">{t("portal.home.quotes")}</h2>
          <ul class="mt-2 divide-y divide-line rounded-lg border border-line bg-white">
            {home.quotes.map((doc) => (
              <li key={doc.id}>
                <a
                  href={`${base}/portal/quotes/${doc.id}`}
                  class="flex items-center justify-between gap-3 p-3 focus-ring"
                >
                  <span class="font-medium">
                    {doc.number} {doc.title && <span class="font-normal">· {doc.title}</span>}
                  </span>
                  <span class="text-right">
                    <span class="block">{formatMoney(doc.total, doc.currency, locale)}</span>
                    <StatusBadge status={displayStatus(doc, data.today)} t={t} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <p class="mt-2 text-sm text-neutral-600">
            {t("portal_quotes.home_hint")}{" "}
            <a class="underline" href={`${base}/portal/quotes`}>{t("portal_quotes.all")}</a>
          </p>
        </section>
      )}
      {sessions(t("portal.home.past"), home.past, t("portal.home.no_past"))}
      <p class="mt-6 text-sm text-neutral-600">
        <Badge>{state.portal!.client!.email}</Badge>
      </p>
    </>
  );
});

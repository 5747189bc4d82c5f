import { localDate } from "@/components/DocumentView.tsx";
import { QuoteStateBadge } from "@/components/QuoteDocument.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { type ClientQuoteRow, clientQuotes } from "@/lib/portal/client_quotes.ts";

export const access: Access = "client";

interface Data {
  quotes: ClientQuoteRow[];
}

/** The quotes the studio sent the signed-in client (journey 10), newest first, each with its state. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    return ctx.render({ quotes: await clientQuotes(studio.db, client.clientId) });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  return (
    <>
      <p class="text-sm">
        <a class="underline" href={`${base}/portal`}>{t("portal.invoice.back")}</a>
      </p>
      <h1 class="mt-2 text-2xl font-semibold">{t("portal_quotes.title")}</h1>
      <p class="mt-1 text-neutral-700">{t("portal_quotes.intro", { studio: state.portal!.brand.name })}</p>
      {data.quotes.length === 0
        ? <p class="mt-4 text-neutral-600">{t("portal_quotes.empty")}</p>
        : (
          <ul class="mt-4 divide-y divide-line rounded-lg border border-line bg-white">
            {data.quotes.map((quote) => (
              <li key={quote.id}>
                <a
                  href={`${base}/portal/quotes/${quote.id}`}
                  class="flex items-center justify-between gap-3 p-3 focus-ring"
                >
                  <span class="min-w-0">
                    <span class="block font-medium">
                      {quote.number}
                      {quote.revision > 1 && (
                        <span class="font-normal">
                          &nbsp;· {t("portal_quotes.revision", { revision: String(quote.revision) })}
                        </span>
                      )}
                    </span>
                    {quote.title && <span class="block truncate">{quote.title}</span>}
                    <span class="block text-sm text-neutral-600">
                      {t("portal_quotes.valid_until", { date: localDate(quote.validUntil, locale) })}
                    </span>
                  </span>
                  <span class="shrink-0 text-right">
                    <span class="block">{formatMoney(quote.total, quote.currency, locale)}</span>
                    <QuoteStateBadge state={quote.state} t={t} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
    </>
  );
});

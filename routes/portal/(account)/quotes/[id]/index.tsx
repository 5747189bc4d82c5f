import { Button } from "@/components/Button.tsx";
import {
  QuoteAnswerForms,
  QuoteDocument,
  QuoteHeader,
  QuoteOutcome,
  QuoteStateBadge,
} from "@/components/QuoteDocument.tsx";
import { Toast } from "@/components/Toast.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { answerQuote, EMPTY_QUOTE_ANSWER, type QuoteAnswerForm } from "@/lib/billing/quote_answer.ts";
import { formatLocalDate } from "@/lib/billing/quote_mail.tsx";
import { QuoteLinkClosed } from "@/lib/billing/quotes.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { type ClientQuote, clientQuote } from "@/lib/portal/client_quotes.ts";

export const access: Access = "client";

interface Data {
  quote: ClientQuote;
  form: QuoteAnswerForm;
  answered: "accepted" | "declined" | null;
  /** The answer posted came too late (answered, expired or replaced meanwhile): say why. */
  refused: boolean;
}

/**
 * One of the client's quotes (journey 10): read it, download its PDF, and — while it is the newest
 * revision sent and within its last valid day — accept it by typing their full name, or decline it.
 * The same rules, signature and audit as the e-mailed link (lib/billing/quote_answer.ts). A quote that
 * can no longer be answered says why; an answer posted to it is refused with 409.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const answer = ctx.url.searchParams.get("answer");
    return await show(ctx, {
      form: EMPTY_QUOTE_ANSWER,
      answered: answer === "accepted" || answer === "declined" ? answer : null,
      refused: false,
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const key = { id: ctx.params.id, clientId: client.clientId };
    const who = { ip: clientIp(ctx.hono), userAgent: ctx.req.headers.get("user-agent") };
    try {
      const result = await answerQuote(studio.db, key, await readForm(ctx.req), who, ctx.state.t);
      if ("answered" in result) {
        return ctx.redirect(`${studio.base}/portal/quotes/${ctx.params.id}?answer=${result.answered}`, 303);
      }
      return await show(ctx, { form: result.form, answered: null, refused: false }, 422);
    } catch (err) {
      if (!(err instanceof QuoteLinkClosed)) throw err;
      return await show(ctx, { form: EMPTY_QUOTE_ANSWER, answered: null, refused: true }, 409);
    }
  },
});

async function show(ctx: Ctx<Data>, view: Omit<Data, "quote">, status = 200) {
  const studio = requireStudio(ctx);
  const client = requireClient(ctx);
  const quote = await clientQuote(studio.db, ctx.params.id, client.clientId);
  return ctx.render({ quote, ...view }, { status });
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const studioName = state.portal!.brand.name;
  const { quote: link, form } = data;
  const { quote } = link;
  const closed = link.state !== "open" &&
    (data.refused || link.state === "expired" || link.state === "superseded");
  return (
    <>
      <p class="mb-2 text-sm">
        <a class="underline" href={`${base}/portal/quotes`}>{t("portal_quotes.back")}</a>
      </p>
      <QuoteHeader quote={quote} t={t} locale={locale} studioName={studioName}>
        <QuoteStateBadge state={link.state} t={t} />
      </QuoteHeader>

      {data.answered === "accepted" && (link.state === "accepted" || link.state === "converted") && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-4">
          {t("quote_link.accepted_now", { studio: studioName })}
        </Toast>
      )}
      {data.answered === "declined" && link.state === "declined" && (
        <Toast tone="info" dismissLabel={t("common.dismiss")} class="mb-4">
          {t("quote_link.declined_now", { studio: studioName })}
        </Toast>
      )}
      {closed && (
        <section role="alert" class="mb-6 rounded-lg border border-warning-200 bg-warning-50 p-4">
          <h2 class="font-semibold">{t("portal_quotes.closed.title")}</h2>
          <p class="mt-1">
            {link.state === "expired"
              ? t("portal_quotes.closed.expired", {
                studio: studioName,
                date: quote.validUntil ? formatLocalDate(quote.validUntil, locale) : "",
              })
              : link.state === "superseded"
              ? t("portal_quotes.closed.superseded", { studio: studioName })
              : link.state === "declined"
              ? t("portal_quotes.closed.declined", { studio: studioName })
              : t("portal_quotes.closed.accepted")}
          </p>
          {link.latest && (
            <p class="mt-2">
              <a class="font-medium underline" href={`${base}/portal/quotes/${link.latest.id}`}>
                {t("portal_quotes.closed.open_latest", { revision: String(link.latest.revision) })}
              </a>
            </p>
          )}
        </section>
      )}

      <p class="mb-6">
        <Button variant="secondary" href={`${base}/portal/quotes/${quote.id}/pdf`}>
          {t("portal_quotes.pdf")}
        </Button>
      </p>
      <QuoteDocument quote={quote} t={t} locale={locale} />
      <QuoteOutcome quote={quote} state={link.state} zone={link.zone} t={t} locale={locale} />
      {link.state === "open" && <QuoteAnswerForms form={form} t={t} />}
    </>
  );
});

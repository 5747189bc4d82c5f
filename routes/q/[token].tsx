import type { Access } from "@/lib/auth/access.ts";
import { QuoteAnswerForms, QuoteDocument, QuoteHeader, QuoteOutcome } from "@/components/QuoteDocument.tsx";
import { Toast } from "@/components/Toast.tsx";
import { answerQuote, EMPTY_QUOTE_ANSWER, type QuoteAnswerForm } from "@/lib/billing/quote_answer.ts";
import { formatLocalDate } from "@/lib/billing/quote_mail.tsx";
import { quoteByToken, type QuoteLink, QuoteLinkClosed } from "@/lib/billing/quotes.ts";
import { NotFoundError, RateLimitedError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { hitRateLimit, type RateLimitRule } from "@/lib/kv/rate_limits.ts";

export const access: Access = "public";

/** Answers from one address, whatever the link: slows guessing and form floods. */
const ANSWERS_PER_ADDRESS: RateLimitRule = { name: "quote-link:address", limit: 30, windowMs: 10 * 60_000 };
/** Answers to one link: a few typos are fine, a script is not. */
const ANSWERS_PER_LINK: RateLimitRule = { name: "quote-link:token", limit: 10, windowMs: 60 * 60_000 };

type Data =
  | { kind: "unknown" }
  | { kind: "closed"; state: "expired" | "superseded"; validUntil: string | null }
  | { kind: "quote"; link: QuoteLink; answered?: "accepted" | "declined"; form: QuoteAnswerForm };

/**
 * The client's link to a quote (journey 10): no staff session, the studio from the address. The
 * client reads the quote and accepts it by typing their name, or declines it. Unknown links are 404,
 * expired and superseded ones 410. The page ships no JavaScript.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    privatePage(ctx);
    const answered = ctx.url.searchParams.get("answer");
    return await show(ctx, studio.db, {
      answered: answered === "accepted" || answered === "declined" ? answered : undefined,
      form: EMPTY_QUOTE_ANSWER,
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    privatePage(ctx);
    const token = ctx.params.token;
    const ip = clientIp(ctx.hono);
    const { kv } = depsOf(ctx);
    for (const [rule, subject] of [[ANSWERS_PER_ADDRESS, ip], [ANSWERS_PER_LINK, token]] as const) {
      const limit = await hitRateLimit(kv, rule, subject);
      if (!limit.allowed) {
        throw new RateLimitedError(limit.retryAfterSeconds, "Too many answers. Wait a few minutes.");
      }
    }
    const who = { ip, userAgent: ctx.req.headers.get("user-agent") };
    try {
      const result = await answerQuote(studio.db, token, await readForm(ctx.req), who, ctx.state.t);
      if ("answered" in result) return ctx.redirect(`${studio.base}/q/${token}?answer=${result.answered}`);
      return await show(ctx, studio.db, { form: result.form }, 422);
    } catch (err) {
      // Answered, expired or replaced meanwhile (another tab, a re-send): the page says which.
      if (err instanceof QuoteLinkClosed || err instanceof NotFoundError) {
        return await show(ctx, studio.db, { form: EMPTY_QUOTE_ANSWER });
      }
      throw err;
    }
  },
});

/** The link is a secret: no caching, no Referer to outside links, no search engine. */
function privatePage(ctx: Ctx<Data>) {
  ctx.hono.header("Cache-Control", "no-store");
  ctx.hono.header("Referrer-Policy", "no-referrer");
  ctx.hono.header("X-Robots-Tag", "noindex, nofollow");
}

async function show(
  ctx: Ctx<Data>,
  db: Parameters<typeof quoteByToken>[0],
  view: { answered?: "accepted" | "declined"; form: QuoteAnswerForm },
  status = 200,
) {
  let link: QuoteLink;
  try {
    link = await quoteByToken(db, ctx.params.token);
  } catch (err) {
    if (err instanceof NotFoundError) return ctx.render({ kind: "unknown" }, { status: 404 });
    throw err;
  }
  if (link.state === "expired" || link.state === "superseded") {
    return ctx.render({ kind: "closed", state: link.state, validUntil: link.quote.validUntil }, {
      status: 410,
    });
  }
  // A form posted to a link that closed meanwhile (answered in another tab) shows its current state.
  return ctx.render({ kind: "quote", link, ...view }, { status: link.state === "open" ? status : 200 });
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const studioName = state.studio!.tenant.name;
  if (data.kind === "unknown") {
    return <Message title={t("quote_link.unknown.title")} body={t("quote_link.unknown.body")} />;
  }
  if (data.kind === "closed") {
    return data.state === "expired"
      ? (
        <Message
          title={t("quote_link.expired.title")}
          body={t("quote_link.expired.body", {
            studio: studioName,
            date: data.validUntil ? formatLocalDate(data.validUntil, locale) : "",
          })}
        />
      )
      : (
        <Message
          title={t("quote_link.superseded.title")}
          body={t("quote_link.superseded.body", { studio: studioName })}
        />
      );
  }
  return <QuotePage data={data} t={t} locale={locale} studioName={studioName} />;
});

function Message({ title, body }: { title: string; body: string }) {
  return (
    <main id="main" class="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 px-4 py-12">
      <h1 class="text-2xl font-bold tracking-tight">{title}</h1>
      <p class="text-neutral-700">{body}</p>
    </main>
  );
}

function QuotePage(
  { data, t, locale, studioName }: {
    data: Extract<Data, { kind: "quote" }>;
    t: Translator["t"];
    locale: Locale;
    studioName: string;
  },
) {
  const { quote, state, zone } = data.link;
  return (
    <main id="main" class="mx-auto max-w-2xl px-4 py-6 sm:py-10">
      <QuoteHeader quote={quote} t={t} locale={locale} studioName={studioName} />

      {data.answered === "accepted" && state !== "open" && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-4">
          {t("quote_link.accepted_now", { studio: studioName })}
        </Toast>
      )}
      {data.answered === "declined" && state === "declined" && (
        <Toast tone="info" dismissLabel={t("common.dismiss")} class="mb-4">
          {t("quote_link.declined_now", { studio: studioName })}
        </Toast>
      )}

      <QuoteDocument quote={quote} t={t} locale={locale} />
      <QuoteOutcome quote={quote} state={state} zone={zone} t={t} locale={locale} />
      {state === "open" && <QuoteAnswerForms form={data.form} t={t} />}
    </main>
  );
}

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { Toast } from "@/components/Toast.tsx";
import { formatAmount } from "@/lib/billing/currency.ts";
import { documentTotals } from "@/lib/billing/document_totals.ts";
import { formatLocalDate } from "@/lib/billing/quote_mail.tsx";
import {
  acceptQuote,
  declineQuote,
  quoteByToken,
  type QuoteLink,
  QuoteLinkClosed,
} from "@/lib/billing/quotes.ts";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n/mod.ts";
import { hitRateLimit, type RateLimitRule } from "@/lib/kv/rate_limits.ts";

export const access: Access = "public";

/** Answers from one address, whatever the link: slows guessing and form floods. */
const ANSWERS_PER_ADDRESS: RateLimitRule = { name: "quote-link:address", limit: 30, windowMs: 10 * 60_000 };
/** Answers to one link: a few typos are fine, a script is not. */
const ANSWERS_PER_LINK: RateLimitRule = { name: "quote-link:token", limit: 10, windowMs: 60 * 60_000 };

interface Form {
  name: string;
  readTerms: boolean;
  reason: string;
  errors: Record<string, string>;
}

type Data =
  | { kind: "unknown" }
  | { kind: "closed"; state: "expired" | "superseded"; validUntil: string | null }
  | { kind: "quote"; link: QuoteLink; answered?: "accepted" | "declined"; form: Form };

const EMPTY_FORM: Form = { name: "", readTerms: false, reason: "", errors: {} };

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
      form: EMPTY_FORM,
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
    const posted = await readForm(ctx.req);
    const { t } = ctx.state;
    const form: Form = {
      name: String(posted.get("name") ?? ""),
      readTerms: posted.get("read_terms") === "on",
      reason: String(posted.get("reason") ?? ""),
      errors: {},
    };
    const who = { ip, userAgent: ctx.req.headers.get("user-agent") };
    const self = `${studio.base}/q/${token}`;
    try {
      if (posted.get("answer") === "decline") {
        await declineQuote(studio.db, token, { ...who, reason: form.reason });
        return ctx.redirect(`${self}?answer=declined`);
      }
      if (form.name.trim().length < 2) form.errors.name = t("quote_link.error.name");
      if (!form.readTerms) form.errors.read_terms = t("quote_link.error.read_terms");
      if (Object.keys(form.errors).length === 0) {
        await acceptQuote(studio.db, token, { ...who, name: form.name });
        return ctx.redirect(`${self}?answer=accepted`);
      }
    } catch (err) {
      // Answered, expired or replaced meanwhile (another tab, a re-send): the page says which.
      if (err instanceof QuoteLinkClosed || err instanceof NotFoundError) {
        return await show(ctx, studio.db, { form: EMPTY_FORM });
      }
      if (!(err instanceof ValidationError)) throw err;
      form.errors = err.fields.name
        ? { name: t("quote_link.error.name") }
        : Object.fromEntries(Object.entries(err.fields).filter(([field]) => field === "reason"));
      if (Object.keys(form.errors).length === 0) throw err;
    }
    return await show(ctx, studio.db, { form }, 422);
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
  view: { answered?: "accepted" | "declined"; form: Form },
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
  const totals = documentTotals(quote, quote.lines);
  const money = (amount: number) => formatAmount(amount, quote.currency, locale);
  const date = (d: string | null) => (d ? formatLocalDate(d, locale) : "");
  const issuer = quote.issuerSnapshot;
  const client = quote.clientSnapshot;
  const errors = Object.entries(data.form.errors).map(([name, message]) => ({ name, message }));
  return (
    <main id="main" class="mx-auto max-w-2xl px-4 py-6 sm:py-10">
      <header class="mb-6">
        <p class="text-sm font-medium text-brand-700">
          {t("quote_link.from", { studio: issuer?.name ?? studioName })}
        </p>
        <h1 class="mt-1 text-2xl font-bold tracking-tight">
          {t("quote_link.title", { number: quote.number ?? "" })}
        </h1>
        {quote.title && <p class="mt-1 text-lg text-neutral-800">{quote.title}</p>}
        <p class="mt-2 text-sm text-neutral-700">
          {quote.revision > 1 && (
            <span>{t("quote_link.revision", { revision: String(quote.revision) })} ·</span>
          )}
          {t("quote_link.issued", { date: date(quote.issueDate) })} ·{" "}
          <strong>{t("quote_link.valid_until", { date: date(quote.validUntil) })}</strong>
        </p>
      </header>

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

      <section class="mb-6 grid gap-4 rounded-lg border border-neutral-200 bg-white p-4 text-sm sm:grid-cols-2">
        {issuer && <Party title={issuer.name} lines={[...issuer.addressLines, ...(issuer.taxIds ?? [])]} />}
        {client && (
          <Party
            label={t("quote_link.for")}
            title={client.name}
            lines={[...client.addressLines, ...(client.taxId ? [client.taxId] : [])]}
          />
        )}
      </section>

      <section aria-labelledby="lines" class="mb-6 rounded-lg border border-neutral-200 bg-white">
        <h2 id="lines" class="border-b border-neutral-200 px-4 py-3 text-base font-semibold">
          {t("quote_link.lines")}
        </h2>
        <ul class="divide-y divide-neutral-200">
          {quote.lines.map((line, i) => (
            <li key={line.id} class="flex items-start justify-between gap-4 px-4 py-3">
              <div class="min-w-0">
                <p class="font-medium">{line.description}</p>
                {line.detail && <p class="whitespace-pre-line text-sm text-neutral-600">{line.detail}</p>}
                <p class="text-sm text-neutral-600">
                  {t("quote_link.quantity", { quantity: line.quantity, price: money(line.unitPrice) })}
                  {totals.lines[i].discount > 0 && (
                    <span>· {t("quote_link.discount")} −{money(totals.lines[i].discount)}</span>
                  )}
                </p>
              </div>
              <p class="shrink-0 tabular-nums">{money(totals.lines[i].amount - totals.lines[i].discount)}</p>
            </li>
          ))}
        </ul>
        <dl class="space-y-1 border-t border-neutral-200 px-4 py-3 text-sm" data-testid="totals">
          <Row term={t("quote_link.subtotal")} value={money(totals.subtotal - totals.lineDiscountTotal)} />
          {totals.documentDiscount > 0 && (
            <Row term={t("quote_link.discount")} value={`−${money(totals.documentDiscount)}`} />
          )}
          {!totals.pricesIncludeTax && <Row term={t("quote_link.net")} value={money(totals.netTotal)} />}
          {totals.taxSummary.map((row) => (
            <Row
              key={row.id}
              term={t("quote_link.tax", { name: row.name, rate: row.rate, base: money(row.base) })}
              value={money(row.amount)}
            />
          ))}
          <div class="flex justify-between border-t border-neutral-200 pt-2 text-base font-bold">
            <dt>{t("quote_link.total")}</dt>
            <dd class="tabular-nums">{money(totals.total)}</dd>
          </div>
        </dl>
      </section>

      {quote.notes && <Text title={t("quote_link.notes")} text={quote.notes} />}
      {quote.terms && <Text title={t("quote_link.terms")} text={quote.terms} />}

      {(state === "accepted" || state === "converted") && quote.signature && (
        <p role="status" class="mb-6 rounded-lg bg-success-50 p-4 text-success-800">
          {t("quote_link.accepted", {
            name: quote.signature.name,
            date: formatDateTime(new Date(quote.signature.signedAt), zone, locale),
          })}
        </p>
      )}
      {state === "declined" && (
        <p role="status" class="mb-6 rounded-lg bg-neutral-100 p-4 text-neutral-800">
          {t("quote_link.declined")}
        </p>
      )}

      {state === "open" && (
        <>
          <section aria-labelledby="accept" class="mb-6 rounded-lg border border-neutral-200 bg-white p-4">
            <h2 id="accept" class="mb-3 text-base font-semibold">{t("quote_link.accept.title")}</h2>
            <FormErrorSummary title={t("quote_link.problem")} errors={errors} class="mb-4" />
            <form method="post" class="flex flex-col gap-4">
              <input type="hidden" name="answer" value="accept" />
              <Input
                label={t("quote_link.accept.name")}
                name="name"
                value={data.form.name}
                error={data.form.errors.name}
                hint={t("quote_link.accept.name_hint")}
                autocomplete="name"
                required
              />
              <div>
                {data.form.errors.read_terms && (
                  <p id="field-read_terms-error" class="mb-1 text-sm font-medium text-danger-700">
                    {data.form.errors.read_terms}
                  </p>
                )}
                <label class="flex items-start gap-3 text-sm">
                  <input
                    id="field-read_terms"
                    type="checkbox"
                    name="read_terms"
                    checked={data.form.readTerms}
                    required
                    aria-invalid={data.form.errors.read_terms ? "true" : undefined}
                    aria-describedby={data.form.errors.read_terms ? "field-read_terms-error" : undefined}
                    class="mt-0.5 size-5"
                  />
                  <span>{t("quote_link.accept.read_terms")}</span>
                </label>
              </div>
              <Button type="submit" class="w-full sm:w-auto">{t("quote_link.accept.submit")}</Button>
            </form>
          </section>
          <section aria-labelledby="decline" class="mb-6 rounded-lg border border-neutral-200 bg-white p-4">
            <h2 id="decline" class="mb-3 text-base font-semibold">{t("quote_link.decline.title")}</h2>
            <form method="post" class="flex flex-col gap-4">
              <input type="hidden" name="answer" value="decline" />
              <Textarea
                label={t("quote_link.decline.reason")}
                name="reason"
                value={data.form.reason}
                error={data.form.errors.reason}
                rows={3}
              />
              <Button type="submit" variant="secondary" class="w-full sm:w-auto">
                {t("quote_link.decline.submit")}
              </Button>
            </form>
          </section>
        </>
      )}
    </main>
  );
}

function Party({ label, title, lines }: { label?: string; title: string; lines: string[] }) {
  return (
    <div>
      {label && <p class="text-xs font-medium uppercase tracking-wide text-neutral-500">{label}</p>}
      <p class="font-semibold">{title}</p>
      {lines.map((line, i) => <p key={i} class="text-neutral-700">{line}</p>)}
    </div>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div class="flex justify-between gap-4">
      <dt class="text-neutral-700">{term}</dt>
      <dd class="tabular-nums">{value}</dd>
    </div>
  );
}

function Text({ title, text }: { title: string; text: string }) {
  return (
    <section class="mb-6">
      <h2 class="mb-1 text-base font-semibold">{title}</h2>
      <p class="whitespace-pre-line text-sm text-neutral-800">{text}</p>
    </section>
  );
}

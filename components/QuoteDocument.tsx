import type { ComponentChildren } from "preact";
import { Badge, type BadgeTone } from "./Badge.tsx";
import { Button } from "./Button.tsx";
import { FormErrorSummary } from "./FormErrorSummary.tsx";
import { Input } from "./Input.tsx";
import { Textarea } from "./Textarea.tsx";
import { formatAmount } from "@/lib/billing/currency.ts";
import { documentTotals } from "@/lib/billing/document_totals.ts";
import type { BillingDocument } from "@/lib/billing/documents.ts";
import type { QuoteAnswerForm } from "@/lib/billing/quote_answer.ts";
import { formatLocalDate } from "@/lib/billing/quote_mail.tsx";
import type { QuoteLinkState } from "@/lib/billing/quotes.ts";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n/mod.ts";

// A sent quote as its client reads it — through the e-mailed link and in the portal alike: mobile
// first (lines as a list, not a wide table), figures from the totals engine, no JavaScript.

interface Common {
  quote: BillingDocument;
  t: Translator["t"];
  locale: Locale;
}

const STATE_TONE: Record<QuoteLinkState, BadgeTone> = {
  open: "info",
  accepted: "success",
  converted: "success",
  declined: "danger",
  expired: "neutral",
  superseded: "neutral",
};

/** What the client can do with the quote now, as the client reads it ("Awaiting your answer", "Expired"). */
export function QuoteStateBadge({ state, t }: { state: QuoteLinkState; t: Translator["t"] }) {
  return <Badge tone={STATE_TONE[state]}>{t(`portal_quotes.state.${state}`)}</Badge>;
}

/** Who it is from, its number and title (with `children` beside the number), revision and dates. */
export function QuoteHeader(
  { quote, t, locale, studioName, children }: Common & { studioName: string; children?: ComponentChildren },
) {
  const date = (d: string | null) => (d ? formatLocalDate(d, locale) : "");
  return (
    <header class="mb-6">
      <p class="text-sm font-medium text-brand-700">
        {t("quote_link.from", { studio: quote.issuerSnapshot?.name ?? studioName })}
      </p>
      <div class="mt-1 flex flex-wrap items-center gap-3">
        <h1 class="text-2xl font-bold tracking-tight">
          {t("quote_link.title", { number: quote.number ?? "" })}
        </h1>
        {children}
      </div>
      {quote.title && <p class="mt-1 text-lg text-neutral-800">{quote.title}</p>}
      <p class="mt-2 text-sm text-neutral-700">
        {quote.revision > 1 && <span>{t("quote_link.revision", { revision: String(quote.revision) })} ·
        </span>}
        {t("quote_link.issued", { date: date(quote.issueDate) })} ·{" "}
        <strong>{t("quote_link.valid_until", { date: date(quote.validUntil) })}</strong>
      </p>
    </header>
  );
}

/** Both parties, the lines with their discounts, the tax summary and total, notes and terms. */
export function QuoteDocument({ quote, t, locale }: Common) {
  const totals = documentTotals(quote, quote.lines);
  const money = (amount: number) => formatAmount(amount, quote.currency, locale);
  const issuer = quote.issuerSnapshot;
  const client = quote.clientSnapshot;
  return (
    <>
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
    </>
  );
}

/** The answer already given: who accepted and when (in the studio's zone), or that it was declined. */
export function QuoteOutcome(
  { quote, state, zone, t, locale }: Common & { state: QuoteLinkState; zone: string },
) {
  if ((state === "accepted" || state === "converted") && quote.signature) {
    return (
      <p role="status" class="mb-6 rounded-lg bg-success-50 p-4 text-success-800">
        {t("quote_link.accepted", {
          name: quote.signature.name,
          date: formatDateTime(new Date(quote.signature.signedAt), zone, locale),
        })}
      </p>
    );
  }
  if (state === "declined") {
    return (
      <p role="status" class="mb-6 rounded-lg bg-neutral-100 p-4 text-neutral-800">
        {t("quote_link.declined")}
      </p>
    );
  }
  return null;
}

/**
 * Accept (typed full name + "I have read the quote and its terms") and decline (optional reason):
 * two forms posting to the page itself, errors beside their fields.
 */
export function QuoteAnswerForms({ form, t }: { form: QuoteAnswerForm; t: Translator["t"] }) {
  const errors = Object.entries(form.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <section aria-labelledby="accept" class="mb-6 rounded-lg border border-neutral-200 bg-white p-4">
        <h2 id="accept" class="mb-3 text-base font-semibold">{t("quote_link.accept.title")}</h2>
        <FormErrorSummary title={t("quote_link.problem")} errors={errors} class="mb-4" />
        <form method="post" class="flex flex-col gap-4">
          <input type="hidden" name="answer" value="accept" />
          <Input
            label={t("quote_link.accept.name")}
            name="name"
            value={form.name}
            error={form.errors.name}
            hint={t("quote_link.accept.name_hint")}
            autocomplete="name"
            required
          />
          <div>
            {form.errors.read_terms && (
              <p id="field-read_terms-error" class="mb-1 text-sm font-medium text-danger-700">
                {form.errors.read_terms}
              </p>
            )}
            <label class="flex items-start gap-3 text-sm">
              <input
                id="field-read_terms"
                type="checkbox"
                name="read_terms"
                checked={form.readTerms}
                required
                aria-invalid={form.errors.read_terms ? "true" : undefined}
                aria-describedby={form.errors.read_terms ? "field-read_terms-error" : undefined}
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
            value={form.reason}
            error={form.errors.reason}
            rows={3}
          />
          <Button type="submit" variant="secondary" class="w-full sm:w-auto">
            {t("quote_link.decline.submit")}
          </Button>
        </form>
      </section>
    </>
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

import { Button } from "./Button.tsx";
import { fieldId } from "./Field.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { Textarea } from "./Textarea.tsx";
import { ACTIVE_CURRENCIES, formatAmount } from "@/lib/billing/currency.ts";
import { SERVICE_UNITS } from "@/lib/billing/document_input.ts";
import type { DocumentFormValues, ServiceChoice } from "@/lib/billing/document_form.ts";
import type { DocumentTotals } from "@/lib/billing/totals.ts";
import type { Translator } from "@/lib/i18n/mod.ts";

export interface TaxChoice {
  id: string;
  name: string;
  rate: string;
}

export interface DocumentFormProps {
  kind: "invoice" | "quote";
  values: DocumentFormValues;
  errors: Record<string, string>;
  clients: { id: string; name: string }[];
  taxRates: TaxChoice[];
  services: ServiceChoice[];
  /** The currency amounts are typed in (the form's, else the client's, else the studio's). */
  currency: string;
  totals: DocumentTotals | null;
  /** Shown in the date hints. */
  termsDays: number;
  submitLabel: string;
  cancelHref: string;
  /** Hidden fields posted with the form, e.g. the draft's `version`. */
  hidden?: Record<string, string>;
  t: Translator["t"];
  locale: string;
}

/**
 * The quote and invoice editor, server-rendered and usable without JavaScript: the first (hidden)
 * submit saves, "Add more lines" and "Update totals" post back and re-render (intent field).
 */
export function DocumentForm(props: DocumentFormProps) {
  const { values, errors, t, kind } = props;
  return (
    <form method="post" class="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div class="flex flex-col gap-6">
        {/* Enter in a field saves, rather than pressing "Add more lines". */}
        <button type="submit" name="intent" value="save" hidden tabindex={-1} />
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset class="grid gap-4 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2">
          <legend class="px-1 text-sm font-semibold">
            {t(kind === "invoice" ? "billing.kind.invoice" : "billing.kind.quote")}
          </legend>
          <Select
            label={t("billing.form.client")}
            name="clientId"
            value={values.clientId}
            placeholder={t("billing.form.choose_client")}
            options={props.clients.map((c) => ({ value: c.id, label: c.name }))}
            error={errors.clientId}
            required
          />
          <Select
            label={t("billing.form.currency")}
            name="currency"
            value={values.currency}
            placeholder={t("billing.form.currency_default")}
            options={ACTIVE_CURRENCIES.map((c) => ({ value: c, label: c }))}
            hint={t("billing.form.currency_hint")}
            error={errors.currency}
          />
          <Input
            label={t("billing.form.title")}
            name="title"
            value={values.title}
            hint={t("billing.form.title_hint")}
            error={errors.title}
          />
          {kind === "invoice"
            ? (
              <Input
                label={t("billing.form.due_date")}
                name="dueDate"
                type="date"
                value={values.dueDate}
                hint={t("billing.form.due_date_hint", { days: props.termsDays })}
                error={errors.dueDate}
              />
            )
            : (
              <Input
                label={t("billing.form.valid_until")}
                name="validUntil"
                type="date"
                value={values.validUntil}
                hint={t("billing.form.valid_until_hint", { days: props.termsDays })}
                error={errors.validUntil}
              />
            )}
        </fieldset>

        <section aria-labelledby="lines-heading" class="flex flex-col gap-3">
          <h2 id="lines-heading" class="text-lg font-semibold">{t("billing.form.lines")}</h2>
          <p class="text-sm text-ink-muted">{t("billing.form.lines_hint")}</p>
          {errors.lines && <p class="text-sm font-medium text-danger-700">{errors.lines}</p>}
          {values.lines.map((_line, i) => <LineRow key={i} index={i} {...props} />)}
          <div>
            <Button type="submit" name="intent" value="add_lines" variant="secondary">
              {t("billing.form.add_lines")}
            </Button>
          </div>
        </section>

        <fieldset class="grid gap-4 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2">
          <legend class="px-1 text-sm font-semibold">{t("billing.form.discount")}</legend>
          <Input
            label={t("billing.form.discount")}
            name="discount"
            value={values.discount}
            error={errors.discount}
            inputmode="decimal"
          />
          <DiscountKindSelect name="discountKind" value={values.discountKind} t={t} />
          <Textarea label={t("billing.form.notes")} name="notes" value={values.notes} error={errors.notes} />
          <Textarea label={t("billing.form.terms")} name="terms" value={values.terms} error={errors.terms} />
        </fieldset>

        <div class="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save">{props.submitLabel}</Button>
          <Button type="submit" name="intent" value="update" variant="secondary">
            {t("billing.form.update")}
          </Button>
          <Button href={props.cancelHref} variant="ghost">{t("billing.form.cancel")}</Button>
        </div>
      </div>
      <aside class="lg:sticky lg:top-4 lg:self-start">
        <TotalsSummary totals={props.totals} currency={props.currency} t={t} locale={props.locale} />
      </aside>
    </form>
  );
}

function DiscountKindSelect(
  { name, value, t, label }: { name: string; value: string; t: Translator["t"]; label?: string },
) {
  return (
    <Select
      label={label ?? t("billing.form.discount_kind")}
      name={name}
      value={value}
      options={[
        { value: "percent", label: t("billing.form.percent") },
        { value: "amount", label: t("billing.form.amount") },
      ]}
    />
  );
}

function LineRow({ index, values, errors, taxRates, services, t }: DocumentFormProps & { index: number }) {
  const line = values.lines[index];
  const name = (field: string) => `lines.${index}.${field}`;
  const n = index + 1;
  const labelled = (text: string) => (
    <>
      {text} <span class="sr-only">({t("billing.form.line_n", { n })})</span>
    </>
  );
  return (
    <fieldset
      class="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-6"
      data-testid={`line-${index}`}
    >
      <legend class="px-1 text-sm font-semibold">{t("billing.form.line_n", { n })}</legend>
      <Input
        class="sm:col-span-4"
        label={labelled(t("billing.form.description"))}
        name={name("description")}
        value={line.description}
        error={errors[name("description")]}
      />
      <Select
        class="sm:col-span-2"
        label={labelled(t("billing.form.service"))}
        name={name("serviceId")}
        value={line.serviceId}
        placeholder={t("billing.form.no_service")}
        options={services.map((s) => ({ value: s.id, label: s.name }))}
        error={errors[name("serviceId")]}
      />
      <Input
        class="sm:col-span-6"
        label={labelled(t("billing.form.detail"))}
        name={name("detail")}
        value={line.detail}
        error={errors[name("detail")]}
      />
      <Input
        label={labelled(t("billing.form.quantity"))}
        name={name("quantity")}
        value={line.quantity}
        inputmode="decimal"
        error={errors[name("quantity")]}
      />
      <Select
        label={labelled(t("billing.form.unit"))}
        name={name("unit")}
        value={line.unit}
        options={SERVICE_UNITS.map((u) => ({ value: u, label: t(`billing.unit.${u}`) }))}
        error={errors[name("unit")]}
      />
      <Input
        class="sm:col-span-2"
        label={labelled(t("billing.form.unit_price"))}
        name={name("unitPrice")}
        value={line.unitPrice}
        inputmode="decimal"
        error={errors[name("unitPrice")]}
      />
      <Input
        label={labelled(t("billing.form.discount_line"))}
        name={name("discount")}
        value={line.discount}
        inputmode="decimal"
        error={errors[name("discount")]}
      />
      <DiscountKindSelect
        name={name("discountKind")}
        value={line.discountKind}
        t={t}
        label={`${t("billing.form.discount_kind")} (${t("billing.form.line_n", { n })})`}
      />
      <fieldset
        class="sm:col-span-6"
        aria-describedby={errors[name("taxRateIds")] ? `${fieldId(name("taxRateIds"))}-error` : undefined}
      >
        <legend class="text-sm font-medium">{t("billing.form.taxes")}</legend>
        {errors[name("taxRateIds")] && (
          <p id={`${fieldId(name("taxRateIds"))}-error`} class="text-sm font-medium text-danger-700">
            {errors[name("taxRateIds")]}
          </p>
        )}
        {taxRates.length === 0
          ? <p class="text-sm text-ink-muted">{t("billing.form.no_taxes")}</p>
          : (
            <div class="mt-1 flex flex-wrap gap-4">
              {taxRates.map((tax) => (
                <label key={tax.id} class="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={name("taxRateIds")}
                    value={tax.id}
                    checked={line.taxRateIds.includes(tax.id)}
                  />
                  {tax.name} {tax.rate}%
                  <span class="sr-only">({t("billing.form.line_n", { n })})</span>
                </label>
              ))}
            </div>
          )}
      </fieldset>
      {(["bookingId", "sessionDate", "startsAt", "endsAt"] as const).map((field) => (
        <input key={field} type="hidden" name={name(field)} value={line[field]} />
      ))}
    </fieldset>
  );
}

/** Subtotal, discounts, one row per tax rate, total, and (given) what was paid and is due. */
export function TotalsSummary(
  { totals, currency, t, locale, paid, credited, balance }: {
    totals: DocumentTotals | null;
    currency: string;
    t: Translator["t"];
    locale: string;
    paid?: number;
    credited?: number;
    balance?: number;
  },
) {
  const money = (v: number) => formatAmount(v, currency, locale);
  const row = (label: string, value: string, strong = false, testId?: string) => (
    <div class={`flex justify-between gap-4 py-1 ${strong ? "font-semibold" : ""}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd class="tabular-nums">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="totals-heading" class="rounded-lg border border-line bg-surface p-4 text-sm">
      <h2 id="totals-heading" class="mb-2 text-lg font-semibold">{t("billing.totals.title")}</h2>
      {totals
        ? (
          <dl data-testid="totals">
            {row(t("billing.totals.subtotal"), money(totals.subtotal), false, "subtotal")}
            {totals.discountTotal > 0 && row(t("billing.totals.discounts"), money(-totals.discountTotal))}
            {totals.discountTotal > 0 && row(t("billing.totals.net"), money(totals.netTotal))}
            {totals.taxSummary.map((tax) => (
              <div key={tax.id} class="flex justify-between gap-4 py-1" data-testid="tax-row">
                <dt>
                  {t("billing.totals.tax_row", { name: tax.name, rate: tax.rate, base: money(tax.base) })}
                </dt>
                <dd class="tabular-nums">{money(tax.amount)}</dd>
              </div>
            ))}
            {totals.taxSummary.length > 1 && row(t("billing.totals.tax_total"), money(totals.taxTotal))}
            {row(t("billing.totals.total"), money(totals.total), true, "total")}
            {totals.depositsPaid > 0 && row(t("billing.totals.deposits"), money(-totals.depositsPaid))}
            {paid ? row(t("billing.totals.paid"), money(-paid)) : null}
            {credited ? row(t("billing.totals.credited"), money(-credited)) : null}
            {balance !== undefined && row(t("billing.totals.balance"), money(balance), true, "balance")}
          </dl>
        )
        : <p class="text-ink-muted">{t("billing.totals.unavailable")}</p>}
    </section>
  );
}

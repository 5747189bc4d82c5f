import { Checkbox } from "@/components/Checkbox.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { type BillingSettings, getIssuer } from "@/lib/billing/settings.ts";
import {
  type BillingSettingsInput,
  MAX_LOGO_BYTES,
  nextNumberExample,
  NUMBER_FORMAT_FIELDS,
  updateBillingSettings,
} from "@/lib/billing/settings_update.ts";
import { listTaxRates, type TaxRate } from "@/lib/billing/tax_rates.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "invoices.view", write: "billing.manage" };

const PATH = "/app/settings/billing";
type FormatField = keyof typeof NUMBER_FORMAT_FIELDS;
const FORMAT_FIELDS = Object.keys(NUMBER_FORMAT_FIELDS) as FormatField[];
const FORMAT_LABELS = {
  invoiceNumberFormat: "billing_settings.invoice_format",
  depositNumberFormat: "billing_settings.deposit_format",
  creditNoteNumberFormat: "billing_settings.credit_note_format",
  quoteNumberFormat: "billing_settings.quote_format",
} as const satisfies Record<FormatField, string>;
const TEXT_FIELDS = [
  "roundingMode",
  "paymentTermsDays",
  "quoteValidityDays",
  ...FORMAT_FIELDS,
  "addressLines",
  "taxIds",
  "bankDetails",
  "paymentInstructions",
  "invoiceFooter",
  "reminderDays",
] as const;
type Values = Record<(typeof TEXT_FIELDS)[number], string> & {
  pricesIncludeTax: boolean;
  defaultTaxRateIds: string[];
};

interface Data {
  values: Values;
  errors: Record<string, string>;
  taxRates: TaxRate[];
  logo: { contentType: string; base64: string } | null;
  /** The next number of each series as the (valid) format would print it. */
  examples: Partial<Record<FormatField, string>>;
  canManage: boolean;
}

function valuesOf(s: BillingSettings): Values {
  return {
    roundingMode: s.roundingMode,
    pricesIncludeTax: s.pricesIncludeTax,
    paymentTermsDays: String(s.paymentTermsDays),
    quoteValidityDays: String(s.quoteValidityDays),
    invoiceNumberFormat: s.invoiceNumberFormat,
    depositNumberFormat: s.depositNumberFormat,
    creditNoteNumberFormat: s.creditNoteNumberFormat,
    quoteNumberFormat: s.quoteNumberFormat,
    defaultTaxRateIds: s.defaultTaxRateIds,
    addressLines: s.addressLines.join("\n"),
    taxIds: s.taxIds.join("\n"),
    bankDetails: s.bankDetails ?? "",
    paymentInstructions: s.paymentInstructions ?? "",
    invoiceFooter: s.invoiceFooter ?? "",
    reminderDays: s.reminderDays.join(", "),
  };
}

/**
 * The studio's billing settings: numbering, rounding, taxes by default, the issuer block and logo
 * printed on documents, reminders. Managers and bookkeepers read them; only owners change them.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.view");
    const { settings } = await getIssuer(ctx.state.studio!.db);
    return ctx.render(await pageData(ctx, valuesOf(settings), {}));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "billing.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const values = {
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(name)])),
      pricesIncludeTax: form.get("pricesIncludeTax") === "1",
      defaultTaxRateIds: form.getAll("defaultTaxRateIds").map(String),
    } as Values;
    const upload = form.get("logo");
    const logo = form.get("removeLogo") === "1"
      ? null
      : upload instanceof File && upload.size > 0
      ? new Uint8Array(await upload.arrayBuffer())
      : undefined;
    const input: BillingSettingsInput = { ...values, logo };
    try {
      await updateBillingSettings(studio.db, input, actingAs(ctx));
      return ctx.redirect(`${studio.base}${PATH}?saved=1`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await pageData(ctx, values, err.fields), { status: 422 });
    }
  },
});

async function pageData(ctx: Ctx, values: Values, errors: Record<string, string>): Promise<Data> {
  const db = ctx.state.studio!.db;
  const issuer = await getIssuer(db);
  const taxRates = await listTaxRates(db);
  const now = new Date();
  const examples: Data["examples"] = {};
  for (const field of FORMAT_FIELDS) {
    examples[field] = await nextNumberExample(
      db,
      NUMBER_FORMAT_FIELDS[field],
      values[field],
      now,
      issuer.timezone,
    );
  }
  const { logoBase64, logoContentType } = issuer.settings;
  return {
    values,
    errors,
    taxRates,
    logo: logoBase64 && logoContentType ? { contentType: logoContentType, base64: logoBase64 } : null,
    examples,
    canManage: can(ctx.state.staff!.role, "billing.manage"),
  };
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const { values, errors } = data;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("billing_settings.title")}
        intro={t("billing_settings.intro")}
        notice={url.searchParams.get("saved") ? t("billing_settings.saved") : undefined}
      />
      {!data.canManage && <p class="mt-6 text-sm text-ink-muted">{t("billing_settings.read_only")}</p>}
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mt-6" />
      <form method="post" enctype="multipart/form-data" class="mt-6 flex flex-col gap-6">
        <fieldset disabled={!data.canManage} class="flex flex-col gap-6">
          <Card title={t("billing_settings.numbering")}>
            <p class="mb-4 text-sm text-ink-muted">
              {t("billing_settings.numbering_hint", {
                tokens: "{YYYY}, {YY}, {MM}, {DD}",
                sequence: "{0000}",
              })}
            </p>
            <div class="grid gap-4 sm:grid-cols-2">
              {FORMAT_FIELDS.map((field) => (
                <Input
                  key={field}
                  label={t(FORMAT_LABELS[field])}
                  name={field}
                  value={values[field]}
                  error={errors[field]}
                  hint={data.examples[field]
                    ? t("billing_settings.next_number", { number: data.examples[field] })
                    : undefined}
                  maxlength={40}
                  autocomplete="off"
                  required
                />
              ))}
            </div>
          </Card>

          <Card title={t("billing_settings.calculation")}>
            <div class="grid gap-4 sm:grid-cols-2">
              <Select
                label={t("billing_settings.rounding_mode")}
                name="roundingMode"
                value={values.roundingMode}
                options={[
                  { value: "per_line", label: t("billing_settings.rounding.per_line") },
                  { value: "per_document", label: t("billing_settings.rounding.per_document") },
                ]}
                hint={t("billing_settings.new_drafts_only")}
                error={errors.roundingMode}
              />
              <Checkbox
                label={t("billing_settings.prices_include_tax")}
                name="pricesIncludeTax"
                checked={values.pricesIncludeTax}
                hint={t("billing_settings.new_drafts_only")}
                class="mt-6"
              />
              <Input
                label={t("billing_settings.payment_terms_days")}
                name="paymentTermsDays"
                type="number"
                min={0}
                max={365}
                value={values.paymentTermsDays}
                error={errors.paymentTermsDays}
                hint={t("billing_settings.payment_terms_hint")}
                required
              />
              <Input
                label={t("billing_settings.quote_validity_days")}
                name="quoteValidityDays"
                type="number"
                min={1}
                max={365}
                value={values.quoteValidityDays}
                error={errors.quoteValidityDays}
                required
              />
              <fieldset class="sm:col-span-2" aria-describedby="default-taxes-hint">
                <legend class="text-sm font-medium text-ink">{t("billing_settings.default_taxes")}</legend>
                <p id="default-taxes-hint" class="text-sm text-ink-muted">
                  {data.taxRates.length
                    ? t("billing_settings.default_taxes_hint")
                    : t("billing_settings.no_tax_rates")}
                </p>
                {errors.defaultTaxRateIds && (
                  <p id="field-defaultTaxRateIds" class="mt-1 text-sm text-danger-700">
                    {errors.defaultTaxRateIds}
                  </p>
                )}
                <div class="mt-2 flex flex-wrap gap-4">
                  {data.taxRates.map((rate) => (
                    <label key={rate.id} class="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        name="defaultTaxRateIds"
                        value={rate.id}
                        checked={values.defaultTaxRateIds.includes(rate.id)}
                        class="size-4"
                      />
                      {rate.name} ({rate.rate}%)
                    </label>
                  ))}
                </div>
              </fieldset>
              <Input
                label={t("billing_settings.reminder_days")}
                name="reminderDays"
                value={values.reminderDays}
                error={errors.reminderDays}
                hint={t("billing_settings.reminder_days_hint")}
                inputmode="numeric"
                autocomplete="off"
              />
            </div>
          </Card>

          <Card title={t("billing_settings.issuer")}>
            <div class="grid gap-4 sm:grid-cols-2">
              <Textarea
                label={t("billing_settings.address_lines")}
                name="addressLines"
                value={values.addressLines}
                error={errors.addressLines}
                hint={t("billing_settings.one_per_line")}
              />
              <Textarea
                label={t("billing_settings.tax_ids")}
                name="taxIds"
                value={values.taxIds}
                error={errors.taxIds}
                hint={t("billing_settings.tax_ids_hint")}
              />
              <Textarea
                label={t("billing_settings.bank_details")}
                name="bankDetails"
                value={values.bankDetails}
                error={errors.bankDetails}
              />
              <Textarea
                label={t("billing_settings.payment_instructions")}
                name="paymentInstructions"
                value={values.paymentInstructions}
                error={errors.paymentInstructions}
              />
              <Textarea
                label={t("billing_settings.invoice_footer")}
                name="invoiceFooter"
                value={values.invoiceFooter}
                error={errors.invoiceFooter}
                hint={t("billing_settings.invoice_footer_hint")}
                class="sm:col-span-2"
              />
            </div>
          </Card>

          <Card title={t("billing_settings.logo")}>
            <div class="flex flex-col gap-4 sm:flex-row sm:items-start">
              {data.logo
                ? (
                  <img
                    src={`data:${data.logo.contentType};base64,${data.logo.base64}`}
                    alt={t("billing_settings.logo_preview")}
                    class="max-h-24 max-w-48 rounded border border-line bg-white p-2"
                  />
                )
                : <p class="text-sm text-ink-muted">{t("billing_settings.no_logo")}</p>}
              <div class="flex flex-col gap-3">
                <Input
                  label={t("billing_settings.logo_upload")}
                  name="logo"
                  type={"file" as "text"}
                  accept="image/png,image/jpeg"
                  error={errors.logo}
                  hint={t("billing_settings.logo_hint", { kb: String(MAX_LOGO_BYTES / 1024) })}
                />
                {data.logo && (
                  <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="removeLogo" value="1" class="size-4" />
                    {t("billing_settings.remove_logo")}
                  </label>
                )}
              </div>
            </div>
          </Card>
        </fieldset>
        {data.canManage && (
          <div>
            <Button type="submit">{t("billing_settings.save")}</Button>
          </div>
        )}
      </form>
    </>
  );
});

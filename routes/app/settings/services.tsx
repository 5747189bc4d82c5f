import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { archiveColumns, CatalogueForm, CatalogueHeader } from "@/components/CatalogueSettings.tsx";
import { Card } from "@/components/Card.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import { Table } from "@/components/Table.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount, isActiveCurrency } from "@/lib/billing/currency.ts";
import { SERVICE_UNITS } from "@/lib/billing/document_input.ts";
import {
  archiveService,
  createService,
  listServices,
  restoreService,
  type Service,
  updateService,
} from "@/lib/billing/services.ts";
import { listTaxRates, type TaxRate } from "@/lib/billing/tax_rates.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { archiveIntent } from "@/lib/http/archive_intent.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { currencyOptions } from "@/lib/i18n/choices.ts";
import { amountText } from "@/lib/scheduling/resource_forms.ts";

export const access: Access = { permission: "invoices.manage" };

const PATH = "/app/settings/services";

interface Values {
  id: string;
  name: string;
  description: string;
  unit: string;
  unitPrice: string;
  currency: string;
  taxRateIds: string[];
}

interface Data {
  services: Service[];
  /** Every tax rate: active ones are offered, archived ones shown where a service still has them. */
  taxRates: TaxRate[];
  search: string;
  values: Values;
  errors: Record<string, string>;
}

const NOTICES = {
  created: "services.notice.created",
  updated: "services.notice.updated",
  archived: "services.notice.archived",
  restored: "services.notice.restored",
} as const;

/** The catalogue: services searched by name, a form to add or edit one, archive and restore. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const edit = ctx.url.searchParams.get("edit");
    const editing = edit
      ? (await listServices(studio.db, { includeArchived: true })).find((s) => s.id === edit)
      : undefined;
    const values = editing
      ? {
        id: editing.id,
        name: editing.name,
        description: editing.description ?? "",
        unit: editing.unit,
        unitPrice: amountText(editing.unitPrice, { currency: editing.currency, locale: ctx.state.locale }),
        currency: editing.currency,
        taxRateIds: editing.taxRateIds,
      }
      : blank(studio.tenant.currency);
    return ctx.render(await pageData(ctx, values, {}));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const done = (saved: keyof typeof NOTICES) => ctx.redirect(`${studio.base}${PATH}?saved=${saved}`);
    const archived = await archiveIntent(form, {
      archive: (id) => archiveService(studio.db, id, actingAs(ctx)),
      restore: (id) => restoreService(studio.db, id, actingAs(ctx)),
    });
    if (archived) return done(archived);
    const values: Values = {
      id: field("id"),
      name: field("name"),
      description: field("description"),
      unit: field("unit"),
      unitPrice: field("unitPrice"),
      currency: field("currency"),
      taxRateIds: form.getAll("taxRateIds").map(String),
    };
    const { id: _id, ...input } = values;
    const options = { locale: ctx.state.locale };
    try {
      if (values.id) {
        await updateService(studio.db, values.id, input, actingAs(ctx), options);
        return done("updated");
      }
      await createService(studio.db, input, actingAs(ctx), options);
      return done("created");
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await pageData(ctx, values, err.fields), { status: 422 });
    }
  },
});

const blank = (currency: string): Values => ({
  id: "",
  name: "",
  description: "",
  unit: "item",
  unitPrice: "",
  currency,
  taxRateIds: [],
});

async function pageData(ctx: Ctx, values: Values, errors: Record<string, string>): Promise<Data> {
  const db = ctx.state.studio!.db;
  const search = ctx.url.searchParams.get("q")?.trim() ?? "";
  const [services, taxRates] = await Promise.all([
    listServices(db, { search, includeArchived: true }),
    listTaxRates(db, { includeArchived: true }),
  ]);
  return { services, taxRates, search, values, errors };
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { values, errors } = data;
  const notice = NOTICES[url.searchParams.get("saved") as keyof typeof NOTICES];
  const rateName = new Map(data.taxRates.map((r) => [r.id, `${r.name} (${r.rate}%)`]));
  const offered = data.taxRates.filter((r) => !r.archivedAt || values.taxRateIds.includes(r.id));
  return (
    <>
      <CatalogueHeader
        title={t("services.title")}
        intro={t("services.intro")}
        state={state}
        url={url}
        notice={notice && t(notice)}
        errors={errors}
      />
      <form method="get" role="search" class="mt-6 flex items-end gap-2">
        <Input
          label={t("services.search")}
          name="q"
          type="search"
          value={data.search}
          class="w-full max-w-sm"
        />
        <Button type="submit" variant="secondary">{t("common.search")}</Button>
      </form>
      <div class="mt-6 flex flex-col gap-6">
        <Table
          caption={t("services.title")}
          hideCaption
          rows={data.services}
          empty={data.search ? t("services.none_found") : t("services.empty")}
          columns={[
            { key: "name", header: t("services.name"), rowHeader: true },
            { key: "unit", header: t("services.unit"), render: (s) => t(`services.unit.${s.unit}`) },
            {
              key: "unitPrice",
              header: t("services.unit_price"),
              align: "end",
              render: (s) => formatAmount(s.unitPrice, s.currency, locale),
            },
            {
              key: "taxRateIds",
              header: t("services.taxes"),
              render: (s) => s.taxRateIds.map((id) => rateName.get(id) ?? id).join(", "),
            },
            ...archiveColumns<Service>({
              href: `${studio.base}${PATH}`,
              formId: "service-form",
              editLabel: (s) => t("services.edit_named", { name: s.name }),
              t,
            }),
          ]}
        />
        <Card title={values.id ? t("services.edit") : t("services.new")}>
          <CatalogueForm
            id="service-form"
            editing={values.id}
            addLabel={t("services.add")}
            href={`${studio.base}${PATH}`}
            t={t}
          >
            <Input
              label={t("services.name")}
              name="name"
              value={values.name}
              error={errors.name}
              maxlength={200}
              required
              class="sm:col-span-2"
            />
            <Select
              label={t("services.unit")}
              name="unit"
              value={values.unit}
              options={SERVICE_UNITS.map((unit) => ({ value: unit, label: t(`services.unit.${unit}`) }))}
              error={errors.unit}
              required
            />
            <div />
            <Input
              label={t("services.unit_price")}
              name="unitPrice"
              value={values.unitPrice}
              error={errors.unitPrice}
              hint={t("services.unit_price_hint")}
              inputmode="decimal"
              autocomplete="off"
              required
            />
            <Select
              label={t("services.currency")}
              name="currency"
              value={values.currency}
              options={currencyOptions(locale).filter((c) => isActiveCurrency(c.value))}
              error={errors.currency}
              required
            />
            <fieldset class="sm:col-span-2">
              <legend class="text-sm font-medium text-ink">{t("services.taxes")}</legend>
              {errors.taxRateIds && (
                <p id="field-taxRateIds" class="mt-1 text-sm text-danger-700">{errors.taxRateIds}</p>
              )}
              <div class="mt-2 flex flex-wrap gap-4">
                {offered.map((rate) => (
                  <label key={rate.id} class="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="taxRateIds"
                      value={rate.id}
                      checked={values.taxRateIds.includes(rate.id)}
                      class="size-4"
                    />
                    {rateName.get(rate.id)}
                  </label>
                ))}
              </div>
            </fieldset>
            <Textarea
              label={t("services.description")}
              name="description"
              value={values.description}
              error={errors.description}
              rows={2}
              class="sm:col-span-2 lg:col-span-4"
            />
          </CatalogueForm>
        </Card>
      </div>
    </>
  );
});

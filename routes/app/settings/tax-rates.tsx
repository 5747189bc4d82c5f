import { Checkbox } from "@/components/Checkbox.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { archiveColumns, CatalogueForm, CatalogueHeader } from "@/components/CatalogueSettings.tsx";
import { Card } from "@/components/Card.tsx";
import { Input } from "@/components/Input.tsx";
import { Table } from "@/components/Table.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import {
  archiveTaxRate,
  createTaxRate,
  listTaxRates,
  restoreTaxRate,
  type TaxRate,
  updateTaxRate,
} from "@/lib/billing/tax_rates.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { archiveIntent } from "@/lib/http/archive_intent.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "invoices.manage" };

const PATH = "/app/settings/tax-rates";

interface Values {
  id: string;
  name: string;
  rate: string;
  compound: boolean;
  category: string;
}

interface Data {
  rates: TaxRate[];
  values: Values;
  errors: Record<string, string>;
}

const BLANK: Values = { id: "", name: "", rate: "", compound: false, category: "" };

const valuesOf = (r: TaxRate): Values => ({
  id: r.id,
  name: r.name,
  rate: r.rate,
  compound: r.compound,
  category: r.category ?? "",
});

/** What `?saved=` says after each action. */
const NOTICES = {
  created: "tax_rates.notice.created",
  updated: "tax_rates.notice.updated",
  archived: "tax_rates.notice.archived",
  restored: "tax_rates.notice.restored",
} as const;

/** Tax rates: the list (archived ones last), a form to add or edit one, archive and restore. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const rates = await listTaxRates(ctx.state.studio!.db, { includeArchived: true });
    const editing = rates.find((r) => r.id === ctx.url.searchParams.get("edit"));
    return ctx.render({ rates, values: editing ? valuesOf(editing) : BLANK, errors: {} });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const done = (saved: keyof typeof NOTICES) => ctx.redirect(`${studio.base}${PATH}?saved=${saved}`);
    const archived = await archiveIntent(form, {
      archive: (id) => archiveTaxRate(studio.db, id, actingAs(ctx)),
      restore: (id) => restoreTaxRate(studio.db, id, actingAs(ctx)),
    });
    if (archived) return done(archived);
    const values: Values = {
      id: field("id"),
      name: field("name"),
      rate: field("rate"),
      compound: form.get("compound") === "1",
      category: field("category"),
    };
    try {
      const input = {
        name: values.name,
        rate: values.rate,
        compound: values.compound,
        category: values.category,
      };
      if (values.id) {
        await updateTaxRate(studio.db, values.id, input, actingAs(ctx));
        return done("updated");
      }
      await createTaxRate(studio.db, input, actingAs(ctx));
      return done("created");
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await withRates(ctx, values, err.fields), { status: 422 });
    }
  },
});

async function withRates(ctx: Ctx, values: Values, errors: Record<string, string>): Promise<Data> {
  return { rates: await listTaxRates(ctx.state.studio!.db, { includeArchived: true }), values, errors };
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t } = state;
  const studio = state.studio!;
  const { values, errors } = data;
  const notice = NOTICES[url.searchParams.get("saved") as keyof typeof NOTICES];
  return (
    <>
      <CatalogueHeader
        title={t("tax_rates.title")}
        intro={t("tax_rates.intro")}
        state={state}
        url={url}
        notice={notice && t(notice)}
        errors={errors}
      />
      <div class="mt-6 flex flex-col gap-6">
        <Table
          caption={t("tax_rates.title")}
          hideCaption
          rows={data.rates}
          empty={t("tax_rates.empty")}
          columns={[
            { key: "name", header: t("tax_rates.name"), rowHeader: true },
            { key: "rate", header: t("tax_rates.rate"), align: "end", render: (r) => `${r.rate} %` },
            {
              key: "compound",
              header: t("tax_rates.kind"),
              render: (r) => r.compound ? t("tax_rates.compound_short") : t("tax_rates.simple"),
            },
            { key: "category", header: t("tax_rates.category"), render: (r) => r.category ?? "" },
            ...archiveColumns<TaxRate>({
              href: `${studio.base}${PATH}`,
              formId: "tax-rate-form",
              editLabel: (r) => t("tax_rates.edit_named", { name: r.name }),
              t,
            }),
          ]}
        />
        <Card title={values.id ? t("tax_rates.edit") : t("tax_rates.new")}>
          <CatalogueForm
            id="tax-rate-form"
            editing={values.id}
            addLabel={t("tax_rates.add")}
            href={`${studio.base}${PATH}`}
            t={t}
          >
            <Input
              label={t("tax_rates.name")}
              name="name"
              value={values.name}
              error={errors.name}
              hint={t("tax_rates.name_hint")}
              maxlength={100}
              required
            />
            <Input
              label={t("tax_rates.rate")}
              name="rate"
              value={values.rate}
              error={errors.rate}
              hint={t("tax_rates.rate_hint")}
              inputmode="decimal"
              autocomplete="off"
              required
            />
            <Input
              label={t("tax_rates.category")}
              name="category"
              value={values.category}
              error={errors.category}
              hint={t("tax_rates.category_hint")}
              maxlength={50}
            />
            <Checkbox
              label={t("tax_rates.compound")}
              name="compound"
              checked={values.compound}
              hint={t("tax_rates.compound_hint")}
              class="lg:mt-6"
            />
            <p class="text-sm text-ink-muted sm:col-span-2 lg:col-span-4">{t("tax_rates.edit_hint")}</p>
          </CatalogueForm>
        </Card>
      </div>
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { Select } from "@/components/Select.tsx";
import { SettingsHeader } from "@/components/SettingsHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { isActiveCurrency } from "@/lib/billing/currency.ts";
import {
  deleteExchangeRate,
  type ExchangeRate,
  listExchangeRates,
  setExchangeRate,
} from "@/lib/billing/exchange_rates.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { currencyOptions } from "@/lib/i18n/choices.ts";
import { formatDateTime } from "@/lib/i18n/format.ts";

export const access: Access = { permission: "invoices.manage" };

const PATH = "/app/settings/exchange-rates";

interface Values {
  currency: string;
  rate: string;
}

interface Data {
  rates: ExchangeRate[];
  values: Values;
  errors: Record<string, string>;
}

const NOTICES = { set: "exchange_rates.notice.set", deleted: "exchange_rates.notice.deleted" } as const;

/** Exchange rates against the studio's currency: set or replace one, delete one, see who changed each. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const rates = await listExchangeRates(ctx.state.studio!.db);
    const editing = rates.find((r) => r.currency === ctx.url.searchParams.get("edit"));
    return ctx.render({
      rates,
      values: editing ? { currency: editing.currency, rate: editing.rate } : { currency: "", rate: "" },
      errors: {},
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "invoices.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const done = (saved: keyof typeof NOTICES) => ctx.redirect(`${studio.base}${PATH}?saved=${saved}`);
    if (field("intent") === "delete") {
      await deleteExchangeRate(studio.db, field("currency"), actingAs(ctx));
      return done("deleted");
    }
    const values = { currency: field("currency"), rate: field("rate") };
    try {
      await setExchangeRate(studio.db, values, actingAs(ctx));
      return done("set");
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await withRates(ctx, values, err.fields), { status: 422 });
    }
  },
});

async function withRates(ctx: Ctx, values: Values, errors: Record<string, string>): Promise<Data> {
  return { rates: await listExchangeRates(ctx.state.studio!.db), values, errors };
}

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const base = studio.tenant.currency;
  const { values, errors } = data;
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  const notice = NOTICES[url.searchParams.get("saved") as keyof typeof NOTICES];
  return (
    <>
      <SettingsHeader
        state={state}
        url={url}
        title={t("exchange_rates.title")}
        intro={t("exchange_rates.intro", { base })}
        notice={notice && t(notice)}
      />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mt-6" />
      <div class="mt-6 flex flex-col gap-6">
        <Table
          caption={t("exchange_rates.title")}
          hideCaption
          rows={data.rates}
          empty={t("exchange_rates.empty")}
          columns={[
            { key: "currency", header: t("exchange_rates.currency"), rowHeader: true },
            {
              key: "rate",
              header: t("exchange_rates.rate"),
              render: (r) => t("exchange_rates.rate_value", { currency: r.currency, rate: r.rate, base }),
            },
            {
              key: "updatedAt",
              header: t("exchange_rates.last_changed"),
              render: (r) =>
                t("exchange_rates.changed_by", {
                  date: formatDateTime(r.updatedAt, studio.tenant.timezone, locale),
                  name: r.updatedBy ?? "—",
                }),
            },
            {
              key: "actions",
              header: t("common.actions"),
              render: (r) => (
                <div class="flex flex-wrap gap-2">
                  <Button
                    href={`${studio.base}${PATH}?edit=${r.currency}#exchange-rate-form`}
                    variant="secondary"
                    size="sm"
                    aria-label={t("exchange_rates.edit_named", { currency: r.currency })}
                  >
                    {t("common.edit")}
                  </Button>
                  <form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="currency" value={r.currency} />
                    <Button
                      type="submit"
                      variant="ghost"
                      size="sm"
                      aria-label={t("exchange_rates.delete_named", { currency: r.currency })}
                    >
                      {t("common.delete")}
                    </Button>
                  </form>
                </div>
              ),
            },
          ]}
        />
        <Card title={t("exchange_rates.set")}>
          <form
            method="post"
            id="exchange-rate-form"
            class="grid gap-4 sm:grid-cols-[16rem_12rem_auto] sm:items-start"
          >
            <input type="hidden" name="intent" value="set" />
            <Select
              label={t("exchange_rates.currency")}
              name="currency"
              value={values.currency}
              placeholder={t("exchange_rates.choose_currency")}
              options={currencyOptions(locale).filter((c) => isActiveCurrency(c.value) && c.value !== base)}
              error={errors.currency}
              required
            />
            <Input
              label={t("exchange_rates.rate_label", { base })}
              name="rate"
              value={values.rate}
              error={errors.rate}
              hint={t("exchange_rates.rate_hint")}
              inputmode="decimal"
              autocomplete="off"
              required
            />
            <Button type="submit" class="sm:mt-6">{t("exchange_rates.save")}</Button>
          </form>
          <p class="mt-4 text-sm text-ink-muted">{t("exchange_rates.frozen_hint")}</p>
        </Card>
      </div>
    </>
  );
});

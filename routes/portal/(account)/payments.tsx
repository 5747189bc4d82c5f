import { localDate } from "@/components/DocumentView.tsx";
import { Table } from "@/components/Table.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { define } from "@/lib/http/define.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { CLIENT_PAYMENTS_LIMIT, type ClientPayments, clientPayments } from "@/lib/portal/client_payments.ts";

export const access: Access = "client";

/** The client's payments and refunds, newest first, with the invoice each paid and totals per currency. */
export const handler = define.handlers<ClientPayments>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    return ctx.render(await clientPayments(studio.db, client.clientId));
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const zone = state.portal!.brand.timezone;
  return (
    <>
      <h1 class="text-2xl font-semibold">{t("portal_account.payments.title")}</h1>
      <p class="mt-1 text-sm text-neutral-600">{t("portal_account.payments.intro", { zone })}</p>
      <Table
        class="mt-4 rounded-lg border border-line bg-white"
        caption={t("portal_account.payments.title")}
        hideCaption
        empty={t("portal_account.payments.empty")}
        rows={data.lines}
        columns={[
          {
            key: "receivedOn",
            header: t("portal_account.payments.date"),
            render: (line) => localDate(line.receivedOn, locale),
          },
          {
            key: "method",
            header: t("portal_account.payments.method"),
            render: (line) => (
              <>
                {t(`portal_account.method.${line.method}`)}
                {line.refund && (
                  <span class="block text-xs text-neutral-600">{t("portal_account.payments.refund")}</span>
                )}
              </>
            ),
          },
          {
            key: "invoice",
            header: t("portal_account.payments.invoice"),
            render: (line) =>
              line.invoice
                ? (
                  <a class="underline" href={`${base}/portal/invoices/${line.invoice.id}`}>
                    {line.invoice.number}
                  </a>
                )
                : t("portal_account.payments.on_account"),
          },
          {
            key: "amount",
            align: "end",
            header: t("portal_account.payments.amount"),
            render: (line) => formatMoney(line.amount, line.currency, locale),
          },
        ]}
      />
      {data.more && (
        <p class="mt-2 text-sm text-neutral-600">
          {t("portal_account.payments.more", { count: CLIENT_PAYMENTS_LIMIT })}
        </p>
      )}
      {data.totals.length > 0 && (
        <section
          class="mt-4 rounded-lg border border-line bg-white p-4"
          aria-label={t("portal_account.payments.totals")}
        >
          <h2 class="font-semibold">{t("portal_account.payments.totals")}</h2>
          <ul class="mt-1">
            {data.totals.map((total) => (
              <li key={total.currency} class="tabular-nums" data-testid={`total-${total.currency}`}>
                {formatMoney(total.amount, total.currency, locale)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.lines.some((line) => line.method === "credit") && (
        <p class="mt-2 text-sm text-neutral-600">{t("portal_account.payments.credit_hint")}</p>
      )}
    </>
  );
});

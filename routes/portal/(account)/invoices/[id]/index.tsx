import { Button } from "@/components/Button.tsx";
import { DocumentBody, StatusBadge } from "@/components/DocumentView.tsx";
import type { Access } from "@/lib/auth/access.ts";
import type { DocumentView } from "@/lib/billing/document_view.ts";
import { displayStatus } from "@/lib/billing/document_list.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { clientInvoice } from "@/lib/portal/client_documents.ts";
import { onlinePayments } from "@/lib/portal/online_payments.ts";
import { startCheckout } from "@/lib/stripe/checkout.ts";

export const access: Access = "client";

interface Data {
  view: DocumentView;
  canPay: boolean;
  returned: "paid" | "cancelled" | null;
}

/** One of the client's invoices (journey 16): read it, open the PDF, pay the balance by card. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const view = await clientInvoice(studio.db, ctx.params.id, client.clientId);
    const payments = onlinePayments(depsOf(ctx).config, ctx.state.portal!.brand.settings);
    const returned = ctx.url.searchParams.get("checkout");
    return ctx.render({
      view,
      canPay: payments !== null && (view.balance ?? 0) > 0,
      returned: returned === "paid" || returned === "cancelled" ? returned : null,
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const view = await clientInvoice(studio.db, ctx.params.id, client.clientId);
    const { config } = depsOf(ctx);
    const payments = onlinePayments(config, ctx.state.portal!.brand.settings);
    const here = `${studioOrigin(ctx.url, config)}${ctx.url.pathname}`;
    if (!payments || !view.balance || view.balance <= 0) return ctx.redirect(here, 303);
    const checkout = await startCheckout(studio.db, payments.stripe, {
      purpose: view.doc.kind === "deposit_invoice" ? "deposit" : "invoice",
      documentId: view.doc.id,
      amount: view.balance,
      currency: view.doc.currency,
      description: view.doc.number ?? view.doc.title ?? "Invoice",
      customerEmail: client.email,
      successUrl: `${here}?checkout=paid`,
      cancelUrl: `${here}?checkout=cancelled`,
      accountId: payments.accountId,
      tenantId: studio.tenant.id,
    });
    return ctx.redirect(checkout.url, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const { view } = data;
  const balance = view.balance ?? 0;
  return (
    <>
      <p class="text-sm">
        <a class="underline" href={`${base}/portal`}>{t("portal.invoice.back")}</a>
      </p>
      <div class="mt-2 flex flex-wrap items-center gap-3">
        <h1 class="text-2xl font-semibold">{view.doc.number}</h1>
        <StatusBadge status={displayStatus({ ...view.doc, total: view.totals.total }, view.today)} t={t} />
      </div>
      {data.returned === "paid" && <p class="mt-2" role="status">{t("portal.invoice.thanks")}</p>}
      <div class="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-line bg-white p-4">
        <p class="text-lg">
          {balance > 0
            ? t("portal.invoice.balance", { amount: formatMoney(balance, view.doc.currency, locale) })
            : t("portal.invoice.settled")}
        </p>
        {data.canPay && (
          <form method="post" class="ml-auto">
            <Button type="submit">
              {t("portal.invoice.pay", { amount: formatMoney(balance, view.doc.currency, locale) })}
            </Button>
          </form>
        )}
        <Button variant="secondary" href={`${base}/portal/invoices/${view.doc.id}/pdf`}>
          {t("portal.invoice.pdf")}
        </Button>
      </div>
      {balance > 0 && !data.canPay && (
        <p class="mt-2 text-sm text-neutral-700">{t("portal.invoice.pay_offline")}</p>
      )}
      <div class="mt-4">
        <DocumentBody view={view} t={t} locale={locale} />
      </div>
    </>
  );
});

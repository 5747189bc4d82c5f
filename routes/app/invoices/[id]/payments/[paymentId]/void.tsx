import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { localDateText } from "@/components/InvoicePayments.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { type Payment, paymentsOf, voidPayment } from "@/lib/billing/payments.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { TenantDb } from "@/lib/tenancy/tenant_db.ts";

export const access: Access = { permission: "payments.record" };

interface Data {
  payment: Payment;
  reason: string;
  error?: string;
}

/** The payment `paymentId` of invoice `id`; a 404 for a payment of another invoice. */
async function paymentOfInvoice(db: TenantDb, invoiceId: string, paymentId: string): Promise<Payment> {
  const payment = (await paymentsOf(db, invoiceId)).find((p) => p.id === paymentId);
  if (!payment) throw new NotFoundError("No such payment on this invoice.");
  return payment;
}

/**
 * Voids a payment recorded by mistake, after asking why: the invoice's page links each payment here.
 * A refusal (its credit has been used, the invoice's refunds come first) is shown on this page.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const payment = await paymentOfInvoice(ctx.state.studio!.db, ctx.params.id, ctx.params.paymentId);
    return ctx.render({ payment, reason: "" });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const payment = await paymentOfInvoice(studio.db, ctx.params.id, ctx.params.paymentId);
    const reason = String((await readForm(ctx.req)).get("reason") ?? "");
    try {
      await voidPayment(studio.db, payment.id, reason, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/invoices/${ctx.params.id}?saved=voided#payments-heading`);
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err;
      const error = err instanceof ValidationError ? Object.values(err.fields)[0] : err.message;
      return ctx.render({ payment, reason, error }, { status: err instanceof ConflictError ? 409 : 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state, params }) => {
  const { t } = state;
  const invoicePage = `${state.studio!.base}/app/invoices/${params.id}`;
  const { payment } = data;
  return (
    <>
      <PageHeader title={t("payments.void.title")} class="mb-6" />
      <form method="post" class="flex max-w-2xl flex-col gap-4">
        <p>
          {t("payments.void.intro", {
            amount: formatAmount(payment.amount, payment.currency, state.locale),
            date: localDateText(payment.receivedOn, state.locale),
          })}
        </p>
        <Textarea
          label={t("payments.void.reason")}
          name="reason"
          value={data.reason}
          error={data.error}
          rows={3}
          maxlength={500}
          required
          autofocus
        />
        <div class="flex gap-3">
          <Button type="submit" variant="danger">{t("payments.void.submit")}</Button>
          <Button href={invoicePage} variant="ghost">{t("payments.back")}</Button>
        </div>
      </form>
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { RecordPaymentForm } from "@/components/InvoicePayments.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { balanceDue } from "@/lib/billing/balance.ts";
import { getDocument } from "@/lib/billing/documents.ts";
import { localDateOf } from "@/lib/billing/issue.ts";
import {
  amountFieldValue,
  type PaymentFormValues,
  paymentFormValues,
  paymentInputFromForm,
} from "@/lib/billing/payment_form.ts";
import { recordPayment } from "@/lib/billing/payments.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import { fieldMessages } from "@/lib/validation_messages.ts";

export const access: Access = { permission: "payments.record" };

interface Data {
  number: string;
  currency: string;
  values: PaymentFormValues;
  errors: Record<string, string>;
}

/**
 * Records a payment on an invoice. The invoice's page posts its payments form here and is shown again
 * with `?saved=payment`; this page itself appears to show a refused payment with the problems beside
 * the fields (or, opened directly, the form alone).
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const invoice = await getDocument(studio.db, ctx.params.id, ["invoice", "deposit_invoice"]);
    return ctx.render({
      number: invoice.number ?? "",
      currency: invoice.currency,
      values: {
        amount: amountFieldValue(Math.max(0, balanceDue(invoice)), invoice.currency, ctx.state.locale),
        method: "transfer",
        receivedOn: localDateOf(new Date(), studio.tenant.timezone),
        reference: "",
        note: "",
      },
      errors: {},
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const invoice = await getDocument(studio.db, ctx.params.id, ["invoice", "deposit_invoice"]);
    const form = await readForm(ctx.req);
    const values = paymentFormValues(form);
    try {
      const input = paymentInputFromForm(values, invoice.id, invoice.currency, ctx.state.locale);
      await recordPayment(studio.db, input, actingAs(ctx));
      return ctx.redirect(`${studio.base}/app/invoices/${invoice.id}?saved=payment#payments-heading`);
    } catch (err) {
      const errors = err instanceof ValidationError
        ? fieldMessages(err, ctx.state.t)
        : err instanceof ConflictError
        ? { form: err.message }
        : undefined;
      if (!errors) throw err;
      return ctx.render(
        { number: invoice.number ?? "", currency: invoice.currency, values, errors },
        { status: err instanceof ConflictError ? 409 : 422 },
      );
    }
  },
});

export default define.page<typeof handler>(({ data, state, params }) => {
  const { t } = state;
  const invoicePage = `${state.studio!.base}/app/invoices/${params.id}`;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader title={t("payments.record.page_title", { number: data.number })} class="mb-6" />
      <FormErrorSummary title={t("payments.form.problem")} errors={summary} class="mb-6" />
      <div class="flex max-w-3xl flex-col gap-4">
        <RecordPaymentForm
          action={`${invoicePage}/payments`}
          currency={data.currency}
          values={data.values}
          errors={data.errors}
          t={t}
        />
        <p>
          <Button href={invoicePage} variant="ghost">{t("payments.back")}</Button>
        </p>
      </div>
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { balanceDue } from "@/lib/billing/balance.ts";
import { formatAmount, parseAmount } from "@/lib/billing/currency.ts";
import { getDocument } from "@/lib/billing/documents.ts";
import { amountFieldValue } from "@/lib/billing/payment_form.ts";
import { applyCredit, clientCreditBalance } from "@/lib/billing/payments.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { fieldMessages } from "@/lib/validation_messages.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";

export const access: Access = { permission: "payments.record" };

interface Data {
  number: string;
  currency: string;
  credit: number;
  amount: string;
  errors: Record<string, string>;
}

/**
 * Pays an invoice from the client's credit in its currency. The invoice's page posts here (an empty
 * amount applies as much as the credit and the balance allow); a refused amount comes back here.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const db = ctx.state.studio!.db;
    const invoice = await getDocument(db, ctx.params.id, ["invoice", "deposit_invoice"]);
    const credit = await clientCreditBalance(db, invoice.clientId, invoice.currency);
    const most = Math.max(0, Math.min(credit, balanceDue(invoice)));
    return ctx.render({
      number: invoice.number ?? "",
      currency: invoice.currency,
      credit,
      amount: amountFieldValue(most, invoice.currency, ctx.state.locale),
      errors: {},
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const invoice = await getDocument(studio.db, ctx.params.id, ["invoice", "deposit_invoice"]);
    const typed = String((await readForm(ctx.req)).get("amount") ?? "").trim();
    try {
      const amount = typed === ""
        ? undefined
        : parseAmount(typed, invoice.currency, { locale: ctx.state.locale });
      await applyCredit(studio.db, invoice.id, amount, actingAs(ctx), { locale: ctx.state.locale });
      return ctx.redirect(`${studio.base}/app/invoices/${invoice.id}?saved=credit#payments-heading`);
    } catch (err) {
      if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err;
      const errors = err instanceof ValidationError
        ? fieldMessages(err, ctx.state.t)
        : { amount: err.message };
      const credit = await clientCreditBalance(studio.db, invoice.clientId, invoice.currency);
      return ctx.render(
        { number: invoice.number ?? "", currency: invoice.currency, credit, amount: typed, errors },
        { status: 422 },
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
      <PageHeader title={t("payments.credit.page_title", { number: data.number })} class="mb-6" />
      <FormErrorSummary title={t("payments.form.problem")} errors={summary} class="mb-6" />
      <form method="post" class="flex max-w-xl flex-col gap-4">
        <p>
          {t("payments.credit.available", { amount: formatAmount(data.credit, data.currency, state.locale) })}
        </p>
        <Input
          label={t("payments.credit.field", { currency: data.currency })}
          name="amount"
          value={data.amount}
          error={data.errors.amount}
          inputmode="decimal"
          autofocus
        />
        <div class="flex gap-3">
          <Button type="submit">{t("payments.credit.submit")}</Button>
          <Button href={invoicePage} variant="ghost">{t("payments.back")}</Button>
        </div>
      </form>
    </>
  );
});

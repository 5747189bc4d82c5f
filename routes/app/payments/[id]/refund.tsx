import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { localDateText } from "@/components/InvoicePayments.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Select } from "@/components/Select.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { formatAmount } from "@/lib/billing/currency.ts";
import { amountFieldValue } from "@/lib/billing/payment_form.ts";
import { clientCreditBalance, RECORDED_METHODS, refundPayment } from "@/lib/billing/payments.ts";
import {
  type RefundFormValues,
  refundFormValues,
  refundInputFromForm,
  type RefundView,
  refundView,
  tooMuch,
} from "@/lib/billing/refund_form.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { fieldMessages } from "@/lib/validation_messages.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import type { Translator } from "@/lib/i18n/mod.ts";
import { getStripeAccount } from "@/lib/stripe/account_settings.ts";
import { stripeFromConfig } from "@/lib/stripe/client.ts";
import { refundOnline } from "@/lib/stripe/refunds.ts";
import Stripe from "stripe";

export const access: Access = { permission: "payments.record" };

/** How an online payment is refunded: through Stripe from here, or by staff in Stripe's dashboard. */
type OnlineRefund = "stripe" | "dashboard";

interface Data {
  view: RefundView;
  online: OnlineRefund | null;
  values: RefundFormValues;
  errors: Record<string, string>;
  /** After a refund of a payment without an invoice: the client's credit left in its currency. */
  creditLeft?: number;
}

async function onlineRefund(ctx: Ctx<Data>, view: RefundView) {
  if (!view.online) return { online: null, stripe: null };
  const stripe = stripeFromConfig(depsOf(ctx).config);
  // A refund needs only the account the money was paid into, not that it can take charges today.
  const { accountId } = await getStripeAccount(ctx.state.studio!.db);
  return stripe && accountId
    ? { online: "stripe" as const, stripe }
    : { online: "dashboard" as const, stripe: null };
}

function defaults(view: RefundView, locale: string): RefundFormValues {
  return {
    amount: view.refundable > 0 ? amountFieldValue(view.refundable, view.payment.currency, locale) : "",
    method: RECORDED_METHODS.includes(view.payment.method as never) ? view.payment.method : "transfer",
    paidOn: view.today,
    reason: "",
  };
}

/**
 * Refunds a payment, in part or in full: the amount (default what is left to refund), how the money
 * went back, when and why. Recorded by refundPayment in one transaction — or, for a payment taken
 * online, refunded through Stripe when the studio is connected. Then on to the invoice, which shows
 * its new balance; refused input comes back beside the fields.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const db = ctx.state.studio!.db;
    const view = await refundView(db, ctx.params.id);
    const { online } = await onlineRefund(ctx, view);
    const creditLeft = ctx.url.searchParams.get("saved") === "refunded" && !view.invoice
      ? await clientCreditBalance(db, view.payment.clientId, view.payment.currency)
      : undefined;
    return ctx.render({ view, online, values: defaults(view, ctx.state.locale), errors: {}, creditLeft });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "payments.record");
    const studio = ctx.state.studio!;
    const { t, locale } = ctx.state;
    let view = await refundView(studio.db, ctx.params.id);
    const { online, stripe } = await onlineRefund(ctx, view);
    const values = refundFormValues(await readForm(ctx.req));
    const refused = (errors: Record<string, string>, status: number) =>
      ctx.render({ view, online, values, errors }, { status });
    if (view.block || online === "dashboard") return refused({}, 409);
    let input;
    try {
      input = refundInputFromForm(values, view, t, locale);
    } catch (err) {
      if (err instanceof ValidationError) return refused(fieldMessages(err, t), 422);
      throw err;
    }
    try {
      if (stripe) {
        await refundOnline(studio.db, stripe, {
          paymentId: view.payment.id,
          amount: input.amount,
          reason: input.note,
        }, actingAs(ctx)).catch((err) => {
          // Stripe unreachable or refusing the request: nothing was recorded, staff may try again.
          if (err instanceof Stripe.errors.StripeError) throw new ConflictError(t("refunds.error.stripe"));
          throw err;
        });
      } else {
        await refundPayment(studio.db, view.payment.id, input, actingAs(ctx));
      }
    } catch (err) {
      if (err instanceof ValidationError && err.fields.amount) {
        // Another refund got there first: say what is left now.
        view = await refundView(studio.db, ctx.params.id);
        return refused({ amount: tooMuch(view, t, locale) }, 422);
      }
      if (err instanceof ValidationError) return refused(fieldMessages(err, t), 422);
      if (err instanceof ConflictError) return refused({ form: err.message }, 409);
      throw err;
    }
    return ctx.redirect(
      view.invoice
        ? `${studio.base}/app/invoices/${view.invoice.id}?saved=refunded#payments-heading`
        : `${studio.base}/app/payments/${view.payment.id}/refund?saved=refunded`,
    );
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { view, errors } = data;
  const { payment, invoice } = view;
  const money = (amount: number) => formatAmount(amount, payment.currency, locale);
  const back = invoice
    ? { href: `${studio.base}/app/invoices/${invoice.id}`, label: t("refunds.back_invoice") }
    : { href: `${studio.base}/app/payments`, label: t("refunds.back_payments") };
  const summary = Object.entries(errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <p class="mb-2 text-sm">
        <a href={back.href} class="text-brand-700 underline focus-ring">{back.label}</a>
      </p>
      <PageHeader title={t("refunds.title")} class="mb-6" />
      {data.creditLeft !== undefined && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-4">
          {t("refunds.saved_credit", { currency: payment.currency, amount: money(data.creditLeft) })}
        </Toast>
      )}
      <FormErrorSummary title={t("refunds.problem")} errors={summary} class="mb-6" />
      <div class="flex max-w-3xl flex-col gap-4">
        <section class="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4 text-sm">
          <p data-testid="refunded-payment">
            {t("refunds.payment", {
              amount: money(payment.amount),
              date: localDateText(payment.receivedOn, locale),
              method: t(`payments.method.${payment.method}`),
            })}
            {payment.reference && <>{t("refunds.reference", { reference: payment.reference })}</>}
          </p>
          <p data-testid="refund-invoice">
            {invoice
              ? t("refunds.invoice", {
                number: invoice.number ?? "",
                status: t(`billing.status.${invoice.status}`),
                balance: money(invoice.balanceDue),
              })
              : t("refunds.no_invoice")}
          </p>
        </section>
        {view.block
          ? <p role="status" class="font-medium">{t(`refunds.blocked.${view.block}`)}</p>
          : data.online === "dashboard"
          ? <p role="status" class="font-medium">{t("refunds.online_dashboard")}</p>
          : <RefundForm data={data} t={t} money={money} />}
        <p>
          <Button href={back.href} variant="ghost">{back.label}</Button>
        </p>
      </div>
    </>
  );
});

function RefundForm(
  { data, t, money }: { data: Data; t: Translator["t"]; money: (amount: number) => string },
) {
  const { view, values, errors } = data;
  const online = data.online === "stripe";
  return (
    <form method="post" class="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
      <p class="text-sm">{t(online ? "refunds.online" : "refunds.intro")}</p>
      {errors.form && <p role="alert" class="text-sm font-medium text-danger-700">{errors.form}</p>}
      <div class="grid gap-4 sm:grid-cols-3">
        <Input
          label={t("refunds.field.amount", { currency: view.payment.currency })}
          name="amount"
          value={values.amount}
          hint={t("refunds.field.amount_hint", { amount: money(view.refundable) })}
          error={errors.amount}
          inputmode="decimal"
          autocomplete="off"
          required
        />
        {!online && (
          <>
            <Select
              label={t("refunds.field.method")}
              name="method"
              value={values.method}
              error={errors.method}
              options={RECORDED_METHODS.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))}
              required
            />
            <Input
              label={t("refunds.field.paid_on")}
              name="paidOn"
              type="date"
              value={values.paidOn}
              error={errors.paidOn}
              required
            />
          </>
        )}
        <Textarea
          label={t("refunds.field.reason")}
          name="reason"
          value={values.reason}
          hint={t("refunds.field.reason_hint")}
          error={errors.reason}
          rows={2}
          maxlength={2000}
          required
          class="sm:col-span-3"
        />
      </div>
      <div>
        <Button type="submit">{t(online ? "refunds.submit_online" : "refunds.submit")}</Button>
      </div>
    </form>
  );
}

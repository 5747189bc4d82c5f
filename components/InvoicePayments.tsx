import { Badge } from "./Badge.tsx";
import { Button } from "./Button.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { balanceDue } from "../lib/billing/balance.ts";
import { formatAmount } from "../lib/billing/currency.ts";
import type { DocumentRow } from "../lib/billing/documents.ts";
import { amountFieldValue, type PaymentFormValues } from "../lib/billing/payment_form.ts";
import { type Payment, RECORDED_METHODS } from "../lib/billing/payments.ts";
import { formatDate } from "../lib/i18n/format.ts";
import type { Locale, Translator } from "../lib/i18n/mod.ts";

type Invoice = Pick<
  DocumentRow,
  | "id"
  | "kind"
  | "status"
  | "number"
  | "currency"
  | "total"
  | "depositsApplied"
  | "amountPaid"
  | "amountCredited"
  | "dueDate"
>;

export interface InvoicePaymentsProps {
  invoice: Invoice;
  /** From invoicePaymentsView: payments oldest first, the client's credit in the invoice currency, today. */
  payments: Payment[];
  credit: number;
  today: string;
  /** The studio's path prefix (`studio.base`). */
  base: string;
  t: Translator["t"];
  locale: Locale;
  /** The staff member holds payments.record. */
  canRecord: boolean;
}

/** A local date ("2026-06-02") in the reader's format. */
export function localDateText(date: string, locale: Locale): string {
  return formatDate(new Date(`${date}T12:00:00Z`), "UTC", locale);
}

/**
 * The payments section of an invoice's page: every payment, refund and credit application with its
 * date, method, reference and amount (voided ones struck through, with the reason), then — for staff
 * who record payments, while money is due — the record-a-payment form prefilled with the balance, and
 * "Apply client credit" when the client holds credit in the invoice's currency.
 */
export function InvoicePayments(
  { invoice, payments, credit, today, base, t, locale, canRecord }: InvoicePaymentsProps,
) {
  const due = balanceDue(invoice);
  const money = (amount: number) => formatAmount(amount, invoice.currency, locale);
  const action = `${base}/app/invoices/${invoice.id}`;
  const open = invoice.status !== "draft" && due > 0;
  return (
    <section aria-labelledby="payments-heading" class="flex flex-col gap-4">
      <h2 id="payments-heading" class="text-lg font-semibold">{t("payments.section")}</h2>
      {payments.length === 0
        ? <p class="text-sm text-ink-muted">{t("payments.none")}</p>
        : (
          <div class="overflow-x-auto rounded-lg border border-line bg-surface">
            <table class="w-full text-left text-sm">
              <caption class="sr-only">{t("payments.section")}</caption>
              <thead class="border-b border-line bg-neutral-50">
                <tr>
                  <th scope="col" class="px-3 py-2">{t("payments.col.date")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.method")}</th>
                  <th scope="col" class="px-3 py-2">{t("payments.col.reference")}</th>
                  <th scope="col" class="px-3 py-2 text-end">{t("payments.col.amount")}</th>
                  {canRecord && <th scope="col" class="px-3 py-2">{t("common.actions")}</th>}
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                {payments.map((p) => (
                  <tr key={p.id} data-payment={p.id} class={p.voidedAt ? "text-ink-muted" : undefined}>
                    <td class="whitespace-nowrap px-3 py-2">{localDateText(p.receivedOn, locale)}</td>
                    <td class="px-3 py-2">
                      {t(`payments.method.${p.method}`)}
                      {p.amount < 0 && <Badge class="ms-2">{t("payments.refund")}</Badge>}
                      {p.voidedAt && (
                        <Badge tone="warning" class="ms-2">
                          {p.voidReason
                            ? t("payments.voided_because", { reason: p.voidReason })
                            : t("payments.voided")}
                        </Badge>
                      )}
                    </td>
                    <td class="px-3 py-2">{p.reference ?? ""}</td>
                    <td
                      class={`whitespace-nowrap px-3 py-2 text-end tabular-nums ${
                        p.voidedAt ? "line-through" : ""
                      }`}
                    >
                      {money(p.amount)}
                    </td>
                    {canRecord && (
                      <td class="px-3 py-2">
                        {!p.voidedAt && (
                          <a
                            class="text-brand-700 underline"
                            href={`${action}/payments/${p.id}/void`}
                            aria-label={t("payments.void.action_label", {
                              amount: money(p.amount),
                              date: localDateText(p.receivedOn, locale),
                            })}
                          >
                            {t("payments.void.action")}
                          </a>
                        )}
                        {!p.voidedAt && p.amount > 0 && p.method !== "credit" && (
                          <a
                            class="ms-3 text-brand-700 underline"
                            href={`${base}/app/payments/${p.id}/refund`}
                            aria-label={t("refunds.action_label", {
                              amount: money(p.amount),
                              date: localDateText(p.receivedOn, locale),
                            })}
                          >
                            {t("refunds.action")}
                          </a>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <p class="font-medium" data-balance-due={due}>
        {invoice.status === "draft"
          ? null
          : due > 0
          ? t("payments.balance_due", { amount: money(due) })
          : t("payments.settled")}
      </p>
      {canRecord && open && (
        <>
          <RecordPaymentForm
            action={`${action}/payments`}
            currency={invoice.currency}
            values={{
              amount: amountFieldValue(due, invoice.currency, locale),
              method: "transfer",
              receivedOn: today,
              reference: "",
              note: "",
            }}
            errors={{}}
            t={t}
          />
          {credit > 0 && (
            <form method="post" action={`${action}/apply-credit`} class="flex flex-wrap items-end gap-3">
              <h3 class="w-full font-semibold">{t("payments.credit.title")}</h3>
              <p class="w-full text-sm">{t("payments.credit.available", { amount: money(credit) })}</p>
              <Input
                label={t("payments.credit.field", { currency: invoice.currency })}
                name="amount"
                value={amountFieldValue(Math.min(credit, due), invoice.currency, locale)}
                inputmode="decimal"
                required
              />
              <Button type="submit" variant="secondary">{t("payments.credit.submit")}</Button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The record-a-payment form, also shown alone (with its errors) when a submission is refused. */
export function RecordPaymentForm(
  { action, currency, values, errors, t }: {
    action: string;
    currency: string;
    values: PaymentFormValues;
    errors: Record<string, string>;
    t: Translator["t"];
  },
) {
  return (
    <form
      method="post"
      action={action}
      class="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4"
    >
      <h3 class="font-semibold">{t("payments.record.title")}</h3>
      <div class="grid gap-4 sm:grid-cols-3">
        <Input
          label={t("payments.field.amount", { currency })}
          name="amount"
          value={values.amount}
          hint={t("payments.field.amount_hint")}
          error={errors.amount ?? errors.currency}
          inputmode="decimal"
          autocomplete="off"
          required
        />
        <Select
          label={t("payments.field.method")}
          name="method"
          value={values.method}
          error={errors.method}
          options={RECORDED_METHODS.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))}
          required
        />
        <Input
          label={t("payments.field.received_on")}
          name="receivedOn"
          type="date"
          value={values.receivedOn}
          error={errors.receivedOn}
          required
        />
        <Input
          label={t("payments.field.reference")}
          name="reference"
          value={values.reference}
          hint={t("payments.field.reference_hint")}
          error={errors.reference}
          maxlength={200}
        />
        <Input
          label={t("payments.field.note")}
          name="note"
          value={values.note}
          error={errors.note}
          maxlength={2000}
          class="sm:col-span-2"
        />
      </div>
      <div>
        <Button type="submit">{t("payments.record.submit")}</Button>
      </div>
    </form>
  );
}

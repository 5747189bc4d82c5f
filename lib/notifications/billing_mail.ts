/**
 * The e-mails a client gets about money: the receipt for a payment (amount, the invoice it paid and
 * what is left on it) and the notice of an issued invoice (number, total, due date, a link).
 */
import { formatAmount } from "../billing/currency.ts";
import { formatLocalDate } from "../billing/quote_mail.tsx";
import { createTranslator, type Locale } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { clientMail, type MailBlock } from "./client_mail.tsx";

/** The kinds of document a payment pays and a client is sent. */
export type PayableKind = "invoice" | "deposit_invoice";

export interface PaymentReceiptInput {
  to: string;
  name: string;
  studio: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** "YYYY-MM-DD": the studio's local date the money arrived. */
  receivedOn: string;
  /** The invoice it paid, with what is left to pay on it now; absent when it all went to credit. */
  document?: { kind: PayableKind; number: string; balance: number };
  /** The part kept as client credit (an overpayment). */
  credit: number;
}

export function paymentReceiptMail(locale: Locale, input: PaymentReceiptInput): MailMessage {
  const { t } = createTranslator(locale);
  const money = (minor: number) => formatAmount(minor, input.currency, locale);
  const params = { studio: input.studio, amount: money(input.amount) };
  const body: MailBlock[] = [
    t("notify.payment.intro", { ...params, date: formatLocalDate(input.receivedOn, locale) }),
  ];
  if (input.document) {
    const document = t(`notify.kind.${input.document.kind}`, { number: input.document.number });
    body.push(t("notify.payment.document", { document }));
    body.push(
      input.document.balance > 0
        ? t("notify.payment.balance", { document, balance: money(input.document.balance) })
        : t("notify.payment.paid", { document }),
    );
    if (input.credit > 0) body.push(t("notify.payment.overpaid", { amount: money(input.credit) }));
  } else {
    body.push(t("notify.payment.credit", params));
  }
  return clientMail(locale, {
    to: input.to,
    name: input.name,
    studio: input.studio,
    subject: t("notify.payment.subject", params),
    body,
  });
}

export interface InvoiceIssuedInput {
  to: string;
  name: string;
  studio: string;
  kind: PayableKind;
  number: string;
  /** Minor units of `currency`. */
  total: number;
  currency: string;
  /** "YYYY-MM-DD", when the invoice has one. */
  dueDate: string | null;
  /** Where the client reads (and pays) it. */
  link: string;
}

export function invoiceIssuedMail(locale: Locale, input: InvoiceIssuedInput): MailMessage {
  const { t } = createTranslator(locale);
  const params = {
    studio: input.studio,
    number: input.number,
    total: formatAmount(input.total, input.currency, locale),
  };
  const body: MailBlock[] = [t(`notify.${input.kind}.intro`, params)];
  if (input.dueDate) body.push(t("notify.invoice.due", { date: formatLocalDate(input.dueDate, locale) }));
  return clientMail(locale, {
    to: input.to,
    name: input.name,
    studio: input.studio,
    subject: t(`notify.${input.kind}.subject`, params),
    body,
    action: { label: t("notify.invoice.action"), link: input.link },
  });
}

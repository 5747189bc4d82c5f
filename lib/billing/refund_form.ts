/**
 * The refund-a-payment page's model: what a payment allows (refundPayment's limits, read before the
 * form is shown), the form's fields, and typed text → RefundInput with errors in the reader's
 * language. refundPayment (lib/billing/payments.ts) checks everything again in its transaction;
 * this module only lets the page answer in French or English beside the right field.
 */
import { eq } from "drizzle-orm";
import { billingDocuments } from "../../db/schema/mod.ts";
import { ValidationError } from "../errors.ts";
import type { Translator } from "../i18n/mod.ts";
import { formatAmount, parseAmount } from "./currency.ts";
import type { BillingDocument, Db } from "./documents.ts";
import { balanceDue } from "./balance.ts";
import { localDateOf } from "./issue.ts";
import {
  getPaymentRow,
  type PaymentRow,
  RECORDED_METHODS,
  type RefundInput,
  refundLimits,
} from "./payments.ts";
import { getIssuer } from "./settings.ts";

/** Why a payment cannot be refunded at all; null when it can. */
export type RefundBlock = "voided" | "is_refund" | "credit" | "nothing_left";

/** The invoice a payment paid, as the refund page shows it. */
export interface RefundedInvoice {
  id: string;
  number: string | null;
  status: BillingDocument["status"];
  currency: string;
  balanceDue: number;
}

export interface RefundView {
  payment: PaymentRow;
  invoice: RefundedInvoice | null;
  /** Minor units of the payment's currency still refundable (refundPayment's `most`). */
  refundable: number;
  block: RefundBlock | null;
  /** Paid online: refunded through Stripe, not recorded by hand. */
  online: boolean;
  /** The studio's local date: the default date the money goes back. */
  today: string;
}

/** What a refund of `paymentId` may be; NotFoundError for an unknown payment. */
export async function refundView(db: Db, paymentId: string): Promise<RefundView> {
  const payment = await getPaymentRow(db, paymentId);
  const [doc] = payment.documentId
    ? await db.select().from(billingDocuments).where(eq(billingDocuments.id, payment.documentId))
    : [];
  const refundable = await db.transaction(async (tx) =>
    Math.max(0, (await refundLimits(tx, payment, doc?.amountPaid ?? null)).most)
  );
  const block: RefundBlock | null = payment.voidedAt
    ? "voided"
    : payment.amount < 0
    ? "is_refund"
    : payment.method === "credit"
    ? "credit"
    : refundable <= 0
    ? "nothing_left"
    : null;
  return {
    payment,
    invoice: doc
      ? {
        id: doc.id,
        number: doc.number,
        status: doc.status,
        currency: doc.currency,
        balanceDue: balanceDue(doc),
      }
      : null,
    refundable: block ? 0 : refundable,
    block,
    online: payment.method === "stripe",
    today: localDateOf(new Date(), (await getIssuer(db)).timezone),
  };
}

/** What the form's fields hold, as typed. */
export interface RefundFormValues {
  amount: string;
  method: string;
  paidOn: string;
  reason: string;
}

export function refundFormValues(form: FormData): RefundFormValues {
  const field = (name: string) => String(form.get(name) ?? "").trim();
  return {
    amount: field("amount"),
    method: field("method"),
    paidOn: field("paidOn"),
    reason: field("reason"),
  };
}

/**
 * The refund input from what was typed, or a ValidationError whose messages are in `t`'s language:
 * an amount above zero and at most `view.refundable`, a recorded method and a real date (both
 * ignored for an online refund, where Stripe pays back by card today), and a reason.
 */
export function refundInputFromForm(
  values: RefundFormValues,
  view: RefundView,
  t: Translator["t"],
  locale: string,
): RefundInput {
  const { currency } = view.payment;
  const errors: Record<string, string> = {};
  let amount = 0;
  try {
    amount = parseAmount(values.amount, currency, { locale, field: "amount" });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.amount = values.amount === ""
      ? t("refunds.error.amount_missing")
      : t("refunds.error.amount_format", { example: formatAmount(12050, currency, locale) });
  }
  if (!errors.amount && amount <= 0) errors.amount = t("refunds.error.amount_zero");
  else if (!errors.amount && amount > view.refundable) errors.amount = tooMuch(view, t, locale);
  if (!view.online) {
    if (!(RECORDED_METHODS as readonly string[]).includes(values.method)) {
      errors.method = t("refunds.error.method");
    }
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(values.paidOn) || Number.isNaN(Date.parse(`${values.paidOn}T00:00:00Z`))
    ) {
      errors.paidOn = t("refunds.error.date");
    }
  }
  if (values.reason === "") errors.reason = t("refunds.error.reason_missing");
  else if (values.reason.length > 2000) errors.reason = t("refunds.error.reason_long");
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    amount,
    method: (view.online ? "card" : values.method) as RefundInput["method"],
    paidOn: view.online ? null : values.paidOn,
    note: values.reason,
  };
}

/** The "at most …" message for an amount above what is refundable (also after a refund raced us). */
export function tooMuch(view: RefundView, t: Translator["t"], locale: string): string {
  return view.refundable <= 0
    ? t("refunds.error.nothing_left")
    : t("refunds.error.too_much", { amount: formatAmount(view.refundable, view.payment.currency, locale) });
}

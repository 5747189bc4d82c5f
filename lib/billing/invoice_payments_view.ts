import type { Db } from "./documents.ts";
import { getDocument } from "./documents.ts";
import { localDateOf } from "./issue.ts";
import { clientCreditBalance, type Payment, paymentsOf } from "./payments.ts";
import { getIssuer } from "./settings.ts";

/** What components/InvoicePayments.tsx needs besides the invoice itself. */
export interface InvoicePaymentsView {
  /** The invoice's payments, refunds and credit applications, oldest first, voided ones included. */
  payments: Payment[];
  /** The client's credit in the invoice's currency (minor units). */
  credit: number;
  /** The studio's local date: the default date received. */
  today: string;
}

/**
 * Loads an invoice's payments and its client's credit in one call, for the invoice page:
 *
 * ```tsx
 * const payments = await invoicePaymentsView(db, invoice.id);
 * <InvoicePayments invoice={invoice} {...payments} base={studio.base} t={t} locale={locale}
 *   canRecord={can(role, "payments.record")} />
 * ```
 */
export async function invoicePaymentsView(db: Db, invoiceId: string): Promise<InvoicePaymentsView> {
  const invoice = await getDocument(db, invoiceId, ["invoice", "deposit_invoice"]);
  const [payments, credit, issuer] = await Promise.all([
    paymentsOf(db, invoice.id),
    clientCreditBalance(db, invoice.clientId, invoice.currency),
    getIssuer(db),
  ]);
  return { payments, credit, today: localDateOf(new Date(), issuer.timezone) };
}

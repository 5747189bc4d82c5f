/**
 * Telling a client about money: a receipt once a payment is recorded (by staff or a Stripe webhook)
 * and the notice of an issued invoice. Like booking notices, call them after the write commits.
 *
 * ```ts
 * const { payment } = await recordPayment(db, input, acting);
 * await notifyPayment(mailer, db, payment.id);
 * await notifyInvoiceIssued(mailer, db, invoice.id, `${origin}${base}/portal/invoices/${invoice.id}`);
 * ```
 */
import { and, eq, gt, sum } from "drizzle-orm";
import { clientCredits, payments } from "../../db/schema/mod.ts";
import { balanceDue } from "../billing/balance.ts";
import { getDocument } from "../billing/documents.ts";
import { getIssuer } from "../billing/settings.ts";
import { NotFoundError } from "../errors.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { invoiceIssuedMail, type PayableKind, paymentReceiptMail } from "./billing_mail.ts";
import { recipientOf } from "./recipient.ts";

const PAYABLE: PayableKind[] = ["invoice", "deposit_invoice"];

/**
 * E-mails the client a receipt for money received: the amount, the invoice it paid and what is left
 * on it, or that it is kept as credit. Resolves false (nothing sent) for a client without an e-mail
 * address and for rows that are not money received: refunds, voided payments, credit applied.
 */
export async function notifyPayment(mailer: Mailer, db: TenantDb, paymentId: string): Promise<boolean> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw new NotFoundError("No such payment.");
  if (payment.amount <= 0 || payment.voidedAt || payment.refundOf || payment.method === "credit") {
    return false;
  }
  const issuer = await getIssuer(db);
  const recipient = await recipientOf(db, payment.clientId, issuer.locale);
  if (!recipient) return false;
  const [{ credit }] = await db.select({ credit: sum(clientCredits.amount).mapWith(Number) }).from(
    clientCredits,
  )
    .where(and(eq(clientCredits.paymentId, payment.id), gt(clientCredits.amount, 0)));
  const doc = payment.documentId ? await getDocument(db, payment.documentId, PAYABLE) : null;
  await mailer.send(paymentReceiptMail(recipient.locale, {
    to: recipient.email,
    name: recipient.name,
    studio: issuer.name,
    amount: payment.amount,
    currency: payment.currency,
    receivedOn: payment.receivedOn,
    document: doc
      ? { kind: doc.kind as PayableKind, number: doc.number ?? "", balance: balanceDue(doc) }
      : undefined,
    credit: credit ?? 0,
  }));
  return true;
}

/**
 * E-mails the client an issued invoice or deposit invoice: number, total, due date and `link`, the
 * page where they read and pay it. False (nothing sent) for a client without an e-mail address;
 * a draft is refused, having no number yet.
 */
export async function notifyInvoiceIssued(
  mailer: Mailer,
  db: TenantDb,
  documentId: string,
  link: string,
): Promise<boolean> {
  const doc = await getDocument(db, documentId, PAYABLE);
  if (doc.status === "draft" || !doc.number) throw new NotFoundError("No such issued invoice.");
  const issuer = await getIssuer(db);
  const recipient = await recipientOf(db, doc.clientId, issuer.locale);
  if (!recipient) return false;
  await mailer.send(invoiceIssuedMail(recipient.locale, {
    to: recipient.email,
    name: recipient.name,
    studio: issuer.name,
    kind: doc.kind as PayableKind,
    number: doc.number,
    total: doc.total,
    currency: doc.currency,
    dueDate: doc.dueDate,
    link,
  }));
  return true;
}

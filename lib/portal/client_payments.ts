/**
 * A client's payment history on the portal: what they paid and what was paid back to them, newest
 * first, with the invoice each one went to. Only the signed-in client's own rows, and never voided
 * ones (staff void what was recorded by mistake: it never happened for the client).
 */
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { billingDocuments, type PaymentMethod, payments } from "../../db/schema/mod.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

type Reader = Pick<TenantDb, "select">;

export interface ClientPaymentLine {
  id: string;
  /** The studio's local date the money arrived or left (YYYY-MM-DD). */
  receivedOn: string;
  method: PaymentMethod;
  /** Minor units: negative for a refund. */
  amount: number;
  currency: string;
  refund: boolean;
  /** The invoice or deposit invoice it went to, when there is one. */
  invoice: { id: string; number: string | null } | null;
}

export interface ClientPayments {
  lines: ClientPaymentLine[];
  /**
   * Money paid less money refunded, per currency (alphabetical), over the whole history. Credit used
   * on an invoice is not counted again: that money was counted when it was paid.
   */
  totals: { currency: string; amount: number }[];
  /** Whether there are older lines than those listed. */
  more: boolean;
}

export const CLIENT_PAYMENTS_LIMIT = 200;

/**
 * The client's payments and refunds, newest first (index payments_client_idx), at most `limit`.
 *
 * ```ts
 * const history = await clientPayments(db, requireClient(ctx).clientId);
 * ```
 */
export async function clientPayments(
  db: Reader,
  clientId: string,
  limit = CLIENT_PAYMENTS_LIMIT,
): Promise<ClientPayments> {
  const own = and(eq(payments.clientId, clientId), isNull(payments.voidedAt));
  const [rows, sums] = await Promise.all([
    db.select({
      id: payments.id,
      receivedOn: payments.receivedOn,
      method: payments.method,
      amount: payments.amount,
      currency: payments.currency,
      refundOf: payments.refundOf,
      documentId: billingDocuments.id,
      documentNumber: billingDocuments.number,
      documentKind: billingDocuments.kind,
    }).from(payments)
      // The document must be the client's own too: a link never leads to someone else's invoice.
      .leftJoin(
        billingDocuments,
        and(eq(billingDocuments.id, payments.documentId), eq(billingDocuments.clientId, clientId)),
      )
      .where(own)
      .orderBy(desc(payments.receivedOn), desc(payments.createdAt), desc(payments.id))
      .limit(limit + 1),
    db.select({ currency: payments.currency, sum: sql<string>`sum(${payments.amount})` }).from(payments)
      .where(and(own, ne(payments.method, "credit")))
      .groupBy(payments.currency).orderBy(payments.currency),
  ]);
  return {
    lines: rows.slice(0, limit).map((r) => ({
      id: r.id,
      receivedOn: r.receivedOn,
      method: r.method,
      amount: r.amount,
      currency: r.currency,
      refund: r.amount < 0,
      invoice: r.documentId && (r.documentKind === "invoice" || r.documentKind === "deposit_invoice")
        ? { id: r.documentId, number: r.documentNumber }
        : null,
    })),
    totals: sums.map((s) => ({ currency: s.currency, amount: Number(s.sum) })),
    more: rows.length > limit,
  };
}

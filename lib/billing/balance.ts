import type { billingDocuments, DocumentStatus } from "../../db/schema/mod.ts";

type Amounts = Pick<
  typeof billingDocuments.$inferSelect,
  "kind" | "status" | "total" | "depositsApplied" | "amountPaid" | "amountCredited" | "dueDate"
>;

/**
 * What the client still owes on an invoice or deposit invoice: its total less deposits deducted,
 * payments received (net of refunds) and credit notes issued against it. Negative when overpaid.
 */
export function balanceDue(doc: Amounts): number {
  return doc.total - doc.depositsApplied - doc.amountPaid - doc.amountCredited;
}

/**
 * The stored status of an issued invoice after its payments or credits changed: credited when credit
 * notes cover it, paid when nothing is left to pay, partially paid after some money, else issued.
 */
export function settledStatus(doc: Amounts): DocumentStatus {
  if (doc.status === "draft") return "draft";
  const payable = doc.total - doc.depositsApplied;
  if (doc.amountCredited > 0 && doc.amountCredited >= payable) return "credited";
  if (balanceDue(doc) <= 0) return "paid";
  if (doc.amountPaid > 0 || doc.amountCredited > 0) return "partially_paid";
  return "issued";
}

/** An issued invoice with money still due after its due date (`today`, the studio's local date). */
export function isOverdue(doc: Amounts, today: string): boolean {
  return (doc.status === "issued" || doc.status === "partially_paid") && doc.dueDate !== null &&
    doc.dueDate < today && balanceDue(doc) > 0;
}

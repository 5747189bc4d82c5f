/**
 * What a client signs when they accept a quote, as one canonical text and its SHA-256. The signature
 * stores the hash, so anyone holding the quote can later show that the document in our database is
 * the one the client read: recompute `documentHash(doc)` and compare (docs/BILLING.md, "Quotes").
 */
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import type { BillingDocument } from "./documents.ts";
import { documentTotals } from "./document_totals.ts";

/**
 * JSON with object keys in code-point order at every depth and no whitespace: the same value always
 * gives the same text. Our documents hold only strings, safe integers, booleans and null, for which
 * this is RFC 8785 (JCS); `undefined` members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("Not a JSON number");
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The content of a quote as its client reads it on the link's page: the parts that bind them. */
export function signedContent(doc: BillingDocument): Record<string, unknown> {
  const totals = documentTotals(doc, doc.lines);
  return {
    kind: doc.kind,
    number: doc.number,
    revision: doc.revision,
    issueDate: doc.issueDate,
    validUntil: doc.validUntil,
    issuer: doc.issuerSnapshot,
    client: doc.clientSnapshot,
    title: doc.title,
    currency: doc.currency,
    pricesIncludeTax: doc.pricesIncludeTax,
    lines: doc.lines.map((line, i) => ({
      description: line.description,
      detail: line.detail,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      discountAmount: line.discountAmount,
      taxes: line.taxes.map((t) => ({ name: t.name, rate: t.rate, compound: t.compound ?? false })),
      net: totals.lines[i].net,
      gross: totals.lines[i].gross,
    })),
    discountPercent: doc.discountPercent,
    discountAmount: doc.discountAmount,
    totals: {
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      netTotal: totals.netTotal,
      taxSummary: totals.taxSummary.map((row) => ({
        name: row.name,
        rate: row.rate,
        base: row.base,
        amount: row.amount,
      })),
      taxTotal: totals.taxTotal,
      total: totals.total,
    },
    notes: doc.notes,
    terms: doc.terms,
  };
}

/** SHA-256 (lowercase hex) of the quote's canonical content: QuoteSignature.documentHash. */
export function documentHash(doc: BillingDocument): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(signedContent(doc)))));
}

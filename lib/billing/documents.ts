/**
 * Billing documents — quotes, invoices, deposit invoices, credit notes — as drafts: create, read,
 * rewrite and delete, each in one transaction with its audit row. Issuing and numbering are in
 * issue.ts; what each kind adds (sending a quote, crediting an invoice) in its own module.
 * Rules: docs/BILLING.md ("Documents").
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import {
  billingDocuments,
  clients,
  type DocumentKind,
  documentLines,
  exchangeRates,
  type LineTaxSnapshot,
  taxRates,
} from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { problem, ResourceValidationError } from "../validation_messages.ts";
import { newId } from "../kv/ids.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { isActiveCurrency } from "./currency.ts";
import { type DraftData, type DraftInput, draftInputSchema } from "./document_input.ts";
import { documentTotals } from "./document_totals.ts";
import { getIssuer, type Issuer } from "./settings.ts";

/** An open transaction on a studio's database. */
export type Tx = Parameters<Parameters<TenantDb["transaction"]>[0]>[0];
/** A database or an open transaction. */
export type Db = TenantDb | Tx;

export type DocumentRow = typeof billingDocuments.$inferSelect;
export type DocumentLine = typeof documentLines.$inferSelect;

/** A document with its lines in order. */
export interface BillingDocument extends DocumentRow {
  lines: DocumentLine[];
}

/** How audit entries and messages name each kind. */
export const KIND_LABEL: Record<DocumentKind, string> = {
  quote: "quote",
  invoice: "invoice",
  deposit_invoice: "deposit invoice",
  credit_note: "credit note",
};

/** Links a new draft carries from the document it was made from. */
export interface DraftOrigin {
  relatedDocumentId?: string;
  revisionOf?: string;
  revision?: number;
}

/**
 * Creates a draft of `kind` from `input`, audited as `<kind>.created`. Throws a ValidationError
 * naming the field (`lines.2.quantity`, `currency`) when the input or its arithmetic is wrong.
 */
export async function createDraft(
  db: TenantDb,
  kind: DocumentKind,
  input: DraftInput,
  acting: ActingAs,
  origin: DraftOrigin = {},
): Promise<BillingDocument> {
  const data = parseInput(draftInputSchema, input);
  return await db.transaction((tx) => insertDraft(tx, kind, data, acting, origin));
}

/** createDraft inside the caller's transaction, for converters that write several things at once. */
export async function insertDraft(
  tx: Tx,
  kind: DocumentKind,
  data: DraftData,
  acting: ActingAs,
  origin: DraftOrigin = {},
): Promise<BillingDocument> {
  const issuer = await getIssuer(tx);
  const id = newId(kind === "quote" ? "quo" : kind === "credit_note" ? "cn" : "inv");
  const now = new Date();
  const prepared = await prepareDraft(tx, data, issuer);
  const [row] = await tx.insert(billingDocuments).values({
    id,
    kind,
    status: "draft",
    ...prepared.columns,
    relatedDocumentId: origin.relatedDocumentId ?? null,
    revisionOf: origin.revisionOf ?? null,
    revision: origin.revision ?? 1,
    createdBy: acting.actor.id ?? null,
    createdAt: now,
    updatedAt: now,
  }).returning();
  const lines = await insertLines(tx, id, prepared.lines);
  await recordAudit(tx, {
    ...acting,
    action: `${kind}.created`,
    entity: { type: kind, id },
    changes: changedFields({}, auditView({ ...row, lines }), NOT_AUDITED),
  });
  return { ...row, lines };
}

/**
 * Rewrites a draft (its fields and all its lines) when `version` is still current, audited as
 * `<kind>.updated` with what changed. An issued document is never rewritten: ConflictError.
 */
export async function updateDraft(
  db: TenantDb,
  id: string,
  version: number,
  input: DraftInput,
  acting: ActingAs,
): Promise<BillingDocument> {
  const data = parseInput(draftInputSchema, input);
  return await db.transaction(async (tx) => {
    const before = await lockDraft(tx, id, version);
    const issuer = await getIssuer(tx);
    // Deposits deducted on a final invoice (deposit_applications) stay deducted through edits.
    const prepared = await prepareDraft(tx, data, issuer, before.depositsApplied);
    const [row] = await tx.update(billingDocuments)
      .set({ ...prepared.columns, version: before.version + 1, updatedAt: new Date() })
      .where(eq(billingDocuments.id, id)).returning();
    await tx.delete(documentLines).where(eq(documentLines.documentId, id));
    const lines = await insertLines(tx, id, prepared.lines);
    const after = { ...row, lines };
    await recordAudit(tx, {
      ...acting,
      action: `${before.kind}.updated`,
      entity: { type: before.kind, id },
      changes: changedFields(auditView(before), auditView(after), NOT_AUDITED),
    });
    return after;
  });
}

/** Deletes a draft when `version` is current, audited as `<kind>.deleted`; issued documents stay forever. */
export async function deleteDraft(
  db: TenantDb,
  id: string,
  version: number,
  acting: ActingAs,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockDraft(tx, id, version);
    await tx.delete(billingDocuments).where(eq(billingDocuments.id, id));
    await recordAudit(tx, {
      ...acting,
      action: `${before.kind}.deleted`,
      entity: { type: before.kind, id },
      changes: changedFields(auditView(before), {}, NOT_AUDITED),
    });
  });
}

/** A document with its lines; NotFoundError when absent or (given `kind`) of another kind. */
export async function getDocument(
  db: Db,
  id: string,
  kind?: DocumentKind | DocumentKind[],
): Promise<BillingDocument> {
  const [row] = await db.select().from(billingDocuments).where(eq(billingDocuments.id, id));
  const kinds = kind === undefined ? undefined : [kind].flat();
  if (!row || (kinds && !kinds.includes(row.kind))) {
    throw new NotFoundError(`No such ${kinds?.length === 1 ? KIND_LABEL[kinds[0]] : "document"}.`);
  }
  const lines = await db.select().from(documentLines).where(eq(documentLines.documentId, id))
    .orderBy(asc(documentLines.position));
  return { ...row, lines };
}

/**
 * Locks a document row for the rest of the transaction and returns it with its lines, checking the
 * page's `version` when given (ConflictError when someone changed it since).
 */
export async function lockDocument(tx: Tx, id: string, version?: number): Promise<BillingDocument> {
  const [row] = await tx.select().from(billingDocuments).where(eq(billingDocuments.id, id)).for("update");
  if (!row) throw new NotFoundError("No such document.");
  if (version !== undefined && row.version !== version) {
    throw new ConflictError(
      `This ${
        KIND_LABEL[row.kind]
      } was changed by someone else since you opened it. Reload to see the changes.`,
    );
  }
  const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, id))
    .orderBy(asc(documentLines.position));
  return { ...row, lines };
}

async function lockDraft(tx: Tx, id: string, version: number): Promise<BillingDocument> {
  const doc = await lockDocument(tx, id, version);
  if (doc.status !== "draft") {
    throw new ConflictError(
      `${capitalize(KIND_LABEL[doc.kind])} ${doc.number} is ${doc.status} and can no longer be edited.` +
        (doc.kind === "invoice" ? " Correct it with a credit note." : ""),
    );
  }
  return doc;
}

/** Units of `baseCurrency` per unit of `currency`: "1" for the same currency, else the staff-set rate. */
export async function exchangeRateFor(db: Db, currency: string, baseCurrency: string): Promise<string> {
  if (currency === baseCurrency) return "1";
  const [rate] = await db.select().from(exchangeRates).where(eq(exchangeRates.currency, currency));
  if (!rate) {
    throw new ResourceValidationError({
      currency: problem("billing.error.no_exchange_rate", { currency, base: baseCurrency }),
    });
  }
  return rate.rate;
}

type LineValues = Omit<typeof documentLines.$inferInsert, "id" | "documentId" | "position"> & {
  taxes: LineTaxSnapshot[];
  discountPercent: string | null;
  discountAmount: number | null;
};

/** Validates a draft against the studio's data (client, taxes, currency) and computes its totals. */
async function prepareDraft(tx: Tx, data: DraftData, issuer: Issuer, depositsApplied = 0) {
  const [client] = await tx.select({ currency: clients.currency, archivedAt: clients.archivedAt })
    .from(clients).where(eq(clients.id, data.clientId));
  if (!client) throw new ResourceValidationError({ clientId: problem("billing.error.client_required") });
  const currency = data.currency ?? client.currency ?? issuer.baseCurrency;
  if (!isActiveCurrency(currency)) {
    throw new ResourceValidationError({ currency: problem("billing.error.unknown_currency", { currency }) });
  }
  const exchangeRate = await exchangeRateFor(tx, currency, issuer.baseCurrency);
  const taxesById = await taxSnapshots(tx, data.lines.flatMap((l) => l.taxRateIds));

  const lines: LineValues[] = data.lines.map((line, i) => {
    const taxes = line.taxRateIds.map((taxId) => {
      const tax = taxesById.get(taxId);
      if (!tax) {
        throw new ResourceValidationError({
          [`lines.${i}.taxRateIds`]: problem("billing.error.tax_rate_unknown"),
        });
      }
      return tax;
    });
    const { taxRateIds: _ids, ...rest } = line;
    return { ...rest, taxes };
  });
  const columns = {
    clientId: data.clientId,
    title: data.title,
    currency,
    baseCurrency: issuer.baseCurrency,
    exchangeRate,
    roundingMode: issuer.settings.roundingMode,
    pricesIncludeTax: issuer.settings.pricesIncludeTax,
    discountPercent: data.discountPercent,
    discountAmount: data.discountAmount,
    dueDate: data.dueDate,
    validUntil: data.validUntil,
    notes: data.notes,
    terms: data.terms,
    depositsApplied,
  };
  const totals = documentTotals(columns, lines);
  return {
    columns: { ...columns, ...storedTotals(totals) },
    lines: lines.map((line, i) => ({
      ...line,
      net: totals.lines[i].net,
      taxTotal: totals.lines[i].taxTotal,
      gross: totals.lines[i].gross,
    })),
  };
}

/** The totals a document row stores for lists, reports and exports. */
export function storedTotals(totals: ReturnType<typeof documentTotals>) {
  return {
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    netTotal: totals.netTotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    totalInBase: totals.inBaseCurrency?.total ?? totals.total,
  };
}

/** The studio's live tax rates among `ids`, as lines copy them. */
async function taxSnapshots(tx: Tx, ids: string[]): Promise<Map<string, LineTaxSnapshot>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(taxRates)
    .where(and(inArray(taxRates.id, [...new Set(ids)]), isNull(taxRates.archivedAt)));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, rate: r.rate, compound: r.compound }]));
}

async function insertLines(tx: Tx, documentId: string, lines: LineValues[]): Promise<DocumentLine[]> {
  if (lines.length === 0) return [];
  const rows = await tx.insert(documentLines)
    .values(lines.map((line, position) => ({ ...line, id: newId("line"), documentId, position })))
    .returning();
  return rows.sort((a, b) => a.position - b.position);
}

/** Fields that change on every write and tell an audit reader nothing. */
const NOT_AUDITED = ["id", "version", "createdAt", "updatedAt", "createdBy"];

/** A document as the audit log shows it: its fields and its lines as staff typed them. */
export function auditView(doc: BillingDocument): Record<string, unknown> {
  const { lines, ...row } = doc;
  return {
    ...row,
    lines: lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      taxes: l.taxes.map((t) => t.id),
      ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
      ...(l.discountAmount ? { discountAmount: l.discountAmount } : {}),
    })),
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

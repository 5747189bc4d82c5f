/**
 * Issuing: a draft invoice, deposit invoice or credit note takes the next number of its series,
 * freezes who it is from and to, and becomes immutable — all in one transaction, so a number is
 * used exactly once and never skipped (docs/BILLING.md, "Document numbering").
 */
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { billingDocuments, clients, type DocumentKind, type PartySnapshot } from "../../db/schema/mod.ts";
import { type ActingAs, changedFields, recordAudit } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { eq } from "drizzle-orm";
import {
  auditView,
  type BillingDocument,
  exchangeRateFor,
  KIND_LABEL,
  lockDocument,
  storedTotals,
  type Tx,
} from "./documents.ts";
import { documentTotals } from "./document_totals.ts";
import { formatDocumentNumber, parseNumberFormat, sequencePeriod } from "./numbering.ts";
import { type BillingSettings, getIssuer, type Issuer } from "./settings.ts";

/** The number format of each kind's series. */
export function numberFormatOf(kind: DocumentKind, settings: BillingSettings): string {
  switch (kind) {
    case "invoice":
      return settings.invoiceNumberFormat;
    case "deposit_invoice":
      return settings.depositNumberFormat;
    case "credit_note":
      return settings.creditNoteNumberFormat;
    case "quote":
      return settings.quoteNumberFormat;
  }
}

export interface TakenNumber {
  number: string;
  sequence: number;
  /** The counter's period: the local year for yearly formats, else 0. */
  period: number;
}

/**
 * Takes the next number of `kind`'s series for a document issued `at`. The counter row stays locked
 * until the caller's transaction ends: concurrent issues wait, and a rollback gives the number back.
 */
export async function takeNumber(
  tx: Tx,
  kind: DocumentKind,
  format: string,
  at: Date,
  zone: string,
): Promise<TakenNumber> {
  const parsed = parseNumberFormat(format);
  const period = sequencePeriod(parsed, { issuedAt: at, zone }) ?? 0;
  const rows = await tx.execute<{ last_value: number }>(sql`
    INSERT INTO document_counters (kind, period, last_value) VALUES (${kind}, ${period}, 1)
    ON CONFLICT (kind, period) DO UPDATE SET last_value = document_counters.last_value + 1
    RETURNING last_value`);
  const sequence = Number(resultRows<{ last_value: number }>(rows)[0].last_value);
  return { number: formatDocumentNumber(parsed, { sequence, issuedAt: at, zone }), sequence, period };
}

/** Rows from `tx.execute`: an array (postgres-js) or `{ rows }` (PGlite, Neon). */
function resultRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? result as T[] : (result as { rows: T[] }).rows;
}

/** The studio's local date of `at`, "YYYY-MM-DD". */
export function localDateOf(at: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone).toPlainDate()
    .toString();
}

/** `date` ("YYYY-MM-DD") plus `days`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The client as documents print them. */
export async function clientSnapshot(tx: Tx, clientId: string): Promise<PartySnapshot> {
  const [c] = await tx.select().from(clients).where(eq(clients.id, clientId));
  const cityLine = [c.postalCode, c.city].filter(Boolean).join(" ");
  return {
    name: c.name,
    addressLines: [c.addressLine1, c.addressLine2, cityLine, c.region, c.country]
      .filter((v): v is string => Boolean(v)),
    taxId: c.taxId,
    email: c.email,
  };
}

/** The studio as documents print it. */
export function issuerSnapshot(issuer: Issuer) {
  return {
    name: issuer.name,
    addressLines: issuer.settings.addressLines,
    taxIds: issuer.settings.taxIds,
    bankDetails: issuer.settings.bankDetails,
  };
}

/**
 * Issues a draft invoice, deposit invoice or credit note (`version` must be current): next number,
 * issue date today in the studio's zone, due date from the payment terms unless set, the exchange
 * rate of today, both parties frozen; audited as `<kind>.issued`. `prepare` lets the kind's own
 * module check and adjust inside the same transaction (a credit note checks what it may credit).
 * Given a transaction (`db` a Tx), it issues inside it, as a savepoint: the portal issues a deposit invoice
 * in the transaction that writes the booking.
 */
export async function issueDocument(
  db: TenantDb | Tx,
  id: string,
  version: number,
  acting: ActingAs,
  options: {
    now?: Date;
    kinds?: DocumentKind[];
    prepare?: (tx: Tx, doc: BillingDocument) => Promise<Partial<BillingDocument> | void>;
  } = {},
): Promise<BillingDocument> {
  const now = options.now ?? new Date();
  return await db.transaction(async (tx) => {
    const before = await lockDocument(tx, id, version);
    const kinds = options.kinds ?? ["invoice", "deposit_invoice", "credit_note"];
    if (!kinds.includes(before.kind)) throw new ConflictError(`A ${KIND_LABEL[before.kind]} is not issued.`);
    if (before.status !== "draft") {
      throw new ConflictError(`${KIND_LABEL[before.kind]} ${before.number} is already ${before.status}.`);
    }
    if (before.lines.length === 0) {
      throw new ValidationError({
        lines: `Add at least one line before issuing the ${KIND_LABEL[before.kind]}.`,
      });
    }
    const adjusted = { ...before, ...(await options.prepare?.(tx, before)) };
    const issuer = await getIssuer(tx);
    const zone = issuer.timezone;
    const issueDate = localDateOf(now, zone);
    // A credit note reverses its invoice at the invoice's rate, so the base-currency figures cancel out.
    const exchangeRate = before.kind === "credit_note"
      ? adjusted.exchangeRate
      : await exchangeRateFor(tx, adjusted.currency, issuer.baseCurrency);
    const totals = documentTotals(
      { ...adjusted, exchangeRate, baseCurrency: issuer.baseCurrency },
      adjusted.lines,
    );
    if (totals.total < 0) throw new ValidationError({ lines: "The total cannot be negative." });
    const taken = await takeNumber(tx, before.kind, numberFormatOf(before.kind, issuer.settings), now, zone);
    const [row] = await tx.update(billingDocuments).set({
      status: "issued",
      number: taken.number,
      sequence: taken.sequence,
      period: taken.period,
      issueDate,
      dueDate: before.kind === "credit_note"
        ? null
        : adjusted.dueDate ?? addDays(issueDate, issuer.settings.paymentTermsDays),
      baseCurrency: issuer.baseCurrency,
      exchangeRate,
      depositsApplied: adjusted.depositsApplied,
      relatedDocumentId: adjusted.relatedDocumentId,
      ...storedTotals(totals),
      clientSnapshot: await clientSnapshot(tx, before.clientId),
      issuerSnapshot: issuerSnapshot(issuer),
      issuedAt: now,
      version: before.version + 1,
      updatedAt: now,
    }).where(eq(billingDocuments.id, id)).returning();
    const after = { ...row, lines: before.lines };
    await recordAudit(tx, {
      ...acting,
      action: `${before.kind}.issued`,
      entity: { type: before.kind, id },
      changes: changedFields(auditView(before), auditView(after), ["lines", "version", "updatedAt"]),
    });
    return after;
  });
}

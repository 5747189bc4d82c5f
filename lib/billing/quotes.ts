/**
 * The quote lifecycle (docs/BILLING.md, "Quotes"): a draft is sent to the client with a secret link,
 * the client reads it there and accepts it by typing their name or declines it; an offer past its
 * last day expires; staff make revisions. Converting an accepted quote is in quote_conversion.ts.
 *
 * ```ts
 * const { link } = await sendQuote(db, id, version, acting, { mailer, baseUrl: `${origin}${base}` });
 * await acceptQuote(db, token, { name: "Ada Lovelace", ip, userAgent });
 * // The same answer from the client portal: the quote's id, scoped to the signed-in client.
 * await acceptQuote(db, { id, clientId }, { name: "Ada Lovelace", ip, userAgent });
 * ```
 */
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { sha256 } from "@oslojs/crypto/sha2";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { billingDocuments, clients, type DocumentStatus, type QuoteSignature } from "../../db/schema/mod.ts";
import { type ActingAs, recordAudit, recordAudits } from "../audit/audit.ts";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../errors.ts";
import { isSupportedLocale, type Locale } from "../i18n/mod.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { documentHash } from "./document_hash.ts";
import type { DraftInput } from "./document_input.ts";
import { draftInputSchema } from "./document_input.ts";
import { documentTotals } from "./document_totals.ts";
import {
  type BillingDocument,
  type Db,
  exchangeRateFor,
  getDocument,
  insertDraft,
  lockDocument,
  storedTotals,
  type Tx,
} from "./documents.ts";
import { addDays, clientSnapshot, issuerSnapshot, localDateOf, numberFormatOf, takeNumber } from "./issue.ts";
import { quoteMail } from "./quote_mail.tsx";
import { getIssuer } from "./settings.ts";

/** Bytes of randomness in a quote link's token (256 bits), written base64url: 43 characters. */
export const QUOTE_TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token for a quote's link; only its hash is stored. */
export function newQuoteToken(): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(QUOTE_TOKEN_BYTES)));
}

/** What `publicTokenHash` holds for a token: its SHA-256 in lowercase hex. */
export function quoteTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * What the client's link can do now: `open` to accept or decline; `accepted` (or `converted`: staff
 * made the invoice) and `declined` are settled; `expired` is past its last day; `superseded` means a
 * newer revision was sent since, and only that one can be accepted.
 */
export type QuoteLinkState = "open" | "accepted" | "converted" | "declined" | "expired" | "superseded";

/**
 * How a client reaches a quote: the secret link's token, or (signed in to the portal) the quote's id
 * together with their own client id, which the quote must belong to. Either way the same rules apply.
 */
export type QuoteKey = string | { id: string; clientId: string };

export interface QuoteLink {
  quote: BillingDocument;
  state: QuoteLinkState;
  /** The studio's zone and today's date in it. */
  zone: string;
  today: string;
}

/** The link cannot take this answer any more; `state` says why, for the page. Answered as 410 Gone. */
export class QuoteLinkClosed extends DomainError {
  readonly type = "quote-link-closed";
  constructor(readonly state: Exclude<QuoteLinkState, "open">) {
    super(410, LINK_CLOSED[state]);
    this.name = "QuoteLinkClosed";
  }
}

const LINK_CLOSED: Record<Exclude<QuoteLinkState, "open">, string> = {
  accepted: "This quote has already been accepted.",
  converted: "This quote has already been accepted.",
  declined: "This quote was declined.",
  expired: "This quote has expired: ask the studio for a new one.",
  superseded: "A newer version of this quote was sent: use the link in the latest e-mail.",
};

export interface SendOptions {
  now?: Date;
  mailer: Mailer;
  /** The studio's address as the client reaches it, e.g. `https://north.example.com` or `…/s/north`. */
  baseUrl: string;
}

/**
 * Sends a draft quote (`version` must be current), or sends a sent one again. The first send takes
 * the next quote number, sets the issue date, the last valid day (today + the studio's quote validity
 * unless the draft has one) and freezes both parties; every send makes a fresh link token, so an
 * earlier link stops working. The e-mail goes out inside the transaction: when the mail relay refuses
 * it, nothing changes (not even the number). Audited as `quote.sent`.
 */
export async function sendQuote(
  db: TenantDb,
  id: string,
  version: number,
  acting: ActingAs,
  options: SendOptions,
): Promise<{ quote: BillingDocument; link: string }> {
  const now = options.now ?? new Date();
  return await db.transaction(async (tx) => {
    const before = await lockQuote(tx, id, version);
    const issuer = await getIssuer(tx);
    const today = localDateOf(now, issuer.timezone);
    if (before.status !== "draft" && before.status !== "sent") {
      throw new ConflictError(`Quote ${before.number} is ${before.status} and can no longer be sent.`);
    }
    if (before.lines.length === 0) {
      throw new ValidationError({ lines: "Add at least one line before sending." });
    }
    const [client] = await tx.select({ email: clients.email, name: clients.name, locale: clients.locale })
      .from(clients).where(eq(clients.id, before.clientId));
    if (!client?.email) {
      const message = "This client has no e-mail address: add one to the client, then send the quote.";
      throw new ValidationError({ clientId: message }, message);
    }
    const token = newQuoteToken();
    const linkColumns = {
      status: "sent" as const,
      publicTokenHash: quoteTokenHash(token),
      sentAt: now,
      version: before.version + 1,
      updatedAt: now,
    };
    let row;
    if (before.status === "draft") {
      const settled = (await revisionsOf(tx, before))
        .find((r) => r.id !== before.id && (r.status === "accepted" || r.status === "converted"));
      if (settled) {
        throw new ConflictError(
          `Quote ${settled.number} (revision ${settled.revision}) was ${settled.status} meanwhile: ` +
            "this revision can no longer be sent.",
        );
      }
      const validUntil = before.validUntil ?? addDays(today, issuer.settings.quoteValidityDays);
      if (validUntil < today) {
        const message = "The last valid day is in the past: choose a later date.";
        throw new ValidationError({ validUntil: message }, message);
      }
      const exchangeRate = await exchangeRateFor(tx, before.currency, issuer.baseCurrency);
      const totals = documentTotals(
        { ...before, exchangeRate, baseCurrency: issuer.baseCurrency },
        before.lines,
      );
      const taken = await takeNumber(
        tx,
        "quote",
        numberFormatOf("quote", issuer.settings),
        now,
        issuer.timezone,
      );
      [row] = await tx.update(billingDocuments).set({
        ...linkColumns,
        number: taken.number,
        sequence: taken.sequence,
        period: taken.period,
        issueDate: today,
        validUntil,
        baseCurrency: issuer.baseCurrency,
        exchangeRate,
        ...storedTotals(totals),
        clientSnapshot: await clientSnapshot(tx, before.clientId),
        issuerSnapshot: issuerSnapshot(issuer),
        issuedAt: now,
      }).where(eq(billingDocuments.id, id)).returning();
    } else {
      const state = await linkState(tx, before, today);
      if (state !== "open") throw new QuoteLinkClosed(state);
      [row] = await tx.update(billingDocuments).set(linkColumns).where(eq(billingDocuments.id, id))
        .returning();
    }
    const quote = { ...row, lines: before.lines };
    await recordAudit(tx, {
      ...acting,
      action: "quote.sent",
      entity: { type: "quote", id },
      changes: {
        status: { before: before.status, after: "sent" },
        ...(before.number ? {} : { number: { after: quote.number } }),
        sentTo: { after: client.email },
      },
    });
    const link = `${options.baseUrl}/q/${token}`;
    const locale: Locale = isSupportedLocale(client.locale)
      ? client.locale
      : isSupportedLocale(issuer.locale)
      ? issuer.locale
      : "en";
    await options.mailer.send(quoteMail(locale, {
      to: client.email,
      name: client.name,
      studio: issuer.name,
      number: quote.number!,
      revision: quote.revision,
      total: quote.total,
      currency: quote.currency,
      validUntil: quote.validUntil!,
      link,
    }));
    return { quote, link };
  });
}

/** The quote a link's token opens and what the link can do now; NotFoundError for any other token. */
export async function quoteByToken(db: Db, token: string, now = new Date()): Promise<QuoteLink> {
  return await quoteLink(db, token, now);
}

/**
 * The quote a key opens (a link's token, or an id scoped to the portal's client) and what the client
 * can do with it now. NotFoundError for an unknown token, a draft, or another client's quote.
 */
export async function quoteLink(db: Db, key: QuoteKey, now = new Date()): Promise<QuoteLink> {
  const quote = await findQuote(db, key);
  const issuer = await getIssuer(db);
  const today = localDateOf(now, issuer.timezone);
  return { quote, state: await linkState(db, quote, today), zone: issuer.timezone, today };
}

export interface Signer {
  /** The full name the client typed. */
  name: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * The client accepts the quote their key opens (link or portal) by typing their name. Only a sent quote, on or before
 * its last valid day in the studio's zone, and the latest revision sent: else QuoteLinkClosed. The
 * signature keeps the name, the time, where from, and the hash of exactly what was read
 * (document_hash.ts). Audited as `quote.accepted` with the client as actor.
 */
export async function acceptQuote(
  db: TenantDb,
  key: QuoteKey,
  signer: Signer,
  options: { now?: Date } = {},
): Promise<BillingDocument> {
  const now = options.now ?? new Date();
  const name = signer.name.replace(/\s+/g, " ").trim();
  if (name.length < 2) {
    throw new ValidationError({ name: "Type your full name to accept." }, "Type your full name to accept.");
  }
  if (name.length > 200) throw new ValidationError({ name: "At most 200 characters." });
  return await answer(db, key, now, async (tx, quote) => {
    const signature: QuoteSignature = {
      name,
      signedAt: now.toISOString(),
      ip: signer.ip ?? null,
      userAgent: signer.userAgent?.slice(0, 512) ?? null,
      documentHash: documentHash(quote),
    };
    const [row] = await tx.update(billingDocuments).set({
      status: "accepted",
      acceptedAt: now,
      signature,
      version: quote.version + 1,
      updatedAt: now,
    }).where(eq(billingDocuments.id, quote.id)).returning();
    await recordAudit(tx, {
      actor: { type: "client", id: quote.clientId, label: name },
      action: "quote.accepted",
      entity: { type: "quote", id: quote.id },
      changes: {
        status: { before: "sent", after: "accepted" },
        documentHash: { after: signature.documentHash },
      },
      ip: signer.ip ?? undefined,
      userAgent: signer.userAgent ?? undefined,
    });
    return { ...row, lines: quote.lines };
  });
}

/**
 * The client declines the quote their key opens (link or portal), with an optional reason, under the
 * same rules as accepting. Audited as `quote.declined`.
 */
export async function declineQuote(
  db: TenantDb,
  key: QuoteKey,
  input: { reason?: string | null; ip?: string | null; userAgent?: string | null },
  options: { now?: Date } = {},
): Promise<BillingDocument> {
  const now = options.now ?? new Date();
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 2000) throw new ValidationError({ reason: "At most 2000 characters." });
  return await answer(db, key, now, async (tx, quote) => {
    const [row] = await tx.update(billingDocuments).set({
      status: "declined",
      declinedAt: now,
      declineReason: reason,
      version: quote.version + 1,
      updatedAt: now,
    }).where(eq(billingDocuments.id, quote.id)).returning();
    await recordAudit(tx, {
      actor: { type: "client", id: quote.clientId, label: quote.clientSnapshot?.name },
      action: "quote.declined",
      entity: { type: "quote", id: quote.id },
      changes: {
        status: { before: "sent", after: "declined" },
        ...(reason ? { reason: { after: reason } } : {}),
      },
      ip: input.ip ?? undefined,
      userAgent: input.userAgent ?? undefined,
    });
    return { ...row, lines: quote.lines };
  });
}

/**
 * Marks sent quotes whose last valid day is before `today` (the studio's local date) expired, each
 * audited as `quote.expired` by the system; returns their ids. Links already refuse such quotes by
 * their date, so this only brings the stored status (lists, reports) in line.
 */
export async function expireQuotes(db: TenantDb, today: string): Promise<string[]> {
  return await db.transaction(async (tx) => {
    const rows = await tx.update(billingDocuments)
      .set({ status: "expired", version: sql`${billingDocuments.version} + 1`, updatedAt: new Date() })
      .where(and(
        eq(billingDocuments.kind, "quote"),
        eq(billingDocuments.status, "sent"),
        lt(billingDocuments.validUntil, today),
      ))
      .returning({ id: billingDocuments.id });
    await recordAudits(
      tx,
      rows.map(({ id }) => ({
        actor: { type: "system" as const },
        action: "quote.expired",
        entity: { type: "quote", id },
        changes: { status: { before: "sent", after: "expired" } },
      })),
    );
    return rows.map((r) => r.id);
  });
}

/**
 * A new revision of a sent, declined or expired quote (`version` must be current): a draft with the
 * same client, lines and terms, `revisionOf` the first revision and the next revision number. The old
 * one stays as it was; once the new one is sent, the old link no longer accepts. Audited as
 * `quote.revised` on the old quote (and `quote.created` for the new draft).
 */
export async function reviseQuote(
  db: TenantDb,
  id: string,
  version: number,
  acting: ActingAs,
): Promise<BillingDocument> {
  return await db.transaction(async (tx) => {
    const quote = await lockQuote(tx, id, version);
    if (quote.status === "draft") throw new ConflictError("This quote is still a draft: edit it instead.");
    if (quote.status === "accepted" || quote.status === "converted") {
      throw new ConflictError(`Quote ${quote.number} is ${quote.status}: it can no longer be revised.`);
    }
    const family = await revisionsOf(tx, quote);
    const newer = family.find((r) => r.revision > quote.revision);
    if (newer) {
      throw new ConflictError(
        `Revision ${newer.revision} of this quote exists already${
          newer.number ? ` (${newer.number})` : ""
        }: ` +
          "revise that one.",
      );
    }
    const data = parseInput(draftInputSchema, { ...draftInputOf(quote), validUntil: null });
    const draft = await insertDraft(tx, "quote", data, acting, {
      revisionOf: quote.revisionOf ?? quote.id,
      revision: Math.max(...family.map((r) => r.revision)) + 1,
    });
    await recordAudit(tx, {
      ...acting,
      action: "quote.revised",
      entity: { type: "quote", id: quote.id },
      changes: { revision: { after: { id: draft.id, revision: draft.revision } } },
    });
    return draft;
  });
}

/** What a new draft copies from a document: client, currency, texts, discounts and every line. */
export function draftInputOf(doc: BillingDocument, options: { keepBookings?: boolean } = {}): DraftInput {
  return {
    clientId: doc.clientId,
    title: doc.title,
    currency: doc.currency,
    notes: doc.notes,
    terms: doc.terms,
    discountPercent: doc.discountPercent,
    discountAmount: doc.discountAmount,
    validUntil: doc.validUntil,
    lines: doc.lines.map((line) => ({
      description: line.description,
      detail: line.detail,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      discountAmount: line.discountAmount,
      taxRateIds: line.taxes.map((t) => t.id),
      serviceId: line.serviceId,
      bookingId: options.keepBookings === false ? null : line.bookingId,
      sessionDate: line.sessionDate,
      startsAt: line.startsAt,
      endsAt: line.endsAt,
    })),
  };
}

/** A quote, locked for the transaction, at the page's `version`; NotFoundError for other kinds. */
export async function lockQuote(tx: Tx, id: string, version?: number): Promise<BillingDocument> {
  await getDocument(tx, id, "quote");
  return await lockDocument(tx, id, version);
}

/** Every revision of the quote's family (the first revision and those made from it), oldest first. */
export async function revisionsOf(
  db: Db,
  quote: Pick<BillingDocument, "id" | "revisionOf">,
): Promise<{ id: string; revision: number; status: DocumentStatus; number: string | null }[]> {
  const first = quote.revisionOf ?? quote.id;
  return await db.select({
    id: billingDocuments.id,
    revision: billingDocuments.revision,
    status: billingDocuments.status,
    number: billingDocuments.number,
  }).from(billingDocuments)
    .where(and(
      eq(billingDocuments.kind, "quote"),
      or(eq(billingDocuments.id, first), eq(billingDocuments.revisionOf, first)),
    ))
    .orderBy(billingDocuments.revision);
}

/**
 * What a client can do with a quote, from its stored status, its family of revisions and the studio's
 * local date: only a sent quote that no later revision has superseded (a later one that was sent, not a
 * draft) and whose last valid day is not past is `open`. Null for a draft, which clients never see.
 */
export function quoteState(
  quote: Pick<BillingDocument, "status" | "revision" | "validUntil">,
  family: { revision: number; status: DocumentStatus }[],
  today: string,
): QuoteLinkState | null {
  switch (quote.status) {
    case "accepted":
    case "converted":
    case "declined":
    case "expired":
      return quote.status;
    case "sent":
      if (family.some((r) => r.revision > quote.revision && r.status !== "draft")) return "superseded";
      return quote.validUntil !== null && quote.validUntil < today ? "expired" : "open";
    default:
      // A draft has no link; an invoice status never appears on a quote.
      return null;
  }
}

async function linkState(db: Db, quote: BillingDocument, today: string): Promise<QuoteLinkState> {
  const family = quote.status === "sent" ? await revisionsOf(db, quote) : [];
  const state = quoteState(quote, family, today);
  if (!state) throw new NotFoundError("This link is not valid.");
  return state;
}

/** The quote a key opens: by its token's hash, or by id when it is the signed-in client's and was sent. */
async function findQuote(db: Db, key: QuoteKey): Promise<BillingDocument> {
  if (typeof key !== "string") {
    const quote = await getDocument(db, key.id, "quote").catch((err) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    // Another client's quote is "not found", never "forbidden", which would confirm that it exists.
    if (!quote || !belongsTo(quote, key)) throw new NotFoundError("No such quote.");
    return quote;
  }
  if (!TOKEN_SHAPE.test(key)) throw new NotFoundError("This link is not valid.");
  const [row] = await db.select({ id: billingDocuments.id }).from(billingDocuments)
    .where(
      and(eq(billingDocuments.publicTokenHash, quoteTokenHash(key)), eq(billingDocuments.kind, "quote")),
    );
  if (!row) throw new NotFoundError("This link is not valid.");
  return await getDocument(db, row.id, "quote");
}

function belongsTo(quote: BillingDocument, key: { clientId: string }): boolean {
  return quote.clientId === key.clientId && quote.status !== "draft";
}

/** The client's answer through their key, in one transaction once the quote is checked to be open. */
async function answer<T>(
  db: TenantDb,
  key: QuoteKey,
  now: Date,
  act: (tx: Tx, quote: BillingDocument) => Promise<T>,
): Promise<T> {
  return await db.transaction(async (tx) => {
    const found = await findQuote(tx, key);
    const quote = await lockDocument(tx, found.id);
    // A re-send between the read and the lock replaced the token: the old link is void.
    if (typeof key === "string" && quote.publicTokenHash !== quoteTokenHash(key)) {
      throw new NotFoundError("This link is not valid.");
    }
    if (typeof key !== "string" && !belongsTo(quote, key)) throw new NotFoundError("No such quote.");
    const issuer = await getIssuer(tx);
    const state = await linkState(tx, quote, localDateOf(now, issuer.timezone));
    if (state !== "open") throw new QuoteLinkClosed(state);
    return await act(tx, quote);
  });
}

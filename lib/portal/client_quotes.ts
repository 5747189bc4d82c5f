/**
 * The client's quotes in the portal (journey 10): every quote the studio sent them, newest first, with
 * what they can do with each now, and one quote to read and answer. Drafts were never sent and do not
 * exist for the client; another client's quote is "not found". The rules of what can be answered are
 * those of the e-mailed link (`quoteState` in lib/billing/quotes.ts).
 */
import { and, desc, eq, inArray, ne, or } from "drizzle-orm";
import { billingDocuments } from "../../db/schema/mod.ts";
import { localDateOf } from "../billing/issue.ts";
import {
  type QuoteLink,
  quoteLink,
  type QuoteLinkState,
  quoteState,
  revisionsOf,
} from "../billing/quotes.ts";
import { getIssuer } from "../billing/settings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";

/** The portal lists at most this many quotes (newest first); a client with more asks the studio. */
export const CLIENT_QUOTES_LIMIT = 100;

export interface ClientQuoteRow {
  id: string;
  number: string | null;
  title: string | null;
  revision: number;
  currency: string;
  total: number;
  issueDate: string | null;
  validUntil: string | null;
  state: QuoteLinkState;
}

/** The client's sent, accepted, declined, expired and superseded quotes, newest first. Two queries. */
export async function clientQuotes(
  db: TenantDb,
  clientId: string,
  now = new Date(),
): Promise<ClientQuoteRow[]> {
  const d = billingDocuments;
  const [issuer, rows] = await Promise.all([
    getIssuer(db),
    db.select({
      id: d.id,
      revisionOf: d.revisionOf,
      status: d.status,
      number: d.number,
      title: d.title,
      revision: d.revision,
      currency: d.currency,
      total: d.total,
      issueDate: d.issueDate,
      validUntil: d.validUntil,
    }).from(d)
      .where(and(eq(d.kind, "quote"), eq(d.clientId, clientId), ne(d.status, "draft")))
      .orderBy(desc(d.createdAt), desc(d.id))
      .limit(CLIENT_QUOTES_LIMIT),
  ]);
  if (rows.length === 0) return [];
  const today = localDateOf(now, issuer.timezone);
  const roots = [...new Set(rows.map((r) => r.revisionOf ?? r.id))];
  // Every revision of these families, whoever they were made for: a later one sent supersedes.
  const family = await db.select({
    id: d.id,
    revisionOf: d.revisionOf,
    revision: d.revision,
    status: d.status,
  })
    .from(d)
    .where(and(eq(d.kind, "quote"), or(inArray(d.id, roots), inArray(d.revisionOf, roots))));
  return rows.flatMap(({ revisionOf, status, ...row }) => {
    const root = revisionOf ?? row.id;
    const state = quoteState(
      { ...row, status },
      family.filter((r) => (r.revisionOf ?? r.id) === root),
      today,
    );
    return state ? [{ ...row, state }] : [];
  });
}

export interface ClientQuote extends QuoteLink {
  /** When this revision is superseded: the newest revision the studio sent since. */
  latest: { id: string; number: string | null; revision: number } | null;
}

/**
 * One quote of this client as the portal shows it, with what they can do with it now. NotFoundError
 * for a draft, another client's quote or any other id.
 */
export async function clientQuote(
  db: TenantDb,
  id: string,
  clientId: string,
  now = new Date(),
): Promise<ClientQuote> {
  const link = await quoteLink(db, { id, clientId }, now);
  if (link.state !== "superseded") return { ...link, latest: null };
  const sent = (await revisionsOf(db, link.quote)).filter((r) => r.status !== "draft");
  const newest = sent[sent.length - 1];
  return {
    ...link,
    latest: newest.id === link.quote.id
      ? null
      : { id: newest.id, number: newest.number, revision: newest.revision },
  };
}

import type { ActingAs } from "../audit/audit.ts";
import { createDraft } from "../billing/documents.ts";
import { reviseQuote, sendQuote } from "../billing/quotes.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { insertTaxRate } from "./billing_fixtures.ts";
import { capturingMailer } from "./capturing_mailer.ts";

export const STAFF: ActingAs = { actor: { type: "staff", id: "stf_1", label: "owner@example.com" } };

/**
 * A draft quote for `clientId` (who needs an e-mail to be sent it): 2 days of mixing at 450.00 + 20 %
 * VAT = 1,080.00.
 */
export async function draftTestQuote(db: TenantDb, clientId: string, title = "Album mix") {
  const vat = await insertTaxRate(db, { name: "VAT", rate: "20" });
  return await createDraft(db, "quote", {
    clientId,
    title,
    terms: "50% on acceptance.",
    lines: [{ description: "Mixing", quantity: "2", unit: "day", unitPrice: 45000, taxRateIds: [vat.id] }],
  }, STAFF);
}

/** A quote sent to `clientId` at `now` (valid 30 days from then, the studio's default), with its link's token. */
export async function sentTestQuote(
  db: TenantDb,
  clientId: string,
  options: { now?: Date; title?: string } = {},
) {
  const draft = await draftTestQuote(db, clientId, options.title);
  return await sendDraft(db, draft.id, draft.version, options.now);
}

/** Revision 2 of a sent quote, sent too: the first no longer takes an answer. */
export async function sentTestRevision(db: TenantDb, id: string, version: number, now?: Date) {
  const draft = await reviseQuote(db, id, version, STAFF);
  return await sendDraft(db, draft.id, draft.version, now);
}

async function sendDraft(db: TenantDb, id: string, version: number, now?: Date) {
  const { mailer } = capturingMailer();
  const base = "https://north.example.com";
  const { quote, link } = await sendQuote(db, id, version, STAFF, { now, mailer, baseUrl: base });
  return { quote, token: link.slice(`${base}/q/`.length) };
}

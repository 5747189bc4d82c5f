/** What a signed-in client sees first: their sessions, what they owe, and quotes waiting for them. */
import { balanceDue } from "../billing/balance.ts";
import { type DocumentListRow, listDocuments } from "../billing/document_list.ts";
import { clientBookings } from "../clients/client_bookings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { type ClientBookingView, clientBookingViews } from "./portal_booking.ts";

export interface ClientHome {
  upcoming: ClientBookingView[];
  past: ClientBookingView[];
  invoices: (DocumentListRow & { balance: number })[];
  quotes: DocumentListRow[];
}

export async function clientHome(db: TenantDb, clientId: string, now = new Date()): Promise<ClientHome> {
  const [bookings, invoices, quotes] = await Promise.all([
    clientBookings(db, clientId, { now, limit: 10 }),
    listDocuments(db, { kind: ["invoice", "deposit_invoice"], clientId, limit: 50 }),
    listDocuments(db, { kind: "quote", clientId, limit: 20 }),
  ]);
  // One batch for both lists; lapsed holds are not the client's sessions.
  const views =
    (await clientBookingViews(db, [...bookings.upcoming, ...bookings.past].map((b) => b.id), clientId, now))
      .filter((v) => v.state !== "expired");
  const upcoming = new Set(bookings.upcoming.map((b) => b.id));
  return {
    upcoming: views.filter((v) => upcoming.has(v.booking.id)),
    past: views.filter((v) => !upcoming.has(v.booking.id)),
    // A client never sees drafts: they were never sent.
    invoices: invoices.rows.filter((d) => d.status !== "draft")
      .map((d) => ({ ...d, balance: balanceDue(d) })),
    quotes: quotes.rows.filter((d) => d.status !== "draft"),
  };
}

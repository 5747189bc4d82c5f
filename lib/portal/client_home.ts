/** What a signed-in client sees first: their sessions, what they owe, and quotes waiting for them. */
import { balanceDue } from "../billing/balance.ts";
import { type DocumentListRow, listDocuments } from "../billing/document_list.ts";
import { clientBookings } from "../clients/client_bookings.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { type ClientBookingView, clientBookingView } from "./portal_booking.ts";

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
  const views = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => clientBookingView(db, id, clientId, now))))
      .filter((v): v is ClientBookingView => v !== null && v.state !== "expired");
  return {
    upcoming: await views(bookings.upcoming.map((b) => b.id)),
    past: await views(bookings.past.map((b) => b.id)),
    // A client never sees drafts: they were never sent.
    invoices: invoices.rows.filter((d) => d.status !== "draft")
      .map((d) => ({ ...d, balance: balanceDue(d) })),
    quotes: quotes.rows.filter((d) => d.status !== "draft"),
  };
}

/**
 * Invoicing completed sessions: one draft invoice for one client's completed bookings, priced by the
 * scheduling pricing engine, with room, engineer and gear lines grouped per session and per day
 * (docs/BILLING.md, "Invoicing sessions"). A booking is invoiced once: `invoiced_bookings` holds it
 * until the invoice's draft is deleted or a credit note cancels the whole invoice.
 */
import { and, asc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import {
  billingDocuments,
  bookingBlocks,
  bookings,
  clients,
  engineerReservations,
  engineers,
  gear,
  gearReservations,
  invoicedBookings,
  rooms,
  taxRates,
} from "../../db/schema/mod.ts";
import type { ActingAs } from "../audit/audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { formatQuantity } from "../scheduling/pricing_amount.ts";
import { priceBooking, type PricingEngineer, type PricingGear } from "../scheduling/pricing.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { parseInput } from "../validation.ts";
import { type LineInput, MAX_LINES } from "./document_input.ts";
import { draftInputSchema } from "./document_input.ts";
import { type BillingDocument, insertDraft, type Tx } from "./documents.ts";
import { getIssuer } from "./settings.ts";

export interface InvoiceFromBookingsInput {
  clientId: string;
  bookingIds: string[];
}

/**
 * Makes one draft invoice from completed bookings of one client, in the studio's currency (the
 * currency its rates are in), with the studio's default taxes on every line. Refuses bookings that
 * are not completed, belong to another client or are already on an invoice; the bookings are marked
 * invoiced in the same transaction.
 *
 * @example
 * const invoice = await invoiceFromBookings(db, { clientId, bookingIds: [booking.id] }, actingAs(ctx));
 */
export async function invoiceFromBookings(
  db: TenantDb,
  input: InvoiceFromBookingsInput,
  acting: ActingAs,
): Promise<BillingDocument> {
  const ids = [...new Set(input.bookingIds)];
  if (ids.length === 0) throw new ValidationError({ bookingIds: "Choose at least one completed session." });
  return await db.transaction(async (tx) => {
    // Locking the bookings queues a concurrent invoicing of the same sessions behind this one.
    const rows = await tx.select().from(bookings).where(inArray(bookings.id, ids))
      .orderBy(asc(bookings.id)).for("update");
    if (rows.length !== ids.length) {
      throw new ValidationError({ bookingIds: "Choose sessions of the studio." });
    }
    for (const row of rows) {
      if (row.clientId !== input.clientId) {
        throw new ValidationError({ bookingIds: `The session “${row.title}” is not this client's.` });
      }
      if (row.status !== "completed") {
        throw new ValidationError({
          bookingIds: `The session “${row.title}” is ${
            row.status.replace("_", " ")
          }: only completed sessions are invoiced.`,
        });
      }
    }
    const already = await tx.select({
      bookingId: invoicedBookings.bookingId,
      number: billingDocuments.number,
    })
      .from(invoicedBookings).innerJoin(
        billingDocuments,
        eq(billingDocuments.id, invoicedBookings.documentId),
      )
      .where(inArray(invoicedBookings.bookingId, ids));
    if (already.length > 0) {
      const titles = already.map((a) => rows.find((r) => r.id === a.bookingId)!.title);
      throw new ConflictError(
        `Already invoiced: ${titles.map((t) => `“${t}”`).join(", ")} (${
          already.map((a) => a.number ?? "a draft invoice").join(", ")
        }).`,
        already.map((a) => ({ bookingId: a.bookingId, number: a.number })),
      );
    }

    const issuer = await getIssuer(tx);
    const taxRateIds = await liveTaxRates(tx, issuer.settings.defaultTaxRateIds);
    const sessions = await pricedSessions(tx, ids, issuer.baseCurrency, issuer.timezone);
    const detailOf = sessionDetailFormat(issuer.locale, issuer.timezone);
    const lines: LineInput[] = sessions.flatMap((session) =>
      session.priced.lines.map((line) => ({
        description: line.description,
        detail: `${session.title} — ${detailOf(line.start, line.end)}`,
        quantity: formatQuantity(line.quantityThousandths),
        unit: line.unit,
        unitPrice: line.unitPrice,
        taxRateIds,
        bookingId: session.id,
        sessionDate: line.date,
        startsAt: new Date(line.start),
        endsAt: new Date(line.end),
      }))
    );
    if (lines.length > MAX_LINES) {
      throw new ValidationError({
        bookingIds: `These sessions make more than ${MAX_LINES} lines: invoice fewer.`,
      });
    }
    const data = parseInput(draftInputSchema, {
      clientId: input.clientId,
      currency: issuer.baseCurrency,
      title: sessions.length === 1 ? sessions[0].title : `${sessions.length} sessions`,
      lines,
    });
    const invoice = await insertDraft(tx, "invoice", data, acting);
    await tx.insert(invoicedBookings).values(ids.map((bookingId) => ({ bookingId, documentId: invoice.id })));
    return invoice;
  });
}

/** The default tax rates that still exist and are not archived, in the settings' order. */
async function liveTaxRates(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const live = await tx.select({ id: taxRates.id }).from(taxRates)
    .where(and(inArray(taxRates.id, ids), isNull(taxRates.archivedAt)));
  const liveIds = new Set(live.map((r) => r.id));
  return ids.filter((id) => liveIds.has(id));
}

/** Each booking priced from its room, the engineers and gear of each block, sessions in time order. */
async function pricedSessions(tx: Tx, ids: string[], currency: string, zone: string) {
  const [rows, blocks, engineerRows, gearRows] = await Promise.all([
    tx.select({ booking: bookings, room: rooms }).from(bookings).innerJoin(
      rooms,
      eq(rooms.id, bookings.roomId),
    )
      .where(inArray(bookings.id, ids)),
    tx.select().from(bookingBlocks).where(inArray(bookingBlocks.bookingId, ids))
      .orderBy(asc(bookingBlocks.startsAt)),
    tx.select({ blockId: engineerReservations.blockId, engineer: engineers }).from(engineerReservations)
      .innerJoin(engineers, eq(engineers.id, engineerReservations.engineerId))
      .where(inArray(engineerReservations.bookingId, ids)),
    tx.select({ blockId: gearReservations.blockId, quantity: gearReservations.quantity, item: gear })
      .from(gearReservations).innerJoin(gear, eq(gear.id, gearReservations.gearId))
      .where(inArray(gearReservations.bookingId, ids)),
  ]);
  const sessions = rows.map(({ booking, room }) => {
    const own = blocks.filter((b) => b.bookingId === booking.id);
    const indexOf = new Map(own.map((b, i) => [b.id, i]));
    const engineerList = new Map<string, PricingEngineer>();
    for (const { blockId, engineer } of engineerRows) {
      const index = indexOf.get(blockId);
      if (index === undefined) continue;
      const entry = engineerList.get(engineer.id) ?? {
        id: engineer.id,
        name: engineer.name,
        hourlyRate: engineer.hourlyRate,
        dayRate: engineer.dayRate,
        dayMinutes: engineer.dayMinutes,
        blocks: [],
      };
      entry.blocks!.push(index);
      engineerList.set(engineer.id, entry);
    }
    // The same gear may be taken in different numbers on different days: one entry per number.
    const gearList = new Map<string, PricingGear>();
    for (const { blockId, quantity, item } of gearRows) {
      const index = indexOf.get(blockId);
      if (index === undefined) continue;
      const key = `${item.id}:${quantity}`;
      const entry = gearList.get(key) ??
        { id: item.id, name: item.name, quantity, fee: item.fee, per: item.feePer, blocks: [] };
      entry.blocks!.push(index);
      gearList.set(key, entry);
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const priced = priceBooking({
      currency,
      zone,
      blocks: own.map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
      room: {
        id: room.id,
        name: room.name,
        hourlyRate: room.hourlyRate,
        halfDayRate: room.halfDayRate,
        halfDayMinutes: room.halfDayMinutes,
        dayRate: room.dayRate,
        dayMinutes: room.dayMinutes,
        nightRate: room.nightRate,
        nightStart: room.nightStart,
        nightEnd: room.nightEnd,
        minimumMinutes: room.minimumMinutes,
      },
      engineers: [...engineerList.values()].sort(byName),
      gear: [...gearList.values()].sort(byName),
    });
    return { id: booking.id, title: booking.title, firstStart: own[0]?.startsAt.getTime() ?? 0, priced };
  });
  return sessions.sort((a, b) => a.firstStart - b.firstStart || a.id.localeCompare(b.id));
}

/**
 * A block's day and times as an invoice line prints them, on the studio's wall clock:
 * "Mon 3 Nov 2026, 10:00–14:00" (English), "lun. 3 nov. 2026, 10:00–14:00" (French).
 */
export function sessionDetailFormat(locale: string, zone: string): (start: number, end: number) => string {
  const day = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: zone,
  });
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone,
  });
  const dayText = (at: number) => {
    const parts = Object.fromEntries(day.formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  };
  return (start, end) => {
    const endDay = dayText(end) === dayText(start) ? "" : `${dayText(end)} `;
    return `${dayText(start)}, ${time.format(start)}–${endDay}${time.format(end)}`;
  };
}

/** A completed session of a client that no invoice bills yet. */
export interface UninvoicedSession {
  id: string;
  title: string;
  roomName: string;
  startsAt: Date;
  endsAt: Date;
}

/** A client's completed sessions not yet on an invoice, oldest first: what "Invoice sessions" offers. */
export async function uninvoicedSessions(db: TenantDb, clientId: string): Promise<UninvoicedSession[]> {
  const rows = await db.select({
    id: bookings.id,
    title: bookings.title,
    roomName: rooms.name,
    startsAt: sql<string>`min(${bookingBlocks.startsAt})`,
    endsAt: sql<string>`max(${bookingBlocks.endsAt})`,
  }).from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(bookingBlocks, eq(bookingBlocks.bookingId, bookings.id))
    .where(and(
      eq(bookings.clientId, clientId),
      eq(bookings.status, "completed"),
      notExists(
        db.select({ one: sql`1` }).from(invoicedBookings).where(eq(invoicedBookings.bookingId, bookings.id)),
      ),
    ))
    .groupBy(bookings.id, rooms.name)
    .orderBy(sql`min(${bookingBlocks.startsAt})`);
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

/** Clients with at least one completed session not yet invoiced, by name, with how many. */
export async function clientsWithUninvoicedSessions(
  db: TenantDb,
): Promise<{ id: string; name: string; sessions: number }[]> {
  return await db.select({ id: clients.id, name: clients.name, sessions: sql<number>`count(*)::int` })
    .from(bookings).innerJoin(clients, eq(clients.id, bookings.clientId))
    .where(and(
      eq(bookings.status, "completed"),
      notExists(
        db.select({ one: sql`1` }).from(invoicedBookings).where(eq(invoicedBookings.bookingId, bookings.id)),
      ),
    ))
    .groupBy(clients.id, clients.name).orderBy(asc(clients.name));
}

/**
 * Telling a client about their session. Call it AFTER the write has committed, never inside its
 * transaction: a mail cannot be rolled back, and a slow relay must not hold row locks.
 *
 * ```ts
 * const booking = await createBooking(db, draft, acting, options);
 * await notifyBooking(mailer, db, booking.id, booking.status === "hold" ? "received" : "confirmed");
 * await notifyBooking(mailer, db, id, "changed", { previous: before });
 * await notifyBooking(mailer, db, id, "cancelled", { outcome: "Your deposit of €50.00 is refunded." });
 * ```
 */
import { getIssuer } from "../billing/settings.ts";
import { NotFoundError } from "../errors.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import { type BookingDetail, bookingDetails } from "../scheduling/booking_reads.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { bookingMail, type BookingNoticeKind } from "./booking_mail.ts";
import { sendLogged } from "./delivery_log.ts";
import { recipientOf } from "./recipient.ts";

export type { BookingNoticeKind };

export interface BookingNoticeExtra {
  /** The booking as it was before a change (changed): its room and blocks are shown as "before". */
  previous?: Pick<BookingDetail, "room" | "blocks">;
  /** A sentence of the caller's (cancelled): what happens to the deposit, a fee. */
  outcome?: string;
  /** The client's page for the booking (the portal's), shown as a button. */
  link?: string;
  /** Who made the change (changed): "client" when they moved it in the portal; the studio otherwise. */
  changedBy?: "client" | "studio";
}

/**
 * E-mails the client of a booking — or of several occurrences of one series, in one message — about
 * it. Resolves true when a message went to the relay, false when there is no one to write to (no
 * client, or a client without an e-mail address); rejects when the relay refuses it. Either way the
 * booking's delivery log (delivery_log.ts) says so.
 */
export async function notifyBooking(
  mailer: Mailer,
  db: TenantDb,
  bookingId: string | readonly string[],
  kind: BookingNoticeKind,
  extra: BookingNoticeExtra = {},
): Promise<boolean> {
  const ids = [bookingId].flat();
  const details = await bookingDetails(db, ids);
  if (details.length !== ids.length) throw new NotFoundError("No such session.");
  const message = await bookingNotice(db, details, kind, extra);
  if (!message) return false;
  await sendLogged(mailer, db, ids, kind, message);
  return true;
}

/** The message about `details` (one booking or a series' occurrences, same client), or null without a recipient. */
export async function bookingNotice(
  db: TenantDb,
  details: readonly BookingDetail[],
  kind: BookingNoticeKind,
  extra: BookingNoticeExtra = {},
): Promise<MailMessage | null> {
  const [first] = details;
  if (!first) return null;
  const issuer = await getIssuer(db);
  const recipient = await recipientOf(db, first.client?.id, issuer.locale);
  if (!recipient) return null;
  return bookingMail(recipient.locale, kind, {
    to: recipient.email,
    name: recipient.name,
    studio: issuer.name,
    timeZone: issuer.timezone,
    title: first.title,
    rooms: [...new Set(details.map((d) => d.room.name))],
    blocks: details.flatMap((d) => d.blocks),
    holdExpiresAt: first.status === "hold" ? first.holdExpiresAt : null,
    previous: extra.previous && { rooms: [extra.previous.room.name], blocks: extra.previous.blocks },
    outcome: extra.outcome,
    link: extra.link,
    changedBy: extra.changedBy,
  });
}

import { log } from "../http/logger.ts";
import type { Mailer } from "../mail/mailer.ts";
import { notifyPayment } from "../notifications/billing_notices.ts";
import { notifyBooking } from "../notifications/booking_notices.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { EventNotice, NoticeSender } from "./events.ts";

/**
 * Sends the client what a processed Stripe event calls for: a receipt for money received, and for a
 * deposit, that the session is confirmed. The event has committed by then, so a refused mail is
 * logged, never a reason for Stripe to deliver the event again.
 */
export function eventNoticeSender(mailer: Mailer, db: TenantDb): NoticeSender {
  return async (notices: EventNotice[]) => {
    for (const notice of notices) {
      try {
        if (notice.kind === "payment_received") await notifyPayment(mailer, db, notice.paymentId);
        else await notifyBooking(mailer, db, notice.bookingId, "confirmed");
      } catch (error) {
        log.error("stripe event notice failed", { notice, error });
      }
    }
  };
}

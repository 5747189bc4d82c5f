/**
 * Which e-mails a booking's client was sent, and which the relay refused: the per-booking delivery
 * log staff read on the session page. Entries are audit rows (`notification.sent` /
 * `notification.failed`, entity the booking, by the system), written after the mail was handed over
 * or refused — never inside the booking's own transaction, since a mail cannot be rolled back.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditLog } from "../../db/schema/mod.ts";
import { recordAudits } from "../audit/audit.ts";
import type { Mailer, MailMessage } from "../mail/mailer.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import type { BookingNoticeKind } from "./booking_mail.ts";

const SENT = "notification.sent";
const FAILED = "notification.failed";

export interface Delivery {
  at: Date;
  kind: BookingNoticeKind;
  to: string;
  sent: boolean;
  /** The relay's refusal, when it refused. */
  error: string | null;
}

/** Sends `message` about the bookings and logs the outcome on each; a refusal is logged, then rethrown. */
export async function sendLogged(
  mailer: Mailer,
  db: TenantDb,
  bookingIds: readonly string[],
  kind: BookingNoticeKind,
  message: MailMessage,
): Promise<void> {
  const log = (action: string, error?: string) =>
    recordAudits(
      db,
      bookingIds.map((id) => ({
        actor: { type: "system" as const },
        action,
        entity: { type: "booking", id },
        changes: {
          kind: { after: kind },
          to: { after: message.to },
          ...(error ? { error: { after: error.slice(0, 500) } } : {}),
        },
      })),
    );
  try {
    await mailer.send(message);
  } catch (error) {
    await log(FAILED, error instanceof Error ? error.message : String(error));
    throw error;
  }
  await log(SENT);
}

/** The booking's deliveries, newest first. */
export async function deliveryLog(db: Pick<TenantDb, "select">, bookingId: string): Promise<Delivery[]> {
  const rows = await db.select({ at: auditLog.at, action: auditLog.action, changes: auditLog.changes })
    .from(auditLog)
    .where(and(
      eq(auditLog.entityType, "booking"),
      eq(auditLog.entityId, bookingId),
      inArray(auditLog.action, [SENT, FAILED]),
    ))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(100);
  return rows.map((row) => {
    const after = (field: string) => String(row.changes?.[field]?.after ?? "");
    return {
      at: row.at,
      kind: after("kind") as BookingNoticeKind,
      to: after("to"),
      sent: row.action === SENT,
      error: row.action === FAILED ? after("error") : null,
    };
  });
}

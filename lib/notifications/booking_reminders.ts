/**
 * The reminder a client gets before a session (24 hours by default; the studio sets the lead time in
 * its portal settings, 1 to 336 hours). An hourly cron enqueues one message per active studio (with
 * the hour it fired for); the shared queue listener (lib/jobs/jobs.ts) mails the clients of that
 * studio's confirmed sessions starting between lead and lead + 1 hour later. Each session start is claimed in
 * KV before its mail goes out (lib/kv/booking_reminders.ts), so a retried message, a second process
 * or an overlapping run never mails twice; a session moved to a new time is reminded again, and a
 * cancelled or moved one is never reminded of its old time, since the sweep reads the bookings as
 * they are when it runs.
 *
 * Key shape: claims in lib/kv/booking_reminders.ts; queue messages are
 * `{ type: "booking.reminders", tenantId, at }` (`at`: the ISO instant the sweep is for).
 */
import { and, eq, gte, lt } from "drizzle-orm";
import { bookingBlocks, bookings } from "../../db/schema/mod.ts";
import { log } from "../http/logger.ts";
import type { Job, JobMessage } from "../jobs/jobs.ts";
import { claimReminder, releaseReminder } from "../kv/booking_reminders.ts";
import { getTenant, listTenants } from "../kv/tenants.ts";
import type { Mailer } from "../mail/mailer.ts";
import { getPortalSettings } from "../portal/portal_settings.ts";
import { bookingDetails } from "../scheduling/booking_reads.ts";
import type { Tenancy } from "../tenancy/tenancy.ts";
import type { TenantDb } from "../tenancy/tenant_db.ts";
import { bookingNotice } from "./booking_notices.ts";
import { sendLogged } from "./delivery_log.ts";

const HOUR_MS = 60 * 60 * 1000;
/** The width of one sweep's window. */
export const REMINDER_WINDOW_MS = 60 * 60 * 1000;
/** Every hour on the hour: consecutive windows tile the day. */
export const REMINDER_CRON = "0 * * * *";

export interface ReminderMessage {
  type: "booking.reminders";
  tenantId: string;
  /** ISO instant the sweep is for; a retry delivered later still looks at the same window. */
  at: string;
}

export interface ReminderDeps {
  kv: Deno.Kv;
  tenancy: Tenancy;
  mailer: Mailer;
}

/**
 * Confirmed sessions' blocks starting in [now + lead, now + lead + 1 h): the booking and the block's
 * start. A lead time changed by the studio applies from the next sweep: sessions already past the
 * new window when it grows are not reminded, and none is reminded twice when it shrinks (claims).
 */
export async function dueReminders(db: TenantDb, now: Date): Promise<{ bookingId: string; start: Date }[]> {
  const { reminderLeadHours } = await getPortalSettings(db);
  const from = new Date(now.getTime() + reminderLeadHours * HOUR_MS);
  const to = new Date(from.getTime() + REMINDER_WINDOW_MS);
  const rows = await db.select({ bookingId: bookingBlocks.bookingId, start: bookingBlocks.startsAt })
    .from(bookingBlocks).innerJoin(bookings, eq(bookings.id, bookingBlocks.bookingId))
    .where(
      and(
        eq(bookings.status, "confirmed"),
        gte(bookingBlocks.startsAt, from),
        lt(bookingBlocks.startsAt, to),
      ),
    )
    .orderBy(bookingBlocks.startsAt);
  return rows;
}

/**
 * Mails every reminder due at `now` in one studio that no run has claimed yet; returns how many
 * went out. A mail the relay refuses is released and, once the others are sent, the error is
 * thrown so that the queue retries the message.
 */
export async function sendDueReminders(
  kv: Deno.Kv,
  mailer: Mailer,
  tenantId: string,
  db: TenantDb,
  now: Date,
): Promise<number> {
  const due = await dueReminders(db, now);
  const details = new Map(
    (await bookingDetails(db, [...new Set(due.map((d) => d.bookingId))])).map((d) => [d.id, d]),
  );
  let sent = 0;
  let failure: unknown;
  for (const { bookingId, start } of due) {
    const detail = details.get(bookingId);
    if (!detail) continue;
    // The reminder is about the block that starts next, not every day of a longer booking.
    const blocks = detail.blocks.filter((b) => b.start.getTime() === start.getTime());
    const message = await bookingNotice(db, [{ ...detail, blocks }], "reminder");
    if (!message) continue;
    if (!await claimReminder(kv, tenantId, bookingId, start, now)) continue;
    try {
      await sendLogged(mailer, db, [bookingId], "reminder", message);
      sent++;
    } catch (error) {
      await releaseReminder(kv, tenantId, bookingId, start);
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return sent;
}

/** Enqueues one sweep per active studio for the hour `now` falls in; returns how many. */
export async function enqueueReminderSweeps(kv: Deno.Kv, now = new Date()): Promise<number> {
  // On the hour exactly, so that a cron firing a little late still tiles the windows.
  const at = new Date(Math.floor(now.getTime() / REMINDER_WINDOW_MS) * REMINDER_WINDOW_MS).toISOString();
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await listTenants(kv, { status: "active", limit: 1000, cursor });
    for (const tenant of page.tenants) {
      await kv.enqueue(
        { type: "booking.reminders", tenantId: tenant.id, at } satisfies ReminderMessage,
      );
      count++;
    }
    cursor = page.cursor;
  } while (cursor);
  return count;
}

export function isReminderMessage(message: JobMessage): message is ReminderMessage {
  const m = message as ReminderMessage;
  return m.type === "booking.reminders" && typeof m.tenantId === "string" && typeof m.at === "string" &&
    !Number.isNaN(Date.parse(m.at));
}

/** Runs one studio's sweep; a studio no longer active is skipped. */
export async function handleReminderMessage(deps: ReminderDeps, message: ReminderMessage): Promise<number> {
  const tenant = await getTenant(deps.kv, message.tenantId);
  if (!tenant || tenant.status !== "active") return 0;
  const sent = await deps.tenancy.pool.use(
    tenant.database,
    (db) => sendDueReminders(deps.kv, deps.mailer, tenant.id, db, new Date(message.at)),
  );
  if (sent > 0) log.info("session reminders sent", { tenant: tenant.slug, sent });
  return sent;
}

/** The hourly reminder sweep as a background job (lib/jobs/jobs.ts). */
export function bookingRemindersJob(deps: ReminderDeps): Job<ReminderMessage> {
  return {
    type: "booking.reminders",
    accepts: isReminderMessage,
    handle: async (message) => {
      await handleReminderMessage(deps, message);
    },
    cron: {
      name: "session reminders",
      schedule: REMINDER_CRON,
      run: async () => {
        const count = await enqueueReminderSweeps(deps.kv);
        log.debug("session reminder sweeps queued", { studios: count });
      },
    },
  };
}

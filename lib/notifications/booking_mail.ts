/**
 * The e-mails a client gets about a session: received (a request or hold not confirmed yet),
 * confirmed, changed (before → now), cancelled (with the caller's outcome sentence: refund, fee) and
 * the reminder the day before. Times are on the studio's clock with its zone named.
 */
import { createTranslator, type Locale } from "../i18n/mod.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { clientMail, type MailBlock } from "./client_mail.tsx";
import { sessionTimes, zonedInstant } from "./session_times.ts";

export type BookingNoticeKind = "received" | "confirmed" | "changed" | "cancelled" | "reminder";
export const BOOKING_NOTICE_KINDS: readonly BookingNoticeKind[] = [
  "received",
  "confirmed",
  "changed",
  "cancelled",
  "reminder",
];

/** Where and when a session takes place: its room(s) and time blocks. */
export interface SessionPlace {
  rooms: string[];
  blocks: { start: Date; end: Date }[];
}

export interface BookingMailInput extends SessionPlace {
  to: string;
  name: string;
  studio: string;
  /** The studio's IANA zone: every time is shown on its clock. */
  timeZone: string;
  title: string;
  /** A hold lapses then (received). */
  holdExpiresAt?: Date | null;
  /** Where and when it was before a change (changed); without it the mail gives the new times only. */
  previous?: SessionPlace;
  /** A sentence the caller words, e.g. what happens to the deposit (cancelled). */
  outcome?: string;
  /** The client's page for the booking, when there is one (the portal). */
  link?: string;
  /** Who made the change (changed): the client themselves (the portal) or the studio (default). */
  changedBy?: "client" | "studio";
}

export function bookingMail(locale: Locale, kind: BookingNoticeKind, input: BookingMailInput): MailMessage {
  const { t } = createTranslator(locale);
  const params = { studio: input.studio, title: input.title };
  const place = (p: SessionPlace, label: string): MailBlock[] => [
    { label, items: sessionTimes(p.blocks, input.timeZone, locale) },
    t("notify.booking.room", { room: p.rooms.join(", ") }),
  ];
  // A client who moved their own session reads "You moved…", not "{studio} changed…".
  const byClient = kind === "changed" && input.changedBy === "client";
  const body: MailBlock[] = [
    byClient ? t("portal_reschedule.mail.intro", params) : t(`notify.booking.${kind}.intro`, params),
  ];
  if (kind === "changed" && input.previous) {
    body.push(...place(input.previous, t("notify.booking.changed.before")));
    body.push(...place(input, t("notify.booking.changed.after")));
  } else {
    body.push(...place(input, t("notify.booking.when")));
  }
  if (kind === "received" && input.holdExpiresAt) {
    body.push(t("notify.booking.received.hold", {
      time: zonedInstant(input.holdExpiresAt, input.timeZone, locale),
    }));
  }
  if (kind === "cancelled" && input.outcome) body.push(input.outcome);
  return clientMail(locale, {
    to: input.to,
    name: input.name,
    studio: input.studio,
    subject: byClient
      ? t("portal_reschedule.mail.subject", params)
      : t(`notify.booking.${kind}.subject`, params),
    body,
    action: input.link ? { label: t("notify.booking.action"), link: input.link } : undefined,
    outro: kind === "cancelled" ? undefined : t("notify.booking.outro", params),
  });
}

/**
 * The "E-mail the client" checkbox on staff forms (sessions, invoices): what it is called, what its
 * default is, and sending once the form's write has committed. A relay that refuses the mail is
 * logged, not shown as an error page: the change itself is saved.
 *
 * ```ts
 * const booking = await createBooking(studio.db, draft, actingAs(ctx), options);
 * await notifyFromForm(ctx, form, (mailer) => notifyBooking(mailer, studio.db, booking.id, "confirmed"));
 * ```
 */
import type { Ctx } from "../http/define.ts";
import { depsOf } from "../http/deps.ts";
import { log } from "../http/logger.ts";
import { studioOrigin } from "../http/studio_origin.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { BookingNoticeKind } from "./booking_mail.ts";

/** The checkbox's field name in every staff form that can e-mail the client. */
export const NOTIFY_FIELD = "notifyClient";

/** Whether the posted form asks for the client to be e-mailed. */
export function wantsNotice(form: FormData): boolean {
  return form.has(NOTIFY_FIELD);
}

/**
 * Sends `notice` when the form's box was ticked; resolves whether a mail went out. Call it after
 * the write returned, i.e. after its transaction committed.
 */
export async function notifyFromForm<Data>(
  ctx: Ctx<Data>,
  form: FormData,
  notice: (mailer: Mailer) => Promise<boolean>,
): Promise<boolean> {
  if (!wantsNotice(form)) return false;
  const { mailer } = depsOf(ctx);
  try {
    return await notice(mailer);
  } catch (error) {
    log.error("e-mailing the client failed", { path: ctx.url.pathname, mailer: mailer.kind, error });
    return false;
  }
}

/** An absolute link to `path` (e.g. "/portal/invoices/<id>") on the studio's address the staff member is using. */
export function studioLink<Data>(ctx: Ctx<Data>, path: string): string {
  return `${studioOrigin(ctx.url, depsOf(ctx).config)}${ctx.state.studio!.base}${path}`;
}

/** The notice a session action on the session page sends, if any. */
export function noticeForAction(action: string): BookingNoticeKind | undefined {
  return ({ confirm: "confirmed", cancel: "cancelled", cancel_series: "cancelled" } as const)[
    action as "confirm" | "cancel" | "cancel_series"
  ];
}

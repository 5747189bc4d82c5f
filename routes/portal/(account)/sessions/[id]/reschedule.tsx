import { Button } from "@/components/Button.tsx";
import { SlotPicker } from "@/components/SlotPicker.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { localizedFieldErrors } from "@/lib/clients/client_input.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { log } from "@/lib/http/logger.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { studioOrigin } from "@/lib/http/studio_origin.ts";
import { formatDate, formatMoney, formatTime, type Locale } from "@/lib/i18n/mod.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import { chosenDay, type MonthAvailability, monthAvailability } from "@/lib/portal/month_availability.ts";
import { clientBookingView } from "@/lib/portal/portal_booking.ts";
import {
  previewReschedule,
  rescheduleOnline,
  type ReschedulePreview,
  RescheduleRefused,
} from "@/lib/portal/reschedule.ts";

export const access: Access = "client";

const CANCEL_OUTCOME = {
  full_refund: "portal.cancel.outcome.full_refund",
  deposit_kept: "portal.cancel.outcome.deposit_kept",
  full_charge: "portal.cancel.outcome.full_charge",
} as const;

type Data =
  /** The session exists but cannot be moved online at all. */
  | { step: "unavailable" }
  /** It could move, but not with its deposit: what to do instead. */
  | { step: "refused"; preview: ReschedulePreview }
  | { step: "pick"; preview: ReschedulePreview; month: MonthAvailability; day: string | null }
  | { step: "confirm"; preview: ReschedulePreview; start: Date }
  /** The chosen time was taken (or is not offered) when the client confirmed. */
  | { step: "taken"; preview: ReschedulePreview | null; message?: string };

async function previewOf(ctx: Ctx, now: Date): Promise<ReschedulePreview | null> {
  const studio = requireStudio(ctx);
  const client = requireClient(ctx);
  // Another client's session, or none, is "not found"; one of theirs that cannot move says so.
  const view = await clientBookingView(studio.db, ctx.params.id, client.clientId, now);
  if (!view) throw new NotFoundError("No such session.");
  return await previewReschedule(studio.db, client.clientId, view.booking.id, now);
}

function startParam(text: string | null): Date | null {
  if (!text) return null;
  const start = new Date(text);
  return Number.isNaN(start.getTime()) ? null : start;
}

/**
 * Moving a session to another time (issue 7): the page first says whether the deposit moves with it
 * under the terms it was booked with; then a month of free times for the same length (its own time
 * counting as free), a confirm step that states the outcome again, and the move itself. When the
 * deposit cannot move, the page says what cancelling costs and links to cancelling and booking anew.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const now = new Date();
    const preview = await previewOf(ctx, now);
    if (!preview) return ctx.render({ step: "unavailable" });
    if (!preview.result.keepsDeposit) return ctx.render({ step: "refused", preview });
    const start = startParam(ctx.url.searchParams.get("start"));
    if (start && start.getTime() !== preview.view.start.getTime()) {
      return ctx.render({ step: "confirm", preview, start });
    }
    const { settings, timezone } = ctx.state.portal!.brand;
    const month = await monthAvailability(studio.db, preview.offer, {
      month: ctx.url.searchParams.get("month"),
      minutes: preview.minutes,
      now,
      timeZone: timezone,
      minNoticeHours: settings.minNoticeHours,
      horizonDays: settings.horizonDays,
      excludeBookingId: preview.view.booking.id,
    });
    // Its own time is free for it, but is no move.
    const current = preview.view.start.getTime();
    month.days = month.days.map((d) => ({
      ...d,
      slots: d.slots.filter((s) => s.start.getTime() !== current),
    }));
    return ctx.render({
      step: "pick",
      preview,
      month,
      day: chosenDay(month, ctx.url.searchParams.get("day")),
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const now = new Date();
    const body = await readForm(ctx.req);
    const start = startParam(String(body.get("start") ?? "")) ?? new Date(Number.NaN);
    const acting = { actor: { type: "client" as const, id: client.clientId, label: client.email } };
    try {
      const moved = await rescheduleOnline(studio.db, client.clientId, ctx.params.id, start, acting, now);
      const { config, mailer } = depsOf(ctx);
      const page = `${studio.base}/portal/sessions/${moved.bookingId}`;
      await notifyBooking(mailer, studio.db, moved.bookingId, "changed", {
        previous: moved.previous,
        link: `${studioOrigin(ctx.url, config)}${page}`,
        changedBy: "client",
      }).catch((error) => log.error("reschedule e-mail failed", { error }));
      return ctx.redirect(`${page}?rescheduled=1`, 303);
    } catch (err) {
      if (err instanceof RescheduleRefused) {
        const preview = await previewOf(ctx, now);
        return ctx.render(preview ? { step: "refused", preview } : { step: "unavailable" }, { status: 409 });
      }
      if (err instanceof ValidationError) {
        return ctx.render({
          step: "taken",
          preview: await previewOf(ctx, now),
          message: Object.values(localizedFieldErrors(err, ctx.state.t))[0],
        }, { status: 422 });
      }
      if (err instanceof ConflictError) {
        const preview = await previewOf(ctx, now);
        return ctx.render(preview ? { step: "taken", preview } : { step: "unavailable" }, { status: 409 });
      }
      throw err;
    }
  },
});

function when(start: Date, end: Date, zone: string, locale: Locale) {
  return `${formatDate(start, zone, locale, "full")}, ${formatTime(start, zone, locale)}–${
    formatTime(end, zone, locale)
  }`;
}

export default define.page<typeof handler>(({ data, state, params }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const zone = state.portal!.brand.timezone;
  const session = `${base}/portal/sessions/${encodeURIComponent(params.id)}`;
  const here = `${session}/reschedule`;
  const back = (
    <p class="text-sm">
      <a class="underline" href={session}>{t("portal_reschedule.back")}</a>
    </p>
  );
  if (data.step === "unavailable") {
    return (
      <>
        {back}
        <h1 class="mt-2 text-2xl font-semibold">{t("portal_reschedule.title")}</h1>
        <p class="mt-4 rounded-lg border border-line bg-white p-4" role="status">
          {t("portal_reschedule.unavailable")}
        </p>
      </>
    );
  }
  const { preview } = data;
  const money = (amount: number) =>
    formatMoney(amount, preview?.terms.currency ?? state.portal!.brand.currency, locale);
  const heading = preview && (
    <>
      <h1 class="mt-2 text-2xl font-semibold">{t("portal_reschedule.title")}</h1>
      <p class="mt-1 text-neutral-700">
        {preview.view.booking.title} · {formatDuration(preview.minutes, t)}
      </p>
      <p class="mt-1" data-testid="now-booked">
        {t("portal_reschedule.now_booked", {
          when: when(preview.view.start, preview.view.end, zone, locale),
        })}
      </p>
    </>
  );
  const outcome = preview && (
    <div class="mt-4 rounded-lg border border-line bg-white p-4" data-testid="reschedule-outcome">
      <p>
        {preview.terms.deposit > 0
          ? t("portal_reschedule.keeps_deposit", { amount: money(preview.terms.deposit) })
          : t("portal_reschedule.keeps_terms")}
      </p>
      <p class="mt-1">{t("portal_reschedule.moves_left", { count: preview.movesLeft })}</p>
    </div>
  );

  if (data.step === "taken") {
    return (
      <section class="rounded-lg border border-line bg-white p-5" role="alert">
        <h1 class="text-xl font-semibold">{t("portal_reschedule.taken_title")}</h1>
        <p class="mt-2">{data.message ?? t("portal_reschedule.taken")}</p>
        <p class="mt-4">
          <a class="underline" href={here}>{t("portal_reschedule.change_time")}</a>
        </p>
      </section>
    );
  }

  if (data.step === "refused") {
    const { result, cancellation, terms } = data.preview;
    return (
      <>
        {back}
        {heading}
        <section class="mt-4 rounded-lg border border-line bg-white p-4" data-testid="reschedule-outcome">
          <p>
            {result.reason === "too_late"
              ? t("portal_reschedule.too_late", { hours: String(terms.policy.rescheduleMinHours) })
              : t("portal_reschedule.no_moves_left", { count: terms.transfers })}
          </p>
          {cancellation && (
            <>
              <p class="mt-2">{t("portal_reschedule.instead")}</p>
              <p class="mt-1 font-medium">
                {t(CANCEL_OUTCOME[cancellation.result.outcome], {
                  hours: String(cancellation.result.window.minHoursBefore),
                  refund: money(cancellation.result.refund),
                  kept: money(cancellation.result.kept),
                  due: money(cancellation.result.due),
                })}
              </p>
            </>
          )}
          <ul class="mt-4 flex flex-col gap-2">
            <li>
              <a class="underline" href={`${session}#cancel`}>{t("portal_reschedule.cancel_link")}</a>
            </li>
            <li>
              <a class="underline" href={`${base}/portal/book/${data.preview.offer.id}`}>
                {t("portal_reschedule.book_link")}
              </a>
            </li>
          </ul>
        </section>
      </>
    );
  }

  if (data.step === "confirm") {
    const end = new Date(data.start.getTime() + data.preview.minutes * 60_000);
    return (
      <>
        <p class="text-sm">
          <a class="underline" href={here}>{t("portal_reschedule.change_time")}</a>
        </p>
        <h1 class="mt-2 text-2xl font-semibold">{t("portal_reschedule.confirm_title")}</h1>
        <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-line bg-white p-4">
          <dt class="text-neutral-600">{t("portal_reschedule.from")}</dt>
          <dd>{when(data.preview.view.start, data.preview.view.end, zone, locale)}</dd>
          <dt class="text-neutral-600">{t("portal_reschedule.to")}</dt>
          <dd data-testid="new-time">
            {when(data.start, end, zone, locale)}
            <span class="block text-sm text-neutral-600">{t("portal.book.zone", { zone })}</span>
          </dd>
        </dl>
        {outcome}
        <form method="post" class="mt-4">
          <input type="hidden" name="start" value={data.start.toISOString()} />
          <Button type="submit">{t("portal_reschedule.confirm")}</Button>
        </form>
      </>
    );
  }

  const link = (params: Record<string, string>) => `${here}?${new URLSearchParams(params)}`;
  return (
    <>
      {back}
      {heading}
      {outcome}
      <h2 class="mt-6 font-medium">{t("portal_reschedule.pick")}</h2>
      <SlotPicker
        month={data.month}
        day={data.day}
        monthHref={(m) => link({ month: m })}
        dayHref={(date) => link({ month: data.month.month, day: date })}
        slotHref={(slot) => link({ start: slot.start.toISOString() })}
        zone={zone}
        t={t}
        locale={locale}
      />
    </>
  );
});

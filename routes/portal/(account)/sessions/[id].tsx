import { Button } from "@/components/Button.tsx";
import { ClientBookingSummary } from "@/components/ClientBookingSummary.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { log } from "@/lib/http/logger.ts";
import { requireClient } from "@/lib/http/portal_session.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { type CancellationPreview, cancelOnline, previewCancellation } from "@/lib/portal/cancel.ts";
import { onlinePayments } from "@/lib/portal/online_payments.ts";
import { type ClientBookingView, clientBookingView } from "@/lib/portal/portal_booking.ts";

export const access: Access = "client";

const OUTCOME_TEXT = {
  full_refund: "portal.cancel.outcome.full_refund",
  deposit_kept: "portal.cancel.outcome.deposit_kept",
  full_charge: "portal.cancel.outcome.full_charge",
} as const;

interface Data {
  view: ClientBookingView;
  preview: CancellationPreview | null;
  cancelled: boolean;
  rescheduled: boolean;
}

/**
 * One of the client's sessions (journey 17). While it can still be cancelled online, the page says
 * exactly what cancelling now means for their money — before they confirm.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const now = new Date();
    const view = await clientBookingView(studio.db, ctx.params.id, client.clientId, now);
    if (!view) throw new NotFoundError("No such session.");
    const preview = await previewCancellation(studio.db, view.booking.id, client.clientId, now);
    return ctx.render({
      view,
      preview,
      cancelled: ctx.url.searchParams.get("cancelled") === "1",
      rescheduled: ctx.url.searchParams.get("rescheduled") === "1",
    });
  },
  async POST(ctx) {
    const studio = requireStudio(ctx);
    const client = requireClient(ctx);
    const { config, mailer } = depsOf(ctx);
    const online = onlinePayments(config, ctx.state.portal!.brand.settings);
    await cancelOnline(studio.db, ctx.params.id, client.clientId, online);
    await notifyBooking(mailer, studio.db, ctx.params.id, "cancelled")
      .catch((error) => log.error("cancellation e-mail failed", { error }));
    return ctx.redirect(`${studio.base}/portal/sessions/${ctx.params.id}?cancelled=1`, 303);
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const zone = state.portal!.brand.timezone;
  const { view, preview } = data;
  const currency = view.terms?.currency ?? state.portal!.brand.currency;
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const outcome = view.terms?.cancellation as {
    outcome?: string;
    refund?: number;
    kept?: number;
    due?: number;
  } | null;
  return (
    <>
      <p class="text-sm">
        <a class="underline" href={`${base}/portal`}>{t("portal.invoice.back")}</a>
      </p>
      {data.cancelled && outcome && (
        <p class="mt-2 rounded-lg border border-line bg-white p-3" role="status">
          {t("portal.cancel.done", {
            refund: money(outcome.refund ?? 0),
            kept: money(outcome.kept ?? 0),
            due: money(outcome.due ?? 0),
          })}
        </p>
      )}
      {data.rescheduled && (
        <p class="mt-2 rounded-lg border border-line bg-white p-3" role="status">
          {t("portal_reschedule.done")}
        </p>
      )}
      <div class="mt-2">
        <ClientBookingSummary view={view} zone={zone} t={t} locale={locale} />
      </div>
      {preview && (
        <p class="mt-4">
          <a class="underline" href={`${base}/portal/sessions/${view.booking.id}/reschedule`}>
            {t("portal_reschedule.link")}
          </a>
        </p>
      )}
      {preview && (
        <section class="mt-6 rounded-lg border border-line bg-white p-4" aria-labelledby="cancel">
          <h2 id="cancel" class="text-lg font-semibold">{t("portal.cancel.title")}</h2>
          <p class="mt-2" data-testid="cancel-outcome">
            {t(OUTCOME_TEXT[preview.result.outcome], {
              hours: String(preview.result.window.minHoursBefore),
              refund: money(preview.result.refund),
              kept: money(preview.result.kept),
              due: money(preview.result.due),
            })}
          </p>
          <form method="post" class="mt-4">
            <Button type="submit" variant="danger">{t("portal.cancel.confirm")}</Button>
          </form>
        </section>
      )}
    </>
  );
});

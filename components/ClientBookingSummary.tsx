import type { ClientBookingView } from "@/lib/portal/portal_booking.ts";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { formatDate, formatMoney, formatTime } from "@/lib/i18n/mod.ts";
import { Badge, type BadgeTone } from "./Badge.tsx";

const TONE: Record<ClientBookingView["state"], BadgeTone> = {
  awaiting_payment: "warning",
  awaiting_approval: "info",
  confirmed: "success",
  cancelled: "neutral",
  expired: "neutral",
  done: "neutral",
};

/** One booking as the portal shows it to its client: what, when (studio's zone), where, status, money. */
export function ClientBookingSummary(
  { view, zone, t, locale }: { view: ClientBookingView; zone: string; t: Translator["t"]; locale: Locale },
) {
  const { booking, terms } = view;
  return (
    <div class="rounded-lg border border-line bg-white p-4">
      <div class="flex items-start justify-between gap-3">
        <h2 class="text-lg font-medium">{booking.title}</h2>
        <Badge tone={TONE[view.state]}>{t(`portal.state.${view.state}`)}</Badge>
      </div>
      <p class="mt-1">
        {formatDate(view.start, zone, locale, "full")},{" "}
        {formatTime(view.start, zone, locale)}–{formatTime(view.end, zone, locale)}
      </p>
      <p class="text-sm text-neutral-600">{booking.room.name} · {t("portal.book.zone", { zone })}</p>
      {terms && (
        <p class="mt-2 text-sm">
          {t("portal.summary.price", { price: formatMoney(terms.price, terms.currency, locale) })}
          {terms.deposit > 0 &&
            ` · ${
              t("portal.summary.deposit", { amount: formatMoney(terms.deposit, terms.currency, locale) })
            }`}
        </p>
      )}
    </div>
  );
}

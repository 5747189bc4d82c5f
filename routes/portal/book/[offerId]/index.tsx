import { SlotPicker } from "@/components/SlotPicker.tsx";
import type { Access } from "@/lib/auth/access.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatMoney } from "@/lib/i18n/mod.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import { chosenDay, type MonthAvailability, monthAvailability } from "@/lib/portal/month_availability.ts";
import type { Offer } from "@/lib/portal/offer_slots.ts";
import { getOffer } from "@/lib/portal/offers.ts";

export const access: Access = "public";

interface Data {
  offer: Offer;
  minutes: number;
  month: MonthAvailability;
  day: string | null;
}

/**
 * Choosing a time (journey 15): a length, then a day of the month with free times, then a start.
 * Everything is a link, so the page works without JavaScript and ships none.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    const studio = requireStudio(ctx);
    const { settings, timezone } = ctx.state.portal!.brand;
    const offer = await getOffer(studio.db, ctx.params.offerId);
    if (!offer || !offer.active || !settings.bookingEnabled) {
      throw new NotFoundError("This offer is not available.");
    }
    const asked = Number(ctx.url.searchParams.get("minutes"));
    const minutes = offer.durations.some((d) => d.minutes === asked) ? asked : offer.durations[0].minutes;
    const month = await monthAvailability(studio.db, offer, {
      month: ctx.url.searchParams.get("month"),
      minutes,
      now: new Date(),
      timeZone: timezone,
      minNoticeHours: settings.minNoticeHours,
      horizonDays: settings.horizonDays,
    });
    const day = chosenDay(month, ctx.url.searchParams.get("day"));
    return ctx.render({ offer, minutes, month, day });
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t, locale } = state;
  const base = state.studio!.base;
  const zone = state.portal!.brand.timezone;
  const { offer, minutes, month } = data;
  const here = `${base}/portal/book/${offer.id}`;
  const link = (params: Record<string, string | number>) =>
    `${here}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  return (
    <>
      <p class="text-sm">
        <a class="underline" href={`${base}/portal/book`}>{t("portal.book.all_offers")}</a>
      </p>
      <h1 class="mt-2 text-2xl font-semibold">{offer.name}</h1>
      {offer.description && <p class="mt-1 text-neutral-700">{offer.description}</p>}

      <h2 class="mt-6 font-medium">{t("portal.book.length")}</h2>
      <ul class="mt-2 flex flex-wrap gap-2">
        {offer.durations.map((d) => (
          <li key={d.minutes}>
            <a
              href={link({ minutes: d.minutes, month: month.month })}
              aria-current={d.minutes === minutes ? "true" : undefined}
              class="block rounded-full border border-line bg-white px-3 py-1.5 text-sm aria-[current]:border-(--brand,#4338ca) aria-[current]:font-semibold"
            >
              {formatDuration(d.minutes, t)} · {formatMoney(d.price, offer.currency, locale)}
            </a>
          </li>
        ))}
      </ul>

      <SlotPicker
        month={month}
        day={data.day}
        monthHref={(m) => link({ minutes, month: m })}
        dayHref={(date) => link({ minutes, month: month.month, day: date })}
        slotHref={(slot) =>
          `${here}/confirm?${new URLSearchParams({
            minutes: String(minutes),
            start: slot.start.toISOString(),
          })}`}
        zone={zone}
        t={t}
        locale={locale}
      />
    </>
  );
});

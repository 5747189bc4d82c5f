import type { Access } from "@/lib/auth/access.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { define } from "@/lib/http/define.ts";
import { requireStudio } from "@/lib/http/studio.ts";
import { formatDate, formatMoney, formatTime } from "@/lib/i18n/mod.ts";
import { formatDuration } from "@/lib/portal/durations.ts";
import { type MonthAvailability, monthAvailability } from "@/lib/portal/month_availability.ts";
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
    const askedDay = ctx.url.searchParams.get("day");
    const day = month.days.find((d) => d.date === askedDay && d.slots.length > 0)?.date ??
      month.days.find((d) => d.slots.length > 0)?.date ?? null;
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
  const slots = month.days.find((d) => d.date === data.day)?.slots ?? [];
  const firstWeekday = (new Date(`${month.month}-01T12:00:00Z`).getUTCDay() + 6) % 7;
  const monthLabel = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${month.month}-15T12:00:00Z`));
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

      <section class="mt-6 rounded-lg border border-line bg-white p-3" aria-labelledby="month">
        <div class="flex items-center justify-between">
          {month.previous
            ? (
              <a class="px-2 py-1 underline" href={link({ minutes, month: month.previous })}>
                {t("portal.book.previous")}
              </a>
            )
            : <span />}
          <h2 id="month" class="font-medium capitalize">{monthLabel}</h2>
          {month.next
            ? (
              <a class="px-2 py-1 underline" href={link({ minutes, month: month.next })}>
                {t("portal.book.next")}
              </a>
            )
            : <span />}
        </div>
        <ol class="mt-2 grid grid-cols-7 gap-1 text-center text-sm">
          {Array.from({ length: firstWeekday }, (_, i) => <li key={`pad${i}`} aria-hidden="true" />)}
          {month.days.map((d) => {
            const label = formatDate(new Date(`${d.date}T12:00:00Z`), "UTC", locale);
            const number = Number(d.date.slice(8));
            return (
              <li key={d.date}>
                {d.slots.length > 0
                  ? (
                    <a
                      href={link({ minutes, month: month.month, day: d.date })}
                      aria-label={label}
                      aria-current={d.date === data.day ? "date" : undefined}
                      class="block rounded py-2 font-medium text-(--brand,#4338ca) bg-neutral-100 aria-[current]:bg-(--brand,#4338ca) aria-[current]:text-white"
                    >
                      {number}
                    </a>
                  )
                  : <span class="block py-2 text-neutral-400">{number}</span>}
              </li>
            );
          })}
        </ol>
      </section>

      <section class="mt-6" aria-labelledby="times">
        <h2 id="times" class="font-medium">
          {data.day
            ? t("portal.book.times_on", {
              date: formatDate(new Date(`${data.day}T12:00:00Z`), "UTC", locale),
            })
            : t("portal.book.no_times")}
        </h2>
        <p class="text-sm text-neutral-600">{t("portal.book.zone", { zone })}</p>
        <ul class="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-4">
          {slots.map((slot) => (
            <li key={slot.start.toISOString()}>
              <a
                href={`${here}/confirm?${new URLSearchParams({
                  minutes: String(minutes),
                  start: slot.start.toISOString(),
                })}`}
                class="block rounded border border-line bg-white py-2 text-center font-medium focus-ring hover:border-(--brand,#4338ca)"
              >
                {formatTime(slot.start, zone, locale)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
});

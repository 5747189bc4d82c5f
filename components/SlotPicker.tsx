import { VisitorTime, VisitorTimeNote } from "@/components/VisitorTime.tsx";
import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { formatDate, formatTime } from "@/lib/i18n/mod.ts";
import type { MonthAvailability } from "@/lib/portal/month_availability.ts";
import type { OfferSlot } from "@/lib/portal/offer_slots.ts";

export interface SlotPickerProps {
  month: MonthAvailability;
  /** The day whose times are listed ("YYYY-MM-DD"), or null when the month has none. */
  day: string | null;
  /** Where the previous/next month links and a day's link go. */
  monthHref: (month: string) => string;
  dayHref: (date: string) => string;
  /** Where choosing a time goes (the confirm step). */
  slotHref: (slot: OfferSlot) => string;
  zone: string;
  t: Translator["t"];
  locale: Locale;
}

/**
 * A month of free times as the portal offers them (booking and rescheduling): days with times are
 * links, the chosen day's starts are links, in the studio's zone. Plain links, no JavaScript needed.
 */
export function SlotPicker({ month, day, monthHref, dayHref, slotHref, zone, t, locale }: SlotPickerProps) {
  const slots = month.days.find((d) => d.date === day)?.slots ?? [];
  const firstWeekday = (new Date(`${month.month}-01T12:00:00Z`).getUTCDay() + 6) % 7;
  const monthLabel = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${month.month}-15T12:00:00Z`));
  return (
    <>
      <section class="mt-6 rounded-lg border border-line bg-white p-3" aria-labelledby="month">
        <div class="flex items-center justify-between">
          {month.previous
            ? (
              <a class="px-2 py-1 underline" href={monthHref(month.previous)}>
                {t("portal.book.previous")}
              </a>
            )
            : <span />}
          <h2 id="month" class="font-medium capitalize">{monthLabel}</h2>
          {month.next
            ? (
              <a class="px-2 py-1 underline" href={monthHref(month.next)}>
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
                      href={dayHref(d.date)}
                      aria-label={label}
                      aria-current={d.date === day ? "date" : undefined}
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
          {day
            ? t("portal.book.times_on", { date: formatDate(new Date(`${day}T12:00:00Z`), "UTC", locale) })
            : t("portal.book.no_times")}
        </h2>
        <p class="text-sm text-neutral-600">{t("portal.book.zone", { zone })}</p>
        <VisitorTimeNote zone={zone} t={t} />
        <ul class="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-4">
          {slots.map((slot) => (
            <li key={slot.start.toISOString()}>
              <a
                href={slotHref(slot)}
                class="block rounded border border-line bg-white py-2 text-center font-medium focus-ring hover:border-(--brand,#4338ca)"
              >
                <VisitorTime at={slot.start}>{formatTime(slot.start, zone, locale)}</VisitorTime>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

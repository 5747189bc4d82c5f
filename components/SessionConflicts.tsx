import type { Translator } from "@/lib/i18n/translator.ts";
import type { Locale } from "@/lib/i18n/locales.ts";
import type { Conflict } from "@/lib/scheduling/booking_conflicts.ts";

export interface SessionConflictsProps {
  conflicts: (Conflict & { occurrence?: number })[];
  t: Translator["t"];
  locale: Locale;
  timeZone: string;
  base: string;
}

/** Why a booking was refused: each resource, the booking or closure in its way, and when, in the studio's zone. */
export function SessionConflicts({ conflicts, t, locale, timeZone, base }: SessionConflictsProps) {
  if (conflicts.length === 0) return null;
  const range = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <div
      role="alert"
      class="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
      id="conflicts"
    >
      <h2 class="font-semibold">{t("sessions.conflicts.title", { count: conflicts.length })}</h2>
      <ul class="mt-2 list-disc space-y-1 pl-5">
        {conflicts.map((c, i) => (
          <li key={i}>
            {c.occurrence !== undefined && <span class="font-medium">#{c.occurrence + 1}:</span>}
            {t(`sessions.conflicts.${c.reason}`, { resource: c.resourceName })}{" "}
            {c.bookingId && (
              <a class="underline" href={`${base}/app/sessions/${c.bookingId}`}>“{c.bookingTitle}”</a>
            )} <span class="whitespace-nowrap">{range.formatRange(new Date(c.start), new Date(c.end))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

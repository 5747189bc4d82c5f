import type { Translator } from "../i18n/mod.ts";

/** "4 h", "1 h 30", "45 min": how a session length reads on the booking pages. */
export function formatDuration(minutes: number, t: Translator["t"]): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t("portal.duration.minutes", { minutes: String(rest) });
  return rest === 0
    ? t("portal.duration.hours", { hours: String(hours) })
    : t("portal.duration.hours_minutes", { hours: String(hours), minutes: String(rest).padStart(2, "0") });
}

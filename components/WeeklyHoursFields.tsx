import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { WEEKDAYS } from "@/lib/scheduling/weekly_hours.ts";
import { fieldId } from "./Field.tsx";
import type { FieldError } from "./FormErrorSummary.tsx";

export interface WeeklyHoursFieldsProps {
  /** The domain field: inputs are `<name>.<weekday>.open|close|open2|close2`, errors `<name>.<weekday>`. */
  name: string;
  legend: string;
  hint?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  t: Translator["t"];
  locale: Locale;
}

// 2024-01-01 was a Monday, so ISO weekday n is January n.
const weekdayNames = new Map<Locale, string[]>();
/** The name of ISO weekday `weekday` (Monday 1) in `locale`: "Monday", "lundi". */
export function weekdayName(locale: Locale, weekday: number): string {
  let names = weekdayNames.get(locale);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
    names = WEEKDAYS.map((day) => format.format(Date.UTC(2024, 0, day)));
    weekdayNames.set(locale, names);
  }
  return names[weekday - 1];
}

/**
 * A form's errors for FormErrorSummary, each weekday's problem named by its day ("Monday: …"), since
 * the summary shows it away from the row it is about.
 */
export function errorSummary(
  errors: Record<string, string>,
  t: Translator["t"],
  locale: Locale,
): FieldError[] {
  return Object.entries(errors).map(([name, message]) => {
    const day = /^(?:openingHours|workingHours)\.([1-7])$/.exec(name);
    return {
      name,
      message: day
        ? t("resources.hours.day_problem", { day: weekdayName(locale, Number(day[1])), problem: message })
        : message,
    };
  });
}

/**
 * A weekly timetable as seven rows of time inputs: opening and closing time, and an optional second
 * interval (a lunch break, an evening slot). A blank day is closed. The first input of a day carries
 * `fieldId("<name>.<weekday>")`, where FormErrorSummary links that day's problem.
 */
export function WeeklyHoursFields({ name, legend, hint, values, errors, t, locale }: WeeklyHoursFieldsProps) {
  const hintId = `${fieldId(name)}-hint`;
  return (
    <fieldset class="flex flex-col gap-3" aria-describedby={hint ? hintId : undefined}>
      <legend class="text-sm font-medium text-ink">{legend}</legend>
      {hint && <p id={hintId} class="-mt-1 text-sm text-ink-muted">{hint}</p>}
      {WEEKDAYS.map((weekday) => {
        const day = weekdayName(locale, weekday);
        const key = `${name}.${weekday}`;
        const error = errors[key];
        const errorId = `${fieldId(key)}-error`;
        const input = (part: "open" | "close" | "open2" | "close2", label: string) => {
          const inputName = `${key}.${part}`;
          return (
            <label class="flex flex-col gap-1 text-xs text-ink-muted">
              <span>{label}</span>
              <input
                type="time"
                name={inputName}
                id={part === "open" ? fieldId(key) : fieldId(inputName)}
                value={values[inputName] ?? ""}
                aria-label={`${day}: ${label}`}
                aria-invalid={error ? "true" : undefined}
                aria-describedby={error ? errorId : undefined}
                class="field sm:w-32"
              />
            </label>
          );
        };
        return (
          <div key={weekday} role="group" aria-label={day} class="flex flex-col gap-1">
            <div class="flex flex-col gap-2 sm:flex-row sm:items-end sm:gap-3">
              <span class="text-sm font-medium text-ink sm:w-28 sm:pb-2">{day}</span>
              <div class="grid grid-cols-2 gap-2 sm:flex sm:items-end sm:gap-3">
                {input("open", t("resources.hours.opens"))}
                {input("close", t("resources.hours.closes"))}
                <span class="hidden pb-2 text-sm text-ink-muted sm:block">{t("resources.hours.and")}</span>
                {input("open2", t("resources.hours.opens_again"))}
                {input("close2", t("resources.hours.closes_again"))}
              </div>
            </div>
            {error && <p id={errorId} class="text-sm font-medium text-danger-700 sm:ps-31">{error}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}

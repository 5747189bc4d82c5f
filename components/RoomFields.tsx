import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import { ROOM_KINDS } from "@/lib/scheduling/rooms.ts";
import { Card } from "./Card.tsx";
import { ColourField } from "./ColourField.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { WeeklyHoursFields } from "./WeeklyHoursFields.tsx";

export interface RoomFieldsProps {
  /** The form's text by field name (lib/scheduling/resource_forms.ts roomValues). */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** ISO 4217 code of the studio's currency, shown with each rate. */
  currency: string;
  t: Translator["t"];
  locale: Locale;
}

/** Every field of a room, in the cards of its form: the room, opening hours, rates, booking rules. */
export function RoomFields({ values, errors, currency, t, locale }: RoomFieldsProps) {
  const amount = { type: "text" as const, inputmode: "decimal" as const, autocomplete: "off" };
  const hours = { type: "text" as const, inputmode: "decimal" as const, hint: t("resources.hours_hint") };
  return (
    <>
      <Card title={t("rooms.section.details")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input label={t("rooms.field.name")} name="name" value={values.name} error={errors.name} required />
          <Select
            label={t("rooms.field.kind")}
            name="kind"
            value={values.kind}
            error={errors.kind}
            options={ROOM_KINDS.map((kind) => ({ value: kind, label: t(`rooms.kind.${kind}`) }))}
          />
          <Input
            label={t("rooms.field.capacity")}
            name="capacity"
            type="number"
            min={1}
            value={values.capacity}
            error={errors.capacity}
            hint={t("rooms.field.capacity_hint")}
          />
          <Input
            label={t("rooms.field.location")}
            name="location"
            value={values.location}
            error={errors.location}
          />
          <ColourField
            label={t("resources.field.colour")}
            name="colour"
            value={values.colour}
            error={errors.colour}
            hint={t("resources.field.colour_hint")}
          />
        </div>
      </Card>
      <Card title={t("rooms.section.hours")}>
        <WeeklyHoursFields
          name="openingHours"
          legend={t("rooms.field.opening_hours")}
          hint={t("resources.hours.hint")}
          values={values}
          errors={errors}
          t={t}
          locale={locale}
        />
      </Card>
      <Card title={t("rooms.section.rates")}>
        <p class="mb-4 text-sm text-ink-muted">{t("rooms.rates_hint")}</p>
        <div class="grid gap-4 sm:grid-cols-3">
          <Input
            {...amount}
            label={t("rooms.field.hourly_rate", { currency })}
            name="hourlyRate"
            value={values.hourlyRate}
            error={errors.hourlyRate}
            required
            class="sm:col-span-3 sm:max-w-xs"
          />
          <Input
            {...amount}
            label={t("rooms.field.half_day_rate", { currency })}
            name="halfDayRate"
            value={values.halfDayRate}
            error={errors.halfDayRate}
          />
          <Input
            {...hours}
            label={t("rooms.field.half_day_length")}
            name="halfDayMinutes"
            value={values.halfDayMinutes}
            error={errors.halfDayMinutes}
            class="sm:col-span-2 sm:max-w-xs"
          />
          <Input
            {...amount}
            label={t("rooms.field.day_rate", { currency })}
            name="dayRate"
            value={values.dayRate}
            error={errors.dayRate}
          />
          <Input
            {...hours}
            label={t("rooms.field.day_length")}
            name="dayMinutes"
            value={values.dayMinutes}
            error={errors.dayMinutes}
            class="sm:col-span-2 sm:max-w-xs"
          />
          <Input
            {...amount}
            label={t("rooms.field.night_rate", { currency })}
            name="nightRate"
            value={values.nightRate}
            error={errors.nightRate}
            hint={t("rooms.field.night_rate_hint")}
          />
          <Input
            label={t("rooms.field.night_start")}
            name="nightStart"
            type="time"
            value={values.nightStart}
            error={errors.nightStart}
          />
          <Input
            label={t("rooms.field.night_end")}
            name="nightEnd"
            type="time"
            value={values.nightEnd}
            error={errors.nightEnd}
          />
        </div>
      </Card>
      <Card title={t("rooms.section.rules")}>
        <div class="grid gap-4 sm:grid-cols-3">
          <Input
            {...hours}
            label={t("rooms.field.minimum")}
            name="minimumMinutes"
            value={values.minimumMinutes}
            error={errors.minimumMinutes}
          />
          <Input
            label={t("rooms.field.setup")}
            name="setupMinutes"
            type="number"
            min={0}
            value={values.setupMinutes}
            error={errors.setupMinutes}
            hint={t("rooms.field.buffer_hint")}
          />
          <Input
            label={t("rooms.field.teardown")}
            name="teardownMinutes"
            type="number"
            min={0}
            value={values.teardownMinutes}
            error={errors.teardownMinutes}
            hint={t("rooms.field.buffer_hint")}
          />
        </div>
      </Card>
    </>
  );
}

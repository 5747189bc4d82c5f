import type { Locale, Translator } from "@/lib/i18n/mod.ts";
import type { LinkableStaff } from "@/lib/scheduling/engineers.ts";
import { Card } from "./Card.tsx";
import { ColourField } from "./ColourField.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { WeeklyHoursFields } from "./WeeklyHoursFields.tsx";

export interface EngineerFieldsProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  currency: string;
  /** The studio's members an engineer can be linked to. */
  staff: LinkableStaff[];
  t: Translator["t"];
  locale: Locale;
}

/** Every field of an engineer: who they are, their staff account, working hours and rates. */
export function EngineerFields({ values, errors, currency, staff, t, locale }: EngineerFieldsProps) {
  return (
    <>
      <Card title={t("engineers.section.details")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input
            label={t("engineers.field.name")}
            name="name"
            value={values.name}
            error={errors.name}
            required
          />
          <Select
            label={t("engineers.field.staff")}
            name="staffId"
            value={values.staffId}
            error={errors.staffId}
            options={staff.map((person) => ({
              value: person.staffId,
              label: `${person.name} (${person.email})`,
            }))}
            placeholder={t("engineers.field.staff_none")}
            hint={t("engineers.field.staff_hint")}
          />
          <Input
            label={t("engineers.field.email")}
            name="email"
            type="email"
            value={values.email}
            error={errors.email}
            autocomplete="off"
          />
          <Input
            label={t("engineers.field.phone")}
            name="phone"
            type="tel"
            value={values.phone}
            error={errors.phone}
            autocomplete="off"
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
      <Card title={t("engineers.section.hours")}>
        <WeeklyHoursFields
          name="workingHours"
          legend={t("engineers.field.working_hours")}
          hint={t("resources.hours.hint")}
          values={values}
          errors={errors}
          t={t}
          locale={locale}
        />
      </Card>
      <Card title={t("engineers.section.rates")}>
        <div class="grid gap-4 sm:grid-cols-3">
          <Input
            label={t("engineers.field.hourly_rate", { currency })}
            name="hourlyRate"
            inputmode="decimal"
            value={values.hourlyRate}
            error={errors.hourlyRate}
            required
          />
          <Input
            label={t("engineers.field.day_rate", { currency })}
            name="dayRate"
            inputmode="decimal"
            value={values.dayRate}
            error={errors.dayRate}
            hint={t("engineers.field.day_rate_hint")}
          />
          <Input
            label={t("engineers.field.day_length")}
            name="dayMinutes"
            inputmode="decimal"
            value={values.dayMinutes}
            error={errors.dayMinutes}
            hint={t("resources.hours_hint")}
          />
        </div>
      </Card>
    </>
  );
}

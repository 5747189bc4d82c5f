import type { Translator } from "@/lib/i18n/mod.ts";
import { GEAR_FEE_PER, GEAR_STATUSES } from "@/lib/scheduling/gear.ts";
import { Card } from "./Card.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { Textarea } from "./Textarea.tsx";

export interface GearFieldsProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  currency: string;
  t: Translator["t"];
}

/** Every field of a gear item: name, category, units, add-on fee and status. */
export function GearFields({ values, errors, currency, t }: GearFieldsProps) {
  return (
    <Card title={t("gear.section.details")}>
      <div class="grid gap-4 sm:grid-cols-2">
        <Input label={t("gear.field.name")} name="name" value={values.name} error={errors.name} required />
        <Input
          label={t("gear.field.category")}
          name="category"
          value={values.category}
          error={errors.category}
          hint={t("gear.field.category_hint")}
        />
        <Input
          label={t("gear.field.quantity")}
          name="quantity"
          type="number"
          min={0}
          value={values.quantity}
          error={errors.quantity}
          hint={t("gear.field.quantity_hint")}
          required
        />
        <Select
          label={t("gear.field.status")}
          name="status"
          value={values.status}
          error={errors.status}
          options={GEAR_STATUSES.map((status) => ({ value: status, label: t(`gear.status.${status}`) }))}
          hint={t("gear.field.status_hint")}
        />
        <Input
          label={t("gear.field.fee", { currency })}
          name="fee"
          inputmode="decimal"
          value={values.fee}
          error={errors.fee}
          required
        />
        <Select
          label={t("gear.field.fee_per")}
          name="feePer"
          value={values.feePer}
          error={errors.feePer}
          options={GEAR_FEE_PER.map((per) => ({ value: per, label: t(`gear.fee_per.${per}`) }))}
        />
        <Textarea
          label={t("gear.field.notes")}
          name="notes"
          value={values.notes}
          error={errors.notes}
          rows={3}
          class="sm:col-span-2"
        />
      </div>
    </Card>
  );
}

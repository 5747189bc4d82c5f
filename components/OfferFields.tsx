import { Checkbox } from "./Checkbox.tsx";
import { Card } from "./Card.tsx";
import { fieldId } from "./Field.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { Textarea } from "./Textarea.tsx";
import type { Translator } from "@/lib/i18n/mod.ts";
import { DEPOSIT_RULES, type OfferFormValues, OUTCOMES } from "@/lib/portal/offer_form.ts";

export interface OfferFieldsProps {
  values: OfferFormValues;
  errors: Record<string, string>;
  rooms: { id: string; name: string; active: boolean }[];
  engineers: { id: string; name: string }[];
  /** The currency prices are typed in. */
  currency: string;
  t: Translator["t"];
}

const DEPOSIT_LABELS = {
  greater: "offers.deposit.greater",
  percent: "offers.deposit.percent",
  flat: "offers.deposit.flat",
  none: "offers.deposit.none",
} as const;

export const OUTCOME_LABELS = {
  full_refund: "offers.outcome.full_refund",
  deposit_kept: "offers.outcome.deposit_kept",
  full_charge: "offers.outcome.full_charge",
} as const;

/** A group of checkboxes with one label, hint and error, wired like Field (the summary links to the first box). */
function RoomChoices(
  { rooms, chosen, error, t }: {
    rooms: OfferFieldsProps["rooms"];
    chosen: string[];
    error?: string;
    t: Translator["t"];
  },
) {
  const id = fieldId("roomIds");
  const shown = rooms.filter((r) => r.active || chosen.includes(r.id));
  return (
    <fieldset
      class="flex flex-col gap-1.5"
      aria-describedby={[error ? `${id}-error` : "", `${id}-hint`].filter(Boolean).join(" ")}
    >
      <legend class="text-sm font-medium text-ink">
        {t("offers.form.rooms")}
        <span aria-hidden="true" class="ms-0.5 text-danger-700">*</span>
      </legend>
      <p id={`${id}-hint`} class="text-sm text-ink-muted">{t("offers.form.rooms_hint")}</p>
      {error && <p id={`${id}-error`} class="text-sm font-medium text-danger-700">{error}</p>}
      {shown.length === 0 && <p class="text-sm">{t("offers.form.no_rooms")}</p>}
      <div class="flex flex-wrap gap-x-6 gap-y-2">
        {shown.map((room, i) => (
          <label key={room.id} class="flex items-center gap-2 text-sm text-ink">
            <input
              type="checkbox"
              name="roomIds"
              value={room.id}
              id={i === 0 ? id : undefined}
              checked={chosen.includes(room.id)}
              aria-invalid={error ? "true" : undefined}
              class="size-4"
            />
            {room.active ? room.name : t("offers.form.room_archived", { name: room.name })}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The fields of the offer form (new and edit pages); names match lib/portal/offer_form.ts. */
export function OfferFields({ values, errors, rooms, engineers, currency, t }: OfferFieldsProps) {
  return (
    <div class="flex flex-col gap-6">
      <Card title={t("offers.form.what")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input
            label={t("offers.form.name")}
            name="name"
            value={values.name}
            error={errors.name}
            hint={t("offers.form.name_hint")}
            maxlength={120}
            required
            class="sm:col-span-2"
          />
          <Textarea
            label={t("offers.form.description")}
            name="description"
            value={values.description}
            error={errors.description}
            hint={t("offers.form.description_hint")}
            rows={3}
            class="sm:col-span-2"
          />
          <div class="sm:col-span-2">
            <RoomChoices rooms={rooms} chosen={values.roomIds} error={errors.roomIds} t={t} />
          </div>
          <Select
            label={t("offers.form.engineer")}
            name="engineerId"
            value={values.engineerId}
            error={errors.engineerId}
            placeholder={t("offers.form.no_engineer")}
            options={engineers.map((e) => ({ value: e.id, label: e.name }))}
          />
          <Input
            label={t("offers.form.position")}
            name="position"
            type="number"
            min={0}
            max={10000}
            value={values.position}
            error={errors.position}
            hint={t("offers.form.position_hint")}
          />
          <Checkbox
            label={t("offers.form.requires_approval")}
            name="requiresApproval"
            checked={values.requiresApproval}
            hint={t("offers.form.requires_approval_hint")}
            class="sm:col-span-2"
          />
        </div>
      </Card>

      <Card title={t("offers.form.durations")}>
        <p class="text-sm text-ink-muted">{t("offers.form.durations_hint", { currency })}</p>
        {errors.durations && (
          <p id={`${fieldId("durations")}-error`} class="mt-2 text-sm font-medium text-danger-700">
            {errors.durations}
          </p>
        )}
        <div id={fieldId("durations")} tabindex={-1} class="mt-4 flex flex-col gap-3">
          {values.durations.map((row, i) => (
            <div key={i} class="grid gap-3 sm:grid-cols-2">
              <Input
                label={t("offers.form.minutes_n", { n: i + 1 })}
                name={`durations.${i}.minutes`}
                type="number"
                min={30}
                max={1440}
                step={15}
                value={row.minutes}
                error={errors[`durations.${i}.minutes`]}
              />
              <Input
                label={t("offers.form.price_n", { n: i + 1, currency })}
                name={`durations.${i}.price`}
                value={row.price}
                error={errors[`durations.${i}.price`]}
                inputmode="decimal"
                autocomplete="off"
              />
            </div>
          ))}
        </div>
      </Card>

      <Card title={t("offers.form.deposit")}>
        <div class="grid gap-4 sm:grid-cols-3">
          <Select
            label={t("offers.form.deposit_rule")}
            name="depositRule"
            value={values.depositRule}
            error={errors.depositRule}
            options={DEPOSIT_RULES.map((rule) => ({ value: rule, label: t(DEPOSIT_LABELS[rule]) }))}
          />
          <Input
            label={t("offers.form.deposit_percent")}
            name="depositPercent"
            value={values.depositPercent}
            error={errors.depositPercent}
            hint={t("offers.form.deposit_percent_hint")}
            inputmode="decimal"
            autocomplete="off"
          />
          <Input
            label={t("offers.form.deposit_flat", { currency })}
            name="depositFlat"
            value={values.depositFlat}
            error={errors.depositFlat}
            hint={t("offers.form.deposit_flat_hint")}
            inputmode="decimal"
            autocomplete="off"
          />
        </div>
      </Card>

      <Card title={t("offers.form.cancellation")}>
        <p class="text-sm text-ink-muted">{t("offers.form.cancellation_hint")}</p>
        {errors.windows && (
          <p id={`${fieldId("windows")}-error`} class="mt-2 text-sm font-medium text-danger-700">
            {errors.windows}
          </p>
        )}
        <div id={fieldId("windows")} tabindex={-1} class="mt-4 flex flex-col gap-3">
          {values.windows.map((row, i) => (
            <div key={i} class="grid gap-3 sm:grid-cols-2">
              <Input
                label={t("offers.form.window_hours_n", { n: i + 1 })}
                name={`windows.${i}.hours`}
                type="number"
                min={0}
                max={8760}
                value={row.hours}
                error={errors[`windows.${i}.hours`]}
              />
              <Select
                label={t("offers.form.window_outcome_n", { n: i + 1 })}
                name={`windows.${i}.outcome`}
                value={row.outcome}
                error={errors[`windows.${i}.outcome`]}
                placeholder={t("offers.form.choose_outcome")}
                options={OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME_LABELS[o]) }))}
              />
            </div>
          ))}
        </div>
      </Card>

      <Card title={t("offers.form.reschedule")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input
            label={t("offers.form.max_transfers")}
            name="maxTransfers"
            type="number"
            min={0}
            max={10}
            value={values.maxTransfers}
            error={errors.maxTransfers}
            hint={t("offers.form.max_transfers_hint")}
            required
          />
          <Input
            label={t("offers.form.reschedule_hours")}
            name="rescheduleMinHours"
            type="number"
            min={0}
            max={8760}
            value={values.rescheduleMinHours}
            error={errors.rescheduleMinHours}
            hint={t("offers.form.reschedule_hours_hint")}
            required
          />
        </div>
      </Card>
    </div>
  );
}

import { Button } from "./Button.tsx";
import { Card } from "./Card.tsx";
import { NotifyClientCheckbox } from "./NotifyClientCheckbox.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { Textarea } from "./Textarea.tsx";
import type { Translator } from "@/lib/i18n/translator.ts";
import type { BookingChoices } from "@/lib/scheduling/booking_choices.ts";
import { MAX_FORM_DAYS, type SessionFormValues } from "@/lib/scheduling/session_form.ts";

export interface SessionFormProps {
  t: Translator["t"];
  action: string;
  values: SessionFormValues;
  choices: BookingChoices;
  errors: Record<string, string>;
  /** New sessions may repeat; an existing one is changed occurrence by occurrence. */
  allowRepeat?: boolean;
  submitLabel: string;
  /** Sent back with an edit so a change made meanwhile is not overwritten. */
  version?: number;
  /** For an occurrence of a series: which occurrences the change applies to. */
  scopes?: { label: string; value: "this" | "following" | "all" };
  /** The "E-mail the client" box: ticked, the route mails the client once the session is saved. */
  notify?: { label: string; checked: boolean };
}

/**
 * The booking form, without JavaScript: client, room, title, up to seven days with local start and
 * end times (an end before the start is after midnight), engineers, gear quantities, hold or
 * confirmed, and for new sessions a repeat rule.
 */
export function SessionForm(
  { t, action, values, choices, errors, allowRepeat, submitLabel, version, scopes, notify }: SessionFormProps,
) {
  const rows = [...values.days];
  // One empty row to add a day, up to the form's limit.
  if (rows.length < MAX_FORM_DAYS) rows.push({ day: "", start: "", end: "" });
  return (
    <form method="post" action={action} class="flex flex-col gap-6">
      {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
      <Card title={t("sessions.form.what")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input
            label={t("sessions.form.title")}
            name="title"
            value={values.title}
            error={errors.title}
            required
          />
          <Select
            label={t("sessions.form.client")}
            name="clientId"
            options={choices.clients.map((c) => ({ value: c.id, label: c.name }))}
            value={values.clientId}
            placeholder={t("sessions.form.no_client")}
            error={errors.clientId}
          />
          <Select
            label={t("sessions.form.room")}
            name="roomId"
            options={choices.rooms.map((r) => ({ value: r.id, label: r.name }))}
            value={values.roomId}
            placeholder={t("sessions.form.choose_room")}
            error={errors.roomId}
            required
          />
          <label class="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" name="hold" checked={values.hold} class="size-4" />
            {t("sessions.form.hold")}
          </label>
          <Textarea
            label={t("sessions.form.notes")}
            name="notes"
            value={values.notes}
            error={errors.notes}
            rows={3}
            class="sm:col-span-2"
          />
        </div>
      </Card>
      <Card title={t("sessions.form.when")}>
        <p class="mb-4 text-sm text-neutral-700">{t("sessions.form.when_hint")}</p>
        <div class="flex flex-col gap-3">
          {rows.map((row, i) => (
            <fieldset key={i} class="grid gap-3 sm:grid-cols-3">
              <legend class="sr-only">{t("sessions.form.day_n", { n: i + 1 })}</legend>
              <Input
                label={t("sessions.form.day")}
                name={`day${i}`}
                type="date"
                value={row.day}
                error={errors[`day${i}`]}
                required={i === 0}
              />
              <Input
                label={t("sessions.form.start")}
                name={`start${i}`}
                type="time"
                value={row.start}
                error={errors[`start${i}`]}
                required={i === 0}
              />
              <Input
                label={t("sessions.form.end")}
                name={`end${i}`}
                type="time"
                value={row.end}
                error={errors[`end${i}`]}
                required={i === 0}
              />
            </fieldset>
          ))}
        </div>
      </Card>
      <Card title={t("sessions.form.who")}>
        {choices.engineers.length === 0
          ? <p class="text-sm text-neutral-700">{t("sessions.form.no_engineers")}</p>
          : (
            <fieldset>
              <legend class="text-sm font-medium">{t("sessions.form.engineers")}</legend>
              {errors.engineerIds && <p class="mt-1 text-sm text-red-700">{errors.engineerIds}</p>}
              <div class="mt-2 grid gap-2 sm:grid-cols-3">
                {choices.engineers.map((e) => (
                  <label key={e.id} class="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="engineerIds"
                      value={e.id}
                      checked={values.engineerIds.includes(e.id)}
                      class="size-4"
                    />
                    {e.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        {choices.gear.length > 0 && (
          <fieldset class="mt-6">
            <legend class="text-sm font-medium">{t("sessions.form.gear")}</legend>
            {errors.gear && <p class="mt-1 text-sm text-red-700">{errors.gear}</p>}
            <div class="mt-2 grid gap-3 sm:grid-cols-3">
              {choices.gear.map((g) => (
                <Input
                  key={g.id}
                  label={`${g.name} (${t("sessions.form.of_units", { count: g.quantity })})`}
                  name={`gear_${g.id}`}
                  type="number"
                  min="0"
                  max={String(g.quantity)}
                  value={values.gear[g.id] ?? ""}
                  error={errors[`gear_${g.id}`]}
                  hint={g.status === "in_service" ? undefined : t(`sessions.form.gear_${g.status}`)}
                />
              ))}
            </div>
          </fieldset>
        )}
      </Card>
      {allowRepeat && (
        <Card title={t("sessions.form.repeat")}>
          <div class="grid gap-4 sm:grid-cols-3">
            <Select
              label={t("sessions.form.repeat")}
              name="repeat"
              options={[
                { value: "none", label: t("sessions.form.repeat_none") },
                { value: "weekly", label: t("sessions.form.repeat_weekly") },
                { value: "monthly_weekday", label: t("sessions.form.repeat_monthly") },
              ]}
              value={values.repeat}
            />
            <Input
              label={t("sessions.form.repeat_every")}
              name="repeatEvery"
              type="number"
              min="1"
              max="52"
              value={values.repeatEvery}
              error={errors.repeatEvery}
            />
            <Input
              label={t("sessions.form.repeat_count")}
              name="repeatCount"
              type="number"
              min="1"
              max="200"
              value={values.repeatCount}
              error={errors.repeatCount}
            />
          </div>
        </Card>
      )}
      <Card title={t("sessions.form.notes")}>
        <Textarea
          label={t("sessions.form.notes")}
          name="notes"
          value={values.notes}
          error={errors.notes}
          rows={3}
        />
      </Card>
      <div class="flex flex-wrap items-end gap-4">
        {scopes && (
          <Select
            label={scopes.label}
            name="scope"
            options={(["this", "following", "all"] as const).map((value) => ({
              value,
              label: t(`sessions.series.scope.${value}`),
            }))}
            value={scopes.value}
          />
        )}
        {notify && <NotifyClientCheckbox label={notify.label} checked={notify.checked} class="pb-2" />}
        <Button type="submit">{submitLabel}</Button>
      </div>
    </form>
  );
}

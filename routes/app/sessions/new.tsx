import type { Access } from "@/lib/auth/access.ts";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { SessionConflicts } from "@/components/SessionConflicts.tsx";
import { SessionForm } from "@/components/SessionForm.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { Conflict } from "@/lib/scheduling/booking_conflicts.ts";
import { type BookingChoices, bookingChoices } from "@/lib/scheduling/booking_choices.ts";
import { createBooking } from "@/lib/scheduling/bookings.ts";
import { localParts } from "@/lib/scheduling/local_time.ts";
import { createSeries } from "@/lib/scheduling/series.ts";
import {
  emptySessionForm,
  formErrorsOf,
  readSessionForm,
  sessionDraft,
  type SessionFormValues,
} from "@/lib/scheduling/session_form.ts";

export const access: Access = { permission: "sessions.manage" };

interface Data {
  values: SessionFormValues;
  choices: BookingChoices;
  errors: Record<string, string>;
  conflicts: Conflict[];
}

/** Journeys 7 and 8: book a session (room, engineers, gear, several days) or a recurring series. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const values = emptySessionForm();
    const query = ctx.url.searchParams;
    values.roomId = query.get("room") ?? "";
    values.clientId = query.get("client") ?? "";
    // A click on a free calendar slot arrives with its start instant.
    const start = query.get("start");
    if (start && !Number.isNaN(Date.parse(start))) {
      const from = localParts(new Date(start), studio.tenant.timezone);
      const to = localParts(new Date(Date.parse(start) + 2 * 3_600_000), studio.tenant.timezone);
      values.days = [{ day: from.date, start: from.time, end: to.time }];
    }
    return ctx.render({ values, choices: await bookingChoices(studio.db), errors: {}, conflicts: [] });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const values = readSessionForm(await readForm(ctx.req));
    const { draft, errors } = sessionDraft(values, studio.tenant.timezone);
    const again = async (status: number, errors: Record<string, string>, conflicts: Conflict[] = []) =>
      ctx.render({ values, choices: await bookingChoices(studio.db), errors, conflicts }, { status });
    if (Object.keys(errors).length > 0) return again(422, errors);
    const options = { timeZone: studio.tenant.timezone };
    try {
      const id = draft.series
        ? (await createSeries(studio.db, { ...draft, series: draft.series }, actingAs(ctx), options))
          .bookings[0].id
        : (await createBooking(studio.db, draft, actingAs(ctx), options)).id;
      return ctx.redirect(`${studio.base}/app/sessions/${id}`);
    } catch (err) {
      if (err instanceof ValidationError) {
        return again(
          422,
          formErrorsOf(err.fields),
        );
      }
      if (err instanceof ConflictError) return again(409, {}, err.conflicts as unknown as Conflict[]);
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  return (
    <>
      <PageHeader
        title={t("sessions.new.title")}
        description={t("sessions.new.intro", { zone: studio.tenant.timezone })}
      />
      <FormErrorSummary title={t("form.error.summary")} errors={summary} class="mb-6" />
      <SessionConflicts
        conflicts={data.conflicts}
        t={t}
        locale={state.locale}
        timeZone={studio.tenant.timezone}
        base={studio.base}
      />
      <SessionForm
        t={t}
        action={`${studio.base}/app/sessions/new`}
        values={data.values}
        choices={data.choices}
        errors={data.errors}
        allowRepeat
        submitLabel={t("sessions.new.submit")}
      />
    </>
  );
});

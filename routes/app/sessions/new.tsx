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
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { hasEmail } from "@/lib/notifications/recipient.ts";
import { notifyFromForm, wantsNotice } from "@/lib/notifications/staff_notices.ts";
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
  /** Whether "E-mail the client" is ticked. */
  notify: boolean;
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
    // Without a client chosen yet the box is ticked: a client without an address is simply not mailed.
    const notify = values.clientId ? await hasEmail(studio.db, values.clientId) : true;
    return ctx.render({
      values,
      choices: await bookingChoices(studio.db),
      errors: {},
      conflicts: [],
      notify,
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const form = await readForm(ctx.req);
    const values = readSessionForm(form);
    const { draft, errors } = sessionDraft(values, studio.tenant.timezone);
    const again = async (status: number, errors: Record<string, string>, conflicts: Conflict[] = []) =>
      ctx.render({
        values,
        choices: await bookingChoices(studio.db),
        errors,
        conflicts,
        notify: wantsNotice(form),
      }, {
        status,
      });
    if (Object.keys(errors).length > 0) return again(422, errors);
    const options = { timeZone: studio.tenant.timezone };
    try {
      const booked = draft.series
        ? (await createSeries(studio.db, { ...draft, series: draft.series }, actingAs(ctx), options)).bookings
        : [await createBooking(studio.db, draft, actingAs(ctx), options)];
      const kind = booked[0].status === "hold" ? "received" : "confirmed";
      await notifyFromForm(
        ctx,
        form,
        (mailer) => notifyBooking(mailer, studio.db, booked.map((b) => b.id), kind),
      );
      return ctx.redirect(`${studio.base}/app/sessions/${booked[0].id}`);
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
        notify={{ label: t("notify.staff.email_client"), checked: data.notify }}
      />
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { SessionConflicts } from "@/components/SessionConflicts.tsx";
import { SessionForm } from "@/components/SessionForm.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { Conflict } from "@/lib/scheduling/booking_conflicts.ts";
import { type BookingChoices, bookingChoices } from "@/lib/scheduling/booking_choices.ts";
import { type BookingDetail, getBooking } from "@/lib/scheduling/booking_reads.ts";
import { EDITABLE, updateBooking } from "@/lib/scheduling/bookings.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { hasEmail } from "@/lib/notifications/recipient.ts";
import { notifyFromForm, wantsNotice } from "@/lib/notifications/staff_notices.ts";
import { changeSeries, type SeriesScope } from "@/lib/scheduling/series.ts";
import {
  dayValuesOf,
  emptySessionForm,
  formErrorsOf,
  readSessionForm,
  sessionDraft,
  type SessionFormValues,
} from "@/lib/scheduling/session_form.ts";
import { seriesChangeFrom } from "@/lib/scheduling/series_change_form.ts";

export const access: Access = { permission: "sessions.manage" };

interface Data {
  booking: BookingDetail;
  values: SessionFormValues;
  choices: BookingChoices;
  errors: Record<string, string>;
  conflicts: Conflict[];
  scope: SeriesScope;
  /** Whether "E-mail the client" is ticked. */
  notify: boolean;
}

const SCOPES: SeriesScope[] = ["this", "following", "all"];

async function editable(ctx: Ctx<Data>): Promise<BookingDetail> {
  const booking = await getBooking(ctx.state.studio!.db, ctx.params.id);
  if (!booking || !EDITABLE.includes(booking.status)) throw new NotFoundError("No such session to change.");
  return booking;
}

/** Move, resize or re-staff a session (journey 8: one occurrence, or this and following, or all). */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const booking = await editable(ctx);
    const values: SessionFormValues = {
      ...emptySessionForm(),
      clientId: booking.client?.id ?? "",
      roomId: booking.room.id,
      title: booking.title,
      notes: booking.notes ?? "",
      days: dayValuesOf(booking.blocks, studio.tenant.timezone),
      engineerIds: booking.engineers.map((e) => e.id),
      gear: Object.fromEntries(booking.gear.map((g) => [g.id, String(g.quantity)])),
    };
    return ctx.render({
      booking,
      values,
      choices: await bookingChoices(studio.db),
      errors: {},
      conflicts: [],
      scope: "this",
      notify: await hasEmail(studio.db, booking.client?.id),
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const zone = studio.tenant.timezone;
    const booking = await editable(ctx);
    const form = await readForm(ctx.req);
    const values = readSessionForm(form);
    const scope = SCOPES.find((s) => s === form.get("scope")) ?? "this";
    const { draft, errors } = sessionDraft(values, zone);
    const again = async (status: number, errors: Record<string, string>, conflicts: Conflict[] = []) =>
      ctx.render({
        booking,
        values,
        choices: await bookingChoices(studio.db),
        errors,
        conflicts,
        scope,
        notify: wantsNotice(form),
      }, {
        status,
      });
    if (Object.keys(errors).length > 0) return again(422, errors);
    try {
      if (booking.seriesId && scope !== "this") {
        const changed = await changeSeries(
          studio.db,
          booking.id,
          scope,
          seriesChangeFrom(booking, draft, zone),
          actingAs(ctx),
          {
            timeZone: zone,
          },
        );
        await notifyFromForm(
          ctx,
          form,
          (mailer) => notifyBooking(mailer, studio.db, changed.map((b) => b.id), "changed"),
        );
      } else {
        const { clientId, roomId, title, notes, blocks, engineerIds, gear } = draft;
        const version = Number(form.get("version"));
        await updateBooking(
          studio.db,
          booking.id,
          { version, clientId, roomId, title, notes, blocks, engineerIds, gear },
          actingAs(ctx),
          { timeZone: zone },
        );
        await notifyFromForm(
          ctx,
          form,
          (mailer) => notifyBooking(mailer, studio.db, booking.id, "changed", { previous: booking }),
        );
      }
      return ctx.redirect(`${studio.base}/app/sessions/${booking.id}`);
    } catch (err) {
      if (err instanceof ValidationError) {
        return again(
          422,
          formErrorsOf(err.fields),
        );
      }
      if (err instanceof ConflictError) {
        return again(409, { form: err.message }, err.conflicts as unknown as Conflict[]);
      }
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
        title={t("sessions.edit.title")}
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
        action={`${studio.base}/app/sessions/${data.booking.id}/edit`}
        values={data.values}
        choices={data.choices}
        errors={data.errors}
        version={data.booking.version}
        submitLabel={t("sessions.edit.submit")}
        notify={{ label: t("notify.staff.email_client"), checked: data.notify }}
        scopes={data.booking.seriesId
          ? { label: t("sessions.series.change_scope"), value: data.scope }
          : undefined}
      />
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { type Delivery, deliveryLog } from "@/lib/notifications/delivery_log.ts";
import { NotifyClientCheckbox } from "@/components/NotifyClientCheckbox.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { SessionConflicts } from "@/components/SessionConflicts.tsx";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { Conflict } from "@/lib/scheduling/booking_conflicts.ts";
import { type BookingDetail, getBooking } from "@/lib/scheduling/booking_reads.ts";
import { type BookingAction, transitionBooking, TRANSITIONS } from "@/lib/scheduling/bookings.ts";
import { cancelSeries, type SeriesScope } from "@/lib/scheduling/series.ts";
import { canSeeBooking, staffViewer } from "@/lib/scheduling/session_access.ts";
import { notifyBooking } from "@/lib/notifications/booking_notices.ts";
import { hasEmail } from "@/lib/notifications/recipient.ts";
import { noticeForAction, notifyFromForm } from "@/lib/notifications/staff_notices.ts";

export const access: Access = { permission: "sessions.view.assigned", write: "sessions.manage" };

interface Data {
  booking: BookingDetail;
  /** What the client was e-mailed about it (staff who manage sessions see it). */
  deliveries?: Delivery[];
  problem?: string;
  conflicts: Conflict[];
  /** Whether "E-mail the client" starts ticked on confirm and cancel. */
  notify: boolean;
}

const ACTIONS = Object.keys(TRANSITIONS) as BookingAction[];
const SCOPES: SeriesScope[] = ["this", "following", "all"];

async function load(ctx: Ctx<Data>): Promise<BookingDetail> {
  const studio = ctx.state.studio!;
  const booking = await getBooking(studio.db, ctx.params.id);
  if (!booking || !await canSeeBooking(studio.db, staffViewer(ctx.state.staff!), booking)) {
    throw new NotFoundError("No such session.");
  }
  return booking;
}

/** One session: its times in the studio's zone, room, people and gear, and what can happen to it next. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.view.assigned");
    const booking = await load(ctx);
    const manage = can(ctx.state.staff!.role, "sessions.manage");
    return ctx.render({
      booking,
      deliveries: manage ? await deliveryLog(ctx.state.studio!.db, booking.id) : [],
      conflicts: [],
      notify: await hasEmail(ctx.state.studio!.db, booking.client?.id),
    });
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "sessions.manage");
    const studio = ctx.state.studio!;
    const booking = await load(ctx);
    const form = await readForm(ctx.req);
    const action = String(form.get("action")) as BookingAction | "cancel_series";
    const options = {
      timeZone: studio.tenant.timezone,
      reason: String(form.get("reason") ?? "").trim() || undefined,
    };
    try {
      if (action === "cancel_series") {
        const scope = String(form.get("scope")) as SeriesScope;
        if (!SCOPES.includes(scope)) throw new ValidationError({ scope: "Choose which sessions to cancel." });
        const cancelled = await cancelSeries(studio.db, booking.id, scope, actingAs(ctx), options);
        await notifyFromForm(
          ctx,
          form,
          (mailer) => notifyBooking(mailer, studio.db, cancelled.map((b) => b.id), "cancelled"),
        );
      } else if (ACTIONS.includes(action)) {
        const version = Number(form.get("version"));
        await transitionBooking(studio.db, booking.id, action, actingAs(ctx), { ...options, version });
        const kind = noticeForAction(action);
        if (kind) {
          await notifyFromForm(ctx, form, (mailer) => notifyBooking(mailer, studio.db, booking.id, kind));
        }
      } else {
        throw new ValidationError({ action: "Choose what to do with the session." });
      }
      return ctx.redirect(`${studio.base}/app/sessions/${booking.id}`);
    } catch (err) {
      if (!(err instanceof ConflictError || err instanceof ValidationError)) throw err;
      const conflicts = err instanceof ConflictError ? err.conflicts as unknown as Conflict[] : [];
      const notify = await hasEmail(studio.db, booking.client?.id);
      return ctx.render({ booking: await load(ctx), problem: err.message, conflicts, notify }, {
        status: err.status,
      });
    }
  },
});

const STATUS_TONE = {
  hold: "warning",
  confirmed: "success",
  in_progress: "info",
  completed: "neutral",
  cancelled: "danger",
  no_show: "danger",
  expired: "neutral",
} as const;

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const b = data.booking;
  const zone = studio.tenant.timezone;
  const range = new Intl.DateTimeFormat(state.locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: zone,
  });
  const manage = can(state.staff!.role, "sessions.manage");
  const actions = ACTIONS.filter((a) => TRANSITIONS[a].from.includes(b.status));
  return (
    <>
      <PageHeader
        title={b.title}
        description={t("sessions.detail.zone", { zone })}
        actions={manage && ["hold", "confirmed", "in_progress"].includes(b.status)
          ? (
            <Button href={`${studio.base}/app/sessions/${b.id}/edit`} variant="secondary">
              {t("sessions.detail.edit")}
            </Button>
          )
          : undefined}
      />
      {data.problem && (
        <p role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {data.problem}
        </p>
      )}
      <SessionConflicts
        conflicts={data.conflicts}
        t={t}
        locale={state.locale}
        timeZone={zone}
        base={studio.base}
      />
      <div class="mt-4 grid gap-6 lg:grid-cols-3">
        <Card title={t("sessions.detail.when")} class="lg:col-span-2">
          <p class="mb-3">
            <Badge tone={STATUS_TONE[b.status]}>{t(`sessions.status.${b.status}`)}</Badge>
            {b.holdExpiresAt && b.status === "hold" && (
              <span class="ms-2 text-sm text-neutral-700">
                {t("sessions.detail.hold_until", { time: range.format(b.holdExpiresAt) })}
              </span>
            )}
          </p>
          <ul class="space-y-1" data-testid="blocks">
            {b.blocks.map((block) => <li key={block.id}>{range.formatRange(block.start, block.end)}</li>)}
          </ul>
          {b.seriesId && (
            <p class="mt-3 text-sm text-neutral-700">
              {t("sessions.detail.in_series", { n: (b.seriesIndex ?? 0) + 1 })}
            </p>
          )}
        </Card>
        <Card title={t("sessions.detail.who")}>
          <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt class="font-medium">{t("sessions.form.client")}</dt>
            <dd>{b.client?.name ?? "—"}</dd>
            <dt class="font-medium">{t("sessions.form.room")}</dt>
            <dd>{b.room.name}</dd>
            <dt class="font-medium">{t("sessions.form.engineers")}</dt>
            <dd>{b.engineers.map((e) => e.name).join(", ") || "—"}</dd>
            <dt class="font-medium">{t("sessions.form.gear")}</dt>
            <dd>{b.gear.map((g) => `${g.name} × ${g.quantity}`).join(", ") || "—"}</dd>
          </dl>
          {b.notes && <p class="mt-3 whitespace-pre-line text-sm">{b.notes}</p>}
        </Card>
      </div>
      {manage && (actions.length > 0 || b.seriesId) && (
        <Card title={t("sessions.detail.actions")} class="mt-6">
          <div class="flex flex-wrap gap-3">
            {actions.map((action) => (
              <form method="post" key={action}>
                <input type="hidden" name="action" value={action} />
                <input type="hidden" name="version" value={String(b.version)} />
                {noticeForAction(action) && b.client && (
                  <NotifyClientCheckbox
                    label={t("notify.staff.email_client")}
                    checked={data.notify}
                    class="mb-2"
                  />
                )}
                <Button
                  type="submit"
                  variant={action === "cancel" || action === "no_show" ? "danger" : "primary"}
                >
                  {t(`sessions.action.${action}`)}
                </Button>
              </form>
            ))}
          </div>
          {b.seriesId && b.status !== "cancelled" && (
            <form method="post" class="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="action" value="cancel_series" />
              <label class="text-sm">
                <span class="block font-medium">{t("sessions.series.cancel_scope")}</span>
                <select name="scope" class="field mt-1">
                  {SCOPES.map((scope) => (
                    <option key={scope} value={scope}>{t(`sessions.series.scope.${scope}`)}</option>
                  ))}
                </select>
              </label>
              {b.client && (
                <NotifyClientCheckbox
                  label={t("notify.staff.email_client")}
                  checked={data.notify}
                  class="pb-2"
                />
              )}
              <Button type="submit" variant="danger">{t("sessions.series.cancel")}</Button>
            </form>
          )}
        </Card>
      )}
      {manage && b.client && (
        <Card title={t("notify.log.title")} class="mt-6">
          {!data.deliveries?.length
            ? <p class="text-sm text-neutral-700">{t("notify.log.empty")}</p>
            : (
              <ul class="space-y-1 text-sm" data-testid="deliveries">
                {data.deliveries.map((d, i) => (
                  <li key={i}>
                    <time datetime={d.at.toISOString()} class="me-2 tabular-nums">{range.format(d.at)}</time>
                    <span class="font-medium">{t(`notify.log.kind.${d.kind}`)}</span>
                    {" — "}
                    <span class={d.sent ? undefined : "text-danger-700"}>
                      {d.sent
                        ? t("notify.log.sent", { to: d.to })
                        : t("notify.log.failed", { to: d.to, error: d.error ?? "" })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
        </Card>
      )}
    </>
  );
});

import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { ResourceStatusCard } from "@/components/ResourceStatusCard.tsx";
import { RoomFields } from "@/components/RoomFields.tsx";
import { type SubmittedSpan, TimeSpanCard } from "@/components/TimeSpanCard.tsx";
import { Toast } from "@/components/Toast.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import { addClosure, type Closure, listClosures, removeClosure } from "@/lib/scheduling/closures.ts";
import { spanInstants } from "@/lib/scheduling/local_span.ts";
import {
  type FormValues,
  roomFromForm,
  roomValues,
  spanErrors,
  spanFromForm,
  submittedValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { errorMessage, fieldMessages, ResourceConflictError } from "@/lib/scheduling/resource_validation.ts";
import {
  deleteRoom,
  getRoom,
  type Room,
  setRoomActive,
  upcomingRoomSessions,
  updateRoom,
} from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "rooms.manage" };

interface Data {
  room: Room;
  closures: Closure[];
  upcoming: number;
  values: FormValues;
  errors: Record<string, string>;
  span?: SubmittedSpan;
  /** A refused action's message (a room with sessions cannot be deleted). */
  refusal?: string;
}

/** What `?saved=` says after each action. */
const NOTICES: Record<string, MessageId> = {
  created: "rooms.notice.created",
  room: "resources.notice.saved",
  closure: "rooms.notice.closure_added",
  closure_removed: "rooms.notice.closure_removed",
  deactivated: "rooms.notice.deactivated",
  reactivated: "rooms.notice.reactivated",
};

async function pageData(ctx: Ctx<Data>, room: Room, extra: Partial<Data> = {}): Promise<Data> {
  const db = ctx.state.studio!.db;
  const now = new Date();
  const [closures, upcoming] = await Promise.all([
    listClosures(db, { roomId: room.id, endingAfter: now }),
    upcomingRoomSessions(db, room.id, now),
  ]);
  const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
  return { room, closures, upcoming, values: roomValues(room, where), errors: {}, ...extra };
}

/**
 * A room's settings, its closures, and taking it off the booking pages. Each form posts an
 * `intent`; a refused form comes back with its problems beside its fields.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const room = await getRoom(ctx.state.studio!.db, ctx.params.id);
    return ctx.render(await pageData(ctx, room));
  },
  async POST(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.manage");
    const studio = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "save");
    const acting = actingAs(ctx);
    const done = (saved: string) => ctx.redirect(`${studio.base}/app/rooms/${id}?saved=${saved}`);
    try {
      switch (intent) {
        case "save":
          await updateRoom(
            studio.db,
            id,
            roomFromForm(form, { currency: studio.tenant.currency, locale: ctx.state.locale }),
            acting,
            { unchangedSince: unchangedSinceFromForm(form) },
          );
          return done("room");
        case "add-span": {
          const { startsAt, endsAt } = spanInstants(spanFromForm(form), studio.tenant.timezone);
          const reason = String(form.get("reason") ?? "");
          await addClosure(studio.db, { roomId: id, startsAt, endsAt, reason }, acting);
          return done("closure");
        }
        case "remove-span":
          await removeClosure(studio.db, String(form.get("spanId") ?? ""), acting, id);
          return done("closure_removed");
        case "deactivate":
        case "reactivate":
          await setRoomActive(studio.db, id, intent === "reactivate", acting);
          return done(`${intent}d`);
        case "delete":
          await deleteRoom(studio.db, id, acting);
          return ctx.redirect(`${studio.base}/app/rooms?deleted=1`);
        default:
          throw new ValidationError({ intent: "Unknown action." });
      }
    } catch (err) {
      if (err instanceof ValidationError) {
        const room = await getRoom(studio.db, id);
        const errors = fieldMessages(err, ctx.state.t);
        const kind = spanFromForm(form).kind;
        const extra: Partial<Data> = intent === "add-span"
          ? { span: { kind, values: submittedValues(form), errors: spanErrors(kind, errors) } }
          : { values: submittedValues(form), errors };
        return ctx.render(await pageData(ctx, room, extra), { status: 422 });
      }
      if (err instanceof ResourceConflictError) {
        const room = await getRoom(studio.db, id);
        // A stale save keeps what was typed; the form now carries the newer updatedAt.
        const typed = intent === "save" ? { values: submittedValues(form) } : {};
        return ctx.render(await pageData(ctx, room, { ...typed, refusal: errorMessage(err, ctx.state.t) }), {
          status: 409,
        });
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { room } = data;
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const summary = errorSummary(data.errors, t, state.locale);
  const spanSummary = Object.entries(data.span?.errors ?? {}).map(([name, message]) => ({
    name,
    message,
    id: name === "reason" ? `field-${data.span!.kind}-reason` : undefined,
  }));
  return (
    <>
      <PageHeader
        title={room.name}
        description={room.active ? t("rooms.edit_intro") : t("rooms.inactive_intro")}
        actions={<Button href={`${studio.base}/app/rooms`} variant="secondary">{t("rooms.all")}</Button>}
        class="mb-6"
      />
      {notice && !data.refusal && summary.length === 0 && spanSummary.length === 0 && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-6">{t(notice)}</Toast>
      )}
      {data.refusal && (
        <Toast tone="error" dismissLabel={t("common.dismiss")} class="mb-6">{data.refusal}</Toast>
      )}
      <FormErrorSummary title={t("form.error.summary")} errors={[...summary, ...spanSummary]} class="mb-6" />
      <div class="flex flex-col gap-6">
        <form method="post" class="flex flex-col gap-6">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="updatedAt" value={room.updatedAt.toISOString()} />
          <RoomFields
            values={data.values}
            errors={data.errors}
            currency={studio.tenant.currency}
            t={t}
            locale={locale}
          />
          <div>
            <Button type="submit">{t("resources.save")}</Button>
          </div>
        </form>
        <TimeSpanCard
          title={t("rooms.closures.title")}
          intro={t("rooms.closures.intro", { zone: studio.tenant.timezone })}
          empty={t("rooms.closures.empty")}
          spans={data.closures}
          timeZone={studio.tenant.timezone}
          locale={locale}
          t={t}
          submitted={data.span}
        />
        <ResourceStatusCard
          title={t("resources.status.title")}
          active={room.active}
          explanation={room.active ? t("rooms.status.deactivate_body") : t("rooms.status.reactivate_body")}
          upcoming={data.upcoming > 0 ? t("rooms.status.upcoming", { count: data.upcoming }) : undefined}
          deactivateLabel={t("rooms.status.deactivate")}
          reactivateLabel={t("rooms.status.reactivate")}
          deleteLabel={t("rooms.status.delete")}
          deleteExplanation={t("rooms.status.delete_body")}
          deleteQuestion={t("rooms.status.delete_question", { name: room.name })}
          cancelLabel={t("common.cancel")}
          closeLabel={t("common.close")}
        />
      </div>
    </>
  );
});

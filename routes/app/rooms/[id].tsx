import type { Access } from "@/lib/auth/access.ts";
import { ResourceHeader, ResourceSettingsForm, spanErrorSummary } from "@/components/ResourcePage.tsx";
import { ResourceStatusCard } from "@/components/ResourceStatusCard.tsx";
import { RoomFields } from "@/components/RoomFields.tsx";
import { TimeSpanCard } from "@/components/TimeSpanCard.tsx";
import { errorSummary } from "@/components/WeeklyHoursFields.tsx";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { readForm } from "@/lib/http/form.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import { addClosure, type Closure, listClosures, removeClosure } from "@/lib/scheduling/closures.ts";
import {
  type FormValues,
  roomFromForm,
  roomValues,
  unchangedSinceFromForm,
} from "@/lib/scheduling/resource_forms.ts";
import { postResourceForm, type RefusedForm, type RefusedSpan } from "@/lib/scheduling/resource_page.ts";
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
  span?: RefusedSpan;
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

async function pageData(ctx: Ctx<Data>, room: Room, refused: RefusedForm = {}): Promise<Data> {
  const db = ctx.state.studio!.db;
  const now = new Date();
  const [closures, upcoming] = await Promise.all([
    listClosures(db, { roomId: room.id, endingAfter: now }),
    upcomingRoomSessions(db, room.id, now),
  ]);
  const where = { currency: ctx.state.studio!.tenant.currency, locale: ctx.state.locale };
  return { room, closures, upcoming, values: roomValues(room, where), errors: {}, ...refused };
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
    const { db, tenant } = ctx.state.studio!;
    const id = ctx.params.id;
    const form = await readForm(ctx.req);
    const acting = actingAs(ctx);
    const where = { currency: tenant.currency, locale: ctx.state.locale };
    return await postResourceForm(ctx, form, {
      path: `/app/rooms/${id}`,
      list: "/app/rooms",
      saved: { save: "room", addSpan: "closure", removeSpan: "closure_removed" },
      writes: {
        save: () =>
          updateRoom(db, id, roomFromForm(form, where), acting, {
            unchangedSince: unchangedSinceFromForm(form),
          }),
        remove: () => deleteRoom(db, id, acting),
        setActive: (active) => setRoomActive(db, id, active, acting),
        addSpan: (span) => addClosure(db, { roomId: id, ...span }, acting),
        removeSpan: (spanId) => removeClosure(db, spanId, acting, id),
      },
      refused: async (shown, status) =>
        ctx.render(await pageData(ctx, await getRoom(db, id), shown), { status }),
    });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const { room } = data;
  const notice = NOTICES[url.searchParams.get("saved") ?? ""];
  const errors = [...errorSummary(data.errors, t, locale), ...spanErrorSummary(data.span)];
  return (
    <>
      <ResourceHeader
        title={room.name}
        description={room.active ? t("rooms.edit_intro") : t("rooms.inactive_intro")}
        listHref={`${studio.base}/app/rooms`}
        listLabel={t("rooms.all")}
        notice={notice && t(notice)}
        refusal={data.refusal}
        errors={errors}
        t={t}
      />
      <div class="flex flex-col gap-6">
        <ResourceSettingsForm updatedAt={room.updatedAt} saveLabel={t("resources.save")}>
          <RoomFields
            values={data.values}
            errors={data.errors}
            currency={studio.tenant.currency}
            t={t}
            locale={locale}
          />
        </ResourceSettingsForm>
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

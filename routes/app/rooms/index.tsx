import type { Access } from "@/lib/auth/access.ts";
import { Button } from "@/components/Button.tsx";
import { activeColumn, nameColumn, ResourceList } from "@/components/ResourcePage.tsx";
import { formatAmount } from "@/lib/billing/currency.ts";
import { can, requirePermission } from "@/lib/auth/permissions.ts";
import { define } from "@/lib/http/define.ts";
import { hoursText } from "@/lib/scheduling/resource_forms.ts";
import { listRooms, type Room } from "@/lib/scheduling/rooms.ts";

export const access: Access = { permission: "rooms.view" };

/** The studio's rooms, inactive ones last; managers open each to edit it. */
export const handler = define.handlers<{ rooms: Room[] }>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "rooms.view");
    return ctx.render({ rooms: await listRooms(ctx.state.studio!.db, { includeInactive: true }) });
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const studio = state.studio!;
  const manage = can(state.staff!.role, "rooms.manage");
  return (
    <ResourceList
      title={t("rooms.title")}
      intro={t("rooms.intro")}
      add={manage && <Button href={`${studio.base}/app/rooms/new`}>{t("rooms.new")}</Button>}
      notice={url.searchParams.get("deleted") ? t("rooms.deleted") : undefined}
      emptyTitle={t("rooms.empty.title")}
      emptyBody={t("rooms.empty.body")}
      rows={data.rooms}
      t={t}
      columns={[
        nameColumn(t("rooms.field.name"), manage && `${studio.base}/app/rooms`),
        { key: "kind", header: t("rooms.field.kind"), render: (room) => t(`rooms.kind.${room.kind}`) },
        { key: "capacity", header: t("rooms.field.capacity"), align: "end" },
        {
          key: "hourlyRate",
          header: t("rooms.col.hourly"),
          align: "end",
          render: (room) => formatAmount(room.hourlyRate, studio.tenant.currency, locale),
        },
        {
          key: "minimumMinutes",
          header: t("rooms.col.minimum"),
          align: "end",
          render: (room) => t("resources.hours_value", { hours: hoursText(room.minimumMinutes, locale) }),
        },
        activeColumn(t),
      ]}
    />
  );
});
